#include "auth/signature.h"

#include <string>

#include <boost/test/unit_test.hpp>

// The expected values were computed independently with Python's hmac module:
//   hmac.new(key, msg, hashlib.sha256).hexdigest()

BOOST_AUTO_TEST_SUITE(signature_test)

using fastscim::auth::generate_webhook_secret;
using fastscim::auth::hmac_sha256_hex;
using fastscim::auth::verify_webhook_signature;
using fastscim::auth::webhook_signature;

BOOST_AUTO_TEST_CASE(hmac_matches_a_known_vector) {
  BOOST_TEST(hmac_sha256_hex("key", "The quick brown fox jumps over the lazy dog") ==
             "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

BOOST_AUTO_TEST_CASE(signature_header_signs_timestamp_dot_body) {
  BOOST_TEST(webhook_signature("whsec_test", 1700000000, "{\"events\":[]}") ==
             "t=1700000000,v1=4f6f9b7a41398ad124e52a1320534f978e522923f3f2b2724e31d7a9dbf78a7f");
}

BOOST_AUTO_TEST_CASE(verification_accepts_its_own_signature_within_tolerance) {
  std::string header = webhook_signature("whsec_test", 1700000000, "body");
  BOOST_TEST(verify_webhook_signature("whsec_test", header, "body", 1700000100, 300));
}

BOOST_AUTO_TEST_CASE(verification_rejects_another_secret_body_or_an_old_timestamp) {
  std::string header = webhook_signature("whsec_test", 1700000000, "body");
  BOOST_TEST(!verify_webhook_signature("whsec_other", header, "body", 1700000000, 300));
  BOOST_TEST(!verify_webhook_signature("whsec_test", header, "bodY", 1700000000, 300));
  BOOST_TEST(!verify_webhook_signature("whsec_test", header, "body", 1700000301, 300));
  BOOST_TEST(!verify_webhook_signature("whsec_test", "t=1700000000", "body", 1700000000, 300));
  BOOST_TEST(!verify_webhook_signature("whsec_test", "", "body", 1700000000, 300));
}

BOOST_AUTO_TEST_CASE(secrets_are_256_random_bits_with_a_scheme) {
  std::string a = generate_webhook_secret();
  std::string b = generate_webhook_secret();
  BOOST_TEST(a.rfind("whsec_", 0) == 0u);
  BOOST_TEST(a.size() == 6u + 64u);
  BOOST_TEST(a != b);
}

BOOST_AUTO_TEST_SUITE_END()
