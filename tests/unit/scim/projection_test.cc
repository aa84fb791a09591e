#include "scim/projection.h"

#include <ostream>
#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/core_schemas.h"
#include "support/error_print.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using scim::Projection;
using scim::SchemaRegistry;

namespace {

constexpr const char* kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
constexpr const char* kAcme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

// A stored user as the repository would hand it over.
constexpr std::string_view kStoredUser = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
              "urn:ietf:params:scim:schemas:extension:acme:2.0:User"],
  "id": "2819c223",
  "externalId": "701984",
  "userName": "bjensen",
  "name": {"familyName": "Jensen", "givenName": "Barbara"},
  "displayName": "Babs Jensen",
  "password": "should-never-be-seen",
  "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
             {"value": "babs@jensen.org", "type": "home"}],
  "groups": [{"value": "e9e30dba", "display": "Tour Guides"}],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "employeeNumber": "701984", "manager": {"value": "26118915", "displayName": "John Smith"}},
  "urn:ietf:params:scim:schemas:extension:acme:2.0:User": {"location": "HQ", "secretCode": "xyz",
      "badge": {"value": "B-1", "pin": "1234"}},
  "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z",
           "lastModified": "2011-05-13T04:42:34Z", "version": "W/\"a330bc54f0671c9\""}
})";

constexpr std::string_view kStoredGroup = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
  "id": "e9e30dba", "displayName": "Tour Guides",
  "members": [{"value": "2819c223", "display": "Babs Jensen", "type": "User"}],
  "meta": {"resourceType": "Group"}
})";

// returned=request attributes to exercise ATT-22.
constexpr std::string_view kAcmeSchema = R"({
  "id": "urn:ietf:params:scim:schemas:extension:acme:2.0:User",
  "attributes": [{"name": "location"},
                 {"name": "secretCode", "returned": "request"},
                 {"name": "badge", "type": "complex", "subAttributes": [
                   {"name": "value"}, {"name": "pin", "returned": "request"}]}]})";

struct Fixture {
  Fixture() {
    auto acme = scim::Schema::from_json(parse(kAcmeSchema));
    BOOST_REQUIRE(acme.has_value());
    BOOST_REQUIRE(registry.add_extension("User", acme.value(), false).has_value());
  }
  const scim::ResourceType& user() const { return *registry.find_resource_type("User"); }
  const scim::ResourceType& group() const { return *registry.find_resource_type("Group"); }

  json::Value user_view(std::string_view attributes, std::string_view excluded,
                        const std::set<std::string>* requested = nullptr) const {
    auto projection = Projection::parse(attributes, excluded);
    BOOST_REQUIRE_MESSAGE(projection.has_value(), (projection ? "" : projection.error().detail()));
    return scim::apply(parse(kStoredUser), user(), registry, projection.value(), requested);
  }
  json::Value group_view(std::string_view attributes, std::string_view excluded) const {
    auto projection = Projection::parse(attributes, excluded);
    BOOST_REQUIRE(projection.has_value());
    return scim::apply(parse(kStoredGroup), group(), registry, projection.value());
  }

  SchemaRegistry registry;
};

std::vector<std::string> keys(const json::Value& object) {
  std::vector<std::string> out;
  for (const auto& [key, value] : object.items()) out.push_back(key);
  return out;
}

struct ParseCase {
  const char* what;
  const char* attributes;
  const char* excluded;
  bool valid;
  Projection::Mode mode;
  size_t names;
};

std::ostream& operator<<(std::ostream& os, const ParseCase& c) { return os << c.what; }

