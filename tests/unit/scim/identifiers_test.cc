#include "scim/identifiers.h"

#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
namespace bdata = boost::unit_test::data;

namespace {

json::Value parse(const std::string& text) { return json::parse(text).value(); }

struct PhoneCase {
  const char* written;
  const char* key;
};

std::ostream& operator<<(std::ostream& out, const PhoneCase& c) { return out << c.written; }

const PhoneCase kPhones[] = {
    {"+49 30 1234567", "+49301234567"},
    {"+49 (30) 123-4567", "+49301234567"},
    {"(030) 123 45 67", "0301234567"},
    {"+1-555-010-9999", "+15550109999"},
    {"+44 [20] 7946\t0018", "+442079460018"},
    {"  +33 1 23 45 67 89 ", "+33123456789"},
    {"555.0100", "555.0100"},
    {"+", "+"},
    {" - ( ) ", ""},
    {"0049 30 1234567", "0049301234567"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(identifiers_test)

BOOST_DATA_TEST_CASE(phone_numbers_lose_spaces_dashes_and_brackets_and_keep_a_leading_plus, bdata::make(kPhones), c) {
  BOOST_TEST(scim::normalize_phone(c.written) == c.key);
}

BOOST_AUTO_TEST_CASE(two_spellings_of_one_mobile_number_share_a_key) {
  BOOST_TEST(scim::normalize_phone("+49 (30) 1234-567") == scim::normalize_phone("+4930 1234567"));
  BOOST_TEST(scim::normalize_phone("+49301234567") != scim::normalize_phone("49301234567"));
}

BOOST_AUTO_TEST_CASE(email_keys_ignore_case_and_surrounding_blanks) {
  BOOST_TEST(scim::normalize_email("  Alice.Smith@Example.COM ") == "alice.smith@example.com");
  BOOST_TEST(scim::normalize_email("bob@example.com") == "bob@example.com");
}

BOOST_AUTO_TEST_CASE(the_scope_reads_off_or_a_comma_list) {
  std::string error;
  auto both = scim::parse_identifier_scope(" Mobile , emails ", &error);
  BOOST_REQUIRE(both.has_value());
  BOOST_TEST(both->emails);
  BOOST_TEST(both->mobile);
  BOOST_TEST(scim::to_string(*both) == "emails,mobile");
  auto off = scim::parse_identifier_scope("OFF", &error);
  BOOST_REQUIRE(off.has_value());
  BOOST_TEST(!off->any());
  BOOST_TEST(scim::to_string(*off) == "off");
  BOOST_TEST(scim::to_string(*scim::parse_identifier_scope("mobile", &error)) == "mobile");
}

BOOST_AUTO_TEST_CASE(the_scope_refuses_unknown_items_and_an_empty_list) {
  std::string error;
  BOOST_TEST(!scim::parse_identifier_scope("emails,phone", &error).has_value());
  BOOST_TEST(error.find("\"phone\"") != std::string::npos);
  BOOST_TEST(!scim::parse_identifier_scope("", &error).has_value());
  BOOST_TEST(!scim::parse_identifier_scope("emails,", &error).has_value());
}

BOOST_AUTO_TEST_CASE(a_user_claims_every_email_and_only_mobile_numbers_once_each_in_order) {
  json::Value user = parse(R"({"userName": "a",
    "emails": [{"value": "B@example.com", "type": "work"}, {"value": "a@example.com"},
               {"value": "b@EXAMPLE.com", "type": "home"}, {"type": "other"}],
    "phoneNumbers": [{"value": "+1 555 0100", "type": "mobile"}, {"value": "+1 555 0199", "type": "work"},
                     {"value": "+1-555-0100", "type": "Mobile"}]})");
  std::vector<scim::Identifier> found = scim::claimed_identifiers(user, {true, true});
  BOOST_REQUIRE(found.size() == 3U);
  BOOST_TEST(found[0].key == "a@example.com");
  BOOST_TEST(found[1].key == "b@example.com");
  BOOST_TEST(found[1].value == "B@example.com");
  BOOST_TEST(found[2].key == "+15550100");
  BOOST_TEST(scim::identifier_kind_name(found[2].kind) == std::string("mobile"));
}

BOOST_AUTO_TEST_CASE(a_scope_claims_only_its_kinds) {
  json::Value user = parse(R"({"emails": [{"value": "a@example.com"}],
                               "phoneNumbers": [{"value": "+1 555 0100", "type": "mobile"}]})");
  BOOST_TEST(scim::claimed_identifiers(user, {true, false}).size() == 1U);
  BOOST_TEST(scim::claimed_identifiers(user, {false, true}).at(0).key == "+15550100");
  BOOST_TEST(scim::claimed_identifiers(user, {false, false}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
