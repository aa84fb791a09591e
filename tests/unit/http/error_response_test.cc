#include "http/error_response.h"

#include <string>

#include <boost/test/unit_test.hpp>

#include "support/error_print.h"

namespace http = fastscim::http;
namespace scim = fastscim::scim;
using scim::Error;
using scim::ErrorKind;

namespace {

std::string header(const http::Response& r, const std::string& name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(error_response_test)

// Each kind of error is one HTTP status (RFC 7644 §3.12).
BOOST_AUTO_TEST_CASE(every_kind_has_its_http_status) {
  BOOST_TEST(http::http_status(ErrorKind::kInvalid) == 400);
  BOOST_TEST(http::http_status(ErrorKind::kUnauthorized) == 401);
  BOOST_TEST(http::http_status(ErrorKind::kForbidden) == 403);
  BOOST_TEST(http::http_status(ErrorKind::kNotFound) == 404);
  BOOST_TEST(http::http_status(ErrorKind::kMethodNotAllowed) == 405);
  BOOST_TEST(http::http_status(ErrorKind::kUniqueness) == 409);
  BOOST_TEST(http::http_status(ErrorKind::kConflict) == 409);
  BOOST_TEST(http::http_status(ErrorKind::kVersionConflict) == 412);
  BOOST_TEST(http::http_status(ErrorKind::kPayloadTooLarge) == 413);
  BOOST_TEST(http::http_status(ErrorKind::kUnsupportedMediaType) == 415);
  BOOST_TEST(http::http_status(ErrorKind::kInternal) == 500);
  BOOST_TEST(http::http_status(ErrorKind::kNotImplemented) == 501);
  BOOST_TEST(http::http_status(ErrorKind::kUnavailable) == 503);
  BOOST_TEST(http::http_status(ErrorKind::kTooManyRequests) == 429);
}

BOOST_AUTO_TEST_CASE(too_many_requests_is_429_with_retry_after_on_the_management_api) {
  http::Response r = http::manage_error_response(Error::too_many_requests("x", 1));
  BOOST_TEST(r.status == 429);
  BOOST_TEST(header(r, "Retry-After") == "1");
  BOOST_TEST(r.body.find("\"too_many_requests\"") != std::string::npos);
}

// The named constructors land on the statuses RFC 7644 Table 9 gives them.
BOOST_AUTO_TEST_CASE(named_constructors_answer_the_rfc_status) {
  BOOST_TEST(http::error_response(Error::invalid_filter("x")).status == 400);
  BOOST_TEST(http::error_response(Error::uniqueness("x")).status == 409);
  BOOST_TEST(http::error_response(Error::sensitive("x")).status == 403);
  BOOST_TEST(http::error_response(Error::precondition_failed("x")).status == 412);
  BOOST_TEST(http::error_response(Error()).status == 500);
}

// RFC 7644 §3.12: status as a string, scimType where one applies, the detail.
BOOST_AUTO_TEST_CASE(the_body_is_a_scim_error_document) {
  http::Response r = http::error_response(Error::uniqueness("userName \"a\" is taken"));
  BOOST_TEST(r.body == R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409",)"
                       R"("scimType":"uniqueness","detail":"userName \"a\" is taken"})");
  BOOST_TEST(header(r, "Content-Type") == "application/scim+json");
  http::Response plain = http::error_response(Error::not_found("no such user"));
  BOOST_TEST(plain.body == R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404",)"
                           R"("detail":"no such user"})");
}

BOOST_AUTO_TEST_CASE(unauthorized_asks_for_a_bearer_token) {
  http::Response r = http::error_response(Error::unauthorized("no token"));
  BOOST_TEST(r.status == 401);
  BOOST_TEST(header(r, "WWW-Authenticate") == "Bearer realm=\"fastscim\"");
  BOOST_TEST(header(http::error_response(Error::forbidden("no")), "WWW-Authenticate") == "<absent>");
}

// Issue 12: a tenant over its limits gets 429 with Retry-After and no scimType.
BOOST_AUTO_TEST_CASE(too_many_requests_says_when_to_retry) {
  http::Response r = http::error_response(Error::too_many_requests("over the limit", 2));
  BOOST_TEST(r.status == 429);
  BOOST_TEST(header(r, "Retry-After") == "2");
  BOOST_TEST(r.body == R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"429",)"
                       R"("detail":"over the limit"})");
}

BOOST_AUTO_TEST_CASE(unavailable_says_when_to_retry) {
  http::Response r = http::error_response(Error::unavailable("database down", 5));
  BOOST_TEST(r.status == 503);
  BOOST_TEST(header(r, "Retry-After") == "5");
  BOOST_TEST(header(http::error_response(Error::unavailable("busy", 0)), "Retry-After") == "<absent>");
  BOOST_TEST(header(http::error_response(Error::internal("bug")), "Retry-After") == "<absent>");
}

BOOST_AUTO_TEST_SUITE_END()
