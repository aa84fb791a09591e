#include "admin/policy_commands.h"

#include <boost/test/unit_test.hpp>

#include "admin/user_commands.h"

namespace admin = fastscim::admin;

BOOST_AUTO_TEST_SUITE(policy_commands_test)

BOOST_AUTO_TEST_CASE(issue11_policy_set_reads_unique_across_tenants) {
  auto both = admin::parse_policy_set({"unique-across-tenants", "mobile,emails"});
  BOOST_REQUIRE(both.has_value());
  BOOST_TEST(both->unique_across_tenants.emails);
  BOOST_TEST(both->unique_across_tenants.mobile);
  auto off = admin::parse_policy_set({"unique-across-tenants", "off"});
  BOOST_REQUIRE(off.has_value());
  BOOST_TEST(!off->unique_across_tenants.any());
}

BOOST_AUTO_TEST_CASE(issue11_policy_set_refuses_unknown_policies_and_values) {
  auto policy = admin::parse_policy_set({"unique-names", "on"});
  BOOST_REQUIRE(!policy.has_value());
  BOOST_TEST(policy.error().message == "unknown policy \"unique-names\" (known: unique-across-tenants)");
  auto value = admin::parse_policy_set({"unique-across-tenants", "phones"});
  BOOST_REQUIRE(!value.has_value());
  BOOST_TEST(value.error().message.find("\"phones\"") != std::string::npos);
  BOOST_TEST(!admin::parse_policy_set({"unique-across-tenants"}).has_value());
  BOOST_TEST(!admin::parse_policy_show({"extra"}).has_value());
  BOOST_TEST(admin::parse_policy_show({}).has_value());
}

BOOST_AUTO_TEST_CASE(issue11_user_import_needs_a_tenant_and_one_file) {
  auto r = admin::parse_user_import({"accounts.jsonl", "--tenant", "acme"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->tenant == "acme");
  BOOST_TEST(r->file == "accounts.jsonl");
  BOOST_TEST(r->progress_every == 1000);
  BOOST_TEST(admin::parse_user_import({"--tenant", "acme", "--progress-every", "50", "-"})->progress_every == 50);
  BOOST_TEST(admin::parse_user_import({"accounts.jsonl"}).error().message == "--tenant is required");
  BOOST_TEST(!admin::parse_user_import({"--tenant", "acme"}).has_value());
  BOOST_TEST(!admin::parse_user_import({"--tenant", "acme", "--progress-every", "0", "a.jsonl"}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
