#include "scim/filter_parser.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "scim/filter.h"
#include "support/error_print.h"

namespace fs = std::filesystem;
using fastscim::scim::And;
using fastscim::scim::AttributePath;
using fastscim::scim::Comparison;
using fastscim::scim::CompareOp;
using fastscim::scim::CompValue;
using fastscim::scim::ErrorKind;
using fastscim::scim::Filter;
using fastscim::scim::kMaxFilterDepth;
using fastscim::scim::kMaxFilterLength;
using fastscim::scim::Not;
using fastscim::scim::Or;
using fastscim::scim::parse_filter;
using fastscim::scim::parse_patch_path;
using fastscim::scim::Presence;
using fastscim::scim::ScimType;
using fastscim::scim::ValuePath;

namespace {

struct ValidFilter {
  std::string text;
  std::string canonical;  // empty: the text is already canonical
};

std::ostream& operator<<(std::ostream& os, const ValidFilter& f) { return os << f.text; }

struct InvalidFilter {
  std::string text;
  size_t position;       // 1-based character position named in the detail
  std::string mentions;  // text the detail must contain
};

std::ostream& operator<<(std::ostream& os, const InvalidFilter& f) { return os << f.text; }

const char kEnterprise[] = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

// What identity providers send (Entra ID, Okta), the RFC 7644 §3.4.2.2
// examples, and the corners of the grammar.
const ValidFilter kValid[] = {
    // Entra ID / Okta / Microsoft shapes (FLT-20).
    {R"(userName eq "x")", ""},
    {R"(externalId eq "x")", ""},
    {R"(id eq "x")", ""},
    {R"(emails[type eq "work"].value eq "x")", R"(emails[type eq "work" and value eq "x"])"},
    {R"(displayName eq "x")", ""},
    {R"(members[value eq "x"])", ""},
    {R"(members.value eq "x")", ""},
    {R"(DisplayName eq "x")", ""},
    {R"(meta.lastModified gt "2011-05-13T04:42:34Z")", ""},
    {R"(active eq true and (meta.lastModified ge "a" and meta.lastModified le "b"))",
     R"(active eq true and meta.lastModified ge "a" and meta.lastModified le "b")"},
    {R"(userName sw "J")", ""},
    {std::string(kEnterprise) + R"(:employeeNumber eq "701984")", ""},
    {R"(title pr and not (userType eq "Intern"))", ""},
    {std::string(kEnterprise) + R"(:manager.value eq "26118915")", ""},
    {R"(id eq "a" and manager.value eq "b")", ""},
    // RFC 7644 §3.4.2.2 examples.
    {R"(userName Eq "john")", R"(userName eq "john")"},
    {R"(name.familyName co "O'Malley")", ""},
    {R"(userName sw "J")", ""},
    {R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J")", ""},
    {R"(title pr)", ""},
    {R"(meta.lastModified ge "2011-05-13T04:42:34Z")", ""},
    {R"(meta.lastModified lt "2011-05-13T04:42:34Z")", ""},
    {R"(meta.lastModified le "2011-05-13T04:42:34Z")", ""},
    {R"(title pr and userType eq "Employee")", ""},
    {R"(title pr or userType eq "Intern")", ""},
    {R"(schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")", ""},
    {R"(userType eq "Employee" and (emails co "example.com" or emails.value co "example.org"))", ""},
    {R"(userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org"))", ""},
    {R"(userType eq "Employee" and (emails.type eq "work"))", R"(userType eq "Employee" and emails.type eq "work")"},
    {R"(userType eq "Employee" and emails[type eq "work" and value co "@example.com"])", ""},
    {R"(emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"])", ""},
    // Case-insensitive keywords and literals (FLT-03).
    {R"(userName EQ "x" AND displayName Eq "y" OR title PR)", R"(userName eq "x" and displayName eq "y" or title pr)"},
    {R"(NOT(userName eq "x"))", R"(not (userName eq "x"))"},
    {R"(Not (userName eq "x"))", R"(not (userName eq "x"))"},
    {R"(active eq TRUE)", R"(active eq true)"},
    {R"(active ne False)", R"(active ne false)"},
    {R"(manager eq Null)", R"(manager eq null)"},
    // Precedence (FLT-04) and parentheses.
    {R"(a eq 1 or b eq 2 and c eq 3)", ""},
    {R"((a eq 1 or b eq 2) and c eq 3)", ""},
    {R"(a eq 1 and (b eq 2 or c eq 3))", ""},
    {R"(a eq 1 or (b eq 2 or c eq 3))", R"(a eq 1 or b eq 2 or c eq 3)"},
    {R"(a eq 1 and (b eq 2 and c eq 3))", R"(a eq 1 and b eq 2 and c eq 3)"},
    {R"(((userName eq "x")))", R"(userName eq "x")"},
    {R"(not (not (a pr)))", ""},
    {R"(not (a pr) and not (b pr) or c pr)", ""},
    {R"(not (a pr or b pr))", ""},
    // Value filters (FLT-11).
    {R"(emails[type eq "work"])", ""},
    {R"(emails[not (type eq "work")])", ""},
    {R"(emails[type eq "work" or type eq "home"].value eq "x")",
     R"(emails[(type eq "work" or type eq "home") and value eq "x"])"},
    {R"(emails[type eq "work"].value pr)", R"(emails[type eq "work" and value pr])"},
    {R"(emails[type eq "work"].value eq "x" and userName eq "y")",
     R"(emails[type eq "work" and value eq "x"] and userName eq "y")"},
    {R"(emails [type eq "work"])", R"(emails[type eq "work"])"},
    {R"(emails[ type eq "work" ])", R"(emails[type eq "work"])"},
    {R"(addresses[(type eq "work" or type eq "home") and primary eq true])", ""},
    // Literals (FLT-12).
    {R"(age gt 10)", ""},
    {R"(score ge -1.5e+3)", ""},
    {R"(score eq 0)", ""},
    {R"(score eq 1.0)", ""},
    {R"(score lt 2E-7)", ""},
    {R"(x eq "")", ""},
    {R"(userName eq "a\"b\\c")", ""},
    {R"(displayName eq "caf\u00e9")", "displayName eq \"caf\xC3\xA9\""},
    {R"(displayName eq "\ud83d\ude00")", "displayName eq \"\xF0\x9F\x98\x80\""},
    {R"(x eq "\/")", R"(x eq "/")"},
    {R"(x eq "tab\there\nnew")", ""},
    {R"(x eq "\u0001")", ""},
    {"displayName eq \"Zo\xC3\xAB\"", ""},
    // White space and other lenient corners.
    {R"(userName eq"x")", R"(userName eq "x")"},
    {"userName\teq\n\"x\"", R"(userName eq "x")"},
    {R"(  userName eq "x"  )", R"(userName eq "x")"},
    {R"(members.$ref eq "https://example.com/v2/Users/1")", ""},
    {R"(not eq "x")", ""},  // an attribute may be called "not"
    {R"(x-y_z9 pr)", ""},
};

// Positions are 1-based characters.
const InvalidFilter kInvalid[] = {
    {"", 1, "the filter is empty"},
    {"   ", 1, "the filter is empty"},
    {R"(userName regex "x")", 10,
     R"(expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) but found "regex")"},
    {R"(userName eq)", 12, "expected a value"},
    {R"(userName eq "x" and)", 20, "expected an attribute path"},
    {R"((userName eq "x")", 17, R"~(expected "and", "or" or ")" but found the end of the filter)~"},
    {R"(userName eq "x"))", 16, R"~(or the end of the filter but found ")")~"},
    {R"(emails[type eq "work")", 22, R"(expected "and", "or" or "]")"},
    {R"(emails[type eq "work"]])", 23, R"(found "]")"},
    {R"(userName eq "x" userName eq "y")", 17, R"(found "userName")"},
    {R"(emails[type eq "work" and phones[type eq "x"]])", 33, "cannot be nested"},
    {R"(emails[value.x eq "a"])", 8, "expected a sub-attribute name"},
    {std::string("emails[") + kEnterprise + ":type eq \"a\"]", 8, "expected a sub-attribute name"},
    {R"(active gt true)", 11, R"("gt" orders values and cannot take true)"},
    {R"(active ge false)", 11, "cannot take false"},
    {R"(manager lt null)", 12, "cannot take null"},
    {R"(manager le null)", 12, "cannot take null"},
    {R"(userName co false)", 13, "cannot take false"},
    {R"(userName eq john)", 13,
     R"(expected a value (a double-quoted string, a number, true, false or null) but found "john")"},
    {R"(userName eq 'john')", 13, "expected a value"},
    {R"(userName eq "john)", 13, "no closing"},
    {R"(userName eq "a\qb")", 15, "invalid escape"},
    {R"(userName eq "\ud800")", 14, "unpaired"},
    {R"(userName eq "\udc00")", 14, "unpaired"},
    {R"(userName eq "\u12")", 14, "four hex digits"},
    {R"(userName eq "\u0000")", 14, "\\u0000"},
    {"userName eq \"a\x01"
     "b\"",
     15, "control character"},
    {"userName eq \"\xFF\"", 14, "invalid UTF-8"},
    {"userName eq \"\xC0\xAF\"", 14, "invalid UTF-8"},
    {R"(not userName eq "x")", 5, R"(expected "(" after "not")"},
    {R"(userName eq "x" and not)", 24, R"(expected "(" after "not" but found the end of the filter)"},
    {R"(not (userName eq "x")", 21, R"~(")")~"},
    {R"(1userName eq "x")", 1, "expected an attribute name"},
    {R"(name.given.name eq "x")", 11, "at most one sub-attribute"},
    {R"(user:Name eq "x")", 5, "only a path starting with \"urn:\""},
    {R"(userName eq "x" and or title pr)", 24, R"(found "title")"},
    {R"(())", 2, R"~(expected an attribute path, "(" or "not" but found ")")~"},
    {R"([type eq "x"])", 1, R"(found "[")"},
    {R"(userName pr pr)", 13, R"(found "pr")"},
    {R"(userName eq 01)", 13, R"(found "01")"},
    {R"(userName eq 1.)", 13, "expected a value"},
    {R"(userName eq -)", 13, "expected a value"},
    {R"(emails[type eq "work"].value)", 29, "expected a comparison operator"},
    {R"(emails[type eq "work"].1x eq "a")", 24, "expected a sub-attribute name"},
    {R"(emails[type eq "work"]. value eq "a")", 24, "expected a sub-attribute name"},
    {R"(name.givenName[type eq "x"])", 15, "names a sub-attribute"},
    {R"(userName eq 5 ])", 15, R"(found "]")"},
    {R"(userName[eq "x"])", 13, "expected a comparison operator"},
    {R"(userName eq "x" && title pr)", 17, R"(found "&&")"},
    {"displayName eq \"Zo\xC3\xAB\" foo", 22, R"(found "foo")"},
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// The golden cases under tests/cases/filter/<kind>/*.txt, sorted by name.
std::vector<std::string> golden_case_names(const std::string& kind) {
  std::vector<std::string> names;
  std::error_code ec;
  fs::path dir = fs::path(FASTSCIM_TEST_CASES) / "filter" / kind;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".txt") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

fs::path golden_case(const std::string& kind, const std::string& name) {
  return fs::path(FASTSCIM_TEST_CASES) / "filter" / kind / name;
}

const std::vector<std::string> kValidCases = golden_case_names("valid");
const std::vector<std::string> kInvalidCases = golden_case_names("invalid");

AttributePath attr(const std::string& name, const std::string& sub = "") { return AttributePath{"", name, sub}; }

Filter eq(const std::string& name, const std::string& value) {
  return Filter::comparison(attr(name), CompareOp::kEq, CompValue::string(value));
}

std::string nested_parentheses(int depth) {
  return std::string(static_cast<size_t>(depth), '(') + "userName eq \"x\"" +
         std::string(static_cast<size_t>(depth), ')');
}

}  // namespace

