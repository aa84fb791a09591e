// Maps MySQL/MariaDB error codes to what a SCIM client should see.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_STORE_SQL_ERROR_H_
#define FASTSCIM_STORE_SQL_ERROR_H_

#include <string>

#include "scim/error.h"

namespace fastscim::store {

// Seconds a client is asked to wait when the database is unavailable.
inline constexpr int kRetryAfterSeconds = 5;

// True for client error codes meaning the server cannot be reached or the
// connection died (CR_CONNECTION_ERROR, CR_SERVER_GONE_ERROR, …), and for
// server codes meaning it is shutting down or killed the connection.
bool is_connection_lost(int code);

// True when the statement certainly never reached the server, so running it
// again on a new connection cannot apply it twice.
bool is_never_sent(int code);

// The scim::Error for a failed statement: 503 for connection loss, 409
// uniqueness for duplicate keys, 503 for deadlock/lock timeouts (retryable),
// 500 for anything else.  `what` is logged, never shown to clients.
scim::Error to_scim_error(int code, const std::string& sql_state, const std::string& what);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_SQL_ERROR_H_
