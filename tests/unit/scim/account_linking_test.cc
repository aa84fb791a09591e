#include "scim/account_linking.h"

#include <string>

#include <boost/test/unit_test.hpp>

#include "json/io.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;

namespace {

json::Value parse(const std::string& text) { return json::parse(text).value(); }

const char kEnterprise[] = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

}  // namespace

BOOST_AUTO_TEST_SUITE(account_linking_test)

BOOST_AUTO_TEST_CASE(the_setting_reads_off_or_a_comma_list) {
  std::string error;
  auto both = scim::parse_link_keys("employeenumber, EMAIL", &error);
  BOOST_REQUIRE(both.has_value());
  BOOST_TEST(scim::to_string(*both) == "email,employeeNumber");
  BOOST_TEST(!scim::parse_link_keys("off", &error)->any());
  BOOST_TEST(scim::to_string(*scim::parse_link_keys("email", &error)) == "email");
  BOOST_TEST(!scim::parse_link_keys("email,userName", &error).has_value());
  BOOST_TEST(error.find("\"userName\"") != std::string::npos);
  BOOST_TEST(!scim::parse_link_keys(" ", &error).has_value());
}

BOOST_AUTO_TEST_CASE(a_probe_offers_the_work_emails_first) {
  json::Value user = parse(R"({"emails": [{"value": "home@example.com", "type": "home", "primary": true},
                                          {"value": " Work@Example.com ", "type": "work"}]})");
  scim::LinkProbe probe = scim::link_probe(user, {true, false});
  BOOST_REQUIRE(probe.emails.size() == 1U);
  BOOST_TEST(probe.emails[0] == "Work@Example.com");
  BOOST_TEST(probe.employee_number.empty());
}

BOOST_AUTO_TEST_CASE(without_a_work_email_the_primary_then_the_first_is_offered) {
  BOOST_TEST(
      scim::link_probe(parse(R"({"emails": [{"value": "a@x"}, {"value": "b@x", "primary": true}]})"), {true, false})
          .emails.at(0) == "b@x");
  BOOST_TEST(
      scim::link_probe(parse(R"({"emails": [{"value": "a@x"}, {"value": "b@x"}]})"), {true, false}).emails.at(0) ==
      "a@x");
  BOOST_TEST(scim::link_probe(parse(R"({"userName": "a"})"), {true, true}).empty());
}

BOOST_AUTO_TEST_CASE(a_probe_offers_only_the_keys_of_the_setting) {
  json::Value user = parse(std::string(R"({"emails": [{"value": "a@x", "type": "work"}], ")") + kEnterprise +
                           R"(": {"employeeNumber": "E-17"}})");
  scim::LinkProbe by_number = scim::link_probe(user, {false, true});
  BOOST_TEST(by_number.emails.empty());
  BOOST_TEST(by_number.employee_number == "E-17");
  BOOST_TEST(scim::link_probe(user, {true, false}).employee_number.empty());
}

BOOST_AUTO_TEST_CASE(an_adopted_user_takes_the_providers_attributes_and_keeps_the_products_own) {
  json::Value local = parse(std::string(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:x:local"],
    "userName": "alice.local", "title": "Founder", "nickName": "Al", "urn:x:local": {"seat": "A1"}, ")") +
                            kEnterprise + R"(": {"employeeNumber": "E-1", "costCenter": "CC-9"}})");
  json::Value provider = parse(std::string(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ")") +
                               kEnterprise + R"("], "userName": "alice@example.com", "Title": "CEO", ")" + kEnterprise +
                               R"(": {"department": "Board", "employeeNumber": "E-1"}})");
  json::Value merged = scim::adopted_document(local, provider);
  BOOST_TEST(*merged.get("userName").as_string() == "alice@example.com");
  BOOST_TEST(*merged.get("Title").as_string() == "CEO");
  BOOST_TEST(!merged.get("title"));
  BOOST_TEST(*merged.get("nickName").as_string() == "Al");
  BOOST_TEST(*merged.get("urn:x:local").get("seat").as_string() == "A1");
  json::Value enterprise = merged.get(kEnterprise);
  BOOST_TEST(*enterprise.get("costCenter").as_string() == "CC-9");
  BOOST_TEST(*enterprise.get("department").as_string() == "Board");
  BOOST_TEST(merged.get("schemas").size() == 3U);
}

BOOST_AUTO_TEST_SUITE_END()