BOOST_AUTO_TEST_SUITE(filter_parser_test)

BOOST_DATA_TEST_CASE(parses_valid_filters_to_their_canonical_form, boost::unit_test::data::make(kValid), f) {
  auto parsed = parse_filter(f.text);
  BOOST_TEST_REQUIRE(parsed.has_value(), (parsed ? "" : parsed.error().detail()));
  BOOST_TEST(to_string(*parsed) == (f.canonical.empty() ? f.text : f.canonical));
}

// Convention 7: parse(to_string(ast)) == ast, and the canonical form is a
// fixed point.
BOOST_DATA_TEST_CASE(canonical_form_parses_back_to_the_same_tree, boost::unit_test::data::make(kValid), f) {
  auto parsed = parse_filter(f.text);
  BOOST_TEST_REQUIRE(parsed.has_value());
  std::string canonical = to_string(*parsed);
  auto reparsed = parse_filter(canonical);
  BOOST_TEST_REQUIRE(reparsed.has_value(), (reparsed ? "" : reparsed.error().detail()));
  BOOST_TEST((*reparsed == *parsed));
  BOOST_TEST(to_string(*reparsed) == canonical);
}

// FLT-02, FLT-14: invalidFilter with a detail naming position and cause.
BOOST_DATA_TEST_CASE(rejects_invalid_filters_naming_the_position, boost::unit_test::data::make(kInvalid), f) {
  auto parsed = parse_filter(f.text);
  BOOST_TEST_REQUIRE(!parsed.has_value(), "parsed as " << (parsed ? to_string(*parsed) : std::string()));
  const auto& e = parsed.error();
  BOOST_TEST(e.kind() == ErrorKind::kInvalid);
  BOOST_TEST((e.scim_type() == ScimType::kInvalidFilter));
  std::string prefix = "invalid filter at position " + std::to_string(f.position) + ": ";
  BOOST_TEST(e.detail().rfind(prefix, 0) == 0u, e.detail());
  BOOST_TEST(e.detail().find(f.mentions) != std::string::npos, e.detail());
}

