#include "admin/token_commands.h"

#include <boost/test/unit_test.hpp>

namespace admin = fastscim::admin;

BOOST_AUTO_TEST_SUITE(token_commands_test)

BOOST_AUTO_TEST_CASE(issue_without_name_leaves_the_label_to_the_store) {
  auto r = admin::parse_token_issue({"--tenant", "acme"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->tenant == "acme");
  BOOST_TEST(r->name.empty());
}

BOOST_AUTO_TEST_CASE(issue_reads_tenant_and_name_in_any_order_and_form) {
  auto r = admin::parse_token_issue({"--name=entra-2", "--tenant", "acme"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->tenant == "acme");
  BOOST_TEST(r->name == "entra-2");
}

BOOST_AUTO_TEST_CASE(issue_rejects_missing_tenant_extra_arguments_and_bad_names) {
  auto tenant = admin::parse_token_issue({"--name", "x"});
  BOOST_REQUIRE(!tenant.has_value());
  BOOST_TEST(tenant.error().message == "--tenant is required");
  BOOST_TEST(tenant.error().usage == "token issue --tenant NAME [--name LABEL] [--expires 30d|TIME]");
  auto extra = admin::parse_token_issue({"--tenant", "acme", "entra"});
  BOOST_REQUIRE(!extra.has_value());
  BOOST_TEST(extra.error().message == "unexpected argument \"entra\"");
  auto name = admin::parse_token_issue({"--tenant", "acme", "--name", "my token"});
  BOOST_REQUIRE(!name.has_value());
  BOOST_TEST(name.error().message == "a token name is 1-64 letters, digits, '-', '_' or '.'");
}

BOOST_AUTO_TEST_CASE(a_misspelt_option_is_an_unexpected_argument) {
  auto r = admin::parse_token_issue({"--tenant", "acme", "--label", "x"});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "unexpected argument \"--label\"");
}

BOOST_AUTO_TEST_CASE(list_needs_only_the_tenant) {
  BOOST_TEST(admin::parse_token_list({"--tenant=acme"})->tenant == "acme");
  auto missing = admin::parse_token_list({});
  BOOST_REQUIRE(!missing.has_value());
  BOOST_TEST(missing.error().usage == "token list --tenant NAME");
  auto extra = admin::parse_token_list({"--tenant", "acme", "x"});
  BOOST_REQUIRE(!extra.has_value());
  BOOST_TEST(extra.error().message == "unexpected argument \"x\"");
}

BOOST_AUTO_TEST_CASE(revoke_takes_the_tenant_and_one_label) {
  auto r = admin::parse_token_revoke({"entra-1", "--tenant", "acme"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->tenant == "acme");
  BOOST_TEST(r->name == "entra-1");
  auto none = admin::parse_token_revoke({"--tenant", "acme"});
  BOOST_REQUIRE(!none.has_value());
  BOOST_TEST(none.error().message == "give exactly one token name");
  BOOST_TEST(none.error().usage == "token revoke --tenant NAME LABEL");
}

BOOST_AUTO_TEST_CASE(issue_reads_expires_as_a_duration_or_a_utc_time) {
  auto in = admin::parse_token_issue({"--tenant", "acme", "--expires", "30d"});
  BOOST_REQUIRE(in.has_value());
  BOOST_REQUIRE(in->expires.has_value());
  BOOST_TEST(*in->expires->in_seconds == 30 * 86400);
  auto at = admin::parse_token_issue({"--tenant", "acme", "--expires=2030-01-01T00:00:00Z"});
  BOOST_REQUIRE(at.has_value());
  BOOST_TEST(*at->expires->at_unix == 1893456000);
  BOOST_TEST(!admin::parse_token_issue({"--tenant", "acme"})->expires.has_value());
  for (const char* bad : {"tomorrow", "0s", "30", "2030-01-01"}) {
    auto r = admin::parse_token_issue({"--tenant", "acme", "--expires", bad});
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message.find("--expires takes a duration") == 0u);
  }
}

BOOST_AUTO_TEST_CASE(rotate_takes_the_tenant_one_label_and_an_optional_overlap) {
  auto r = admin::parse_token_rotate({"--tenant", "acme", "entra", "--overlap", "2h"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->tenant == "acme");
  BOOST_TEST(r->name == "entra");
  BOOST_TEST(*r->overlap_seconds == 7200);
  auto now = admin::parse_token_rotate({"--tenant", "acme", "entra", "--overlap=0s"});
  BOOST_REQUIRE(now.has_value());
  BOOST_TEST(*now->overlap_seconds == 0);
  BOOST_TEST(!admin::parse_token_rotate({"--tenant", "acme", "entra"})->overlap_seconds.has_value());
  auto bad = admin::parse_token_rotate({"--tenant", "acme", "entra", "--overlap", "a day"});
  BOOST_REQUIRE(!bad.has_value());
  BOOST_TEST(bad.error().usage == "token rotate --tenant NAME LABEL [--overlap 24h]");
  auto none = admin::parse_token_rotate({"--tenant", "acme"});
  BOOST_REQUIRE(!none.has_value());
  BOOST_TEST(none.error().message == "give exactly one token name");
  BOOST_TEST(!admin::parse_token_rotate({"entra"}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
