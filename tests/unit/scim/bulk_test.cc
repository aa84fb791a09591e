// Reading and ordering a BulkRequest (RFC 7644 §3.7): golden cases under
// tests/cases/bulk (see its README.md) and bulkId substitution.
#include "scim/bulk.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"

namespace fastscim::scim {
namespace {

namespace fs = std::filesystem;

fs::path cases_dir() { return fs::path(FASTSCIM_TEST_CASES) / "bulk"; }

std::vector<std::string> golden_case_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(cases_dir(), ec)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

const std::vector<std::string> kGoldenCases = golden_case_names();

json::Value read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto v = json::parse(ss.str());
  BOOST_REQUIRE_MESSAGE(v.has_value(), path << " does not parse: " << (v ? "" : v.error().text));
  return v.value();
}

std::string golden_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid: return "400";
    case ErrorKind::kPayloadTooLarge: return "413";
    default: return "unexpected kind";
  }
}

json::Value parse(const char* text) {
  auto v = json::parse(text);
  BOOST_REQUIRE(v.has_value());
  return v.value();
}

BOOST_AUTO_TEST_SUITE(bulk_test)

BOOST_AUTO_TEST_CASE(there_are_golden_cases) { BOOST_TEST(kGoldenCases.size() > 0u, "no cases in " << cases_dir()); }

BOOST_DATA_TEST_CASE(golden_bulk_cases, boost::unit_test::data::make(kGoldenCases), name) {
  fs::path dir = cases_dir() / name;
  BulkLimits limits;
  limits.max_operations = 4;
  auto request = parse_bulk_request(read_json(dir / "request.json"), limits);
  if (fs::exists(dir / "error.json")) {
    json::Value expected = read_json(dir / "error.json");
    BOOST_REQUIRE_MESSAGE(!request.has_value(), "expected the request to be refused");
    const Error& e = request.error();
    BOOST_TEST(golden_status(e.kind()) == expected.get("status").as_string().value_or(""), e.detail());
    BOOST_TEST(std::string(scim_type_keyword(e.scim_type())) == expected.get("scimType").as_string().value_or(""));
    BOOST_TEST(e.detail().find(expected.get("detailContains").as_string().value_or("")) != std::string::npos,
               "detail: " << e.detail());
    return;
  }
  BOOST_REQUIRE_MESSAGE(request.has_value(), (request ? "" : request.error().detail()));
  json::Value expected = read_json(dir / "expected.json");
  std::vector<BulkStep> steps = plan_bulk(*request);
  std::vector<long long> order;
  std::map<std::string, std::string> refused;
  for (const BulkStep& step : steps) {
    order.push_back(static_cast<long long>(step.index));
    if (step.refusal) {
      BOOST_TEST(std::string(scim_type_keyword(step.refusal->scim_type())) == "invalidValue");
      refused[std::to_string(step.index)] = step.refusal->detail();
    }
  }
  std::vector<long long> expected_order;
  json::Value listed = expected.get("order");
  for (size_t i = 0; i < listed.size(); ++i) expected_order.push_back(listed.at(i).as_integer().value_or(-1));
  BOOST_TEST(order == expected_order, boost::test_tools::per_element());
  json::Value expected_refused = expected.get("refused");
  BOOST_TEST(refused.size() == expected_refused.size());
  for (const auto& [index, contains] : expected_refused.items()) {
    BOOST_TEST_CONTEXT("operation " << index) {
      BOOST_REQUIRE(refused.count(index) == 1u);
      BOOST_TEST(refused[index].find(*contains.as_string()) != std::string::npos, "detail: " << refused[index]);
    }
  }
}

BOOST_AUTO_TEST_CASE(references_are_collected_from_path_and_data) {
  BulkOperation op{"PATCH", "/Groups/bulkId:g", "", std::nullopt,
                   parse(R"({"Operations": [{"op": "add", "value": {"members": [{"value": "bulkId:u"}]}}],
                             "note": "bulkId:"})")};
  BOOST_TEST((bulk_references(op) == std::set<std::string>{"g", "u"}));
}

BOOST_AUTO_TEST_CASE(substitution_replaces_every_reference_and_nothing_else) {  // BLK-07
  json::Value data = parse(R"({"members": [{"value": "bulkId:u", "display": "bulkId is a word"}],
                               "manager": {"value": "bulkId:m"}, "n": 3})");
  auto out = substitute_bulk_ids(data, {{"u", "id-u"}, {"m", "id-m"}});
  BOOST_REQUIRE(out.has_value());
  BOOST_TEST(out->get("members").at(0).get("value").as_string().value_or("") == "id-u");
  BOOST_TEST(out->get("members").at(0).get("display").as_string().value_or("") == "bulkId is a word");
  BOOST_TEST(out->get("manager").get("value").as_string().value_or("") == "id-m");
  BOOST_TEST(out->get("n").as_integer().value_or(0) == 3);
  BOOST_TEST(data.get("manager").get("value").as_string().value_or("") == "bulkId:m", "the input was modified");
  auto path = substitute_bulk_ids(std::string("/Users/bulkId:u"), {{"u", "id-u"}});
  BOOST_REQUIRE(path.has_value());
  BOOST_TEST(*path == "/Users/id-u");
}

BOOST_AUTO_TEST_CASE(a_reference_without_a_resource_is_invalid_value) {
  auto out = substitute_bulk_ids(parse(R"({"members": [{"value": "bulkId:u"}]})"), {});
  BOOST_REQUIRE(!out.has_value());
  BOOST_TEST(std::string(scim_type_keyword(out.error().scim_type())) == "invalidValue");
  BOOST_TEST(out.error().detail().find("bulkId:u") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(fail_on_errors_must_be_a_positive_integer) {
  for (const char* bad : {"0", "-1", "\"1\"", "1.5"}) {
    std::string text = std::string(R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
                                        "failOnErrors": )") +
                       bad + R"(, "Operations": []})";
    auto request = parse_bulk_request(parse(text.c_str()), BulkLimits{});
    BOOST_TEST(!request.has_value(), bad);
  }
  auto ok = parse_bulk_request(parse(R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
                                         "failOnErrors": 2, "Operations": []})"),
                               BulkLimits{});
  BOOST_REQUIRE(ok.has_value());
  BOOST_TEST(ok->fail_on_errors.value_or(0) == 2);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace fastscim::scim