BOOST_AUTO_TEST_CASE(unknown_operator_detail_reads_as_a_sentence) {
  auto parsed = parse_filter(R"(userName regex "^j")");
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST(parsed.error().detail() ==
             "invalid filter at position 10: expected a comparison operator (eq, ne, co, sw, ew, "
             "gt, ge, lt, le, pr) but found \"regex\"");
}

BOOST_AUTO_TEST_CASE(and_binds_tighter_than_or) {
  auto parsed = parse_filter(R"(a eq "1" or b eq "2" and c eq "3")");
  BOOST_TEST_REQUIRE(parsed.has_value());
  const Or* top = parsed->get_if<Or>();
  BOOST_TEST_REQUIRE(top != nullptr);
  BOOST_TEST_REQUIRE(top->operands.size() == 2u);
  BOOST_TEST((top->operands[0] == eq("a", "1")));
  BOOST_TEST((top->operands[1] == Filter::logical_and({eq("b", "2"), eq("c", "3")})));
}

BOOST_AUTO_TEST_CASE(not_binds_tighter_than_and) {
  auto parsed = parse_filter(R"(not (a eq "1") and b eq "2")");
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST((*parsed == Filter::logical_and({Filter::logical_not(eq("a", "1")), eq("b", "2")})));
}

