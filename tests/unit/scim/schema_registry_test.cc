#include "scim/schema_registry.h"

#include <ostream>
#include <string>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/core_schemas.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using scim::AttributePath;
using scim::ResourceType;
using scim::Schema;
using scim::SchemaRegistry;

namespace {

constexpr const char* kAcmeUrn = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

Schema acme_schema() {
  auto v = json::parse(R"({"id": "urn:ietf:params:scim:schemas:extension:acme:2.0:User", "name": "AcmeUser",
      "attributes": [{"name": "location"}, {"name": "badge", "type": "integer", "caseExact": true},
                     {"name": "department"}]})");
  BOOST_REQUIRE(v.has_value());
  auto schema = Schema::from_json(v.value());
  BOOST_REQUIRE(schema.has_value());
  return schema.value();
}

struct ResolveCase {
  const char* path;
  const char* canonical;  // "" when the path must not resolve
  bool case_exact;
};

std::ostream& operator<<(std::ostream& os, const ResolveCase& c) { return os << c.path; }

const ResolveCase kUserPaths[] = {
    {"userName", "userName", false},
    {"USERNAME", "userName", false},
    {"name.givenName", "name.givenName", false},
    {"Name.GIVENNAME", "name.givenName", false},
    {"urn:ietf:params:scim:schemas:core:2.0:User:userName", "userName", false},
    {"URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:emails.value", "emails.value", false},
    {"id", "id", true},
    {"externalId", "externalId", true},
    {"urn:ietf:params:scim:schemas:core:2.0:User:id", "id", true},
    {"meta.lastModified", "meta.lastModified", false},
    {"meta.version", "meta.version", true},
    {"members.$ref", "", false},
    {"groups.$ref", "groups.$ref", false},
    {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", false},
    {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:MANAGER.value",
     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", false},
    // EXT-05 leniency: an unqualified extension attribute defined by one extension.
    {"employeeNumber", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", false},
    {"displayName", "displayName", false},
    {"name.nickName", "", false},
    {"nickName.value", "", false},
    {"urn:ietf:params:scim:schemas:core:2.0:Group:displayName", "", false},
    {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName", "", false},
    {"nosuch", "", false},
    {"bad path", "", false},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(schema_registry_test)

BOOST_AUTO_TEST_CASE(default_registry_holds_the_builtins) {
  SchemaRegistry registry;
  BOOST_TEST(registry.schemas().size() == 3u);
  BOOST_TEST(registry.find_schema("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER") != nullptr);
  BOOST_TEST(registry.resource_types().size() == 2u);
  const ResourceType* user = registry.find_resource_type("user");
  BOOST_REQUIRE(user != nullptr);
  BOOST_TEST(registry.find_resource_type_by_endpoint("/Users") == user);
  BOOST_TEST(registry.find_resource_type_by_endpoint("users") == user);
  BOOST_TEST(registry.base_schema(*user)->id == scim::kUserSchemaUrn);
  BOOST_TEST(registry.schema_of(*user, scim::kEnterpriseUserSchemaUrn) != nullptr);
  BOOST_TEST(registry.schema_of(*user, scim::kGroupSchemaUrn) == nullptr);
  BOOST_TEST(SchemaRegistry::empty().schemas().empty());
}

// ATT-01, EXT-05, FLT-08.
BOOST_DATA_TEST_CASE(resolves_user_paths_ignoring_case, boost::unit_test::data::make(kUserPaths), c) {
  SchemaRegistry registry;
  const ResourceType& user = *registry.find_resource_type("User");
  auto resolved = registry.resolve(user, std::string_view(c.path));
  if (std::string(c.canonical).empty()) {
    BOOST_TEST(!resolved.has_value());
    return;
  }
  BOOST_REQUIRE(resolved.has_value());
  BOOST_TEST(scim::to_string(resolved->canonical_path()) == c.canonical);
  BOOST_TEST(resolved->case_exact() == c.case_exact);
}

BOOST_AUTO_TEST_CASE(resolution_reports_schema_and_extension) {
  SchemaRegistry registry;
  const ResourceType& user = *registry.find_resource_type("User");
  auto id = registry.resolve(user, std::string_view("id"));
  BOOST_REQUIRE(id.has_value());
  BOOST_TEST(id->schema == nullptr);
  auto manager = registry.resolve(
      user, std::string_view("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"));
  BOOST_REQUIRE(manager.has_value());
  BOOST_TEST(manager->in_extension);
  BOOST_TEST(manager->schema->id == scim::kEnterpriseUserSchemaUrn);
  BOOST_TEST(manager->sub_attribute == nullptr);
  BOOST_TEST(manager->definition().is_complex());
  auto given = registry.resolve(user, AttributePath{"", "name", "givenName"});
  BOOST_REQUIRE(given.has_value());
  BOOST_TEST(!given->in_extension);
  BOOST_TEST(given->sub_attribute->name == "givenName");
}

BOOST_AUTO_TEST_CASE(group_paths_resolve_against_the_group_schema) {
  SchemaRegistry registry;
  const ResourceType& group = *registry.find_resource_type("Group");
  BOOST_TEST(registry.resolve(group, std::string_view("members.value")).has_value());
  BOOST_TEST(registry.resolve(group, std::string_view("DISPLAYNAME")).has_value());
  BOOST_TEST(!registry.resolve(group, std::string_view("userName")).has_value());
  BOOST_TEST(registry.is_case_exact(group, AttributePath{"", "id", ""}));
  BOOST_TEST(!registry.is_case_exact(group, AttributePath{"", "displayName", ""}));
  BOOST_TEST(!registry.is_case_exact(group, AttributePath{"", "nosuch", ""}));
}

BOOST_AUTO_TEST_CASE(tenant_extension_is_added_and_resolvable) {
  SchemaRegistry registry;
  BOOST_REQUIRE(registry.add_extension("User", acme_schema(), false).has_value());
  const ResourceType& user = *registry.find_resource_type("User");
  BOOST_TEST(user.extensions.size() == 2u);
  BOOST_TEST(registry.schema_of(user, kAcmeUrn) != nullptr);
  auto badge = registry.resolve(user, std::string(kAcmeUrn) + ":BADGE");
  BOOST_REQUIRE(badge.has_value());
  BOOST_TEST(badge->case_exact());
  BOOST_TEST(badge->in_extension);
  // Unqualified "location" is unique to the tenant extension ...
  BOOST_TEST(registry.resolve(user, std::string_view("location")).has_value());
  // ... but "department" is in both extensions and needs its URN.
  BOOST_TEST(!registry.resolve(user, std::string_view("department")).has_value());
  // The built-in registry is untouched by a tenant's copy.
  SchemaRegistry builtins;
  BOOST_TEST(builtins.find_schema(kAcmeUrn) == nullptr);
}

BOOST_AUTO_TEST_CASE(copies_share_schemas_and_stay_independent) {
  SchemaRegistry base;
  SchemaRegistry tenant = base;
  BOOST_REQUIRE(tenant.add_extension("user", acme_schema(), true).has_value());
  BOOST_TEST(base.find_resource_type("User")->extensions.size() == 1u);
  BOOST_TEST(tenant.find_resource_type("User")->extensions.back().required);
  BOOST_TEST(base.find_schema(scim::kUserSchemaUrn) == tenant.find_schema(scim::kUserSchemaUrn));
  SchemaRegistry other;
  BOOST_TEST(other.find_schema(scim::kUserSchemaUrn) == base.find_schema(scim::kUserSchemaUrn));
}

BOOST_AUTO_TEST_CASE(rejects_conflicting_registrations) {
  SchemaRegistry registry;
  BOOST_TEST(!registry.add_schema(scim::user_schema()).has_value());
  BOOST_TEST(!registry.add_extension("Device", acme_schema(), false).has_value());
  BOOST_TEST(!registry.add_extension("User", scim::enterprise_user_schema(), false).has_value());
  BOOST_TEST(!registry.add_extension("User", scim::user_schema(), false).has_value());
  BOOST_TEST(!registry.add_resource_type({"Device", "/Devices", "", "urn:nosuch", {}}).has_value());
  BOOST_TEST(!registry.add_resource_type({"Person", "/Users", "", std::string(scim::kUserSchemaUrn), {}}).has_value());
  BOOST_TEST(!registry.add_resource_type({"user", "/People", "", std::string(scim::kUserSchemaUrn), {}}).has_value());
  Schema with_id = acme_schema();
  with_id.id = "urn:example:device";
  with_id.attributes.push_back(with_id.attributes.front());
  with_id.attributes.back().name = "id";
  BOOST_REQUIRE(registry.add_schema(with_id).has_value());
  auto clash = registry.add_resource_type({"Device", "/Devices", "", "urn:example:device", {}});
  BOOST_REQUIRE(!clash.has_value());
  BOOST_TEST(clash.error().detail().find("common attribute \"id\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(new_resource_type_keeps_registered_urn_spelling) {
  SchemaRegistry registry;
  Schema device = acme_schema();
  device.id = "urn:example:Device";
  BOOST_REQUIRE(registry.add_schema(device).has_value());
  BOOST_REQUIRE(registry.add_resource_type({"Device", "/Devices", "", "URN:EXAMPLE:DEVICE", {}}).has_value());
  BOOST_TEST(registry.find_resource_type("device")->schema == "urn:example:Device");
}

BOOST_AUTO_TEST_SUITE_END()
