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

namespace {

// Whether `a` and `b` share a string or container (jansson's constants
// true, false and null are one value each, and may be shared).
bool shares_a_node(json_t* a, json_t* b) {
  if (json_is_object(a) || json_is_array(a) || json_is_string(a) || json_is_integer(a) || json_is_real(a)) {
    if (a == b) return true;
  }
  if (json_is_object(a) && json_is_object(b)) {
    const char* key = nullptr;
    json_t* value = nullptr;
    json_object_foreach(a, key, value) {
      if (shares_a_node(value, json_object_get(b, key))) return true;
    }
  }
  if (json_is_array(a) && json_is_array(b)) {
    for (size_t i = 0; i < json_array_size(a) && i < json_array_size(b); ++i) {
      if (shares_a_node(json_array_get(a, i), json_array_get(b, i))) return true;
    }
  }
  return false;
}

}  // namespace

// Value::deep_copy is written for speed (json_deep_copy's loop check costs
// more than the copy): it must copy what json_deep_copy copies, in the same
// order, and share nothing with the original.
BOOST_AUTO_TEST_CASE(deep_copy_copies_what_jansson_copies_and_shares_nothing) {
  for (
      const char* text :
      {R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen","name":{"givenName":"B"},"emails":[{"value":"b@example.com","primary":true},{"value":"c@example.com"}],"n":-42,"r":2.5,"t":true,"f":false,"z":null,"e":{},"a":[],"deep":[[[{"x":[1]}]]]})",
       R"("text")", R"(7)", R"(1.25)", R"(null)", R"([[],{}])"}) {
    BOOST_TEST_INFO("text: " << text);
    auto original = json::parse(text);
    BOOST_REQUIRE(original.has_value());
    const json::Value ours = original->deep_copy();
    json::Value theirs = json::Value::adopt(json_deep_copy(original->get_raw()));
    BOOST_TEST(json::dump(ours) == json::dump(theirs));
    BOOST_TEST(ours.equals(*original));
    BOOST_TEST(!shares_a_node(ours.get_raw(), original->get_raw()));
  }
  BOOST_TEST(!json::Value().deep_copy());
}

BOOST_AUTO_TEST_CASE(copy_is_a_new_container_over_the_same_values) {
  auto v = json::parse(R"({"a":{"b":1},"c":[2]})");
  BOOST_REQUIRE(v.has_value());
  json::Value top = v->copy();
  BOOST_TEST(top.get_raw() != v->get_raw());
  BOOST_TEST(top.get("a").get_raw() == v->get("a").get_raw());
  BOOST_TEST(top.set("d", json::Value::integer(3)));
  BOOST_TEST(!v->get("d"));
  BOOST_TEST(json::dump(top) == R"({"a":{"b":1},"c":[2],"d":3})");
  json::Value list = v->get("c").copy();
  BOOST_TEST(list.append(json::Value::integer(4)));
  BOOST_TEST(v->get("c").size() == 1u);
  const json::Value text = json::Value::string("x");
  BOOST_TEST(text.copy().get_raw() == text.get_raw());
}

BOOST_AUTO_TEST_CASE(deep_copy_of_a_value_that_contains_itself_is_absent) {
  json::Value a = json::Value::object();
  json::Value b = json::Value::array();
  BOOST_REQUIRE(a.set("b", b));
  BOOST_REQUIRE(b.append(a));
  BOOST_TEST(!a.deep_copy());
  json_array_clear(b.get_raw());  // break the cycle, or neither is ever freed
}

BOOST_AUTO_TEST_SUITE_END()
