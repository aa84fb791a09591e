#include "json/value.h"

#include <cstdlib>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <jansson.h>

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

// json::dump writes the compact form itself; it must write what jansson
// writes, byte for byte, or a stored document and a response would change
// with the serialiser (the bench's loader compares rows byte for byte).
BOOST_AUTO_TEST_CASE(compact_dump_writes_what_jansson_writes) {
  std::string every_control;
  for (int c = 0; c < 0x20; ++c) every_control.push_back(static_cast<char>(c));
  json::Value controls = json::Value::object();
  BOOST_REQUIRE(controls.set(every_control, json::Value::string(every_control + "\"\\/\x7f")));
  std::vector<json::Value> corpus = {controls};
  for (
      const char* text :
      {R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen@example.com","name":{"givenName":"Barbara"},"emails":[{"value":"b@example.com","primary":true}],"active":false,"x":null})",
       R"({"quote":"say \"hi\"","back":"a\\b","slash":"a/b","tab":"a\tb","unicode":"Zoë 😀 \u2028 \u00e9","empty":""})",
       R"({"":{},"a":[],"b":[[],{}],"c":[1,-1,0,9223372036854775807,-9223372036854775808],"d":{"e":{"f":{"g":[true,false,null]}}}})",
       R"({"reals":[1.5,0.1,-2.25,1e300,3.0,-0.0,123456789.123]})", R"("just a string")", R"(42)", R"(2.5)", R"(true)",
       R"(null)", R"([])", R"({})"}) {
    auto parsed = json::parse(text);
    BOOST_REQUIRE_MESSAGE(parsed.has_value(), text);
    corpus.push_back(*parsed);
  }
  json::Value deep = json::Value::array();
  for (int i = 0; i < 200; ++i) {
    json::Value outer = json::Value::array();
    BOOST_REQUIRE(outer.append(deep));
    deep = outer;
  }
  corpus.push_back(deep);
  for (const json::Value& value : corpus) {
    char* expected = json_dumps(value.get_raw(), JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
    BOOST_REQUIRE(expected != nullptr);
    const std::string ours = json::dump(value);
    BOOST_TEST(ours == std::string(expected));
    std::free(expected);
  }
}

BOOST_AUTO_TEST_CASE(compact_dump_of_a_value_that_contains_itself_is_empty) {
  json::Value a = json::Value::array();
  json::Value b = json::Value::array();
  BOOST_REQUIRE(a.append(b));
  BOOST_REQUIRE(b.append(a));
  BOOST_TEST(json::dump(a).empty());
  json_array_clear(b.get_raw());  // break the cycle, or neither is ever freed
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
