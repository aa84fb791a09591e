#include "util/result.h"

#include <string>

#include <boost/test/unit_test.hpp>

using fastscim::util::Result;
using fastscim::util::Unexpected;

namespace {
Result<int, std::string> half(int n) {
  if (n % 2 != 0) return Unexpected(std::string("odd"));
  return n / 2;
}
Result<void, std::string> check(bool ok) {
  if (!ok) return Unexpected(std::string("no"));
  return {};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(result_test)

BOOST_AUTO_TEST_CASE(holds_a_value_on_success) {
  auto r = half(8);
  BOOST_TEST(r.has_value());
  BOOST_TEST(static_cast<bool>(r));
  BOOST_TEST(r.value() == 4);
}

BOOST_AUTO_TEST_CASE(holds_the_error_on_failure) {
  auto r = half(3);
  BOOST_TEST(!r.has_value());
  BOOST_TEST(r.error() == "odd");
}

BOOST_AUTO_TEST_CASE(void_result_reports_success_and_failure) {
  BOOST_TEST(check(true).has_value());
  auto r = check(false);
  BOOST_TEST(!r.has_value());
  BOOST_TEST(r.error() == "no");
}

BOOST_AUTO_TEST_SUITE_END()
