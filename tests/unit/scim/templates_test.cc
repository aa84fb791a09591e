// scim/templates.h: reading a creation template (its filter and the values
// it sets) and choosing the first rule that matches an incoming user.
#include "scim/templates.h"

#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;

namespace {

constexpr char kEnterprise[] = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const std::string kDepartment = std::string(kEnterprise) + ":department";

json::Value parse(const std::string& text) {
  auto v = json::parse(text);
  BOOST_REQUIRE(v.has_value());
  return v.value();
}

struct Fixture {
  scim::SchemaRegistry registry;
  const scim::ResourceType& users = *registry.find_resource_type("User");

  scim::Template make(const std::string& name, const std::string& when, const std::string& body) {
    auto t = scim::read_template(registry, users, name, when, parse(body));
    BOOST_REQUIRE_MESSAGE(t.has_value(), (t ? "" : t.error().detail()));
    return t.value();
  }

  json::Value user_in(const std::string& department) {
    return parse(std::string(R"({"userName":"a@example.com","title":"Clerk",")") + kEnterprise +
                 R"(":{"department":")" + department + R"("}})");
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(templates_test)

BOOST_FIXTURE_TEST_CASE(first_matching_rule_wins_in_order, Fixture) {
  std::vector<scim::Template> rules = {
      make("sales", kDepartment + " eq \"Sales\" or " + kDepartment + " eq \"Marketing\"",
           std::string(R"({")") + kEnterprise + R"(":{"organization":"Acme Sales"}})"),
      make("everyone", "userName pr", R"({"title":"Staff"})"),
  };
  const scim::Template* matched = scim::first_matching(registry, users, rules, user_in("Marketing"));
  BOOST_REQUIRE(matched != nullptr);
  BOOST_TEST(matched->name == "sales");
  matched = scim::first_matching(registry, users, rules, user_in("Engineering"));
  BOOST_REQUIRE(matched != nullptr);
  BOOST_TEST(matched->name == "everyone");
}

BOOST_FIXTURE_TEST_CASE(no_rule_matches_gives_none, Fixture) {
  std::vector<scim::Template> rules = {make("sales", kDepartment + " eq \"Sales\"", R"({"title":"Seller"})")};
  BOOST_TEST(scim::first_matching(registry, users, rules, user_in("Legal")) == nullptr);
  BOOST_TEST(scim::first_matching(registry, users, {}, user_in("Sales")) == nullptr);
}

BOOST_FIXTURE_TEST_CASE(strings_compare_as_the_schema_says, Fixture) {
  // department is not caseExact: "sales" matches "Sales".
  std::vector<scim::Template> rules = {make("sales", kDepartment + " eq \"sales\"", R"({"title":"Seller"})")};
  BOOST_TEST(scim::first_matching(registry, users, rules, user_in("Sales")) != nullptr);
}

BOOST_FIXTURE_TEST_CASE(body_becomes_one_override_per_value, Fixture) {
  scim::Template t = make("t", "userName pr",
                          std::string(R"({"title":"Seller","name":{"honorificPrefix":"Dr"},")") + kEnterprise +
                              R"(":{"organization":"Acme","manager":{"value":"m-1"}}})");
  std::vector<std::string> paths;
  for (const auto& o : t.values) {
    paths.push_back(o.path);
    BOOST_TEST(o.source == "template:t");
  }
  std::vector<std::string> expected = {"title", "name.honorificPrefix", std::string(kEnterprise) + ":organization",
                                       std::string(kEnterprise) + ":manager.value"};
  BOOST_TEST(paths == expected, boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(bad_templates_are_refused_naming_the_problem, Fixture) {
  auto bad_filter = scim::read_template(registry, users, "t", "department eq", parse(R"({"title":"x"})"));
  BOOST_REQUIRE(!bad_filter);
  BOOST_TEST((bad_filter.error().kind() == scim::ErrorKind::kInvalid));
  auto unknown = scim::read_template(registry, users, "t", "nosuch eq \"x\"", parse(R"({"title":"x"})"));
  BOOST_REQUIRE(!unknown);
  BOOST_TEST(unknown.error().detail().find("nosuch") != std::string::npos);
  auto key = scim::read_template(registry, users, "t", "userName pr", parse(R"({"userName":"x"})"));
  BOOST_REQUIRE(!key);
  BOOST_TEST(key.error().detail().find("userName") != std::string::npos);
  auto shape = scim::read_template(registry, users, "t", "userName pr", parse(R"({"active":"yes"})"));
  BOOST_REQUIRE(!shape);
  BOOST_TEST(shape.error().detail().find("boolean") != std::string::npos);
  auto empty = scim::read_template(registry, users, "t", "userName pr", parse("{}"));
  BOOST_TEST(!empty);
  auto name = scim::read_template(registry, users, "a b", "userName pr", parse(R"({"title":"x"})"));
  BOOST_TEST(!name);
}

BOOST_AUTO_TEST_SUITE_END()