BOOST_AUTO_TEST_CASE(chains_of_and_become_one_node) {
  auto parsed = parse_filter(R"(a eq "1" and (b eq "2" and c eq "3") and d eq "4")");
  BOOST_TEST_REQUIRE(parsed.has_value());
  const And* top = parsed->get_if<And>();
  BOOST_TEST_REQUIRE(top != nullptr);
  BOOST_TEST(top->operands.size() == 4u);
}

BOOST_AUTO_TEST_CASE(value_filter_holds_relative_sub_attribute_paths) {
  auto parsed = parse_filter(R"(emails[type eq "work"])");
  BOOST_TEST_REQUIRE(parsed.has_value());
  const ValuePath* vp = parsed->get_if<ValuePath>();
  BOOST_TEST_REQUIRE(vp != nullptr);
  BOOST_TEST(vp->path.attribute == "emails");
  BOOST_TEST((vp->filter == eq("type", "work")));
}

// Entra ID sends emails[type eq "work"].value eq "x": one element must have both.
BOOST_AUTO_TEST_CASE(entra_value_path_with_sub_attribute_means_one_element_with_both) {
  auto parsed = parse_filter(R"(emails[type eq "work"].value eq "bjensen@example.com")");
  BOOST_TEST_REQUIRE(parsed.has_value());
  Filter expected = Filter::value_path(attr("emails"),
                                       Filter::logical_and({eq("type", "work"), eq("value", "bjensen@example.com")}));
  BOOST_TEST((*parsed == expected));
}

BOOST_AUTO_TEST_CASE(urn_qualified_paths_keep_urn_and_attribute_apart) {
  auto parsed = parse_filter(std::string(kEnterprise) + ":manager.value eq \"26118915\"");
  BOOST_TEST_REQUIRE(parsed.has_value());
  const Comparison* c = parsed->get_if<Comparison>();
  BOOST_TEST_REQUIRE(c != nullptr);
  BOOST_TEST(c->path.urn == kEnterprise);
  BOOST_TEST(c->path.attribute == "manager");
  BOOST_TEST(c->path.sub_attribute == "value");
}

