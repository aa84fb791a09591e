#include "scim/filter_eval.h"

#include <ostream>
#include <string>
#include <vector>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "json/value.h"
#include "scim/filter_parser.h"
#include "util/strings.h"

using fastscim::json::Value;
using fastscim::scim::AttributePath;
using fastscim::scim::CaseExactFn;
using fastscim::scim::default_case_exact;
using fastscim::scim::Filter;
using fastscim::scim::matches;
using fastscim::scim::matches_element;
using fastscim::scim::parse_filter;
using fastscim::scim::parse_patch_path;

namespace {

const char kUser[] = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  "id": "2819c223-7f76-453a-919d-413861904646",
  "externalId": "BJensen",
  "userName": "bjensen@example.com",
  "name": {"familyName": "Jensen", "givenName": "Barbara"},
  "displayName": "Babs Jensen",
  "nickName": "",
  "title": "Tour Guide",
  "userType": "Employee",
  "active": true,
  "age": 42,
  "score": 1.5,
  "emails": [
    {"value": "bjensen@example.com", "type": "work", "primary": true},
    {"value": "babs@jensen.org", "type": "home"}
  ],
  "phoneNumbers": [],
  "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z",
           "lastModified": "2011-05-13T04:42:34Z"},
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
    "employeeNumber": "701984",
    "manager": {"value": "26118915"}
  }
})";

const char kGroup[] = R"({
  "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
  "displayName": "Sales Team",
  "members": [{"value": "u1", "display": "One"}, {"value": "u2"}]
})";

struct Case {
  std::string filter;
  bool expected;
};

std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.filter; }

const Case kUserCases[] = {
    // FLT-08: userName ignores case, id and externalId do not.
    {R"(userName eq "bjensen@example.com")", true},
    {R"(userName eq "BJENSEN@Example.com")", true},
    {R"(USERNAME eq "bjensen@example.com")", true},
    {R"(externalId eq "BJensen")", true},
    {R"(externalId eq "bjensen")", false},
    {R"(id eq "2819C223-7F76-453A-919D-413861904646")", false},
    {R"(id eq "2819c223-7f76-453a-919d-413861904646")", true},
    {R"(meta.resourceType eq "user")", false},
    // FLT-09, FLT-11: any value; value filters need one element for all.
    {R"(emails[type eq "work"].value eq "bjensen@example.com")", true},
    {R"(emails[type eq "home"].value eq "bjensen@example.com")", false},
    {R"(emails.type eq "home" and emails.value eq "bjensen@example.com")", true},
    {R"(emails[type eq "work" and primary eq true])", true},
    {R"(emails[type eq "home" and primary eq true])", false},
    {R"(emails[value co "example"])", true},
    {R"(emails[type eq "other"])", false},
    {R"(emails.value ew "@example.com")", true},
    {R"(name[givenName eq "Barbara"])", true},
    // FLT-10: a bare multi-valued complex attribute means its value.
    {R"(emails co "jensen.org")", true},
    {R"(emails eq "babs@jensen.org")", true},
    {R"(emails eq "work")", false},
    // FLT-05: co, sw, ew; identical strings match sw and ew.
    {R"(name.familyName co "ens")", true},
    {R"(name.givenName sw "barb")", true},
    {R"(name.givenName sw "Barbara")", true},
    {R"(name.givenName ew "BARA")", true},
    {R"(name.givenName ew "Barbara")", true},
    {R"(name.givenName co "xyz")", false},
    // pr: present and non-empty.
    {R"(title pr)", true},
    {R"(nickName pr)", false},
    {R"(phoneNumbers pr)", false},
    {R"(nosuch pr)", false},
    {R"(name pr)", true},
    {R"(emails.type pr)", true},
    {R"(emails.display pr)", false},
    // FLT-06: ordering.
    {R"(meta.lastModified gt "2011-05-13T04:42:33Z")", true},
    {R"(meta.lastModified gt "2011-05-13T04:42:34Z")", false},
    {R"(meta.lastModified ge "2011-05-13T04:42:34Z")", true},
    {R"(meta.lastModified lt "2012-01-01T00:00:00Z")", true},
    {R"(meta.lastModified le "2010-01-01T00:00:00Z")", false},
    {R"(userName gt "A")", true},
    {R"(userName lt "B")", false},
    {R"(age gt 41)", true},
    {R"(age ge 42)", true},
    {R"(age lt 42)", false},
    {R"(age eq 42.0)", true},
    {R"(age le 4.2e1)", true},
    {R"(score gt 1)", true},
    {R"(score lt 1.6)", true},
    {R"(score eq 1.5)", true},
    // Different JSON types never compare equal.
    {R"(age eq "42")", false},
    {R"(userName eq 42)", false},
    {R"(active eq "true")", false},
    // Booleans.
    {R"(active eq true)", true},
    {R"(active eq false)", false},
    {R"(active ne false)", true},
    // URN-qualified paths (EXT-05, FLT-17).
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984")", true},
    {R"(URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:EMPLOYEENUMBER eq "701984")", true},
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915")", true},
    {R"(urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bjensen@example.com")", true},
    {R"(urn:ietf:params:scim:schemas:extension:other:2.0:User:employeeNumber eq "701984")", false},
    {R"(employeeNumber eq "701984")", false},
    // ne is the negation of eq; null is unassigned.
    {R"(userType ne "Employee")", false},
    {R"(userType ne "Intern")", true},
    {R"(nosuch ne "x")", true},
    {R"(emails.type ne "work")", false},
    {R"(nosuch eq null)", true},
    {R"(nickName eq null)", true},
    {R"(title eq null)", false},
    {R"(title ne null)", true},
    // Logic.
    {R"(title pr and not (userType eq "Intern"))", true},
    {R"(userType eq "Intern" or title pr)", true},
    {R"(userType eq "Intern" and title pr)", false},
    {R"(not (title pr))", false},
    {R"(active eq true and (meta.lastModified ge "2011-01-01" and meta.lastModified le "2012"))", true},
    // Multi-valued simple attribute.
    {R"(schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")", true},
};

