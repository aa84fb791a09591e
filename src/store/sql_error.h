// Maps MySQL/MariaDB error codes, and any other exception a database
// callback throws, to the kind of scim::Error a SCIM client should see.
//
// Thread-safety: pure functions (the mapping logs through util/log).
#ifndef FASTSCIM_STORE_SQL_ERROR_H_
#define FASTSCIM_STORE_SQL_ERROR_H_

#include <exception>
#include <string>

#include <cppconn/exception.h>

#include "scim/error.h"

namespace fastscim::store {

// Seconds a client is asked to wait when the database is unavailable.
inline constexpr int kRetryAfterSeconds = 5;

// True for client error codes meaning the server cannot be reached or the
// connection died (CR_CONNECTION_ERROR, CR_SERVER_GONE_ERROR, …), for
// server codes meaning it is shutting down or killed the connection, and
// for a Galera node that cannot serve yet (1047): a fresh connection may
// reach one that can.
bool is_connection_lost(int code);

// True for the codes of a statement the server stopped at its time limit
// (MariaDB max_statement_time: ER_STATEMENT_TIMEOUT 1969; MySQL
// max_execution_time: ER_QUERY_TIMEOUT 3024).  The connection stays usable.
bool is_statement_timeout(int code);

// True when the statement certainly never reached the server, so running it
// again on a new connection cannot apply it twice.
bool is_never_sent(int code);

// True for the codes meaning a value does not fit its column (1406 data too
// long, 1264 out of range, 1265 truncated, 1366 not in the character set):
// in strict mode the statement failed and nothing of it was written.
bool is_bad_value(int code);

// The scim::Error for a failed statement: kUnavailable with Retry-After
// kRetryAfterSeconds for connection loss and for a server that refuses us
// (access denied, unknown database); kUniqueness for a duplicate key;
// kInvalid invalidValue for a value that does not fit its column
// (is_bad_value; the column is named, the value never);
// kUnavailable with Retry-After 1 for deadlocks and lock wait timeouts
// (retryable); kUnavailable with Retry-After kRetryAfterSeconds for a
// statement stopped at the time limit (Database::run makes that tooMany
// for a search, Idempotence::kSearch); kInternal for anything else.  `what` is logged, never shown
// to clients.
scim::Error to_scim_error(int code, const std::string& sql_state, const std::string& what);

// The scim::Error for an exception thrown inside Database::run: an
// sql::SQLException maps by its vendor code as above; any other exception
// (std::bad_alloc, a logic error) is a fault of this process, not an outage
// of the database, so it is kInternal without Retry-After.  Logs what()
// at error level for those; the detail never carries it.
scim::Error to_scim_error(const std::exception& e);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_SQL_ERROR_H_
