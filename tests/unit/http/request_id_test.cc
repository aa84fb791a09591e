#include "http/request_id.h"

#include <set>
#include <string>

#include <boost/test/unit_test.hpp>

namespace http = fastscim::http;

BOOST_AUTO_TEST_SUITE(request_id_test)

BOOST_AUTO_TEST_CASE(accepts_the_ids_nginx_and_apache_make) {
  BOOST_TEST(http::valid_request_id("0123456789abcdef0123456789abcdef"));  // nginx $request_id
  BOOST_TEST(http::valid_request_id("ZGn3kX8AAQEAAB3xYAoAAAAB"));          // mod_unique_id
  BOOST_TEST(http::valid_request_id("a-b_c.d@e"));
}

BOOST_AUTO_TEST_CASE(refuses_empty_long_and_unsafe_ids) {
  BOOST_TEST(!http::valid_request_id(""));
  BOOST_TEST(!http::valid_request_id(std::string(65, 'a')));
  BOOST_TEST(http::valid_request_id(std::string(64, 'a')));
  for (const char* bad : {"a b", "a\"b", "a=b", "a\nb", "a\\b", "a/b"}) BOOST_TEST(!http::valid_request_id(bad), bad);
}

BOOST_AUTO_TEST_CASE(generated_ids_are_32_hex_digits_and_differ) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string id = http::generate_request_id();
    BOOST_TEST(id.size() == 32u);
    BOOST_TEST(id.find_first_not_of("0123456789abcdef") == std::string::npos, id);
    seen.insert(id);
  }
  BOOST_TEST(seen.size() == 100u);
}

BOOST_AUTO_TEST_CASE(a_passed_id_is_kept_only_when_valid) {
  BOOST_TEST(http::request_id_or_new("abc123") == "abc123");
  BOOST_TEST(http::request_id_or_new("not valid").size() == 32u);
  BOOST_TEST(http::request_id_or_new(nullptr).size() == 32u);
}

BOOST_AUTO_TEST_CASE(the_current_id_lasts_as_long_as_its_scope) {
  BOOST_TEST(http::current_request_id().empty());
  {
    http::RequestIdScope outer("outer");
    BOOST_TEST(http::current_request_id() == "outer");
    {
      http::RequestIdScope inner("inner");
      BOOST_TEST(http::current_request_id() == "inner");
    }
    BOOST_TEST(http::current_request_id() == "outer");
  }
  BOOST_TEST(http::current_request_id().empty());
}

BOOST_AUTO_TEST_SUITE_END()
