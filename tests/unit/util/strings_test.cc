#include "util/strings.h"

#include <boost/test/unit_test.hpp>

namespace util = fastscim::util;

BOOST_AUTO_TEST_SUITE(strings_test)

BOOST_AUTO_TEST_CASE(iequals_ignores_ascii_case_only) {
  BOOST_TEST(util::iequals("userName", "USERNAME"));
  BOOST_TEST(!util::iequals("userName", "userNam"));
  BOOST_TEST(util::to_lower("Bearer") == "bearer");
}

BOOST_AUTO_TEST_CASE(percent_decode_handles_escapes_and_plus) {
  std::string out;
  BOOST_TEST(util::percent_decode("userName%20eq%20%22a%2Bb%22", false, &out));
  BOOST_TEST(out == "userName eq \"a+b\"");
  BOOST_TEST(util::percent_decode("a+b", true, &out));
  BOOST_TEST(out == "a b");
  BOOST_TEST(util::percent_decode("a+b", false, &out));
  BOOST_TEST(out == "a+b");
}

BOOST_AUTO_TEST_CASE(percent_decode_rejects_truncated_escapes) {
  std::string out;
  BOOST_TEST(!util::percent_decode("abc%2", false, &out));
  BOOST_TEST(!util::percent_decode("abc%", false, &out));
  BOOST_TEST(!util::percent_decode("%zz", false, &out));
}

BOOST_AUTO_TEST_CASE(split_keeps_empty_fields) {
  auto parts = util::split("a,,b", ',');
  BOOST_TEST(parts.size() == 3u);
  BOOST_TEST(parts[1].empty());
  BOOST_TEST(util::trim("  x y \n") == "x y");
}

BOOST_AUTO_TEST_CASE(parse_int_rejects_junk) {
  long long v = 0;
  BOOST_TEST(util::parse_int("42", &v));
  BOOST_TEST(v == 42);
  BOOST_TEST(!util::parse_int("42x", &v));
  BOOST_TEST(!util::parse_int("", &v));
  BOOST_TEST(!util::parse_int("99999999999999999999", &v));
}

BOOST_AUTO_TEST_CASE(utf8_length_counts_characters_not_bytes) {
  BOOST_TEST(util::utf8_length("") == 0u);
  BOOST_TEST(util::utf8_length("abc") == 3u);
  BOOST_TEST(util::utf8_length("J\xC3\xBCrgen") == 6u);                 // ü: 2 bytes, one character
  BOOST_TEST(util::utf8_length("\xE6\x97\xA5\xF0\x9F\x98\x80") == 2u);  // a CJK character and an emoji
}

BOOST_AUTO_TEST_SUITE_END()
