#include "store/database.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include "auth/epoch_file.h"
#include "json/io.h"
#include "store/sql_error.h"
#include "store/statements.h"
#include "util/log.h"
#include "util/metrics.h"

namespace fastscim::store {

namespace {
sql::mysql::MySQL_Driver* g_driver = nullptr;

// Changes that reach the epoch file are rare (an operator's revocation, a
// setting): mapping it for each is cheaper than keeping it in every
// connection's Database.
void signal_auth_change(const std::string& path) {
  if (path.empty()) return;
  std::string why;
  auth::EpochFile file(path, &why);
  if (!file.valid()) {
    util::log::warn("this host's workers learn of a token or tenant change within a second only: " + why);
    return;
  }
  file.bump();
}

// Reconnect attempts back off so a dead database is not hammered, but stay
// short enough that service resumes within seconds of it coming back.
constexpr std::chrono::milliseconds kMinBackoff(250);
constexpr std::chrono::milliseconds kMaxBackoff(2000);
constexpr size_t kMaxGeneratedStatements = 128;
constexpr int kErUnknownSystemVariable = 1193;
// A deadlock victim's transaction, and on Galera a transaction that lost
// certification against another node's at COMMIT, was rolled back whole:
// running it again is safe.  Bounded, then 503 with Retry-After.
constexpr int kErLockDeadlock = 1213;
constexpr int kMaxDeadlockAttempts = 4;

// The TCP port (1 to 65535) that all of `text` spells; -1 when it is none.
int parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return -1;
  int port = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    port = port * 10 + (c - '0');
  }
  return port >= 1 && port <= 65535 ? port : -1;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Reads after a write see it on any node of a Galera cluster: a worker may
// read through another node than the one a write went through.  MySQL has
// no wsrep variables (1193): nothing to do there.
void set_causal_reads(sql::Connection& connection) {
  try {
    std::unique_ptr<sql::Statement> statement(connection.createStatement());
    statement->execute(sql_text::kSetCausalReadsOnGalera);
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != kErUnknownSystemVariable) throw;
  }
}

// MariaDB's max_statement_time first; MySQL has max_execution_time instead.
void set_statement_timeout(sql::Connection& connection, int seconds) {
  try {
    std::unique_ptr<sql::PreparedStatement> mariadb(connection.prepareStatement(sql_text::kSetMaxStatementTime));
    mariadb->setInt(1, seconds);
    mariadb->execute();
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() != kErUnknownSystemVariable) throw;
    std::unique_ptr<sql::PreparedStatement> mysql(connection.prepareStatement(sql_text::kSetMaxExecutionTime));
    mysql->setInt(1, seconds * 1000);
    mysql->execute();
  }
}

// Transactions are begun and ended with SQL statements, not with
// Connection::setAutoCommit(), commit() and rollback(): Connector/C++ 1.1
// drops the result of mysql_commit(), mysql_rollback() and
// mysql_autocommit(), so a COMMIT the server refused — on Galera, error 1213
// when the transaction lost certification or was aborted for a replicated
// one — returned as if it had committed, and the write was answered 2xx
// with nothing kept (doc/cluster.md).  Statement::execute() throws instead.
void execute_control(sql::Connection& connection, const char* sql) {
  std::unique_ptr<sql::Statement> statement(connection.createStatement());
  statement->execute(sql);
}
}  // namespace

std::vector<DbEndpoint> parse_db_endpoints(std::string_view hosts, int default_port) {
  std::vector<DbEndpoint> out;
  while (true) {
    size_t comma = hosts.find(',');
    std::string_view entry = trimmed(hosts.substr(0, comma));
    DbEndpoint endpoint{"", default_port};
    if (!entry.empty() && entry.front() == '[') {  // [v6] or [v6]:port
      size_t close = entry.find(']');
      if (close == std::string_view::npos || close == 1) return {};
      endpoint.host = std::string(entry.substr(1, close - 1));
      std::string_view rest = entry.substr(close + 1);
      if (!rest.empty()) {
        if (rest.front() != ':' || (endpoint.port = parse_port(rest.substr(1))) < 0) return {};
      }
    } else {
      size_t colon = entry.find(':');
      if (colon != std::string_view::npos) {
        if (entry.find(':', colon + 1) != std::string_view::npos) return {};  // a bare IPv6 address: use [ ]
        if ((endpoint.port = parse_port(entry.substr(colon + 1))) < 0) return {};
        entry = entry.substr(0, colon);
      }
      endpoint.host = std::string(entry);
    }
    if (endpoint.host.empty() || endpoint.host.find_first_of(" \t/") != std::string::npos) return {};
    out.push_back(std::move(endpoint));
    if (comma == std::string_view::npos) break;
    hosts.remove_prefix(comma + 1);
  }
  return out;
}

void init_driver() {
  if (g_driver == nullptr) g_driver = sql::mysql::get_mysql_driver_instance();
}

