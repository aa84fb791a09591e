#include "webhook/endpoint_url.h"

#include <string>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using fastscim::webhook::endpoint_url_problem;

BOOST_AUTO_TEST_SUITE(endpoint_url_test)

const char* const kAccepted[] = {
    "https://example.com/hooks/scim",
    "http://127.0.0.1:8080/",
    "HTTPS://Example.COM",
    "https://[::1]:8443/x?tenant=a",
};

const char* const kRejected[] = {
    "",
    "ftp://example.com/",
    "file:///etc/passwd",
    "gopher://example.com",
    "example.com/hooks",
    "https://",
    "https:///path",
    "https://user:pw@example.com/",
    "https://example.com/a b",
    "https://example.com/#frag",
    "https://[::1/",
    "javascript:alert(1)",
};

BOOST_DATA_TEST_CASE(accepts_http_and_https_urls_with_a_host, boost::unit_test::data::make(kAccepted), url) {
  BOOST_TEST(endpoint_url_problem(url) == "");
}

BOOST_DATA_TEST_CASE(rejects_other_schemes_credentials_and_malformed_urls, boost::unit_test::data::make(kRejected),
                     url) {
  BOOST_TEST(endpoint_url_problem(url) != "");
}

BOOST_AUTO_TEST_CASE(names_the_problem) {
  BOOST_TEST(endpoint_url_problem("ftp://x/") == "only http:// and https:// URLs are accepted");
  BOOST_TEST(endpoint_url_problem("https://" + std::string(2050, 'a')) == "the URL is longer than 2048 characters");
}

BOOST_AUTO_TEST_SUITE_END()
