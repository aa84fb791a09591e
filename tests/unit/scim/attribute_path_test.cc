#include "scim/attribute_path.h"

#include <map>
#include <ostream>
#include <string>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "support/error_print.h"

using fastscim::scim::AttributePath;
using fastscim::scim::AttributePathILess;
using fastscim::scim::Error;
using fastscim::scim::ErrorKind;
using fastscim::scim::ScimType;
using fastscim::scim::parse_attribute_path;
using fastscim::scim::scan_attribute_path;
using fastscim::scim::to_string;

namespace {

const char kEnterprise[] = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

struct ValidPath {
  std::string text;
  std::string urn;
  std::string attribute;
  std::string sub_attribute;
};

std::ostream& operator<<(std::ostream& os, const ValidPath& p) { return os << p.text; }

struct InvalidPath {
  std::string text;
  size_t offset;  // 0-based byte offset of the reported problem
};

std::ostream& operator<<(std::ostream& os, const InvalidPath& p) { return os << p.text; }

const ValidPath kValid[] = {
    {"userName", "", "userName", ""},
    {"name.givenName", "", "name", "givenName"},
    {"meta.lastModified", "", "meta", "lastModified"},
    {"members.$ref", "", "members", "$ref"},
    {"x-custom_attr9", "", "x-custom_attr9", ""},
    {std::string(kEnterprise) + ":employeeNumber", kEnterprise, "employeeNumber", ""},
    {std::string(kEnterprise) + ":manager.value", kEnterprise, "manager", "value"},
    {"URN:IETF:params:scim:schemas:core:2.0:User:userName", "URN:IETF:params:scim:schemas:core:2.0:User", "userName",
     ""},
    {"urn:ietf:params:scim:schemas:core:2.0:User:name.familyName", "urn:ietf:params:scim:schemas:core:2.0:User", "name",
     "familyName"},
    {"urn:x:y", "urn:x", "y", ""},
};

const InvalidPath kInvalid[] = {
    {"", 0},
    {"1abc", 0},
    {"user name", 4},
    {"name.", 5},
    {".name", 0},
    {"name.given.Name", 10},
    {"na!me", 2},
    {"userName:x", 8},
    {"urn:", 0},
    {"urn:attr", 0},
    {"urn:ietf::User:name", 9},
    {"urn:ietf:User:", 14},
    {"urn:ietf:Us/er:name", 11},
    {"urn:ietf:User:9name", 14},
    {"$reff", 0},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(attribute_path_test)

// RFC 7644 §3.10, EXT-05: [URI ":"] ATTRNAME ["." ATTRNAME].
BOOST_DATA_TEST_CASE(parses_valid_paths_into_parts, boost::unit_test::data::make(kValid), p) {
  auto parsed = scan_attribute_path(p.text);
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST(parsed->urn == p.urn);
  BOOST_TEST(parsed->attribute == p.attribute);
  BOOST_TEST(parsed->sub_attribute == p.sub_attribute);
}

BOOST_DATA_TEST_CASE(prints_what_it_parsed, boost::unit_test::data::make(kValid), p) {
  auto parsed = scan_attribute_path(p.text);
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST(to_string(*parsed) == p.text);
}

BOOST_DATA_TEST_CASE(rejects_invalid_paths_at_the_offending_character, boost::unit_test::data::make(kInvalid), p) {
  auto parsed = scan_attribute_path(p.text);
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST(parsed.error().offset == p.offset);
  BOOST_TEST(!parsed.error().message.empty());
}

BOOST_AUTO_TEST_CASE(dots_inside_the_urn_version_belong_to_the_urn) {
  auto parsed = scan_attribute_path(std::string(kEnterprise) + ":manager.displayName");
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST(parsed->urn == kEnterprise);
  BOOST_TEST(parsed->sub_attribute == "displayName");
}

BOOST_AUTO_TEST_CASE(invalid_path_error_is_invalid_path_by_default) {
  auto parsed = parse_attribute_path("name.given.Name");
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST(parsed.error().kind() == ErrorKind::kInvalid);
  BOOST_TEST((parsed.error().scim_type() == ScimType::kInvalidPath));
  BOOST_TEST(parsed.error().detail().find("position 11") != std::string::npos, parsed.error().detail());
}

BOOST_AUTO_TEST_CASE(caller_chooses_the_error_kind) {
  auto parsed = parse_attribute_path("1x", &Error::invalid_filter);
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST((parsed.error().scim_type() == ScimType::kInvalidFilter));
}

BOOST_AUTO_TEST_CASE(error_position_counts_characters_not_bytes) {
  auto parsed = parse_attribute_path("n\xC3\xA4me");  // "näme": ä is two bytes
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST(parsed.error().detail().find("position 2") != std::string::npos, parsed.error().detail());
}

// ATT-01: attribute names and URNs are case-insensitive.
BOOST_AUTO_TEST_CASE(iequals_ignores_case_in_every_part) {
  auto a = scan_attribute_path(std::string(kEnterprise) + ":manager.value");
  auto b = scan_attribute_path("URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:Manager.Value");
  BOOST_TEST_REQUIRE(a.has_value());
  BOOST_TEST_REQUIRE(b.has_value());
  BOOST_TEST(iequals(*a, *b));
  BOOST_TEST(!(*a == *b));
  BOOST_TEST(!iequals(*a, AttributePath{"", "manager", "value"}));
}

BOOST_AUTO_TEST_CASE(case_insensitive_ordering_makes_one_map_key) {
  std::map<AttributePath, int, AttributePathILess> m;
  m[AttributePath{"", "userName", ""}] = 1;
  m[AttributePath{"", "USERNAME", ""}] = 2;
  m[AttributePath{"", "name", "givenName"}] = 3;
  m[AttributePath{"", "nameg", "ivenName"}] = 4;
  BOOST_TEST(m.size() == 3u);
  BOOST_TEST((m[AttributePath{"", "username", ""}] == 2));
}

BOOST_AUTO_TEST_SUITE_END()
