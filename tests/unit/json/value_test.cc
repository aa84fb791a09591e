#include "json/value.h"

#include <boost/test/unit_test.hpp>

#include "json/io.h"

namespace json = fastscim::json;

BOOST_AUTO_TEST_SUITE(value_test)

BOOST_AUTO_TEST_CASE(copies_share_and_moves_transfer) {
  json::Value a = json::Value::object();
  json::Value b = a;
  BOOST_TEST(b.set("k", json::Value::integer(1)));
  BOOST_TEST(a.get("k").as_integer().value() == 1);  // same underlying object
  json::Value c = std::move(a);
  BOOST_TEST(!a);  // NOLINT(bugprone-use-after-move): moved-from is absent by contract
  BOOST_TEST(c.size() == 1u);
}

BOOST_AUTO_TEST_CASE(absent_is_distinct_from_null) {
  auto v = json::parse(R"({"a": null})");
  BOOST_REQUIRE(v.has_value());
  BOOST_TEST(v->get("a").is_null());
  BOOST_TEST(static_cast<bool>(v->get("a")));
  BOOST_TEST(!v->get("b"));
}

BOOST_AUTO_TEST_CASE(get_ci_matches_keys_case_insensitively) {
  auto v = json::parse(R"({"userName": "bjensen"})");
  BOOST_REQUIRE(v.has_value());
  std::string key;
  BOOST_TEST(v->get_ci("USERNAME", &key).as_string().value() == "bjensen");
  BOOST_TEST(key == "userName");
  BOOST_TEST(!v->get("USERNAME"));
}

BOOST_AUTO_TEST_CASE(parse_reports_line_and_column) {
  auto v = json::parse("{\n  \"a\": tru\n}");
  BOOST_REQUIRE(!v.has_value());
  BOOST_TEST(v.error().line == 2);
  BOOST_TEST(!v.error().text.empty());
}

BOOST_AUTO_TEST_CASE(parse_rejects_duplicate_keys) {
  auto v = json::parse(R"({"a": 1, "a": 2})");
  BOOST_TEST(!v.has_value());
}

BOOST_AUTO_TEST_CASE(dump_preserves_insertion_order) {
  json::Value v = json::Value::object();
  BOOST_TEST(v.set("z", json::Value::string("1")));
  BOOST_TEST(v.set("a", json::Value::boolean(true)));
  BOOST_TEST(json::dump(v) == R"({"z":"1","a":true})");
}

BOOST_AUTO_TEST_CASE(deep_copy_is_independent) {
  auto v = json::parse(R"({"a": [1, 2]})");
  BOOST_REQUIRE(v.has_value());
  json::Value copy = v->deep_copy();
  BOOST_TEST(copy.get("a").append(json::Value::integer(3)));
  BOOST_TEST(v->get("a").size() == 2u);
  BOOST_TEST(!copy.equals(*v));
}

BOOST_AUTO_TEST_SUITE_END()
