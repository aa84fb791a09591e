#include "manage/api.h"

#include <boost/test/unit_test.hpp>

#include "manage/values.h"
#include "support/error_print.h"
#include "support/memory_management_repository.h"

namespace manage = fastscim::manage;
namespace scim = fastscim::scim;
using fastscim::testing::MemoryManagementRepository;

namespace {

constexpr long long kNow = 1900000000;  // 2030-03-17T17:46:40Z

struct Fixture {
  MemoryManagementRepository repo;
  manage::Api api{repo, {}, [] { return kNow; }};
  manage::Scope op = manage::Api::operator_scope();

  Fixture() {
    BOOST_REQUIRE(api.create_tenant(op, "acme"));
    BOOST_REQUIRE(api.create_tenant(op, "globex"));
  }

  manage::Scope key_scope(const std::optional<std::string>& tenant) {
    auto issued = api.issue_api_key(op, "key-" + tenant.value_or("all"), tenant);
    BOOST_REQUIRE(issued);
    auto scope = api.authenticate("Bearer " + issued->secret);
    BOOST_REQUIRE(scope);
    return *scope;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(api_test)

BOOST_FIXTURE_TEST_CASE(a_tenant_key_sees_its_tenant_and_no_other, Fixture) {
  manage::Scope acme = key_scope("acme");
  auto listed = api.list_tenants(acme);
  BOOST_REQUIRE(listed);
  BOOST_REQUIRE(listed->size() == 1u);
  BOOST_TEST(listed->front().name == "acme");
  BOOST_TEST(api.tenant(acme, "acme").has_value());
  auto other = api.tenant(acme, "globex");
  auto nobody = api.tenant(acme, "initech");
  BOOST_REQUIRE(!other);
  BOOST_REQUIRE(!nobody);
  BOOST_TEST(other.error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(other.error().detail() == "no tenant named \"globex\"");
  BOOST_TEST(nobody.error().detail() == "no tenant named \"initech\"");
  BOOST_TEST(api.issue_token(acme, "globex", "", std::nullopt).error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(api.seats(acme, "globex").error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(api.change_settings(acme, "globex", {{manage::Setting::kProvisioning, "off"}}).error().kind() ==
             scim::ErrorKind::kNotFound);
  BOOST_TEST(repo.settings_of[1].provisioning);
}

BOOST_FIXTURE_TEST_CASE(only_operators_create_and_delete_tenants_and_manage_keys, Fixture) {
  manage::Scope acme = key_scope("acme");
  BOOST_TEST(api.create_tenant(acme, "new").error().kind() == scim::ErrorKind::kForbidden);
  BOOST_TEST(api.delete_tenant(acme, "acme").error().kind() == scim::ErrorKind::kForbidden);
  // Another tenant is not found before it is forbidden: nothing leaks.
  BOOST_TEST(api.delete_tenant(acme, "globex").error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(api.list_api_keys(acme).error().kind() == scim::ErrorKind::kForbidden);
  manage::Scope all = key_scope(std::nullopt);
  BOOST_TEST(!all.tenant_id.has_value());
  BOOST_TEST(api.list_tenants(all)->size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(authentication_refuses_scim_tokens_junk_and_revoked_keys, Fixture) {
  auto token = api.issue_token(op, "acme", "entra", std::nullopt);
  BOOST_REQUIRE(token);
  auto scim_token = api.authenticate("Bearer " + token->secret);
  BOOST_REQUIRE(!scim_token);
  BOOST_TEST(scim_token.error().kind() == scim::ErrorKind::kUnauthorized);
  BOOST_TEST(scim_token.error().detail().find("SCIM token") != std::string::npos);
  BOOST_TEST(!api.authenticate(""));
  BOOST_TEST(!api.authenticate("Basic abc"));
  BOOST_TEST(!api.authenticate("Bearer fsmk_" + std::string(43, 'A')));
  auto key = api.issue_api_key(op, "k", std::nullopt);
  BOOST_REQUIRE(key);
  BOOST_TEST(key->secret.rfind("fsmk_", 0) == 0u);
  BOOST_TEST(api.authenticate("bearer " + key->secret).has_value());
  BOOST_REQUIRE(api.revoke_api_key(op, "k"));
  BOOST_TEST(!api.authenticate("Bearer " + key->secret));
}

BOOST_FIXTURE_TEST_CASE(secrets_are_stored_only_as_digests, Fixture) {
  auto token = api.issue_token(op, "acme", "", std::nullopt);
  BOOST_REQUIRE(token);
  BOOST_TEST(token->name == "token-1");
  const auto& stored = repo.tokens.back().secret;
  BOOST_TEST(stored.hash == fastscim::auth::sha256(token->secret));
  BOOST_TEST(token->secret.rfind(stored.prefix, 0) == 0u);
  BOOST_TEST(stored.prefix.size() < token->secret.size() / 2);
}

BOOST_FIXTURE_TEST_CASE(expiries_must_lie_in_the_future, Fixture) {
  auto past = api.issue_token(op, "acme", "t", kNow - 1);
  BOOST_REQUIRE(!past);
  BOOST_TEST(past.error().kind() == scim::ErrorKind::kInvalid);
  auto future = api.issue_token(op, "acme", "t", kNow + 3600);
  BOOST_REQUIRE(future);
  BOOST_TEST(future->expires == manage::format_timestamp(kNow + 3600));
  BOOST_TEST(repo.tokens.back().secret.expires_at == manage::format_sql_time(kNow + 3600));
  BOOST_TEST(api.issue_token(op, "acme", "bad name", std::nullopt).error().kind() == scim::ErrorKind::kInvalid);
}

BOOST_FIXTURE_TEST_CASE(rotation_ends_the_old_secret_after_the_chosen_overlap, Fixture) {
  BOOST_REQUIRE(api.issue_token(op, "acme", "entra", std::nullopt));
  auto by_default = api.rotate_token(op, "acme", "entra", manage::Overlap{});
  BOOST_REQUIRE(by_default);
  BOOST_TEST(repo.last_rotation_expiry == manage::format_sql_time(kNow + manage::kDefaultOverlapSeconds));
  BOOST_TEST(by_default->previous_expires == manage::format_timestamp(kNow + manage::kDefaultOverlapSeconds));
  BOOST_REQUIRE(api.rotate_token(op, "acme", "entra", manage::Overlap{0, std::nullopt}));
  BOOST_TEST(repo.last_rotation_expiry == manage::format_sql_time(kNow));
  BOOST_REQUIRE(api.rotate_token(op, "acme", "entra", manage::Overlap{std::nullopt, kNow + 60}));
  BOOST_TEST(repo.last_rotation_expiry == manage::format_sql_time(kNow + 60));
  auto past = api.rotate_token(op, "acme", "entra", manage::Overlap{std::nullopt, kNow - 60});
  BOOST_REQUIRE(!past);
  BOOST_TEST(past.error().kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(repo.tokens.size() == 4u);
}

BOOST_FIXTURE_TEST_CASE(users_and_groups_need_a_service, Fixture) {
  auto listed = api.list_resources(op, "acme", "Users", {}, "https://example.com/scim/v2");
  BOOST_REQUIRE(!listed);
  BOOST_TEST(listed.error().kind() == scim::ErrorKind::kNotImplemented);
}

BOOST_AUTO_TEST_SUITE_END()
