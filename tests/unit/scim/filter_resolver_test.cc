// The resolver: resolved nodes carry their definitions, and every semantic
// check of a filter or sortBy is made here, once.
#include "scim/filter_resolver.h"

#include <ostream>
#include <string>
#include <variant>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "scim/core_schemas.h"
#include "scim/filter_parser.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {
namespace {

Result<ResolvedFilter> resolve(const SchemaRegistry& registry, const ResourceType& type, const std::string& text) {
  auto parsed = parse_filter(text);
  BOOST_TEST_REQUIRE(parsed.has_value(), (parsed ? "" : parsed.error().detail()));
  return resolve_filter(registry, type, parsed.value());
}

struct BadFilter {
  const char* type;
  const char* filter;
  const char* detail;  // what the invalidFilter detail must contain
};

std::ostream& operator<<(std::ostream& os, const BadFilter& c) { return os << c.filter; }

const BadFilter kBadFilters[] = {
    {"User", R"(nosuch eq "x")", R"(unknown attribute "nosuch" in filter for User resources)"},
    {"User", R"(emails[nosuch eq "x"])", R"(unknown attribute "emails.nosuch")"},
    {"User", R"(title[value eq "x"])", R"(a value filter needs a complex attribute, and "title" is not one)"},
    {"User", R"(password eq "x")", R"(attribute "password" cannot be used in a filter)"},
    {"User", R"(name eq "x")", R"("name" is a complex attribute; compare one of its sub-attributes)"},
    {"User", R"(active gt "x")", R"(gt cannot be used with "active", which is boolean)"},  // FLT-07
    {"User", R"(emails[primary lt "x"])", R"(lt cannot be used with "emails.primary", which is boolean)"},
    {"User", R"(x509Certificates.value ge "x")", R"(ge cannot be used with "x509Certificates.value", which is binary)"},
    {"User", R"(active co "x")", R"(co cannot be used with "active", which is boolean)"},
    {"User", R"(active eq "true")", R"("active" is a boolean; compare it with true or false)"},
    {"User", R"(title eq 5)", R"("title" is a string; compare it with a quoted value)"},
    {"User", R"(meta.created sw "2011")", R"(sw cannot be used with "meta.created", which is dateTime)"},
    {"User", R"(meta.created gt "yesterday")", R"("yesterday" is not an xsd:dateTime)"},
    {"User", R"(meta.created gt 5)", R"("meta.created" is a dateTime; compare it with a quoted xsd:dateTime)"},
    {"User", R"(meta.version eq "W/1")", R"("meta.version" cannot be filtered; use meta.created)"},
    {"User", R"(meta[location pr])", R"("meta.location" cannot be filtered)"},
    {"User", R"(groups.type eq "direct")", "a user's groups can be filtered by value and display only"},
    {"Group", R"(members[$ref pr])", "group members can be filtered by value, type and display only"},
};

const ResourceType& type_named(const SchemaRegistry& registry, const std::string& name) {
  const ResourceType* type = registry.find_resource_type(name);
  BOOST_TEST_REQUIRE(type != nullptr);
  return *type;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(filter_resolver_test)

BOOST_AUTO_TEST_CASE(nodes_carry_their_definitions_and_schema_spelling) {
  SchemaRegistry registry;
  auto r = resolve(registry, user_resource_type(),
                   "USERNAME eq \"a\" and EMAILS co \"b\" and urn:ietf:params:scim:schemas:extension:enterprise:"
                   "2.0:User:EMPLOYEENUMBER pr");
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().detail()));
  BOOST_TEST(to_string(r->filter()) ==
             "userName eq \"a\" and emails.value co \"b\" and "
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr");
  const auto* all = std::get_if<ResolvedAnd>(&r->node());
  BOOST_TEST_REQUIRE(all != nullptr);
  BOOST_TEST_REQUIRE(all->operands.size() == 3u);

  const auto& user_name = std::get<ResolvedComparison>(all->operands[0].node()).target;
  BOOST_TEST(user_name.attribute->name == "userName");
  BOOST_TEST(user_name.schema->id == kUserSchemaUrn);
  BOOST_TEST(!user_name.in_extension);
  BOOST_TEST(user_name.sub_attribute == nullptr);

  // FLT-10: a complex attribute compares its value sub-attribute.
  const auto& emails = std::get<ResolvedComparison>(all->operands[1].node()).target;
  BOOST_TEST(emails.attribute->name == "emails");
  BOOST_TEST_REQUIRE(emails.sub_attribute != nullptr);
  BOOST_TEST(emails.sub_attribute->name == "value");
  BOOST_TEST(to_string(emails.canonical) == "emails.value");

  const auto& employee = std::get<ResolvedPresence>(all->operands[2].node()).target;
  BOOST_TEST(employee.in_extension);
  BOOST_TEST(employee.schema->id == kEnterpriseUserSchemaUrn);
}

BOOST_AUTO_TEST_CASE(value_filter_targets_are_whole_attributes_with_relative_paths) {
  SchemaRegistry registry;
  auto r = resolve(registry, user_resource_type(), R"(emails[TYPE eq "work"])");
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().detail()));
  const auto& vp = std::get<ResolvedValuePath>(r->node());
  BOOST_TEST(vp.target.attribute->name == "emails");
  BOOST_TEST(!vp.target.in_element);
  const auto& inner = std::get<ResolvedComparison>(vp.filter.node()).target;
  BOOST_TEST(inner.in_element);
  BOOST_TEST(inner.attribute->name == "emails");
  BOOST_TEST(inner.sub_attribute->name == "type");
  BOOST_TEST(to_string(inner.canonical) == "type");
  BOOST_TEST(to_string(inner.canonical_path()) == "emails.type");
}

