// Filter → SQL without a database: the golden cases under tests/cases/filter
// and the sort order.  Each valid/NAME.txt has a valid/NAME.sql beside it:
//
//   type: User                     the resource type to translate for
//   where: r.tenant_id = ? AND …   the WHERE text, on one line
//   int: 7                         the bound parameters, in order
//   string: User
//
// or, for a filter that parses but means nothing for that type,
//
//   type: User
//   error: text the invalidFilter detail must contain
//
// The tenant id is always 7.  invalid/NAME.txt cases must fail with the
// invalidFilter their line 3 names before any SQL is written.
#include "store/filter_sql.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "scim/filter_parser.h"
#include "scim/filter_resolver.h"
#include "scim/schema_registry.h"

namespace fs = std::filesystem;

namespace fastscim {
namespace {

constexpr long long kTenant = 7;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) lines.push_back(line);
  return lines;
}

std::vector<std::string> case_names(const std::string& kind) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(FASTSCIM_TEST_CASES) / "filter" / kind, ec)) {
    if (entry.path().extension() == ".txt") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

fs::path case_file(const std::string& kind, const std::string& name, const std::string& extension) {
  return fs::path(FASTSCIM_TEST_CASES) / "filter" / kind / (name + extension);
}

const std::vector<std::string> kValidCases = case_names("valid");
const std::vector<std::string> kInvalidCases = case_names("invalid");

// The WHERE fragment and its parameters in the .sql file format.
std::string render(const store::SqlFragment& fragment) {
  std::string out = "where: " + fragment.text + "\n";
  for (const auto& p : fragment.params) {
    out += p.kind == store::SqlParam::Kind::kInt ? "int: " + std::to_string(p.integer) + "\n"
                                                 : "string: " + p.text + "\n";
  }
  return out;
}

// Parse, resolve and translate, as a list request does.
scim::Result<store::SqlFragment> translate(const scim::SchemaRegistry& registry, const std::string& type_name,
                                           const std::string& filter) {
  const scim::ResourceType* type = registry.find_resource_type(type_name);
  BOOST_TEST_REQUIRE(type != nullptr, "no resource type " << type_name);
  auto parsed = scim::parse_filter(filter);
  if (!parsed) return scim::fail(parsed.error());
  auto resolved = scim::resolve_filter(registry, *type, parsed.value());
  if (!resolved) return scim::fail(resolved.error());
  scim::Query query;
  query.registry = &registry;
  query.type = type;
  query.filter = resolved.value();
  return store::where_clause(kTenant, query);
}

scim::Result<std::string> order_by(const scim::SchemaRegistry& registry, const std::string& type_name,
                                   const std::string& sort_by, bool descending) {
  const scim::ResourceType* type = registry.find_resource_type(type_name);
  BOOST_TEST_REQUIRE(type != nullptr);
  scim::Query query;
  query.registry = &registry;
  query.type = type;
  query.descending = descending;
  if (!sort_by.empty()) {
    auto resolved = scim::resolve_sort_by(registry, *type, sort_by);
    if (!resolved) return scim::fail(resolved.error());
    query.sort_by = resolved.value();
  }
  return store::order_by_clause(query);
}

struct SortCase {
  const char* type;
  const char* sort_by;
  bool descending;
  const char* expected;
};

std::ostream& operator<<(std::ostream& os, const SortCase& c) { return os << c.type << " " << c.sort_by; }

// SRT-01..SRT-04: columns where the table has one, the document otherwise,
// the first value of a multi-valued attribute, missing values last
// ascending and first descending, then the stable order.
const SortCase kSortCases[] = {
    {"User", "", false, "ORDER BY r.seq ASC"},
    {"User", "", true, "ORDER BY r.seq DESC"},
    {"User", "USERNAME", false, "ORDER BY (r.name_key IS NULL) ASC, r.name_key ASC, r.seq ASC"},
    {"Group", "displayName", true, "ORDER BY (r.name_key IS NULL) DESC, r.name_key DESC, r.seq DESC"},
    {"User", "meta.lastModified", false, "ORDER BY (r.last_modified IS NULL) ASC, r.last_modified ASC, r.seq ASC"},
    {"User", "title", false,
     "ORDER BY ((JSON_VALUE(r.document, '$.\"title\"') COLLATE utf8mb4_unicode_ci) IS NULL) ASC, "
     "(JSON_VALUE(r.document, '$.\"title\"') COLLATE utf8mb4_unicode_ci) ASC, r.seq ASC"},
    {"User", "name.familyName", false,
     "ORDER BY ((JSON_VALUE(r.document, '$.\"name\".\"familyName\"') COLLATE utf8mb4_unicode_ci) IS NULL) ASC, "
     "(JSON_VALUE(r.document, '$.\"name\".\"familyName\"') COLLATE utf8mb4_unicode_ci) ASC, r.seq ASC"},
    {"User", "emails", false,
     "ORDER BY ((JSON_VALUE(r.document, '$.\"emails\"[0].\"value\"') COLLATE utf8mb4_unicode_ci) IS NULL) ASC, "
     "(JSON_VALUE(r.document, '$.\"emails\"[0].\"value\"') COLLATE utf8mb4_unicode_ci) ASC, r.seq ASC"},
    {"User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", false,
     "ORDER BY (r.employee_number IS NULL) ASC, r.employee_number ASC, r.seq ASC"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(filter_sql_test)

BOOST_AUTO_TEST_CASE(golden_case_folders_are_not_empty) {
  BOOST_TEST(!kValidCases.empty());
  BOOST_TEST(!kInvalidCases.empty());
}

BOOST_DATA_TEST_CASE(golden_valid_filters_translate_to_their_sql, boost::unit_test::data::make(kValidCases), name) {
  scim::SchemaRegistry registry;
  std::vector<std::string> filter = lines_of(read_file(case_file("valid", name, ".txt")));
  BOOST_TEST_REQUIRE(!filter.empty());
  fs::path expected_file = case_file("valid", name, ".sql");
  BOOST_TEST_REQUIRE(fs::exists(expected_file), "every valid case needs " << expected_file);
  std::vector<std::string> expected = lines_of(read_file(expected_file));
  BOOST_TEST_REQUIRE(expected.size() >= 2u);
  BOOST_TEST_REQUIRE(expected[0].rfind("type: ", 0) == 0u, expected_file << ": line 1 must be \"type: <name>\"");
  auto sql = translate(registry, expected[0].substr(6), filter[0]);
  if (expected[1].rfind("error: ", 0) == 0) {
    BOOST_TEST_REQUIRE(!sql.has_value(), "translated to\n" << (sql ? render(*sql) : ""));
    BOOST_TEST((sql.error().scim_type() == scim::ScimType::kInvalidFilter));
    BOOST_TEST((sql.error().kind() == scim::ErrorKind::kInvalid));
    BOOST_TEST(sql.error().detail().find(expected[1].substr(7)) != std::string::npos, sql.error().detail());
    return;
  }
  BOOST_TEST_REQUIRE(sql.has_value(), (sql ? "" : sql.error().detail()));
  std::string want;
  for (size_t i = 1; i < expected.size(); ++i) want += expected[i] + "\n";
  BOOST_TEST(render(*sql) == want);
}

// FLT-02, FLT-14: a filter that does not parse never reaches SQL.
BOOST_DATA_TEST_CASE(golden_invalid_filters_are_invalid_filter, boost::unit_test::data::make(kInvalidCases), name) {
  scim::SchemaRegistry registry;
  std::vector<std::string> lines = lines_of(read_file(case_file("invalid", name, ".txt")));
  BOOST_TEST_REQUIRE(lines.size() >= 2u);
  auto sql = translate(registry, "User", lines[0]);
  BOOST_TEST_REQUIRE(!sql.has_value(), "translated to\n" << (sql ? render(*sql) : ""));
  BOOST_TEST((sql.error().scim_type() == scim::ScimType::kInvalidFilter));
  if (lines.size() > 2 && !lines[2].empty()) {
    BOOST_TEST(sql.error().detail().find(lines[2]) != std::string::npos, sql.error().detail());
  }
}

BOOST_DATA_TEST_CASE(sort_orders_by_the_column_or_document_value, boost::unit_test::data::make(kSortCases), c) {
  scim::SchemaRegistry registry;
  auto order = order_by(registry, c.type, c.sort_by, c.descending);
  BOOST_TEST_REQUIRE(order.has_value(), (order ? "" : order.error().detail()));
  BOOST_TEST(*order == c.expected);
}

// The resolver refuses what the store could not order by; nothing reaches SQL.
BOOST_AUTO_TEST_CASE(sort_by_an_unstored_meta_attribute_is_invalid_value) {
  scim::SchemaRegistry registry;
  auto order = order_by(registry, "User", "meta.version", false);
  BOOST_TEST_REQUIRE(!order.has_value());
  BOOST_TEST((order.error().scim_type() == scim::ScimType::kInvalidValue));
  BOOST_TEST(order.error().detail().find("meta.version") != std::string::npos, order.error().detail());
}

// Every value is bound: request text never appears in the SQL (DESIGN).
BOOST_AUTO_TEST_CASE(literals_are_bound_never_written_into_the_sql) {
  scim::SchemaRegistry registry;
  auto sql = translate(registry, "User", R"(title eq "x') OR 1=1 -- " or emails[type eq "';DROP"])");
  BOOST_TEST_REQUIRE(sql.has_value(), (sql ? "" : sql.error().detail()));
  BOOST_TEST(sql->text.find("1=1") == std::string::npos, sql->text);
  BOOST_TEST(sql->text.find("DROP") == std::string::npos, sql->text);
}

BOOST_AUTO_TEST_CASE(like_wildcards_in_literals_are_escaped) {
  scim::SchemaRegistry registry;
  auto sql = translate(registry, "User", R"(userName co "50%_\\")");
  BOOST_TEST_REQUIRE(sql.has_value(), (sql ? "" : sql.error().detail()));
  BOOST_TEST_REQUIRE(sql->params.size() == 3u);
  BOOST_TEST(sql->params[2].text == "%50\\%\\_\\\\%");
}

BOOST_AUTO_TEST_CASE(date_times_are_bound_as_utc_datetime_values) {
  std::string out;
  BOOST_TEST(store::to_sql_datetime("2011-05-13T04:42:34Z", &out));
  BOOST_TEST(out == "2011-05-13 04:42:34.000");
  BOOST_TEST(store::to_sql_datetime("2011-05-13T06:42:34.5+02:00", &out));
  BOOST_TEST(out == "2011-05-13 04:42:34.500");
  BOOST_TEST(!store::to_sql_datetime("yesterday", &out));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fastscim
