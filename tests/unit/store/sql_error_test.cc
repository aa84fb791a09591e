#include "store/sql_error.h"

#include <new>
#include <stdexcept>
#include <string>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cppconn/exception.h>

#include "support/error_print.h"

namespace bdata = boost::unit_test::data;
namespace scim = fastscim::scim;
namespace store = fastscim::store;
using scim::ErrorKind;

namespace {

// A Connector/C++ exception as a failed statement throws it: no server needed.
sql::SQLException sql_error(int code, const std::string& state = "HY000") {
  return sql::SQLException("server said no (" + std::to_string(code) + ")", state, code);
}

// 1047: a Galera node outside the primary component or still joining.
constexpr int kLostCodes[] = {2002, 2003, 2006, 2013, 2055, 2014, 1053, 1927, 1317, 1040, 1047};

}  // namespace

BOOST_AUTO_TEST_SUITE(sql_error_test)

// DESIGN.md "Errors": a lost database is 503 with Retry-After, and the
// worker reconnects (Database::run drops the connection on these codes).
BOOST_DATA_TEST_CASE(connection_loss_is_unavailable_with_retry_after, bdata::make(kLostCodes), code) {
  BOOST_TEST(store::is_connection_lost(code));
  scim::Error e = store::to_scim_error(sql_error(code));
  BOOST_TEST(e.kind() == ErrorKind::kUnavailable);
  BOOST_TEST(e.retry_after_seconds() == store::kRetryAfterSeconds);
  BOOST_TEST(e.detail() == "The database is unavailable; retry later.");
}

BOOST_AUTO_TEST_CASE(only_statements_that_never_reached_the_server_count_as_never_sent) {
  BOOST_TEST(store::is_never_sent(2002));  // cannot connect
  BOOST_TEST(store::is_never_sent(2003));
  BOOST_TEST(store::is_never_sent(2006));   // server gone before sending
  BOOST_TEST(store::is_never_sent(1040));   // too many connections
  BOOST_TEST(!store::is_never_sent(2013));  // lost during the query: it may have run
  BOOST_TEST(!store::is_never_sent(1062));
  BOOST_TEST(!store::is_never_sent(1047));  // a write is not run again: 503, the client retries
}

BOOST_AUTO_TEST_CASE(ordinary_errors_are_not_connection_loss) {
  BOOST_TEST(!store::is_connection_lost(1062));
  BOOST_TEST(!store::is_connection_lost(1213));
  BOOST_TEST(!store::is_connection_lost(1064));
  BOOST_TEST(!store::is_connection_lost(0));
}

// CRT-06: a duplicate key is 409 uniqueness.
BOOST_AUTO_TEST_CASE(a_duplicate_key_is_uniqueness) {
  scim::Error e = store::to_scim_error(sql_error(1062, "23000"));
  BOOST_TEST(e.kind() == ErrorKind::kUniqueness);
  BOOST_TEST(scim::scim_type_keyword(e.scim_type()) == "uniqueness");
  BOOST_TEST(e.retry_after_seconds() == 0);
}

BOOST_AUTO_TEST_CASE(deadlocks_and_lock_timeouts_are_briefly_unavailable) {
  for (int code : {1213, 1205}) {
    scim::Error e = store::to_scim_error(sql_error(code, "40001"));
    BOOST_TEST(e.kind() == ErrorKind::kUnavailable);
    BOOST_TEST(e.retry_after_seconds() == 1);
    BOOST_TEST(e.detail() == "The resource is busy; retry the request.");
  }
}

// Issue 12: a statement stopped at the time limit is a retryable 503 (a
// search makes it tooMany itself), and never taken for a lost connection.
BOOST_AUTO_TEST_CASE(a_statement_stopped_at_the_time_limit_is_unavailable_not_lost) {
  for (int code : {1969, 3024}) {
    BOOST_TEST(store::is_statement_timeout(code));
    BOOST_TEST(!store::is_connection_lost(code));
    scim::Error e = store::to_scim_error(sql_error(code, "70100"));
    BOOST_TEST(e.kind() == ErrorKind::kUnavailable);
    BOOST_TEST(e.retry_after_seconds() == store::kRetryAfterSeconds);
  }
  BOOST_TEST(!store::is_statement_timeout(2013));
}

BOOST_AUTO_TEST_CASE(a_misconfigured_database_is_unavailable) {
  for (int code : {1045, 1049, 1130}) {
    scim::Error e = store::to_scim_error(sql_error(code, "28000"));
    BOOST_TEST(e.kind() == ErrorKind::kUnavailable);
    BOOST_TEST(e.retry_after_seconds() == store::kRetryAfterSeconds);
  }
}

// Anything else is a bug: 500, and the server's text stays in the log.
BOOST_AUTO_TEST_CASE(other_sql_errors_are_internal_and_hide_the_server_text) {
  scim::Error e = store::to_scim_error(sql_error(1064, "42000"));
  BOOST_TEST(e.kind() == ErrorKind::kInternal);
  BOOST_TEST(e.retry_after_seconds() == 0);
  BOOST_TEST(e.detail().find("server said no") == std::string::npos);
}

// issue12: a value its column cannot hold is the client's 400 invalidValue
// naming the column, never a 500 (the writer's own length checks come first).
BOOST_AUTO_TEST_CASE(issue12_a_value_the_column_cannot_hold_is_invalid_value) {
  for (int code : {1406, 1264, 1265, 1366}) {
    BOOST_TEST(store::is_bad_value(code));
    scim::Error e = store::to_scim_error(code, "22001", "Data too long for column 'display_name' at row 1");
    BOOST_TEST(e.kind() == ErrorKind::kInvalid);
    BOOST_TEST(scim::scim_type_keyword(e.scim_type()) == "invalidValue");
    BOOST_TEST(e.detail().find("display_name") != std::string::npos);
  }
  BOOST_TEST(!store::is_bad_value(1062));
  BOOST_TEST(!store::is_bad_value(1064));
}

// The code-based overload and the exception overload agree.
BOOST_AUTO_TEST_CASE(an_sql_exception_maps_by_its_vendor_code_even_as_std_exception) {
  sql::SQLException gone = sql_error(2006);
  const std::exception& as_std = gone;
  BOOST_TEST(store::to_scim_error(as_std).kind() == ErrorKind::kUnavailable);
  sql::SQLException duplicate = sql_error(1062, "23000");
  const std::exception& duplicate_as_std = duplicate;
  BOOST_TEST(store::to_scim_error(duplicate_as_std).kind() == ErrorKind::kUniqueness);
}

// A callback that runs out of memory or breaks an invariant has not met an
// outage: 500 without Retry-After, never 503.
BOOST_AUTO_TEST_CASE(exceptions_that_are_not_sql_errors_are_internal_not_unavailable) {
  scim::Error no_memory = store::to_scim_error(std::bad_alloc());
  BOOST_TEST(no_memory.kind() == ErrorKind::kInternal);
  BOOST_TEST(no_memory.retry_after_seconds() == 0);
  scim::Error logic = store::to_scim_error(std::logic_error("invariant broken in the caller"));
  BOOST_TEST(logic.kind() == ErrorKind::kInternal);
  BOOST_TEST(logic.retry_after_seconds() == 0);
  BOOST_TEST(logic.detail().find("invariant") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
