#include "json/reader.h"

#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <jansson.h>

#include "json/io.h"

namespace json = fastscim::json;

namespace {

// What jansson makes of `text` with parse()'s flags, as compact text; ""
// when it refuses it.
std::string jansson_reads(const std::string& text) {
  json_error_t error;
  json_t* value = json_loadb(text.data(), text.size(), JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &error);
  if (value == nullptr) return "";
  json::Value held = json::Value::adopt(value);
  return json::dump(held);
}

// The reader's one promise: whatever it reads, jansson reads the same way
// (same values, same key order); what it declines is left to jansson.
// Returns whether the reader read it.
bool reads_as_jansson_does(const std::string& text) {
  json::Value ours = json::read_common(text);
  if (!ours) return false;
  BOOST_TEST_INFO("text: " << text);
  BOOST_TEST(json::dump(ours) == jansson_reads(text));
  return true;
}

const char* const kEntraUser = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
  "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@contoso.com",
  "active": true,
  "displayName": "Zoë D'Arcy \"Z\" \\ Müller 😀",
  "emails": [{"primary": true, "type": "work", "value": "Test_User_fd0ea19b@contoso.com"}],
  "meta": {"resourceType": "User"},
  "name": {"formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName"},
  "phoneNumbers": [{"type": "work", "value": "+1 425-555-0100"}, {"type": "mobile", "value": "\t123\n"}],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
    "employeeNumber": "1815", "department": "R/D", "manager": {"value": "26118915"}},
  "counts": [0, -1, 7, 123456789012345678, -123456789012345678],
  "flags": [true, false, null], "empty": {}, "none": [], "blank": ""
})";

}  // namespace

BOOST_AUTO_TEST_SUITE(reader_test)

BOOST_AUTO_TEST_CASE(reads_what_identity_providers_send_and_fastscim_stores) {
  BOOST_TEST(reads_as_jansson_does(kEntraUser));
  // A stored document is the compact form of one.
  auto parsed = json::parse(kEntraUser);
  BOOST_REQUIRE(parsed.has_value());
  BOOST_TEST(reads_as_jansson_does(json::dump(*parsed)));
  for (const char* text : {"{}", "[]", "\"\"", "0", "-0", "42", "true", "false", "null", " [ 1 , [ ] , { } ] ",
                           R"({"a":{"b":{"c":[[["deep"]]]}}})", R"(["\"\\\/\b\f\n\r\t"])", "\"\xc3\xa9\""}) {
    BOOST_TEST(reads_as_jansson_does(text));
  }
}

// Forms the reader leaves to jansson, which reads them.
BOOST_AUTO_TEST_CASE(declines_what_it_does_not_read_itself) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "[";
  for (int i = 0; i < 300; ++i) deep += "]";
  for (const std::string& text : {std::string(R"({"a":"\u00e9"})"), std::string("1.5"), std::string(R"({"n":[1e3]})"),
                                  std::string("1234567890123456789"), std::string(R"({"k\u00e9y":1})"),
                                  std::string("{\"cl\xc3\xa9\":1}"), deep}) {
    BOOST_TEST_INFO("text: " << text);
    BOOST_TEST(!json::read_common(text));
    BOOST_TEST(!jansson_reads(text).empty());
    // parse() still reads it, through jansson.
    BOOST_TEST(json::parse(text).has_value());
  }
}