Database::Database(DbConfig config) : config_(std::move(config)) {
  if (config_.socket.empty()) {
    endpoints_ = parse_db_endpoints(config_.host, config_.port);
    if (endpoints_.empty()) endpoints_.push_back({config_.host, config_.port});  // the connect error will name it
  }
  init_driver();
  g_driver->threadInit();
}

Database::~Database() {
  statements_.clear();
  generated_.clear();
  connection_.reset();
  g_driver->threadEnd();
}

sql::Connection& Database::connection() {
  if (!connection_) {
    auto now = std::chrono::steady_clock::now();
    if (now < next_connect_attempt_) {
      // Backing off: fail fast with the same code a refused connect gives.
      throw sql::SQLException("database unreachable; waiting before reconnecting", "HY000", 2002);
    }
    sql::ConnectOptionsMap options;
    options["userName"] = sql::SQLString(config_.user);
    options["password"] = sql::SQLString(config_.password);
    options["schema"] = sql::SQLString(config_.name);
    options["OPT_CONNECT_TIMEOUT"] = config_.connect_timeout_seconds;
    options["OPT_READ_TIMEOUT"] = config_.io_timeout_seconds;
    options["OPT_WRITE_TIMEOUT"] = config_.io_timeout_seconds;
    options["OPT_RECONNECT"] = false;  // reconnecting silently would lose session state
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    if (config_.ssl_mode != DbConfig::SslMode::kOff) {
      // Connector/C++ 1.1's names; sslEnforce makes a server without TLS a
      // connect error instead of a silent fall back to plain text.
      if (!config_.ssl_ca.empty()) options["sslCA"] = sql::SQLString(config_.ssl_ca);
      if (!config_.ssl_cert.empty()) options["sslCert"] = sql::SQLString(config_.ssl_cert);
      if (!config_.ssl_key.empty()) options["sslKey"] = sql::SQLString(config_.ssl_key);
      options["sslEnforce"] = true;
      options["sslVerify"] = config_.ssl_mode == DbConfig::SslMode::kVerify;
    }
    // Each endpoint once, from the one used last: a worker whose node went
    // away moves to the next, and stays there.
    size_t tries = std::max<size_t>(endpoints_.size(), 1);
    for (size_t i = 0; i < tries && !connection_; ++i) {
      size_t at = (current_ + i) % tries;
      if (endpoints_.empty()) {
        options["hostName"] = sql::SQLString("unix://" + config_.socket);
      } else {
        const DbEndpoint& endpoint = endpoints_[at];
        std::string host = endpoint.host.find(':') == std::string::npos ? endpoint.host : "[" + endpoint.host + "]";
        options["hostName"] = sql::SQLString("tcp://" + host + ":" + std::to_string(endpoint.port));
      }
      try {
        connection_.reset(g_driver->connect(options));
        std::unique_ptr<sql::Statement> init(connection_->createStatement());
        // group_concat_max_len: a user's groups (kRefreshMemberOf) may
        // take what their MEDIUMTEXT column holds, not the default 1 MB.
        init->execute(
            "SET SESSION time_zone = '+00:00', SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE',"
            " SESSION group_concat_max_len = 16777215");
        if (config_.statement_timeout_seconds > 0) {
          set_statement_timeout(*connection_, config_.statement_timeout_seconds);
        }
        set_causal_reads(*connection_);
        if (at != current_) {
          util::log::warn("database: endpoint " + std::to_string(current_ + 1) + " is unreachable; using endpoint " +
                          std::to_string(at + 1) + " of db_host");
        }
        current_ = at;
      } catch (const sql::SQLException&) {
        connection_.reset();
        if (i + 1 < tries) continue;
        connect_backoff_ = std::min(std::max(connect_backoff_ * 2, kMinBackoff), kMaxBackoff);
        next_connect_attempt_ = now + connect_backoff_;
        throw;
      }
    }
    connect_backoff_ = std::chrono::milliseconds(0);
    if (connected_before_) util::metrics::add(util::metrics::Counter::kDbReconnects);
    connected_before_ = true;
  }
  return *connection_;
}

sql::PreparedStatement& Database::prepare(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return *it->second;
  std::unique_ptr<sql::PreparedStatement> statement(connection().prepareStatement(sql));
  return *statements_.emplace(sql, std::move(statement)).first->second;
}

sql::PreparedStatement& Database::prepare_generated(const std::string& sql) {
  auto it = generated_.find(sql);
  if (it != generated_.end()) return *it->second;
  // Bounded: arbitrary filters must not grow a worker without limit.
  if (generated_.size() >= kMaxGeneratedStatements) generated_.clear();
  std::unique_ptr<sql::PreparedStatement> statement(connection().prepareStatement(sql));
  return *generated_.emplace(sql, std::move(statement)).first->second;
}

void Database::disconnect() {
  statements_.clear();
  generated_.clear();
  if (connection_) {
    try {
      connection_->close();
    } catch (const sql::SQLException&) {
      // Closing a dead connection may fail; it is being discarded anyway.
    }
    connection_.reset();
  }
}

