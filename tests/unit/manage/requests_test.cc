#include "manage/requests.h"

#include <boost/test/unit_test.hpp>

#include "json/io.h"
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