// Text that is not JSON, or that parse() refuses: the reader never reads
// it, and parse() reports jansson's error.
BOOST_AUTO_TEST_CASE(never_reads_what_jansson_refuses) {
  const std::vector<std::string> refused = {"",
                                            "   ",
                                            "\xef\xbb\xbf{}",
                                            R"({"a":1,"a":2})",
                                            R"({"a":1,})",
                                            "[1,]",
                                            "[1 2]",
                                            "{\"a\" 1}",
                                            "01",
                                            "-",
                                            "-a",
                                            "+1",
                                            "truex",
                                            "nul",
                                            "[true1]",
                                            "12abc",
                                            "{} {}",
                                            "\"a\nb\"",
                                            "\"\x01\"",
                                            "\"\xc0\xaf\"",
                                            "\"\x80\"",
                                            "\"\xed\xa0\x80\"",
                                            "\"\xf4\x90\x80\x80\"",
                                            "[\"unterminated]",
                                            "{\"a\":}",
                                            "{a:1}",
                                            "['a']",
                                            "\"\\x\"",
                                            std::string("\"a\0b\"", 5),
                                            std::string("[1]\0", 4)};
  for (const std::string& text : refused) {
    BOOST_TEST_INFO("text: " << text);
    BOOST_TEST(!json::read_common(text));
    BOOST_TEST(jansson_reads(text).empty());
    BOOST_TEST(!json::parse(text).has_value());
  }
  // Every proper prefix of a document, cut anywhere.
  const std::string document = kEntraUser;
  for (size_t n = 0; n < document.size(); ++n) {
    BOOST_TEST_INFO("prefix of " << n << " bytes");
    BOOST_TEST(!json::read_common(document.substr(0, n)));
  }
}

// Random values, written compact and indented, then changed one byte at a
// time: whatever the reader reads, jansson reads the same way.
BOOST_AUTO_TEST_CASE(agrees_with_jansson_on_random_and_damaged_text) {
  std::mt19937 random(20261203);
  const std::string alphabet = std::string("abcXYZ019 \"\\/{}[]:,.-+eE\t\n\x01\x7f", 28) + "\xc3\xa9\xf0\x9f\x98\x80";
  auto pick = [&random](size_t n) { return static_cast<size_t>(random() % n); };
  auto random_string = [&]() {
    std::string s;
    for (size_t i = pick(8); i > 0; --i) s.push_back(alphabet[pick(alphabet.size())]);
    return s;
  };
  std::function<json_t*(int)> random_value = [&](int depth) -> json_t* {
    switch (depth > 3 ? 2 + pick(5) : pick(7)) {
      case 0: {
        json_t* object = json_object();
        for (size_t i = pick(5); i > 0; --i) {
          const std::string key = random_string();
          json_object_setn_new(object, key.data(), key.size(), random_value(depth + 1));
        }
        return object;
      }
      case 1: {
        json_t* array = json_array();
        for (size_t i = pick(5); i > 0; --i) json_array_append_new(array, random_value(depth + 1));
        return array;
      }
      case 2: {
        const std::string s = random_string();
        json_t* string = json_stringn(s.data(), s.size());
        return string != nullptr ? string : json_string("fallback");
      }
      case 3: return json_integer(static_cast<json_int_t>(random()) - 1000000 * static_cast<json_int_t>(pick(3)));
      case 4: return json_real(static_cast<double>(random()) / 7.0);
      case 5: return json_boolean(pick(2));
      default: return json_null();
    }
  };
  int read = 0;
  for (int round = 0; round < 400; ++round) {
    json::Value value = json::Value::adopt(random_value(0));
    for (size_t flags : {size_t{JSON_COMPACT}, size_t{JSON_INDENT(2)}}) {
      char* written = json_dumps(value.get_raw(), flags | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
      BOOST_REQUIRE(written != nullptr);
      const std::string text = written;
      std::free(written);
      if (reads_as_jansson_does(text)) ++read;
      for (int damage = 0; damage < 8 && !text.empty(); ++damage) {
        std::string damaged = text;
        const size_t at = pick(damaged.size());
        switch (pick(3)) {
          case 0: damaged.erase(at, 1); break;
          case 1: damaged.insert(at, 1, alphabet[pick(alphabet.size())]); break;
          default: damaged[at] = alphabet[pick(alphabet.size())];
        }
        reads_as_jansson_does(damaged);
      }
    }
  }
  // Without reals most random documents are the reader's own.
  BOOST_TEST(read > 100);
}

BOOST_AUTO_TEST_SUITE_END()
