#include "manage/requests.h"

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "manage/policy_json.h"
#include "manage/values.h"
#include "support/error_print.h"

namespace manage = fastscim::manage;
namespace json = fastscim::json;

namespace {

json::Value doc(const std::string& text) { return json::parse(text).value(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(requests_test)

BOOST_AUTO_TEST_CASE(tenant_create_needs_a_string_name_and_nothing_else) {
  BOOST_TEST(*manage::read_tenant_create(doc(R"({"name":"acme"})")) == "acme");
  auto missing = manage::read_tenant_create(doc("{}"));
  BOOST_REQUIRE(!missing);
  BOOST_TEST(missing.error().detail() == "\"name\" is required.");
  auto extra = manage::read_tenant_create(doc(R"({"name":"acme","nmae":"x"})"));
  BOOST_REQUIRE(!extra);
  BOOST_TEST(extra.error().detail().find("\"nmae\"") != std::string::npos);
  BOOST_TEST(!manage::read_tenant_create(doc(R"({"name":5})")));
  BOOST_TEST(!manage::read_tenant_create(doc("[]")));
}

BOOST_AUTO_TEST_CASE(settings_patch_reads_each_setting_in_its_own_words) {
  auto changes = manage::read_settings_patch(
      doc(R"({"provisioning":false,"invitations":"on-create","unknownAttributes":null})"));
  BOOST_REQUIRE(changes);
  BOOST_REQUIRE(changes->size() == 3u);
  BOOST_TEST(((*changes)[0].setting == manage::Setting::kProvisioning));
  BOOST_TEST((*changes)[0].value == "off");
  BOOST_TEST((*changes)[1].value == "on-create");
  BOOST_TEST((*changes)[2].value == "");
  BOOST_TEST((*manage::read_settings_patch(doc(R"({"provisioning":"on"})")))[0].value == "on");
}

BOOST_AUTO_TEST_CASE(issue11_settings_patch_reads_the_deprovision_guard_as_a_number_off_or_null) {
  BOOST_TEST((*manage::read_settings_patch(doc(R"({"deprovisionGuard":50})")))[0].value == "50");
  BOOST_TEST((*manage::read_settings_patch(doc(R"({"deprovisionGuard":"off"})")))[0].value == "");
  BOOST_TEST((*manage::read_settings_patch(doc(R"({"deprovisionGuard":null})")))[0].value == "");
  auto zero = manage::read_settings_patch(doc(R"({"deprovisionGuard":0})"));
  BOOST_REQUIRE(!zero);
  BOOST_TEST(zero.error().detail() == "\"deprovisionGuard\" must be a number from 1 to 1000000, \"off\" or null.");
  BOOST_TEST(!manage::read_settings_patch(doc(R"({"deprovisionGuard":true})")));
}

BOOST_AUTO_TEST_CASE(issue11_a_held_decision_names_hold_numbers_or_all) {
  auto ids = manage::read_held_decision(doc(R"({"ids":[3,"4"]})"));
  BOOST_REQUIRE(ids);
  BOOST_TEST((*ids == std::vector<std::string>{"3", "4"}));
  auto all = manage::read_held_decision(doc(R"({"all":true})"));
  BOOST_REQUIRE(all);
  BOOST_TEST(all->empty());
  for (const char* bad : {R"({})", R"({"all":false})", R"({"ids":[]})", R"({"ids":[1],"all":true})", R"({"ids":[0]})",
                          R"({"ids":[1.5]})", R"({"ids":3})", R"([1])"}) {
    auto refused = manage::read_held_decision(doc(bad));
    BOOST_TEST(!refused, bad);
    if (!refused) BOOST_TEST((refused.error().kind() == fastscim::scim::ErrorKind::kInvalid));
  }
}

BOOST_AUTO_TEST_CASE(settings_patch_rejects_wrong_values_unknown_members_and_nothing) {
  auto wrong = manage::read_settings_patch(doc(R"({"provisioning":"maybe"})"));
  BOOST_REQUIRE(!wrong);
  BOOST_TEST(wrong.error().detail() == "\"provisioning\" must be \"on\", \"off\", true or false.");
  BOOST_TEST(!manage::read_settings_patch(doc(R"({"invitations":null})")));
  BOOST_TEST(!manage::read_settings_patch(doc(R"({"unknownAttributes":"default"})")));
  BOOST_TEST(!manage::read_settings_patch(doc(R"({"colour":"red"})")));
  BOOST_TEST(!manage::read_settings_patch(doc("{}")));
}

BOOST_AUTO_TEST_CASE(token_issue_takes_an_absolute_or_a_relative_expiry_but_not_both) {
  auto at = manage::read_token_issue(doc(R"({"name":"t","expiresAt":"2030-01-01T00:00:00Z"})"), 1000);
  BOOST_REQUIRE(at);
  BOOST_TEST(at->name == "t");
  BOOST_TEST(*at->expires_at == *manage::parse_timestamp("2030-01-01T00:00:00Z"));
  auto in = manage::read_token_issue(doc(R"({"expiresIn":"1h"})"), 1000);
  BOOST_REQUIRE(in);
  BOOST_TEST(in->name.empty());
  BOOST_TEST(*in->expires_at == 4600);
  BOOST_TEST(!manage::read_token_issue(doc(R"({"expiresIn":"1h","expiresAt":"2030-01-01T00:00:00Z"})"), 0));
  BOOST_TEST(!manage::read_token_issue(doc(R"({"expiresIn":"0s"})"), 0));
  auto bad = manage::read_token_issue(doc(R"({"expiresAt":"next week"})"), 0);
  BOOST_REQUIRE(!bad);
  BOOST_TEST(bad.error().detail().find("\"expiresAt\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rotation_defaults_without_a_body_and_reads_overlap_or_an_end) {
  auto none = manage::read_rotation(json::Value());
  BOOST_REQUIRE(none);
  BOOST_TEST(!none->seconds.has_value());
  BOOST_TEST(!none->until_unix.has_value());
  BOOST_TEST(*manage::read_rotation(doc(R"({"overlap":"0s"})"))->seconds == 0);
  BOOST_TEST(manage::read_rotation(doc(R"({"previousExpiresAt":"2030-01-01T00:00:00Z"})"))->until_unix.has_value());
  BOOST_TEST(!manage::read_rotation(doc(R"({"overlap":"1h","previousExpiresAt":"2030-01-01T00:00:00Z"})")));
  BOOST_TEST(!manage::read_rotation(doc(R"({"overlap":3600})")));
}

BOOST_AUTO_TEST_CASE(a_webhook_needs_a_url_and_may_start_from_a_position) {
  auto plain = manage::read_webhook_add(doc(R"({"url":"https://a.example/"})"));
  BOOST_REQUIRE(plain);
  BOOST_TEST(plain->url == "https://a.example/");
  BOOST_TEST(!plain->from.has_value());
  BOOST_TEST(*manage::read_webhook_add(doc(R"({"url":"https://a.example/","from":"7"})"))->from == 7);
  BOOST_TEST(*manage::read_webhook_add(doc(R"({"url":"https://a.example/","from":0})"))->from == 0);
  BOOST_TEST(manage::read_webhook_add(doc("{}")).error().detail() == "\"url\" is required.");
  auto negative = manage::read_webhook_add(doc(R"({"url":"https://a.example/","from":-1})"));
  BOOST_REQUIRE(!negative);
  BOOST_TEST(negative.error().detail().find("\"from\" must be an event position") == 0u);
  BOOST_TEST(!manage::read_webhook_add(doc(R"({"url":"https://a.example/","secret":"x"})")));
}

BOOST_AUTO_TEST_CASE(redeliver_needs_from) {
  BOOST_TEST(*manage::read_redeliver(doc(R"({"from":"3"})")) == 3);
  BOOST_TEST(manage::read_redeliver(doc("{}")).error().detail().find("\"from\" is required") == 0u);
  BOOST_TEST(!manage::read_redeliver(doc(R"({"from":"x"})")));
}

BOOST_AUTO_TEST_CASE(log_filters_read_times_outcomes_statuses_and_paging) {
  auto all = manage::read_log_filter({});
  BOOST_REQUIRE(all);
  BOOST_TEST(all->status_low == 0);
  BOOST_TEST(all->status_high == 999);
  BOOST_TEST(all->limit == 100);
  auto failures = manage::read_log_filter({"2026-03-01", "2026-03-02T10:00:00Z", "failure", "", "77", "5"});
  BOOST_REQUIRE(failures);
  BOOST_TEST(failures->since == "2026-03-01 00:00:00.000");
  BOOST_TEST(failures->until == "2026-03-02 10:00:00.000");
  BOOST_TEST(failures->status_low == 400);
  BOOST_TEST(failures->before == 77);
  BOOST_TEST(failures->limit == 5);
  BOOST_TEST(manage::read_log_filter({"", "", "success", "", "", ""})->status_high == 399);
  auto conflict = manage::read_log_filter({"", "", "", "409", "", ""});
  BOOST_REQUIRE(conflict);
  BOOST_TEST(conflict->status_low == 409);
  BOOST_TEST(conflict->status_high == 409);
}

BOOST_AUTO_TEST_CASE(log_filters_name_the_parameter_that_is_wrong) {
  struct Case {
    manage::LogFilter filter;
    const char* named;
  };
  for (const Case& c :
       {Case{{"yesterday", "", "", "", "", ""}, "\"since\""}, Case{{"", "2026-02-30", "", "", "", ""}, "\"until\""},
        Case{{"2026-03-02", "2026-03-01", "", "", "", ""}, "\"since\" must be before \"until\""},
        Case{{"", "", "fail", "", "", ""}, "\"outcome\""}, Case{{"", "", "", "700", "", ""}, "\"status\""},
        Case{{"", "", "success", "404", "", ""}, "\"status\" 404 is never a success"},
        Case{{"", "", "", "", "0", ""}, "\"before\""}, Case{{"", "", "", "", "", "1001"}, "\"limit\""}}) {
    auto r = manage::read_log_filter(c.filter);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().kind() == fastscim::scim::ErrorKind::kInvalid);
    BOOST_TEST(r.error().detail().find(c.named) == 0u, r.error().detail());
  }
}

// Issue 12: rateLimit is a rate string, the others numbers; null is the default.
BOOST_AUTO_TEST_CASE(settings_patch_reads_the_request_limits) {
  auto changes = manage::read_settings_patch(doc(R"({"rateLimit":"50/s","rateBurst":100,"maxConcurrent":null})"));
  BOOST_REQUIRE(changes.has_value());
  BOOST_REQUIRE(changes->size() == 3u);
  BOOST_TEST(((*changes)[0].setting == manage::Setting::kRateLimit));
  BOOST_TEST((*changes)[0].value == "3000");
  BOOST_TEST((*changes)[1].value == "100");
  BOOST_TEST((*changes)[2].value == "");
  for (const char* bad : {R"({"rateLimit":50})", R"({"rateBurst":"100"})", R"({"maxConcurrent":0})",
                          R"({"rateLimit":"default"})", R"({"rateBurst":2000000})"}) {
    auto wrong = manage::read_settings_patch(doc(bad));
    BOOST_TEST(!wrong.has_value(), bad);
  }
  BOOST_TEST(manage::read_settings_patch(doc(R"({"maxConcurrent":0})")).error().detail() ==
             "\"maxConcurrent\" must be a number from 1 to 10000 or null (the server's default).");
}

BOOST_AUTO_TEST_SUITE_END()
