// Sealed values: the opaque cursors of list paging (CUR-05).
#include "auth/seal.h"

#include <string>

#include <boost/test/unit_test.hpp>

namespace auth = fastscim::auth;

namespace {
const std::string kSecret(32, '\x5a');
}  // namespace

BOOST_AUTO_TEST_SUITE(seal_test)

BOOST_AUTO_TEST_CASE(a_sealed_value_opens_with_the_same_secret_and_context) {
  std::string sealed = auth::seal(kSecret, "tenant 7 User", std::string("s\0\0\0\0\0\0\x30\x39", 9));
  auto opened = auth::unseal(kSecret, "tenant 7 User", sealed);
  BOOST_REQUIRE(opened.has_value());
  BOOST_TEST(*opened == std::string("s\0\0\0\0\0\0\x30\x39", 9));
  BOOST_TEST(auth::seal(kSecret, "tenant 7 User", *opened) == sealed);  // deterministic
}

// CUR-01: only RFC 3986 unreserved characters.
BOOST_AUTO_TEST_CASE(a_sealed_value_is_url_safe) {
  for (int i = 0; i < 200; ++i) {
    std::string sealed = auth::seal(kSecret, "c", std::to_string(i));
    BOOST_TEST(sealed.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
               std::string::npos);
  }
}

// CUR-05, issue12: the position inside is hidden; neighbours share nothing visible.
BOOST_AUTO_TEST_CASE(issue12_neighbouring_values_do_not_show_their_order) {
  std::string a = auth::seal(kSecret, "c", "1000");
  std::string b = auth::seal(kSecret, "c", "1001");
  BOOST_TEST(a.find("1000") == std::string::npos);
  size_t common = 0;
  while (common < a.size() && a[common] == b[common]) ++common;
  BOOST_TEST(common < 3u);
}

// CUR-05, CUR-12, issue12: another tenant's, a changed or a made-up value is refused.
BOOST_AUTO_TEST_CASE(issue12_a_foreign_changed_or_forged_value_does_not_open) {
  std::string sealed = auth::seal(kSecret, "tenant 7 User", "s42");
  BOOST_TEST(!auth::unseal(kSecret, "tenant 8 User", sealed).has_value());
  BOOST_TEST(!auth::unseal(kSecret, "tenant 7 Group", sealed).has_value());
  BOOST_TEST(!auth::unseal(std::string(32, 'x'), "tenant 7 User", sealed).has_value());
  for (size_t i = 0; i < sealed.size(); ++i) {
    std::string changed = sealed;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    BOOST_TEST(!auth::unseal(kSecret, "tenant 7 User", changed).has_value(), i);
  }
  for (const char* junk : {"", "s42", "o100", "!!!!", "AAAAAAAAAAAAAAAAAAAA"}) {
    BOOST_TEST(!auth::unseal(kSecret, "tenant 7 User", junk).has_value(), junk);
  }
}

BOOST_AUTO_TEST_SUITE_END()