const Case kGroupCases[] = {
    {R"(displayName eq "sales team")", true},
    {R"(members[value eq "u2"])", true},
    {R"(members[value eq "U2"])", true},
    {R"(members[value eq "u3"])", false},
    {R"(members.value eq "u1")", true},
    {R"(members eq "u1")", true},
    {R"(members[value eq "u1" and display eq "one"])", true},
    {R"(members[value eq "u2" and display pr])", false},
};

Value parse_json(const char* text) {
  auto v = fastscim::json::parse(text);
  BOOST_TEST_REQUIRE(v.has_value());
  return *v;
}

Filter filter(const std::string& text) {
  auto f = parse_filter(text);
  BOOST_TEST_REQUIRE(f.has_value(), (f ? "" : f.error().detail()));
  return *f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(filter_eval_test)

BOOST_DATA_TEST_CASE(evaluates_user_filters, boost::unit_test::data::make(kUserCases), c) {
  BOOST_TEST(matches(filter(c.filter), parse_json(kUser)) == c.expected);
}

BOOST_DATA_TEST_CASE(evaluates_group_filters, boost::unit_test::data::make(kGroupCases), c) {
  BOOST_TEST(matches(filter(c.filter), parse_json(kGroup)) == c.expected);
}

BOOST_AUTO_TEST_CASE(case_exact_callback_decides_string_case_sensitivity) {
  CaseExactFn user_name_exact = [](const AttributePath& p) { return fastscim::util::iequals(p.attribute, "userName"); };
  Value user = parse_json(kUser);
  BOOST_TEST(!matches(filter(R"(userName eq "BJENSEN@example.com")"), user, user_name_exact));
  BOOST_TEST(matches(filter(R"(userName eq "bjensen@example.com")"), user, user_name_exact));
  BOOST_TEST(matches(filter(R"(externalId eq "bjensen")"), user, user_name_exact));
}

BOOST_AUTO_TEST_CASE(case_exact_is_asked_with_paths_rooted_at_the_outer_attribute) {
  std::vector<std::string> asked;
  CaseExactFn record = [&asked](const AttributePath& p) {
    asked.push_back(fastscim::scim::to_string(p));
    return false;
  };
  BOOST_TEST(matches(filter(R"(emails[type eq "WORK"])"), parse_json(kUser), record));
  BOOST_TEST(matches(filter(R"(emails co "JENSEN.org")"), parse_json(kUser), record));
  BOOST_TEST_REQUIRE(asked.size() >= 2u);
  BOOST_TEST(asked.front() == "emails.type");
  BOOST_TEST(asked.back() == "emails.value");
}

// The PATCH engine's use: members[value eq "u2"] against each element.
BOOST_AUTO_TEST_CASE(matches_element_applies_a_patch_path_filter_to_one_element) {
  auto path = parse_patch_path(R"(members[value eq "u2"])");
  BOOST_TEST_REQUIRE(path.has_value());
  Value group = parse_json(kGroup);
  Value members = group.get("members");
  std::vector<bool> hits;
  for (size_t i = 0; i < members.size(); ++i) {
    hits.push_back(matches_element(*path->value_filter, members.at(i), path->path));
  }
  BOOST_TEST((hits == std::vector<bool>{false, true}));

  CaseExactFn members_value_exact = [](const AttributePath& p) {
    return p.attribute == "members" && p.sub_attribute == "value";
  };
  auto upper = parse_patch_path(R"(members[value eq "U2"])");
  BOOST_TEST_REQUIRE(upper.has_value());
  BOOST_TEST(!matches_element(*upper->value_filter, members.at(1), upper->path, members_value_exact));
  BOOST_TEST(matches_element(*upper->value_filter, members.at(1), upper->path));
}

BOOST_AUTO_TEST_CASE(matches_accepts_an_element_with_relative_paths) {
  Value element = parse_json(R"({"type": "work", "value": "x@example.com"})");
  BOOST_TEST(matches(filter(R"(type eq "work" and value ew "@EXAMPLE.com")"), element));
  BOOST_TEST(!matches(filter(R"(type eq "home")"), element));
}

BOOST_AUTO_TEST_CASE(default_case_exact_covers_the_common_attributes) {
  BOOST_TEST(default_case_exact(AttributePath{"", "id", ""}));
  BOOST_TEST(default_case_exact(AttributePath{"", "externalId", ""}));
  BOOST_TEST(default_case_exact(AttributePath{"", "meta", "version"}));
  BOOST_TEST(default_case_exact(AttributePath{"", "members", "$ref"}));
  BOOST_TEST(!default_case_exact(AttributePath{"", "userName", ""}));
  BOOST_TEST(!default_case_exact(AttributePath{"", "emails", "value"}));
  BOOST_TEST(!default_case_exact(AttributePath{"", "meta", "lastModified"}));
}

BOOST_AUTO_TEST_CASE(non_object_resources_match_nothing_but_absence) {
  BOOST_TEST(!matches(filter(R"(userName eq "x")"), Value()));
  BOOST_TEST(!matches(filter(R"(userName pr)"), Value::array()));
  BOOST_TEST(matches(filter(R"(userName eq null)"), Value::string("x")));
}

BOOST_AUTO_TEST_SUITE_END()
