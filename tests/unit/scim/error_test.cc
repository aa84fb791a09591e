#include "scim/error.h"

#include <boost/test/unit_test.hpp>

#include "support/error_print.h"

using fastscim::scim::Error;
using fastscim::scim::ErrorKind;
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

// Each named constructor says what kind of failure it is; http/error_response
// maps kinds to statuses (tested in tests/unit/http/error_response_test.cc).
BOOST_AUTO_TEST_CASE(named_constructors_carry_their_kind_and_keyword) {
  struct Case {
    Error error;
    ErrorKind kind;
    ScimType type;
  };
  const Case cases[] = {
      {Error::invalid_filter("x"), ErrorKind::kInvalid, ScimType::kInvalidFilter},
      {Error::too_many("x"), ErrorKind::kInvalid, ScimType::kTooMany},
      {Error::mutability("x"), ErrorKind::kInvalid, ScimType::kMutability},
      {Error::invalid_syntax("x"), ErrorKind::kInvalid, ScimType::kInvalidSyntax},
      {Error::invalid_path("x"), ErrorKind::kInvalid, ScimType::kInvalidPath},
      {Error::no_target("x"), ErrorKind::kInvalid, ScimType::kNoTarget},
      {Error::invalid_value("x"), ErrorKind::kInvalid, ScimType::kInvalidValue},
      {Error::invalid_vers("x"), ErrorKind::kInvalid, ScimType::kInvalidVers},
      {Error::sensitive("x"), ErrorKind::kForbidden, ScimType::kSensitive},
      {Error::invalid_cursor("x"), ErrorKind::kInvalid, ScimType::kInvalidCursor},
      {Error::expired_cursor("x"), ErrorKind::kInvalid, ScimType::kExpiredCursor},
      {Error::invalid_count("x"), ErrorKind::kInvalid, ScimType::kInvalidCount},
      {Error::uniqueness("x"), ErrorKind::kUniqueness, ScimType::kUniqueness},
      {Error::bad_request("x"), ErrorKind::kInvalid, ScimType::kNone},
      {Error::unauthorized("x"), ErrorKind::kUnauthorized, ScimType::kNone},
      {Error::forbidden("x"), ErrorKind::kForbidden, ScimType::kNone},
      {Error::not_found("x"), ErrorKind::kNotFound, ScimType::kNone},
      {Error::method_not_allowed("x"), ErrorKind::kMethodNotAllowed, ScimType::kNone},
      {Error::conflict("x"), ErrorKind::kConflict, ScimType::kNone},
      {Error::precondition_failed("x"), ErrorKind::kVersionConflict, ScimType::kNone},
      {Error::payload_too_large("x"), ErrorKind::kPayloadTooLarge, ScimType::kNone},
      {Error::unsupported_media_type("x"), ErrorKind::kUnsupportedMediaType, ScimType::kNone},
      {Error::internal("x"), ErrorKind::kInternal, ScimType::kNone},
      {Error::not_implemented("x"), ErrorKind::kNotImplemented, ScimType::kNone},
  };
  for (const Case& c : cases) {
    BOOST_TEST(c.error.kind() == c.kind, c.error.detail());
    BOOST_TEST(scim_type_keyword(c.error.scim_type()) == scim_type_keyword(c.type));
    BOOST_TEST(c.error.detail() == "x");
    BOOST_TEST(c.error.retry_after_seconds() == 0);
  }
}

BOOST_AUTO_TEST_CASE(a_default_error_is_internal) {
  Error e;
  BOOST_TEST(e.kind() == ErrorKind::kInternal);
  BOOST_TEST(scim_type_keyword(e.scim_type()) == "");
}

BOOST_AUTO_TEST_CASE(unavailable_carries_retry_after) {
  Error e = Error::unavailable("database unavailable", 5);
  BOOST_TEST(e.kind() == ErrorKind::kUnavailable);
  BOOST_TEST(e.retry_after_seconds() == 5);
  BOOST_TEST(e.detail() == "database unavailable");
}

BOOST_AUTO_TEST_CASE(too_many_requests_carries_retry_after) {
  Error e = Error::too_many_requests("the waiting room is full", 1);
  BOOST_TEST(e.kind() == ErrorKind::kTooManyRequests);
  BOOST_TEST(e.retry_after_seconds() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
