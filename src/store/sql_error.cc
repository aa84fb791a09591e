#include "store/sql_error.h"

#include <atomic>
#include <ctime>

#include "util/log.h"

namespace fastscim::store {

namespace {
// Client library codes (errmsg.h) and server codes (mysqld_error.h); named
// here rather than included so the mapping is visible in one place.
constexpr int kCrConnectionError = 2002;
constexpr int kCrConnHostError = 2003;
constexpr int kCrServerGoneError = 2006;
constexpr int kCrServerLost = 2013;
constexpr int kCrServerLostExtended = 2055;
constexpr int kCrCommandsOutOfSync = 2014;
constexpr int kErServerShutdown = 1053;
constexpr int kErConnectionKilled = 1927;
constexpr int kErQueryInterrupted = 1317;
constexpr int kErDupEntry = 1062;
constexpr int kErLockWaitTimeout = 1205;
constexpr int kErLockDeadlock = 1213;
constexpr int kErTooManyConnections = 1040;
// ER_UNKNOWN_COM_ERROR, which a Galera node answers ("WSREP has not yet
// prepared node for application use") while it is outside the cluster's
// primary component or still joining: it runs nothing, and another node
// (a fresh connection through HAProxy or the next db_host) may serve.
constexpr int kErGaleraNodeNotReady = 1047;
constexpr int kErAccessDenied = 1045;
constexpr int kErHostNotPrivileged = 1130;  // the user exists, but not for this client address
constexpr int kErStatementTimeout = 1969;   // MariaDB
constexpr int kErQueryTimeout = 3024;       // MySQL
constexpr int kErBadDb = 1049;
// A value the column cannot hold: too long, out of range, not in its
// character set.  What the writer's own checks (column_table.h) missed.
constexpr int kErWarnDataOutOfRange = 1264;
constexpr int kWarnDataTruncated = 1265;
constexpr int kErTruncatedWrongValueForField = 1366;
constexpr int kErDataTooLong = 1406;

// The column a data error names ("Data too long for column 'x' at row 1").
std::string column_named(const std::string& what) {
  size_t open = what.find("column '");
  if (open == std::string::npos) return {};
  open += 8;
  size_t close = what.find('\'', open);
  if (close == std::string::npos || close - open > 64) return {};
  return what.substr(open, close - open);
}
}  // namespace

bool is_connection_lost(int code) {
  switch (code) {
    case kCrConnectionError:
    case kCrConnHostError:
    case kCrServerGoneError:
    case kCrServerLost:
    case kCrServerLostExtended:
    case kCrCommandsOutOfSync:
    case kErServerShutdown:
    case kErConnectionKilled:
    case kErQueryInterrupted:
    case kErTooManyConnections:
    case kErGaleraNodeNotReady: return true;
    default: return false;
  }
}

bool is_statement_timeout(int code) { return code == kErStatementTimeout || code == kErQueryTimeout; }

bool is_never_sent(int code) {
  return code == kCrConnectionError || code == kCrConnHostError || code == kCrServerGoneError ||
         code == kErTooManyConnections;
}

bool is_bad_value(int code) {
  return code == kErDataTooLong || code == kWarnDataTruncated || code == kErTruncatedWrongValueForField ||
         code == kErWarnDataOutOfRange;
}

scim::Error to_scim_error(int code, const std::string& sql_state, const std::string& what) {
  if (is_connection_lost(code)) {
    // Every request fails the same way while the database is down: say so
    // once a second per process, not once per request.
    static std::atomic<long long> last_logged{0};
    long long now = static_cast<long long>(std::time(nullptr));
    long long previous = last_logged.load();
    if (now != previous && last_logged.compare_exchange_strong(previous, now)) {
      util::log::warn("database unavailable (" + std::to_string(code) + "): " + what);
    }
    return scim::Error::unavailable("The database is unavailable; retry later.", kRetryAfterSeconds);
  }
  if (code == kErDupEntry) {
    return scim::Error::uniqueness("A resource with the same unique value already exists.");
  }
  if (is_bad_value(code)) {
    util::log::warn("database refused a value (" + std::to_string(code) + "): " + what);
    std::string column = column_named(what);
    return scim::Error::invalid_value("A value does not fit where fastscim stores it" +
                                      (column.empty() ? std::string() : " (column " + column + ")") +
                                      "; nothing was written.");
  }
  if (code == kErLockDeadlock || code == kErLockWaitTimeout) {
    util::log::warn("database contention (" + std::to_string(code) + "): " + what);
    return scim::Error::unavailable("The resource is busy; retry the request.", 1);
  }
  if (is_statement_timeout(code)) {
    // Its transaction was rolled back: the client may try again later.
    util::log::warn("database statement stopped at the time limit (" + std::to_string(code) + "): " + what);
    return scim::Error::unavailable("The database took too long to answer and the request was stopped; retry later.",
                                    kRetryAfterSeconds);
  }
  if (code == kErAccessDenied || code == kErHostNotPrivileged || code == kErBadDb) {
    util::log::error("database configuration error (" + std::to_string(code) + "): " + what);
    return scim::Error::unavailable("The database is unavailable; retry later.", kRetryAfterSeconds);
  }
  util::log::error("database error " + std::to_string(code) + " (" + sql_state + "): " + what);
  return scim::Error::internal("An internal database error occurred.");
}

scim::Error to_scim_error(const std::exception& e) {
  if (const auto* sql_error = dynamic_cast<const sql::SQLException*>(&e)) {
    return to_scim_error(sql_error->getErrorCode(), sql_error->getSQLState(), sql_error->what());
  }
  util::log::error(std::string("internal error in a database operation: ") + e.what());
  return scim::Error::internal("An internal error occurred; nothing was written.");
}

}  // namespace fastscim::store