BOOST_AUTO_TEST_CASE(numbers_keep_their_literal_and_value) {
  auto parsed = parse_filter("score ge -1.5e+3");
  BOOST_TEST_REQUIRE(parsed.has_value());
  const Comparison* c = parsed->get_if<Comparison>();
  BOOST_TEST_REQUIRE(c != nullptr);
  BOOST_TEST(c->value.is_number());
  BOOST_TEST(c->value.text() == "-1.5e+3");
  BOOST_TEST(c->value.number_value() == -1500.0);
  BOOST_TEST(!c->value.integer_value().has_value());
  auto integer = parse_filter("age eq 9007199254740993");
  BOOST_TEST_REQUIRE(integer.has_value());
  BOOST_TEST(*integer->get_if<Comparison>()->value.integer_value() == 9007199254740993LL);
}

BOOST_AUTO_TEST_CASE(strings_are_decoded_from_json_escapes) {
  auto parsed = parse_filter(R"(displayName eq "a\"b\\c\/d\u00e9\ud83d\ude00")");
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST(parsed->get_if<Comparison>()->value.text() == "a\"b\\c/d\xC3\xA9\xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_CASE(presence_is_its_own_node) {
  auto parsed = parse_filter("title PR");
  BOOST_TEST_REQUIRE(parsed.has_value());
  const Presence* p = parsed->get_if<Presence>();
  BOOST_TEST_REQUIRE(p != nullptr);
  BOOST_TEST(p->path.attribute == "title");
}

BOOST_AUTO_TEST_CASE(not_wraps_its_operand) {
  auto parsed = parse_filter(R"(not(userType eq "Intern"))");
  BOOST_TEST_REQUIRE(parsed.has_value());
  const Not* n = parsed->get_if<Not>();
  BOOST_TEST_REQUIRE(n != nullptr);
  BOOST_TEST((n->operand == eq("userType", "Intern")));
}

BOOST_AUTO_TEST_CASE(structural_equality_distinguishes_operators_values_and_spelling) {
  BOOST_TEST((*parse_filter(R"(a eq "x")") != *parse_filter(R"(a ne "x")")));
  BOOST_TEST((*parse_filter(R"(a eq "x")") != *parse_filter(R"(a eq "y")")));
  BOOST_TEST((*parse_filter(R"(a eq "1")") != *parse_filter(R"(a eq 1)")));
  BOOST_TEST((*parse_filter(R"(a eq "x")") != *parse_filter(R"(A eq "x")")));
  BOOST_TEST((*parse_filter(R"(a pr or b pr)") != *parse_filter(R"(a pr and b pr)")));
  BOOST_TEST((*parse_filter(R"(a pr or b pr)") != *parse_filter(R"(b pr or a pr)")));
  BOOST_TEST((*parse_filter(R"(a EQ "x")") == *parse_filter(R"((a eq "x"))")));
}

BOOST_AUTO_TEST_CASE(filters_are_copyable_values) {
  Filter a = *parse_filter(R"(emails[type eq "work"] and title pr)");
  Filter b = a;
  BOOST_TEST((a == b));
  b = *parse_filter("title pr");
  BOOST_TEST((a != b));
  BOOST_TEST(to_string(a) == R"(emails[type eq "work"] and title pr)");
}

BOOST_AUTO_TEST_CASE(accepts_nesting_up_to_the_depth_limit) {
  BOOST_TEST(parse_filter(nested_parentheses(kMaxFilterDepth)).has_value());
}

// A hostile filter must get invalidFilter, never exhaust the stack.
BOOST_AUTO_TEST_CASE(rejects_nesting_beyond_the_depth_limit) {
  auto parsed = parse_filter(nested_parentheses(kMaxFilterDepth + 1));
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST((parsed.error().scim_type() == ScimType::kInvalidFilter));
  BOOST_TEST(parsed.error().detail().find("levels deep") != std::string::npos);

  std::string nots;
  for (int i = 0; i <= kMaxFilterDepth; ++i) nots += "not (";
  nots += "a pr";
  nots += std::string(static_cast<size_t>(kMaxFilterDepth) + 1, ')');
  BOOST_TEST(!parse_filter(nots).has_value());

  std::string deep(kMaxFilterLength, '(');
  auto very_deep = parse_filter(deep);
  BOOST_TEST_REQUIRE(!very_deep.has_value());
  BOOST_TEST((very_deep.error().scim_type() == ScimType::kInvalidFilter));
}

BOOST_AUTO_TEST_CASE(rejects_filters_longer_than_the_limit) {
  std::string value(kMaxFilterLength, 'x');
  auto parsed = parse_filter("userName eq \"" + value + "\"");
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST((parsed.error().scim_type() == ScimType::kInvalidFilter));
  BOOST_TEST(parsed.error().detail().find("longer than") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(long_chains_of_or_parse_without_deep_recursion) {
  std::string text = R"(id eq "0")";
  for (int i = 1; i < 1000; ++i) text += " or id eq \"" + std::to_string(i) + "\"";
  auto parsed = parse_filter(text);
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST(parsed->get_if<Or>()->operands.size() == 1000u);
  BOOST_TEST(to_string(*parsed) == text);
}

BOOST_AUTO_TEST_CASE(long_found_text_is_shortened_in_the_detail) {
  auto parsed = parse_filter("userName " + std::string(200, 'q') + " \"x\"");
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST(parsed.error().detail().size() < 200u);
  BOOST_TEST(parsed.error().detail().find("...") != std::string::npos);
}

// ---- PATCH paths (PAT-04) -------------------------------------------------

struct ValidPatchPath {
  std::string text;
  std::string canonical;  // empty: the text is already canonical
  std::string attribute;
  std::string sub_attribute;
  bool has_filter;
};

std::ostream& operator<<(std::ostream& os, const ValidPatchPath& p) { return os << p.text; }

struct InvalidPatchPath {
  std::string text;
  bool filter_error;  // invalidFilter rather than invalidPath
  size_t position;
};

std::ostream& operator<<(std::ostream& os, const InvalidPatchPath& p) { return os << p.text; }

const ValidPatchPath kValidPatchPaths[] = {
    {R"(members[value eq "2819c223-7f76-453a-919d-413861904646"])", "", "members", "", true},
    {R"(addresses[type eq "work"].streetAddress)", "", "addresses", "streetAddress", true},
    {std::string(kEnterprise) + ":manager", "", "manager", "", false},
    {std::string(kEnterprise) + ":manager.value", "", "manager", "value", false},
    {"name.givenName", "", "name", "givenName", false},
    {"userName", "", "userName", "", false},
    {R"(emails[type eq "work"].value)", "", "emails", "value", true},
    {R"(phoneNumbers[type eq "fax"].value)", "", "phoneNumbers", "value", true},
    {R"(roles[primary eq "True"].value)", "", "roles", "value", true},
    {R"(members[value eq "x" or value eq "y"])", "", "members", "", true},
    {R"(Members[Value EQ "x"])", R"(Members[Value eq "x"])", "Members", "", true},
    {R"(  userName  )", "userName", "userName", "", false},
    {R"(emails[value eq "a]b"])", "", "emails", "", true},
    {R"(emails[value eq "a\"]"])", "", "emails", "", true},
    {R"(members[not (value eq "x")])", "", "members", "", true},
};

const InvalidPatchPath kInvalidPatchPaths[] = {
    {"", false, 1},
    {"   ", false, 1},
    {"1abc", false, 1},
    {"members value", false, 8},
    {"name.given.name", false, 11},
    {R"(members[value eq "x")", false, 21},
    {R"(members[value eq "x"]x)", false, 22},
    {R"(members[value eq "x"].)", false, 23},
    {R"(members[value eq "x"].a.b)", false, 23},
    {R"(members[type eq "a"][x eq "b"])", false, 21},
    {R"(name.givenName[x eq "y"])", false, 15},
    {R"([value eq "x"])", false, 1},
    {R"(members[value regex "x"])", true, 15},
    {R"(members[])", true, 9},
    {R"(emails[type[value eq "x"]])", true, 12},
    {R"(members[value eq x])", true, 18},
    {R"(emails[display.x eq "x"])", true, 8},
};

BOOST_DATA_TEST_CASE(parses_patch_paths, boost::unit_test::data::make(kValidPatchPaths), p) {
  auto parsed = parse_patch_path(p.text);
  BOOST_TEST_REQUIRE(parsed.has_value(), (parsed ? "" : parsed.error().detail()));
  BOOST_TEST(parsed->path.attribute == p.attribute);
  BOOST_TEST(parsed->path.sub_attribute == p.sub_attribute);
  BOOST_TEST(parsed->value_filter.has_value() == p.has_filter);
  std::string canonical = to_string(*parsed);
  BOOST_TEST(canonical == (p.canonical.empty() ? p.text : p.canonical));
  auto reparsed = parse_patch_path(canonical);
  BOOST_TEST_REQUIRE(reparsed.has_value());
  BOOST_TEST((*reparsed == *parsed));
}

// PAT-04: a malformed path is invalidPath, a bad filter inside it invalidFilter.
BOOST_DATA_TEST_CASE(rejects_bad_patch_paths_with_the_right_scim_type, boost::unit_test::data::make(kInvalidPatchPaths),
                     p) {
  auto parsed = parse_patch_path(p.text);
  BOOST_TEST_REQUIRE(!parsed.has_value(), "parsed as " << (parsed ? to_string(*parsed) : std::string()));
  const auto& e = parsed.error();
  BOOST_TEST(e.kind() == ErrorKind::kInvalid);
  BOOST_TEST((e.scim_type() == (p.filter_error ? ScimType::kInvalidFilter : ScimType::kInvalidPath)), e.detail());
  std::string prefix = std::string(p.filter_error ? "invalid filter" : "invalid path") + " at position " +
                       std::to_string(p.position) + ": ";
  BOOST_TEST(e.detail().rfind(prefix, 0) == 0u, e.detail());
}

BOOST_AUTO_TEST_CASE(patch_path_with_filter_and_sub_attribute_splits_into_parts) {
  auto parsed = parse_patch_path(R"(addresses[type eq "work"].streetAddress)");
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST((parsed->path == AttributePath{"", "addresses", "streetAddress"}));
  BOOST_TEST((*parsed->value_filter == eq("type", "work")));
}

BOOST_AUTO_TEST_CASE(patch_path_urn_names_the_extension) {
  auto parsed = parse_patch_path(std::string(kEnterprise) + ":manager");
  BOOST_TEST_REQUIRE(parsed.has_value());
  BOOST_TEST(parsed->path.urn == kEnterprise);
  BOOST_TEST(!parsed->value_filter.has_value());
}

// ---- golden cases: tests/cases/filter/{valid,invalid}/*.txt ----------------
// valid/NAME.txt:   line 1 the filter; line 2 (optional) its canonical form.
// invalid/NAME.txt: line 1 the filter; line 2 the 1-based error position;
//                   line 3 (optional) text the detail must contain.

BOOST_AUTO_TEST_CASE(golden_case_folders_are_not_empty) {
  BOOST_TEST(!kValidCases.empty(), "no cases in " << FASTSCIM_TEST_CASES << "/filter/valid");
  BOOST_TEST(!kInvalidCases.empty(), "no cases in " << FASTSCIM_TEST_CASES << "/filter/invalid");
}

BOOST_DATA_TEST_CASE(golden_valid_filters, boost::unit_test::data::make(kValidCases), name) {
  std::vector<std::string> lines = lines_of(read_file(golden_case("valid", name)));
  BOOST_TEST_REQUIRE(!lines.empty());
  auto parsed = parse_filter(lines[0]);
  BOOST_TEST_REQUIRE(parsed.has_value(), (parsed ? "" : parsed.error().detail()));
  std::string canonical = to_string(*parsed);
  BOOST_TEST(canonical == (lines.size() > 1 && !lines[1].empty() ? lines[1] : lines[0]));
  auto reparsed = parse_filter(canonical);
  BOOST_TEST_REQUIRE(reparsed.has_value());
  BOOST_TEST((*reparsed == *parsed));
}

BOOST_DATA_TEST_CASE(golden_invalid_filters, boost::unit_test::data::make(kInvalidCases), name) {
  std::vector<std::string> lines = lines_of(read_file(golden_case("invalid", name)));
  BOOST_TEST_REQUIRE(lines.size() >= 2u, name << ": needs the filter and the position");
  auto parsed = parse_filter(lines[0]);
  BOOST_TEST_REQUIRE(!parsed.has_value(), "parsed as " << (parsed ? to_string(*parsed) : std::string()));
  const auto& e = parsed.error();
  BOOST_TEST((e.scim_type() == ScimType::kInvalidFilter));
  std::string prefix = "invalid filter at position " + lines[1] + ": ";
  BOOST_TEST(e.detail().rfind(prefix, 0) == 0u, e.detail());
  if (lines.size() > 2 && !lines[2].empty()) {
    BOOST_TEST(e.detail().find(lines[2]) != std::string::npos, e.detail());
  }
}

BOOST_AUTO_TEST_SUITE_END()