scim::Result<void> Database::run(Idempotence idempotence, const std::function<void(sql::Connection&)>& work) {
  int deadlocks = 0;
  for (int attempt = 0;; ++attempt) {
    auto started = std::chrono::steady_clock::now();
    auth_changed_ = false;
    try {
      work(connection());
      if (auth_changed_) signal_auth_change(config_.auth_epoch_file);
      return {};
    } catch (AbortTransaction& abort) {
      return scim::fail(std::move(abort.error));
    } catch (const sql::SQLException& e) {
      int code = e.getErrorCode();
      if (code == kErLockDeadlock && ++deadlocks < kMaxDeadlockAttempts) {
        util::log::info("database: a transaction lost a conflict (" + std::string(e.what()) + "); running it again");
        // Rolled back whole (see kErLockDeadlock); a short, growing pause
        // lets the transaction it lost to finish first.
        std::this_thread::sleep_for(std::chrono::milliseconds(2 * deadlocks * deadlocks));
        --attempt;  // not a reconnect: keep the one retry a stale connection gets
        continue;
      }
      util::metrics::add(util::metrics::Counter::kDbErrors);
      if (is_statement_timeout(code)) util::metrics::add(util::metrics::Counter::kDbStatementTimeouts);
      if (idempotence == Idempotence::kSearch && is_statement_timeout(code)) {
        util::log::warn("a search was stopped at the statement time limit: " + std::string(e.what()));
        return scim::fail(scim::Error::too_many(
            "The search took longer than the server allows and was stopped; narrow the filter (userName, externalId, "
            "id, emails.value, displayName and members.value are indexed) or ask for smaller pages."));
      }
      bool lost = is_connection_lost(code);
      if (lost) disconnect();
      // A stale connection after a server restart fails its first statement;
      // one retry on a fresh connection hides that from the client.  A read
      // that outlived the read timeout is not stale but slow, and the server
      // may still be running it: running a second copy would double the load
      // that made it slow.
      bool timed_out = std::chrono::steady_clock::now() - started >= std::chrono::seconds(config_.io_timeout_seconds);
      if (lost && timed_out) {
        util::log::warn("a database call outlived the " + std::to_string(config_.io_timeout_seconds) +
                        " s read timeout; not retried");
      }
      bool retry = lost && !timed_out && attempt == 0 && (idempotence != Idempotence::kWrite || is_never_sent(code));
      if (retry) continue;
      return scim::fail(to_scim_error(e));
    } catch (const std::exception& e) {
      // Not the database's fault (std::bad_alloc, a logic error): a 500,
      // never a 503 that would have clients retry a bug.  The Transaction
      // guard has rolled back; dropping the connection also ends anything
      // the work began outside one, so nothing of it is written.
      disconnect();
      return scim::fail(to_scim_error(e));
    } catch (...) {
      disconnect();
      util::log::error("internal error in a database operation: unknown exception");
      return scim::fail(scim::Error::internal("An internal error occurred; nothing was written."));
    }
  }
}

int Database::endpoint() const { return endpoints_.empty() ? 0 : static_cast<int>(current_) + 1; }

bool Database::ping() {
  auto result = run(Idempotence::kRead, [&](sql::Connection& c) {
    std::unique_ptr<sql::Statement> statement(c.createStatement());
    std::unique_ptr<sql::ResultSet> rows(statement->executeQuery("SELECT 1"));
  });
  return result.has_value();
}

std::string string_or_empty(sql::ResultSet& rows, int column) {
  return rows.isNull(column) ? std::string() : std::string(rows.getString(column));
}

json::Value stored_document(sql::ResultSet& rows, int column, const std::string& what) {
  auto document = json::parse(std::string(rows.getString(column)));
  if (document && document->is_object()) return std::move(document.value());
  util::log::error("stored document of " + what + " is not a JSON object" +
                   (document ? std::string()
                             : " (line " + std::to_string(document.error().line) + ", column " +
                                   std::to_string(document.error().column) + ")"));
  throw AbortTransaction{scim::Error::internal("A stored resource could not be read; nothing was changed.")};
}

// START TRANSACTION, not autocommit off and on again: one round trip
// fewer per write, and the session stays in autocommit mode, so a statement
// run outside a Transaction commits on its own.
Transaction::Transaction(sql::Connection& connection) : connection_(connection) {
  execute_control(connection_, sql_text::kStartTransaction);
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    execute_control(connection_, sql_text::kRollback);
  } catch (const sql::SQLException&) {
    // The connection is broken; Database::run() discards it, and the server
    // rolls back what it held.
  }
}

void Database::bump_auth_epoch() {
  auto& s = prepare(sql_text::kBumpAuthEpoch);
  s.executeUpdate();
  auth_changed_ = true;
}

void Transaction::commit() {
  execute_control(connection_, sql_text::kCommit);
  done_ = true;
}

}  // namespace fastscim::store
