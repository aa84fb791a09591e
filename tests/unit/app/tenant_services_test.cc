// app::TenantServices: plain tenants share the thread's Service for their
// settings, so a tenant evicted from the thread's cache costs no build when
// it comes back; a tenant with an extension keeps a registry of its own.
// The configurations come from a filled TenantConfigCache or from the
// token lookup's settings, so no query is made (the Database connects on
// first use, and is never used here).
#include "app/tenant_services.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/resource_type.h"
#include "store/database.h"
#include "support/memory_repository.h"

namespace app = fastscim::app;
namespace auth = fastscim::auth;
namespace json = fastscim::json;
namespace scim = fastscim::scim;
namespace store = fastscim::store;

namespace {

constexpr const char* kBase = "https://scim.example.com/scim/v2";
constexpr const char* kAcmeUrn = "urn:acme:2.0:User";

std::shared_ptr<const app::TenantConfig> plain(long long generation, const std::string& unknown_attributes = "") {
  auto config = std::make_shared<app::TenantConfig>();
  config->schema.settings.generation = generation;
  config->schema.settings.unknown_attributes = unknown_attributes;
  return config;
}

std::shared_ptr<const app::TenantConfig> with_extension(long long generation) {
  auto config = std::make_shared<app::TenantConfig>();
  config->schema.settings.generation = generation;
  store::TenantSchemaRow row;
  row.urn = kAcmeUrn;
  row.resource_type = "User";
  row.definition = std::string(R"({"id": ")") + kAcmeUrn + R"(", "attributes": [{"name": "location"}]})";
  config->schema.schemas.push_back(row);
  return config;
}

struct Fixture {
  Fixture() : db(store::DbConfig{}), schemas(db), services(memory, schemas, defaults(), 2) {
    services.set_shared(&configs);
  }
  static scim::ServiceConfig defaults() {
    scim::ServiceConfig config;
    config.base_url = kBase;
    return config;
  }
  scim::Service& service(long long tenant_id, long long generation = 1) {
    auto got = services.get(tenant_id, generation);
    BOOST_REQUIRE_MESSAGE(got.has_value(), "no Service for tenant " << tenant_id);
    return *got.value();
  }
  // Creates a user through tenant's Service; the body's JSON text.
  std::string create(long long tenant_id, const std::string& body) {
    scim::Service& s = service(tenant_id);
    auto parsed = json::parse(body);
    BOOST_REQUIRE(parsed.has_value());
    auto created = s.create(scim::Context{tenant_id, kBase}, *s.find_resource_type("/Users"), parsed.value(), {});
    BOOST_REQUIRE_MESSAGE(created.has_value(), "create failed for tenant " << tenant_id);
    return json::dump(created.value().body);
  }
  long long total_users(long long tenant_id) {
    scim::Service& s = service(tenant_id);
    auto listed = s.list(scim::Context{tenant_id, kBase}, *s.find_resource_type("/Users"), {});
    BOOST_REQUIRE(listed.has_value());
    return listed.value().body.get("totalResults").as_integer().value_or(-1);
  }

  fastscim::testing::MemoryRepository memory;
  store::Database db;
  store::SchemaRepository schemas;
  app::TenantConfigCache configs;
  app::TenantServices services;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(tenant_services_test)

BOOST_FIXTURE_TEST_CASE(plain_tenants_with_the_same_settings_share_one_service, Fixture) {
  for (long long t = 1; t <= 3; ++t) configs.put(t, plain(1));
  scim::Service* first = &service(1);
  BOOST_TEST(&service(2) == first);
  BOOST_TEST(&service(3) == first);
  BOOST_TEST(services.builds() == 1U);
  // Shared, yet each request is its tenant's: the tenant comes with the Context.
  create(1, R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "mira"})");
  create(1, R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "omar"})");
  create(2, R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "mira"})");
  BOOST_TEST(total_users(1) == 2);
  BOOST_TEST(total_users(2) == 1);
  BOOST_TEST(total_users(3) == 0);
}

BOOST_FIXTURE_TEST_CASE(a_tenant_setting_gives_a_service_with_that_setting, Fixture) {
  configs.put(1, plain(1));
  configs.put(2, plain(1, "reject"));
  configs.put(3, plain(1, "reject"));
  scim::Service& lenient = service(1);
  scim::Service& strict = service(2);
  BOOST_TEST(&lenient != &strict);
  BOOST_TEST(&service(3) == &strict);
  BOOST_TEST((lenient.config().unknown_attributes == scim::UnknownAttributePolicy::kIgnore));
  BOOST_TEST((strict.config().unknown_attributes == scim::UnknownAttributePolicy::kReject));
  // The setting is honoured: tenant 2 refuses an attribute no schema has.
  const std::string body =
      R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "x", "shoeSize": 44})";
  auto parsed = json::parse(body);
  BOOST_REQUIRE(parsed.has_value());
  BOOST_TEST(
      lenient.create(scim::Context{1, kBase}, *lenient.find_resource_type("/Users"), parsed.value(), {}).has_value());
  BOOST_TEST(
      !strict.create(scim::Context{2, kBase}, *strict.find_resource_type("/Users"), parsed.value(), {}).has_value());
}

