// The Validator's value helpers that the PATCH engine reuses, and the lexical
// forms of dateTime and base64.
#include <ostream>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/core_schemas.h"
#include "scim/validator.h"
#include "unit/scim/validator_fixture.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using namespace fastscim::testing::validator_fixture;

BOOST_AUTO_TEST_SUITE(validator_value_test)

// The helpers the PATCH engine reuses.
BOOST_AUTO_TEST_CASE(normalize_single_value_checks_one_element) {
  const scim::AttributeDefinition& emails = *scim::user_schema().find_attribute("emails");
  scim::ValidationIssues issues;
  json::Value element = scim::normalize_single_value(emails, parse(R"({"VALUE": "a@b", "primary": "true"})"), "emails",
                                                     {}, &issues);
  BOOST_TEST(issues.empty());
  BOOST_TEST(json::dump(element) == R"({"value":"a@b","primary":true})");
  const scim::AttributeDefinition& value = *emails.find_sub_attribute("value");
  json::Value bad = scim::normalize_single_value(value, parse("3"), "emails[type eq \"work\"].value", {}, &issues);
  BOOST_TEST(!bad);
  BOOST_REQUIRE(issues.size() == 1u);
  BOOST_TEST(issues.issues()[0].path == "emails[type eq \"work\"].value");
}

BOOST_AUTO_TEST_CASE(read_only_sub_attribute_can_be_reported_instead_of_dropped) {
  const scim::AttributeDefinition& manager = *scim::enterprise_user_schema().find_attribute("manager");
  scim::ValidationIssues issues;
  scim::ValueOptions options;
  options.drop_read_only = false;
  scim::normalize_value(manager, parse(R"({"value": "m", "displayName": "Boss"})"), "manager", options, &issues);
  BOOST_REQUIRE(issues.size() == 1u);
  BOOST_TEST((issues.issues()[0].type == ScimType::kMutability));
  BOOST_TEST(issues.issues()[0].path == "manager.displayName");
}

BOOST_AUTO_TEST_CASE(values_equal_respects_case_exact_and_sets) {
  const scim::Schema& user = scim::user_schema();
  const scim::AttributeDefinition& user_name = *user.find_attribute("userName");
  BOOST_TEST(scim::values_equal(user_name, parse("\"BJensen\""), parse("\"bjensen\"")));
  const scim::AttributeDefinition& external_id = *scim::find_common_attribute("externalId");
  BOOST_TEST(!scim::values_equal(external_id, parse("\"A\""), parse("\"a\"")));
  const scim::AttributeDefinition& emails = *user.find_attribute("emails");
  BOOST_TEST(scim::values_equal(emails, parse(R"([{"value": "a"}, {"value": "b"}])"),
                                parse(R"([{"value": "B"}, {"value": "A"}])")));
  BOOST_TEST(!scim::values_equal(emails, parse(R"([{"value": "a"}])"), parse(R"([{"value": "a", "type": "work"}])")));
  BOOST_TEST(scim::values_equal(emails, parse("null"), json::Value()));
  BOOST_TEST(scim::values_equal(emails, parse("[]"), json::Value()));
}

BOOST_AUTO_TEST_CASE(issues_become_one_error_by_precedence) {
  scim::ValidationIssues issues;
  issues.add(ScimType::kMutability, "a", "m");
  issues.add(ScimType::kInvalidValue, "b", "v");
  Error e = issues.to_error();
  BOOST_TEST((e.scim_type() == ScimType::kInvalidValue));
  BOOST_TEST(e.detail() == "2 problems: b: v; a: m");
  issues.add(ScimType::kInvalidSyntax, "", "s");
  BOOST_TEST((issues.to_error().scim_type() == ScimType::kInvalidSyntax));
  scim::ValidationIssues single;
  single.add(ScimType::kMutability, "id", "readOnly");
  BOOST_TEST(single.to_error().detail() == "id: readOnly");
  BOOST_TEST((single.to_error().scim_type() == ScimType::kMutability));
}

struct TextCase {
  const char* text;
  bool valid;
};

std::ostream& operator<<(std::ostream& os, const TextCase& c) { return os << c.text; }

const TextCase kDateTimes[] = {
    {"2008-01-23T04:56:22Z", true},       {"2008-01-23T04:56:22", true},
    {"2008-01-23T04:56:22.123Z", true},   {"2008-01-23T04:56:22+05:30", true},
    {"2008-01-23T04:56:22-14:00", true},  {"2024-02-29T00:00:00Z", true},
    {"2008-01-23T24:00:00Z", true},       {"2008-01-23", false},
    {"2008-01-23 04:56:22Z", false},      {"2008-13-01T00:00:00Z", false},
    {"2023-02-29T00:00:00Z", false},      {"2008-01-23T24:00:01Z", false},
    {"2008-01-23T04:60:00Z", false},      {"2008-01-23T04:56:22.Z", false},
    {"2008-01-23T04:56:22+15:00", false}, {"2008-01-23T04:56:22+0530", false},
    {"2008-01-23T04:56:22Zjunk", false},  {"", false},
};

const TextCase kBase64[] = {
    {"", true},      {"TWFu", true},  {"TWE=", true},   {"TWE", true},  {"TQ==", true},
    {"TQ", true},    {"a-_b", true},  {"a+/b", true},   {"T", false},   {"TWE==", false},
    {"TW E", false}, {"a+_b", false}, {"TWE=x", false}, {"TQ=", false},
};

BOOST_DATA_TEST_CASE(date_times_follow_xsd, boost::unit_test::data::make(kDateTimes), c) {
  BOOST_TEST(scim::is_valid_date_time(c.text) == c.valid);
}

BOOST_DATA_TEST_CASE(base64_follows_rfc4648, boost::unit_test::data::make(kBase64), c) {
  BOOST_TEST(scim::is_valid_base64(c.text) == c.valid);
}

BOOST_AUTO_TEST_SUITE_END()
