// A filter across resource types, cut down to one type (FLT-16).
#include "scim/filter_scope.h"

#include <ostream>
#include <string>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "scim/core_schemas.h"
#include "scim/filter_parser.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {
namespace {

struct ScopeCase {
  const char* type;
  const char* filter;
  const char* expected;  // "<nothing>", "<everything>" or the remaining filter's text
};

std::ostream& operator<<(std::ostream& os, const ScopeCase& c) { return os << c.type << ": " << c.filter; }

const ScopeCase kCases[] = {
    {"User", R"(userName eq "a")", R"(userName eq "a")"},
    {"Group", R"(userName eq "a")", "<nothing>"},
    {"Group", R"(userName pr)", "<nothing>"},
    {"Group", R"(emails[type eq "work"])", "<nothing>"},
    {"Group", R"(not (userName eq "a"))", "<everything>"},
    {"Group", R"(userName eq "a" or displayName eq "b")", R"(displayName eq "b")"},
    {"User", R"(userName eq "a" or displayName eq "b")", R"(userName eq "a" or displayName eq "b")"},
    {"Group", R"(userName eq "a" and displayName eq "b")", "<nothing>"},
    {"Group", R"(not (userName eq "a") and displayName eq "b")", R"(displayName eq "b")"},
    {"Group", R"(userName eq "a" or not (title pr))", "<everything>"},
    {"Group", R"(meta.resourceType eq "Group")", R"(meta.resourceType eq "Group")"},
    {"User", R"(members.value eq "x" or name.givenName sw "B")", R"(name.givenName sw "B")"},
};

BOOST_AUTO_TEST_SUITE(filter_scope_test)

BOOST_DATA_TEST_CASE(an_attribute_a_type_lacks_is_unassigned_for_it, boost::unit_test::data::make(kCases), c) {
  SchemaRegistry registry;
  const ResourceType* type = registry.find_resource_type(c.type);
  BOOST_TEST_REQUIRE(type != nullptr);
  auto parsed = parse_filter(c.filter);
  BOOST_TEST_REQUIRE(parsed.has_value());
  ScopedFilter scoped = scope_filter(registry, *type, parsed.value());
  std::string got = scoped.kind == ScopedFilter::Kind::kNothing      ? "<nothing>"
                    : scoped.kind == ScopedFilter::Kind::kEverything ? "<everything>"
                                                                     : to_string(*scoped.filter);
  BOOST_TEST(got == c.expected);
  BOOST_TEST(scoped.filter.has_value() == (scoped.kind == ScopedFilter::Kind::kFilter));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace fastscim::scim
