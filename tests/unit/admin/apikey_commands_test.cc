#include "admin/apikey_commands.h"

#include <boost/test/unit_test.hpp>

namespace admin = fastscim::admin;

BOOST_AUTO_TEST_SUITE(apikey_commands_test)

BOOST_AUTO_TEST_CASE(issue_needs_a_name_and_takes_an_optional_tenant) {
  auto all = admin::parse_apikey_issue({"--name", "backend"});
  BOOST_REQUIRE(all.has_value());
  BOOST_TEST(all->name == "backend");
  BOOST_TEST(!all->tenant.has_value());
  auto one = admin::parse_apikey_issue({"--tenant=acme", "--name", "acme-portal"});
  BOOST_REQUIRE(one.has_value());
  BOOST_TEST(*one->tenant == "acme");
}

BOOST_AUTO_TEST_CASE(issue_rejects_a_missing_or_bad_name_and_extra_arguments) {
  auto missing = admin::parse_apikey_issue({"--tenant", "acme"});
  BOOST_REQUIRE(!missing.has_value());
  BOOST_TEST(missing.error().message == "--name is required");
  BOOST_TEST(missing.error().usage == "apikey issue --name NAME [--tenant TENANT]");
  auto bad = admin::parse_apikey_issue({"--name", "my key"});
  BOOST_REQUIRE(!bad.has_value());
  BOOST_TEST(bad.error().message == "an API key name is 1-64 letters, digits, '-', '_' or '.'");
  auto extra = admin::parse_apikey_issue({"--name", "k", "acme"});
  BOOST_REQUIRE(!extra.has_value());
  BOOST_TEST(extra.error().message == "unexpected argument \"acme\"");
}

BOOST_AUTO_TEST_CASE(list_takes_nothing_and_revoke_one_name) {
  BOOST_TEST(admin::parse_apikey_list({}).has_value());
  BOOST_TEST(!admin::parse_apikey_list({"x"}).has_value());
  BOOST_TEST(admin::parse_apikey_revoke({"backend"})->name == "backend");
  auto none = admin::parse_apikey_revoke({});
  BOOST_REQUIRE(!none.has_value());
  BOOST_TEST(none.error().message == "give exactly one API key name");
}

BOOST_AUTO_TEST_SUITE_END()
