#include "scim/error.h"

#include <boost/test/unit_test.hpp>

using fastscim::scim::Error;
using fastscim::scim::ScimType;
using fastscim::scim::scim_type_keyword;

BOOST_AUTO_TEST_SUITE(error_test)

// RFC 7644 §3.12 Table 9 spells each keyword; a typo here breaks clients.
BOOST_AUTO_TEST_CASE(keywords_are_spelt_as_in_rfc7644_table9) {
  BOOST_TEST(scim_type_keyword(ScimType::kInvalidFilter) == "invalidFilter");
  BOOST_TEST(scim_type_keyword(ScimType::kTooMany) == "tooMany");
  BOOST_TEST(scim_type_keyword(ScimType::kUniqueness) == "uniqueness");
  BOOST_TEST(scim_type_keyword(ScimType::kMutability) == "mutability");
  BOOST_TEST(scim_type_keyword(ScimType::kInvalidSyntax) == "invalidSyntax");
  BOOST_TEST(scim_type_keyword(ScimType::kInvalidPath) == "invalidPath");
  BOOST_TEST(scim_type_keyword(ScimType::kNoTarget) == "noTarget");
  BOOST_TEST(scim_type_keyword(ScimType::kInvalidValue) == "invalidValue");
  BOOST_TEST(scim_type_keyword(ScimType::kInvalidVers) == "invalidVers");
  BOOST_TEST(scim_type_keyword(ScimType::kSensitive) == "sensitive");
  BOOST_TEST(scim_type_keyword(ScimType::kInvalidCursor) == "invalidCursor");
  BOOST_TEST(scim_type_keyword(ScimType::kExpiredCursor) == "expiredCursor");
  BOOST_TEST(scim_type_keyword(ScimType::kInvalidCount) == "invalidCount");  // RFC 9865, ERR-15
  BOOST_TEST(scim_type_keyword(ScimType::kNone) == "");
}

BOOST_AUTO_TEST_CASE(named_constructors_carry_the_rfc_status) {
  BOOST_TEST(Error::invalid_filter("x").status() == 400);
  BOOST_TEST(Error::uniqueness("x").status() == 409);
  BOOST_TEST(scim_type_keyword(Error::uniqueness("x").scim_type()) == "uniqueness");
  BOOST_TEST(Error::not_found("x").status() == 404);
  BOOST_TEST(scim_type_keyword(Error::not_found("x").scim_type()) == "");
  BOOST_TEST(Error::precondition_failed("x").status() == 412);
  BOOST_TEST(Error::sensitive("x").status() == 403);
}

BOOST_AUTO_TEST_CASE(unavailable_carries_retry_after) {
  Error e = Error::unavailable("database unavailable", 5);
  BOOST_TEST(e.status() == 503);
  BOOST_TEST(e.retry_after_seconds() == 5);
  BOOST_TEST(e.detail() == "database unavailable");
}

BOOST_AUTO_TEST_SUITE_END()