const ParseCase kParseCases[] = {
    {"neither", "", "", true, Projection::Mode::kDefault, 0},
    {"attributes", "userName,emails", "", true, Projection::Mode::kInclude, 2},
    {"excluded", "", "members", true, Projection::Mode::kExclude, 1},
    {"blanks_around_names", " userName , name.givenName ", "", true, Projection::Mode::kInclude, 2},
    {"empty_items_skipped", "userName,,", "", true, Projection::Mode::kInclude, 1},
    {"blank_parameter_is_absent", "  ", "members", true, Projection::Mode::kExclude, 1},
    {"urn_qualified", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", "", true,
     Projection::Mode::kInclude, 1},
    {"bare_extension_urn", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "", true,
     Projection::Mode::kInclude, 1},
    // PRJ-06
    {"both_parameters", "userName", "members", false, Projection::Mode::kDefault, 0},
    {"value_filter_is_not_a_name", R"(emails[type eq "work"])", "", false, Projection::Mode::kDefault, 0},
    {"two_dots", "", "name.givenName.x", false, Projection::Mode::kDefault, 0},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(projection_test)

BOOST_DATA_TEST_CASE(parse_reads_the_parameters, boost::unit_test::data::make(kParseCases), c) {
  auto projection = Projection::parse(c.attributes, c.excluded);
  BOOST_REQUIRE(projection.has_value() == c.valid);
  if (!c.valid) {
    BOOST_TEST(projection.error().kind() == scim::ErrorKind::kInvalid);
    BOOST_TEST((projection.error().scim_type() == scim::ScimType::kInvalidSyntax));
    return;
  }
  BOOST_TEST((projection->mode() == c.mode));
  BOOST_TEST(projection->names().size() == c.names);
}

// SRCH-03: the .search body carries arrays.
BOOST_AUTO_TEST_CASE(parse_accepts_search_request_arrays) {
  auto projection = Projection::parse(std::vector<std::string>{"userName", "emails"}, std::vector<std::string>{});
  BOOST_REQUIRE(projection.has_value());
  BOOST_TEST((projection->mode() == Projection::Mode::kInclude));
  auto both = Projection::parse(std::vector<std::string>{"userName"}, std::vector<std::string>{"emails"});
  BOOST_TEST(!both.has_value());
  BOOST_TEST(both.error().detail() == "attributes and excludedAttributes exclude each other; send only one");
}

BOOST_FIXTURE_TEST_CASE(default_view_has_default_attributes_only, Fixture) {
  json::Value out = user_view("", "");
  // GET-02: always + default; ATT-20/SEC-09: password never.
  BOOST_TEST(!out.get("password"));
  for (const char* key : {"schemas", "id", "externalId", "userName", "name", "emails", "groups", "meta"}) {
    BOOST_TEST(static_cast<bool>(out.get(key)), key);
  }
  BOOST_TEST(out.get("name").size() == 2u);
  // ATT-22: returned=request attributes stay out unless asked for.
  json::Value acme = out.get(kAcme);
  BOOST_TEST(acme.get("location").as_string().value_or("") == "HQ");
  BOOST_TEST(!acme.get("secretCode"));
  BOOST_TEST(json::dump(acme.get("badge")) == R"({"value":"B-1"})");
  BOOST_TEST(out.get(kEnterprise).get("manager").size() == 2u);
}

// PRJ-03, ATT-19; Microsoft's GetUserAttributes asks for userName,emails and
// checks the id.
BOOST_FIXTURE_TEST_CASE(attributes_replace_the_default_set, Fixture) {
  json::Value out = user_view("userName,emails", "");
  BOOST_TEST((keys(out) == std::vector<std::string>{"schemas", "id", "userName", "emails"}));
  BOOST_TEST(out.get("emails").size() == 2u);
  BOOST_TEST(out.get("emails").at(0).size() == 3u);  // PRJ-07: all sub-attributes
  BOOST_TEST(out.get("schemas").size() == 3u);       // schemas describes the resource
}

// PRJ-02, ATT-01.
BOOST_FIXTURE_TEST_CASE(attribute_names_ignore_case_and_may_carry_their_urn, Fixture) {
  json::Value out = user_view("USERNAME,urn:ietf:params:scim:schemas:core:2.0:User:displayName,Name.GivenName", "");
  BOOST_TEST((keys(out) == std::vector<std::string>{"schemas", "id", "userName", "name", "displayName"}));
  BOOST_TEST(json::dump(out.get("name")) == R"({"givenName":"Barbara"})");
}

BOOST_FIXTURE_TEST_CASE(sub_attribute_of_multi_valued_attribute_selects_in_every_value, Fixture) {
  json::Value out = user_view("emails.value", "");
  BOOST_TEST(json::dump(out.get("emails")) == R"([{"value":"bjensen@example.com"},{"value":"babs@jensen.org"}])");
}

// PRJ-05.
BOOST_FIXTURE_TEST_CASE(returned_never_is_not_output_even_when_named, Fixture) {
  json::Value out = user_view("password,userName", "");
  BOOST_TEST(!out.get("password"));
  BOOST_TEST(static_cast<bool>(out.get("userName")));
}

// PRJ-07: an extension URN names the whole extension object.
BOOST_FIXTURE_TEST_CASE(extension_urn_selects_the_whole_extension, Fixture) {
  json::Value out = user_view(kEnterprise, "");
  BOOST_TEST((keys(out) == std::vector<std::string>{"schemas", "id", kEnterprise}));
  BOOST_TEST(out.get(kEnterprise).get("employeeNumber").as_string().value_or("") == "701984");
  BOOST_TEST(out.get(kEnterprise).get("manager").size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(extension_attribute_can_be_selected_alone, Fixture) {
  json::Value out = user_view(std::string(kEnterprise) + ":manager.value", "");
  BOOST_TEST(json::dump(out.get(kEnterprise)) == R"({"manager":{"value":"26118915"}})");
}

// RES-06: meta is returned=default; its sub-attributes can be selected.
BOOST_FIXTURE_TEST_CASE(meta_follows_the_rules_of_a_default_complex_attribute, Fixture) {
  BOOST_TEST(!user_view("userName", "").get("meta"));
  json::Value out = user_view("meta.lastModified", "");
  BOOST_TEST(json::dump(out.get("meta")) == R"({"lastModified":"2011-05-13T04:42:34Z"})");
  BOOST_TEST(!user_view("", "meta").get("meta"));
}

// PRJ-04: excludedAttributes never removes returned=always attributes.
BOOST_FIXTURE_TEST_CASE(excluded_attributes_remove_from_the_default_set, Fixture) {
  json::Value out = user_view("", "emails,id,schemas,name.givenName," + std::string(kAcme));
  BOOST_TEST(!out.get("emails"));
  BOOST_TEST(out.get("id").as_string().value_or("") == "2819c223");
  BOOST_TEST(static_cast<bool>(out.get("schemas")));
  BOOST_TEST(json::dump(out.get("name")) == R"({"familyName":"Jensen"})");
  BOOST_TEST(!out.get(kAcme));
  BOOST_TEST(static_cast<bool>(out.get(kEnterprise)));
  BOOST_TEST(static_cast<bool>(out.get("userName")));
}

// ATT-22: returned=request.
BOOST_FIXTURE_TEST_CASE(returned_request_needs_naming_or_the_body, Fixture) {
  json::Value named = user_view(std::string(kAcme) + ":secretCode", "");
  BOOST_TEST(named.get(kAcme).get("secretCode").as_string().value_or("") == "xyz");
  json::Value pin = user_view(std::string(kAcme) + ":badge.pin", "");
  BOOST_TEST(json::dump(pin.get(kAcme)) == R"({"badge":{"pin":"1234"}})");
  // The whole complex attribute does not bring its request sub-attributes.
  json::Value whole = user_view(std::string(kAcme) + ":badge", "");
  BOOST_TEST(json::dump(whole.get(kAcme)) == R"({"badge":{"value":"B-1"}})");
  // A POST/PUT that sent them gets them back.
  std::set<std::string> sent = {std::string(kAcme) + ":secretcode", std::string(kAcme) + ":badge.PIN"};
  json::Value echoed = user_view("", "", &sent);
  BOOST_TEST(echoed.get(kAcme).get("secretCode").as_string().value_or("") == "xyz");
  BOOST_TEST(echoed.get(kAcme).get("badge").get("pin").as_string().value_or("") == "1234");
  json::Value excluded = user_view("", std::string(kAcme) + ":secretCode", &sent);
  BOOST_TEST(!excluded.get(kAcme).get("secretCode"));
}

BOOST_FIXTURE_TEST_CASE(unknown_names_are_ignored, Fixture) {
  json::Value out = user_view("userName,nosuch,urn:example:nosuch:attr", "");
  BOOST_TEST((keys(out) == std::vector<std::string>{"schemas", "id", "userName"}));
}

// PRJ-08, entra-provisioning.md §3: every Entra group lookup excludes members.
BOOST_FIXTURE_TEST_CASE(excluded_members_are_not_needed, Fixture) {
  auto projection = Projection::parse("", "members");
  BOOST_REQUIRE(projection.has_value());
  BOOST_TEST(!projection->needs("members"));
  BOOST_TEST(!projection->needs("MEMBERS"));
  BOOST_TEST(projection->needs("displayName"));
  BOOST_TEST(projection->needs("id"));
  json::Value out = scim::apply(parse(kStoredGroup), group(), registry, projection.value());
  BOOST_TEST((keys(out) == std::vector<std::string>{"schemas", "id", "displayName", "meta"}));
}

struct NeedsCase {
  const char* attributes;
  const char* excluded;
  bool needs_members;
};

std::ostream& operator<<(std::ostream& os, const NeedsCase& c) {
  return os << "attributes=" << c.attributes << " excludedAttributes=" << c.excluded;
}

const NeedsCase kNeedsCases[] = {
    {"", "", true},
    {"", "members", false},
    {"", "urn:ietf:params:scim:schemas:core:2.0:Group:members", true},
    {"", "urn:ietf:params:scim:schemas:core:2.0:User:members", true},
    {"", "members.display", true},
    {"", "displayName", true},
    {"id", "", false},
    {"displayName,externalId", "", false},
    {"members.value", "", true},
    {"Members", "", true},
    {"urn:ietf:params:scim:schemas:core:2.0:Group", "", true},
};

BOOST_DATA_TEST_CASE(needs_is_conservative, boost::unit_test::data::make(kNeedsCases), c) {
  auto projection = Projection::parse(c.attributes, c.excluded);
  BOOST_REQUIRE(projection.has_value());
  BOOST_TEST(projection->needs("members") == c.needs_members);
}

// Whatever needs() says is not needed, apply() indeed leaves out.
BOOST_DATA_TEST_CASE_F(Fixture, needs_agrees_with_apply, boost::unit_test::data::make(kNeedsCases), c) {
  auto projection = Projection::parse(c.attributes, c.excluded);
  BOOST_REQUIRE(projection.has_value());
  json::Value out = scim::apply(parse(kStoredGroup), group(), registry, projection.value());
  if (!projection->needs("members")) BOOST_TEST(!out.get("members"));
}

BOOST_FIXTURE_TEST_CASE(group_members_keep_display, Fixture) {
  json::Value out = group_view("", "");
  BOOST_TEST(out.get("members").at(0).get("display").as_string().value_or("") == "Babs Jensen");
  json::Value values = group_view("members.value", "");
  BOOST_TEST(json::dump(values.get("members")) == R"([{"value":"2819c223"}])");
}

// apply() changes nothing in the resource, and shares what it keeps whole
// with it instead of copying (projection.h): a response copies nothing.
BOOST_FIXTURE_TEST_CASE(apply_leaves_the_resource_alone_and_shares_what_it_keeps, Fixture) {
  json::Value resource = parse(kStoredUser);
  std::string before = json::dump(resource);
  json::Value out = scim::apply(resource, user(), registry, Projection());
  BOOST_TEST(json::dump(resource) == before);
  BOOST_TEST(out.get("emails").get_raw() == resource.get("emails").get_raw());
  BOOST_TEST(out.get("userName").get_raw() == resource.get("userName").get_raw());
  // Left out: the password (returned never).  What holds it is new.
  BOOST_TEST(!out.get("password"));
  BOOST_TEST(out.get_raw() != resource.get_raw());
  // emails.value excluded: each element is a new object sharing the rest.
  auto excluded = Projection::parse("", "emails.value");
  BOOST_REQUIRE(excluded.has_value());
  json::Value narrowed = scim::apply(resource, user(), registry, excluded.value());
  BOOST_TEST(json::dump(narrowed.get("emails")) == R"([{"type":"work","primary":true},{"type":"home"}])");
  BOOST_TEST(narrowed.get("emails").get_raw() != resource.get("emails").get_raw());
  BOOST_TEST(narrowed.get("emails").at(0).get("type").get_raw() == resource.get("emails").at(0).get("type").get_raw());
  // A copy of the result is the caller's to change.
  json::Value mine = out.deep_copy();
  mine.get("emails").at(0).set("value", json::Value::string("changed"));
  mine.get("schemas").append(json::Value::string("urn:x"));
  BOOST_TEST(json::dump(resource) == before);
}

BOOST_FIXTURE_TEST_CASE(requested_paths_lists_what_a_body_sent, Fixture) {
  json::Value body = parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "USERNAME": "b",
      "name": {"givenName": "B"}, "emails": [{"value": "a", "type": "work"}],
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User": {"secretCode": "x"}, "nosuch": 1})");
  std::set<std::string> paths = scim::requested_paths(body, user(), registry);
  std::set<std::string> expected = {"userName",
                                    "name",
                                    "name.givenName",
                                    "emails",
                                    "emails.value",
                                    "emails.type",
                                    std::string(kAcme) + ":secretCode"};
  BOOST_TEST((paths == expected));
}

BOOST_AUTO_TEST_SUITE_END()
