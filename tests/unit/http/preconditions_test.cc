#include "http/preconditions.h"

#include <optional>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace http = fastscim::http;
namespace scim = fastscim::scim;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::vector<long long>)

namespace {

// Whether header `header` (If-Match or If-None-Match) matches version 3,
// the way the core compares it.
bool matches_3(const std::string& header) {
  std::optional<scim::VersionSet> set = http::parse_version_set(header);
  return set && set->matches(3);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(preconditions_test)

// VER-08: If-Match compares weakly, accepts "*" and lists.
BOOST_AUTO_TEST_CASE(etags_compare_weakly_and_accept_star_and_lists) {
  BOOST_TEST(matches_3("W/\"3\""));
  BOOST_TEST(matches_3("w/\"3\""));
  BOOST_TEST(matches_3("\"3\""));
  BOOST_TEST(matches_3("3"));  // a bare token is read as if quoted
  BOOST_TEST(matches_3(" * "));
  BOOST_TEST(matches_3("W/\"1\", W/\"3\""));
  BOOST_TEST(matches_3("W/\"1\",,W/\"3\""));
  BOOST_TEST(!matches_3("W/\"2\""));
  BOOST_TEST(!matches_3("W/\"33\""));
  BOOST_TEST(!matches_3("W/\"03\""));  // only the exact spelling names version 3
  BOOST_TEST(!matches_3("W/\"+3\""));
  BOOST_TEST(!matches_3("W/\"abc\""));
  BOOST_TEST(!matches_3("*, W/\"1\""));  // "*" means any only on its own
}

BOOST_AUTO_TEST_CASE(a_blank_header_is_no_precondition) {
  BOOST_TEST(!http::parse_version_set("").has_value());
  BOOST_TEST(!http::parse_version_set("  \t").has_value());
}

// A header that names no version of ours is still a precondition: it
// matches nothing (so an If-Match of garbage is 412, never ignored).
BOOST_AUTO_TEST_CASE(a_header_naming_no_version_matches_nothing) {
  auto set = http::parse_version_set("\"xyz\", ,");
  BOOST_REQUIRE(set.has_value());
  BOOST_TEST(!set->any);
  BOOST_TEST(set->versions.empty());
  BOOST_TEST(!set->matches(1));
}

BOOST_AUTO_TEST_CASE(the_parsed_set_lists_versions_and_keeps_the_header_text) {
  auto set = http::parse_version_set("  W/\"1\", \"12\" ");
  BOOST_REQUIRE(set.has_value());
  BOOST_TEST(!set->any);
  BOOST_TEST((set->versions == std::vector<long long>{1, 12}));
  BOOST_TEST(set->text == "W/\"1\", \"12\"");
  auto star = http::parse_version_set(" * ");
  BOOST_REQUIRE(star.has_value());
  BOOST_TEST(star->any);
  BOOST_TEST(star->text == "*");
}

// Only an If-Match other than "*" pins a version (RFC 7644 §3.14).
BOOST_AUTO_TEST_CASE(request_headers_become_preconditions) {
  fastscim::http::Request request;
  request.if_match = "W/\"4\"";
  request.if_none_match = "*";
  scim::Preconditions p = http::preconditions_of(request);
  BOOST_REQUIRE(p.if_match.has_value());
  BOOST_TEST(p.if_match->matches(4));
  BOOST_TEST(p.pins_version());
  BOOST_REQUIRE(p.if_none_match.has_value());
  BOOST_TEST(p.if_none_match->any);
  request.if_match = "*";
  BOOST_TEST(!http::preconditions_of(request).pins_version());
  BOOST_TEST(!http::preconditions_of(fastscim::http::Request()).if_match.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
