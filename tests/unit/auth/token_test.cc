#include "auth/token.h"

#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace auth = fastscim::auth;

BOOST_AUTO_TEST_SUITE(token_test)

BOOST_AUTO_TEST_CASE(generated_tokens_carry_256_random_bits) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string token = auth::generate_token();
    BOOST_TEST(auth::looks_like_token(token));
    BOOST_TEST(token.size() == auth::kTokenScheme.size() + 43);  // 43 base64url chars = 256 bits
    seen.insert(token);
  }
  BOOST_TEST(seen.size() == 100u);
}

BOOST_AUTO_TEST_CASE(looks_like_token_rejects_other_shapes) {
  BOOST_TEST(!auth::looks_like_token(""));
  BOOST_TEST(!auth::looks_like_token("fscim_short"));
  BOOST_TEST(!auth::looks_like_token("xxxxx_" + std::string(43, 'a')));
  BOOST_TEST(!auth::looks_like_token("fscim_" + std::string(42, 'a') + "!"));
}

BOOST_AUTO_TEST_CASE(prefix_is_the_first_twelve_characters) {
  std::string token = auth::generate_token();
  BOOST_TEST(auth::token_prefix(token) == token.substr(0, 12));
}

BOOST_AUTO_TEST_CASE(sha256_matches_the_fips_test_vector) {
  BOOST_TEST(auth::to_hex(auth::sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// The context is reused from one hash to the next on a thread: each hash
// must start afresh, on every thread (FIPS 180-2 vectors).  Boost.Test
// checks only on the main thread, so the other thread hands back its hex.
BOOST_AUTO_TEST_CASE(sha256_starts_afresh_on_every_call_and_thread) {
  const std::string million_a(1000000, 'a');
  auto hash_in_turn = [&million_a]() {
    std::vector<std::string> out;
    for (int i = 0; i < 3; ++i) {
      out.push_back(auth::to_hex(auth::sha256("")));
      out.push_back(auth::to_hex(auth::sha256(million_a)));
      out.push_back(auth::to_hex(auth::sha256("abc")));
    }
    return out;
  };
  std::vector<std::string> on_other_thread;
  std::thread other([&]() { on_other_thread = hash_in_turn(); });
  const std::vector<std::string> on_this_thread = hash_in_turn();
  other.join();
  const std::vector<std::string>* both[] = {&on_this_thread, &on_other_thread};
  for (const std::vector<std::string>* hashes : both) {
    BOOST_TEST_REQUIRE(hashes->size() == 9u);
    for (size_t i = 0; i < hashes->size(); i += 3) {
      BOOST_TEST((*hashes)[i] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      BOOST_TEST((*hashes)[i + 1] == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
      BOOST_TEST((*hashes)[i + 2] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
  }
}

BOOST_AUTO_TEST_CASE(constant_time_equals_compares_contents_and_length) {
  BOOST_TEST(auth::constant_time_equals("secret", "secret"));
  BOOST_TEST(!auth::constant_time_equals("secret", "secreT"));
  BOOST_TEST(!auth::constant_time_equals("secret", "secret2"));
}

BOOST_AUTO_TEST_CASE(password_hashes_are_salted_and_verifiable) {
  std::string a = auth::hash_password("t1meMa$heen");
  std::string b = auth::hash_password("t1meMa$heen");
  BOOST_TEST(a != b);  // different salts
  BOOST_TEST(a.find("t1meMa$heen") == std::string::npos);
  BOOST_TEST(auth::verify_password("t1meMa$heen", a));
  BOOST_TEST(!auth::verify_password("wrong", a));
  BOOST_TEST(!auth::verify_password("t1meMa$heen", "$pbkdf2-sha256$x$y$z"));
}

BOOST_AUTO_TEST_SUITE_END()