BOOST_FIXTURE_TEST_CASE(a_tenant_with_an_extension_has_its_own_registry, Fixture) {
  configs.put(1, plain(1));
  configs.put(2, with_extension(1));
  scim::Service& shared = service(1);
  scim::Service& own = service(2);
  BOOST_TEST(&shared != &own);
  BOOST_TEST(own.registry().find_schema(kAcmeUrn) != nullptr);
  BOOST_TEST(shared.registry().find_schema(kAcmeUrn) == nullptr);
  std::string created = create(2, std::string(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ")") +
                                      kAcmeUrn + R"("], "userName": "mira", ")" + kAcmeUrn +
                                      R"(": {"location": "Lagos"}})");
  BOOST_TEST(created.find("Lagos") != std::string::npos);
}

// With more tenants than the thread caches, a plain tenant that comes back
// is not built again; a tenant with an extension is.
BOOST_FIXTURE_TEST_CASE(an_evicted_plain_tenant_costs_no_build, Fixture) {
  for (long long t = 1; t <= 50; ++t) configs.put(t, plain(1));
  configs.put(100, with_extension(1));
  for (int round = 0; round < 3; ++round) {
    for (long long t = 1; t <= 50; ++t) service(t);
    service(100);
  }
  BOOST_TEST(services.size() == 2U);  // the capacity
  BOOST_TEST(services.evictions() > 100U);
  BOOST_TEST(services.builds() == 1U + 3U);  // the shared Service once; the extension's tenant each round
}

// A newer generation (the tenant's settings changed) is honoured, also when
// it moves the tenant from one shared Service to another.
BOOST_FIXTURE_TEST_CASE(a_new_generation_moves_the_tenant_to_its_new_settings, Fixture) {
  configs.put(1, plain(1));
  scim::Service& before = service(1, 1);
  configs.put(1, plain(2, "reject"));
  scim::Service& after = service(1, 2);
  BOOST_TEST(&before != &after);
  BOOST_TEST((after.config().unknown_attributes == scim::UnknownAttributePolicy::kReject));
  configs.put(1, with_extension(3));
  BOOST_TEST(service(1, 3).registry().find_schema(kAcmeUrn) != nullptr);
}

// The settings the token lookup read (auth::Principal) are enough for a
// plain tenant: nothing is read, neither from the process's configurations
// (empty here) nor from the database (never reachable here).
BOOST_FIXTURE_TEST_CASE(the_token_lookups_settings_serve_a_plain_tenant_without_a_read, Fixture) {
  auth::TenantScimSettings plain_settings;
  plain_settings.has_extensions = false;
  plain_settings.has_templates = false;
  auth::TenantScimSettings rejecting = plain_settings;
  rejecting.unknown_attributes = "reject";
  auto first = services.get(1, 1, &plain_settings);
  auto second = services.get(2, 1, &plain_settings);
  auto third = services.get(3, 1, &rejecting);
  BOOST_REQUIRE(first.has_value());
  BOOST_REQUIRE(second.has_value());
  BOOST_REQUIRE(third.has_value());
  BOOST_TEST(first.value() == second.value());
  BOOST_TEST(third.value() != first.value());
  BOOST_TEST((third.value()->config().unknown_attributes == scim::UnknownAttributePolicy::kReject));
  BOOST_TEST(configs.size() == 0U);
  // A newer generation with other settings moves the tenant.
  auto moved = services.get(1, 2, &rejecting);
  BOOST_REQUIRE(moved.has_value());
  BOOST_TEST(moved.value() == third.value());
}

// A plain tenant known from the token lookup takes no entry in the
// thread's cache, however many there are: no request of one allocates
// anything that outlives it (doc/auth-cache.md, "Per-tenant state").
BOOST_FIXTURE_TEST_CASE(plain_tenants_known_from_the_token_lookup_take_no_cache_entry, Fixture) {
  auth::TenantScimSettings plain_settings;
  plain_settings.has_extensions = false;
  plain_settings.has_templates = false;
  scim::Service* first = nullptr;
  for (long long t = 1; t <= 50; ++t) {
    auto got = services.get(t, 1, &plain_settings);
    BOOST_REQUIRE(got.has_value());
    if (first == nullptr) first = got.value();
    BOOST_TEST(got.value() == first);
  }
  BOOST_TEST(services.size() == 0U);
  BOOST_TEST(services.evictions() == 0U);
  BOOST_TEST(services.builds() == 1U);
  // A tenant with an extension still gets, and keeps, its own.
  configs.put(100, with_extension(1));
  auth::TenantScimSettings extended = plain_settings;
  extended.has_extensions = true;
  auto own = services.get(100, 1, &extended);
  BOOST_REQUIRE(own.has_value());
  BOOST_TEST(own.value() != first);
  BOOST_TEST(services.size() == 1U);
}

// Settings that say the tenant has an extension or templates are not
// enough: its configuration is read (here, from the process's cache).
BOOST_FIXTURE_TEST_CASE(a_tenant_with_an_extension_is_read_despite_the_token_lookups_settings, Fixture) {
  configs.put(1, with_extension(1));
  auth::TenantScimSettings extended;
  extended.has_extensions = true;
  extended.has_templates = false;
  auto got = services.get(1, 1, &extended);
  BOOST_REQUIRE(got.has_value());
  BOOST_TEST(got.value()->registry().find_schema(kAcmeUrn) != nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