BOOST_DATA_TEST_CASE(semantic_errors_are_400_invalid_filter_with_one_wording, boost::unit_test::data::make(kBadFilters),
                     c) {
  SchemaRegistry registry;
  auto r = resolve(registry, type_named(registry, c.type), c.filter);
  BOOST_TEST_REQUIRE(!r.has_value(), "resolved to " << (r ? to_string(r->filter()) : std::string()));
  BOOST_TEST((r.error().kind() == ErrorKind::kInvalid));
  BOOST_TEST((r.error().scim_type() == ScimType::kInvalidFilter));
  BOOST_TEST(r.error().detail().find(c.detail) != std::string::npos, r.error().detail());
}

BOOST_AUTO_TEST_CASE(null_compares_with_eq_and_ne_on_any_type) {
  SchemaRegistry registry;
  for (const char* f : {"active eq null", "title ne null", "meta.created eq null", "emails[primary eq null]"}) {
    BOOST_TEST_CONTEXT(f) {
      auto r = resolve(registry, user_resource_type(), f);
      BOOST_TEST(r.has_value(), (r ? "" : r.error().detail()));
    }
  }
}

// SRT-01, SRT-02.
BOOST_AUTO_TEST_CASE(sort_by_resolves_to_schema_spelling_and_value_of_complex) {
  SchemaRegistry registry;
  auto s = resolve_sort_by(registry, user_resource_type(), " EMAILS ");
  BOOST_TEST_REQUIRE(s.has_value(), (s ? "" : s.error().detail()));
  BOOST_TEST(to_string(s->canonical) == "emails.value");
  BOOST_TEST(s->sub_attribute->name == "value");
  for (const char* bad : {"nosuch", "password", "name", "meta.version", "a b"}) {
    BOOST_TEST_CONTEXT(bad) {
      auto e = resolve_sort_by(registry, user_resource_type(), bad);
      BOOST_TEST_REQUIRE(!e.has_value());
      BOOST_TEST((e.error().scim_type() == ScimType::kInvalidValue));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fastscim::scim
