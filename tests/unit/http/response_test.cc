// Writing a response: in pieces, with its length, and never an empty 200.
#include "http/response.h"

#include <stdexcept>
#include <string>

#include <boost/test/unit_test.hpp>

#include "support/fake_exchange.h"

namespace http = fastscim::http;
namespace json = fastscim::json;
using fastscim::testing::FakeExchange;

BOOST_AUTO_TEST_SUITE(response_test)

// issue12: a large body goes to the web server in bounded pieces (never one
// length that overflows libfcgi's int), whole and in order.
BOOST_AUTO_TEST_CASE(issue12_a_large_body_is_written_in_bounded_pieces) {
  http::Response response;
  response.status = 200;
  response.set_header("Content-Type", http::kScimContentType);
  for (int i = 0; response.body.size() < 5 * http::kWriteChunkBytes / 2; ++i) response.body += std::to_string(i) + ",";
  FakeExchange exchange({});
  BOOST_TEST(http::write_response(exchange, response));
  BOOST_TEST(exchange.output == http::to_cgi(response));
  BOOST_TEST(exchange.writes >= 4u);  // the head and three pieces
  BOOST_TEST(exchange.largest_write <= http::kWriteChunkBytes);
  BOOST_TEST(exchange.output.find("Content-Length: " + std::to_string(response.body.size()) + "\r\n") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_content_has_no_body_and_no_length) {
  http::Response response;
  response.status = 204;
  response.body = "ignored";
  FakeExchange exchange({});
  BOOST_TEST(http::write_response(exchange, response));
  BOOST_TEST(exchange.output == "Status: 204 No Content\r\n\r\n");
}

// issue12: a document jansson cannot serialise is an error for the server
// to answer with 500, never an empty 200.
BOOST_AUTO_TEST_CASE(issue12_a_body_that_cannot_be_serialised_throws_instead_of_sending_nothing) {
  json::Value outer = json::Value::object();
  json::Value inner = json::Value::object();
  outer.set("inner", inner);
  inner.set("outer", outer);  // a cycle: json_dumps refuses it
  BOOST_CHECK_THROW(http::Response::json(200, outer), std::runtime_error);
  inner.erase("outer");  // break the cycle so both are freed
  BOOST_TEST(http::Response::json(200, outer).body == R"({"inner":{}})");
}

BOOST_AUTO_TEST_SUITE_END()
