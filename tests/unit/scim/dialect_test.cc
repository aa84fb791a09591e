// The lenient dialect (scim/dialect.h): unquoted filter values (DIA-01) and
// value filters in `attributes` (DIA-02), and that strict stays strict.
#include "scim/dialect.h"

#include <string>

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/filter_parser.h"
#include "scim/projection.h"
#include "scim/schema_registry.h"
#include "support/error_print.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using scim::Dialect;
using scim::Projection;

namespace {

json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

std::string lenient_filter(std::string_view text) {
  auto f = scim::parse_filter(text, Dialect::kLenient);
  BOOST_REQUIRE_MESSAGE(f.has_value(), (f ? "" : f.error().detail()));
  return scim::to_string(f.value());
}

constexpr std::string_view kUser = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
  "id": "2819c223", "userName": "bjensen",
  "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
             {"value": "babs@jensen.org", "type": "home"},
             {"value": "b@example.org", "type": "work"}],
  "phoneNumbers": [{"value": "555-0100", "type": "work"}],
  "meta": {"resourceType": "User"}
})";

json::Value lenient_view(const scim::SchemaRegistry& registry, std::string_view attributes) {
  auto projection = Projection::parse(attributes, "", Dialect::kLenient);
  BOOST_REQUIRE_MESSAGE(projection.has_value(), (projection ? "" : projection.error().detail()));
  return scim::apply(parse(kUser), *registry.find_resource_type("User"), registry, projection.value());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dialect)

BOOST_AUTO_TEST_CASE(names_read_in_any_case) {
  BOOST_TEST((scim::dialect_from_string("Lenient") == Dialect::kLenient));
  BOOST_TEST((scim::dialect_from_string("strict") == Dialect::kStrict));
  BOOST_TEST(!scim::dialect_from_string("loose").has_value());
  BOOST_TEST(scim::to_string(Dialect::kLenient) == "lenient");
}

// DIA-01: the three filters of Microsoft's collection.
BOOST_AUTO_TEST_CASE(lenient_reads_a_bare_word_as_a_string) {
  BOOST_TEST(lenient_filter("userName sw O") == R"(userName sw "O")");
  BOOST_TEST(lenient_filter("meta.Created gt 2015-10-10T14:38:21.8617979-07:00") ==
             R"(meta.Created gt "2015-10-10T14:38:21.8617979-07:00")");
  BOOST_TEST(lenient_filter("name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co "
                            "example.org)") ==
             R"(name.FamilyName eq "Employee" and (emails.Value co "example.com" or emails.Value co "example.org"))");
}

BOOST_AUTO_TEST_CASE(lenient_keeps_literals_and_quoted_strings_as_they_are) {
  BOOST_TEST(lenient_filter("active eq true") == "active eq true");
  BOOST_TEST(lenient_filter("x.y eq null") == "x.y eq null");
  BOOST_TEST(lenient_filter("count gt 10") == "count gt 10");
  BOOST_TEST(lenient_filter(R"(userName eq "a b")") == R"(userName eq "a b")");
}

BOOST_AUTO_TEST_CASE(lenient_still_refuses_what_is_ambiguous) {
  // A missing value, or an operator where the value should be, stays an error.
  for (const char* text : {"userName eq", "userName eq (", "userName eq )", "userName eq \"open"}) {
    auto f = scim::parse_filter(text, Dialect::kLenient);
    BOOST_TEST_INFO(text);
    BOOST_REQUIRE(!f.has_value());
    BOOST_TEST((f.error().scim_type() == scim::ScimType::kInvalidFilter));
  }
}

BOOST_AUTO_TEST_CASE(strict_refuses_a_bare_word_naming_the_position) {
  auto f = scim::parse_filter("userName sw O");
  BOOST_REQUIRE(!f.has_value());
  BOOST_TEST(f.error().detail().find("position 13") != std::string::npos, f.error().detail());
}

// DIA-02: `attributes=emails[type eq "work"]` keeps only the matching values.
BOOST_AUTO_TEST_CASE(lenient_value_filter_in_attributes_keeps_matching_values) {
  scim::SchemaRegistry registry;
  json::Value out = lenient_view(registry, R"(emails[type eq "work"])");
  BOOST_TEST(
      json::dump(out.get("emails")) ==
      R"([{"value":"bjensen@example.com","type":"work","primary":true},{"value":"b@example.org","type":"work"}])");
  BOOST_TEST(!out.get("userName"));
  BOOST_TEST(!out.get("phoneNumbers"));
  BOOST_TEST(out.get("id").as_string().value_or("") == "2819c223");
}

BOOST_AUTO_TEST_CASE(lenient_value_filter_with_a_sub_attribute_and_other_names) {
  scim::SchemaRegistry registry;
  json::Value out = lenient_view(registry, R"(userName,EMAILS[value eq "babs@jensen.org"].value)");
  BOOST_TEST(json::dump(out.get("emails")) == R"([{"value":"babs@jensen.org"}])");
  BOOST_TEST(out.get("userName").as_string().value_or("") == "bjensen");
}

BOOST_AUTO_TEST_CASE(a_comma_inside_a_value_filter_does_not_split_names) {
  scim::SchemaRegistry registry;
  json::Value out = lenient_view(registry, R"(emails[value eq "x,y" or type eq "home"],phoneNumbers)");
  BOOST_TEST(json::dump(out.get("emails")) == R"([{"value":"babs@jensen.org","type":"home"}])");
  BOOST_TEST(out.get("phoneNumbers").size() == 1U);
}

BOOST_AUTO_TEST_CASE(the_attribute_named_without_a_filter_keeps_every_value) {
  scim::SchemaRegistry registry;
  json::Value out = lenient_view(registry, R"(emails[type eq "home"],emails)");
  BOOST_TEST(out.get("emails").size() == 3U);
}

BOOST_AUTO_TEST_CASE(value_filters_are_refused_in_strict_and_in_excluded_attributes) {
  auto strict = Projection::parse(R"(emails[type eq "work"])", "");
  BOOST_REQUIRE(!strict.has_value());
  BOOST_TEST((strict.error().scim_type() == scim::ScimType::kInvalidSyntax));
  auto excluded = Projection::parse("", R"(emails[type eq "work"])", Dialect::kLenient);
  BOOST_REQUIRE(!excluded.has_value());
  BOOST_TEST(excluded.error().detail().find("only \"attributes\" accepts") != std::string::npos);
  auto broken = Projection::parse(R"(emails[type eq])", "", Dialect::kLenient);
  BOOST_REQUIRE(!broken.has_value());
  BOOST_TEST((broken.error().scim_type() == scim::ScimType::kInvalidSyntax));
}

BOOST_AUTO_TEST_SUITE_END()
