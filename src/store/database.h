// store::Database — one MySQL/MariaDB connection, owned by one thread.
//
// Connects lazily, caches prepared statements (preparing costs a round
// trip), and converts every sql::SQLException into a scim::Error through
// sql_error.h, so no Connector/C++ exception leaves this module.  When the
// server goes away the connection is dropped, and the next call reconnects:
// a worker survives a database restart without being restarted itself.
//
// Thread-safety: none; give each thread its own Database.  Call
// store::init_driver() once before starting threads.
#ifndef FASTSCIM_STORE_DATABASE_H_
#define FASTSCIM_STORE_DATABASE_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "json/value.h"
#include "scim/error.h"

namespace fastscim::store {

// One database server to connect to.
struct DbEndpoint {
  std::string host;
  int port = 3306;
};

// The endpoints a db_host value lists: "host", "host:port" or "[v6]:port",
// separated by commas (e.g. the nodes of a Galera cluster); `default_port`
// where none is given.  Empty when the text is empty or an entry is
// malformed.
std::vector<DbEndpoint> parse_db_endpoints(std::string_view hosts, int default_port);

struct DbConfig {
  // One server, or several (a comma list, parse_db_endpoints): a Database
  // connects to the first that answers, starting with the one it used
  // last, so a worker that loses its node reconnects to another.
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string socket;  // wins over host/port when set
  std::string name = "fastscim";
  std::string user = "fastscim";
  std::string password;
  int connect_timeout_seconds = 3;
  int io_timeout_seconds = 30;
  // The longest one statement may run before the server stops it (MariaDB
  // max_statement_time; MySQL max_execution_time, which covers SELECT
  // only); 0 = no limit.  Keep it below io_timeout_seconds, so the server
  // ends a runaway query before the client gives up on it.
  int statement_timeout_seconds = 0;
  // TLS to the server (a TCP connection; db_ssl_* in the configuration):
  // kOff plain; kRequired encrypted, the server's certificate unchecked;
  // kVerify encrypted, the certificate checked against ssl_ca and the host
  // name.  ssl_cert/ssl_key: a client certificate, when the server asks.
  enum class SslMode { kOff, kRequired, kVerify };
  SslMode ssl_mode = SslMode::kOff;
  std::string ssl_ca;
  std::string ssl_cert;
  std::string ssl_key;
  // This host's auth epoch file (auth/epoch_file.h), raised after each
  // committed bump_auth_epoch(); "" = none.
  std::string auth_epoch_file;
};

// Instantiates the Connector/C++ driver (not thread-safe; call once first).
void init_driver();

// Thrown by work inside Database::run() to abandon it with a SCIM error
// (not found, version conflict, invalid …): the Transaction guard rolls back, and run() returns
// the error.  Never leaves the store module.
struct AbortTransaction {
  scim::Error error;
};

// Whether a failed call may be retried on a fresh connection.  Reads always
// may; a write may only when nothing could have reached the server.  A
// search is a read whose cost the client's filter decides: stopped at the
// statement time limit it is 400 tooMany (RFC 7644 §3.4.2.2, Table 9: the
// filter asks more than the server is willing to compute), not a 503 — the
// same query would only be stopped again.
enum class Idempotence { kRead, kWrite, kSearch };

class Database {
 public:
  explicit Database(DbConfig config);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs `work` on a live connection.  A read that fails because the
  // connection went stale (the server restarted) is run once more on a new
  // connection; one that fails after running for io_timeout_seconds (the
  // server may still be running it) or at the statement time limit never
  // is.  Work that loses a deadlock or, on Galera, a certification
  // conflict (1213, at any statement or at COMMIT: rolled back whole) is
  // run again, up to four times in all, then fails with kUnavailable; so
  // `work` must start from scratch each time it is called.  Returns
  // success, the error of an
  // AbortTransaction it threw, or the scim::Error for the exception it threw
  // (sql_error.h: kUnavailable + Retry-After when the server is unreachable,
  // and the connection is dropped so the next call reconnects; kUniqueness
  // on a duplicate key; kInternal for any other SQL error and for any
  // exception that is not an sql::SQLException, e.g. std::bad_alloc).  On
  // every error the transaction of `work` is rolled back.
  scim::Result<void> run(Idempotence idempotence, const std::function<void(sql::Connection&)>& work);

  // A prepared statement for `sql` (a constant from statements.h), cached
  // for the life of the connection.  Only valid inside run().
  sql::PreparedStatement& prepare(const char* sql);
  // The same for generated SQL (filter_sql): cached by its text, so the
  // repeated shapes identity providers send are prepared once.
  sql::PreparedStatement& prepare_generated(const std::string& sql);

  // Only valid inside run(): raises the database's auth epoch (a change to
  // what a token lookup returns: auth/token_cache.h) as the work's next
  // statement — call it last in the work's transaction, or right after the
  // change's own statement — and, once run() returns success, this host's
  // auth epoch file too, so this host's workers see the change at once.
  void bump_auth_epoch();

  // True when the server answers a trivial query now.
  bool ping();

  // The endpoint of db_host this Database connects to (or tried last), from
  // 1; 0 over a Unix socket.
  int endpoint() const;

  // Drops the connection (next run() reconnects).
  void disconnect();

 private:
  sql::Connection& connection();

  DbConfig config_;
  std::vector<DbEndpoint> endpoints_;  // empty over a Unix socket
  size_t current_ = 0;                 // index into endpoints_
  std::unique_ptr<sql::Connection> connection_;
  std::map<const char*, std::unique_ptr<sql::PreparedStatement>> statements_;
  std::map<std::string, std::unique_ptr<sql::PreparedStatement>> generated_;
  std::chrono::steady_clock::time_point next_connect_attempt_{};
  std::chrono::milliseconds connect_backoff_{0};
  bool connected_before_ = false;  // a later connect is a reconnect (util/metrics.h)
  bool auth_changed_ = false;      // bump_auth_epoch() ran in the current run()
};

// The string in `column` of the current row, "" for SQL NULL.
std::string string_or_empty(sql::ResultSet& rows, int column);

// The JSON document stored in `column` of the current row.  A document that
// does not parse is corruption, never an empty resource: logs an error
// naming `what` (e.g. "User 2819c223…"; never the content) and throws
// AbortTransaction with kInternal, so the request fails with 500.
json::Value stored_document(sql::ResultSet& rows, int column, const std::string& what);

// Owns a transaction on a connection: begins on construction (START
// TRANSACTION), rolls back in the destructor unless commit() succeeded.
// commit() throws sql::SQLException when the server did not commit — on
// Galera a certification conflict or a brute-force abort is error 1213 at
// COMMIT, and Database::run() then runs the work again; a COMMIT that lost
// its connection is an error that is never retried.  The session stays in
// autocommit mode throughout: nothing outside a Transaction can end up in
// one.  Exceptions pass through to Database::run(), which maps them.
class Transaction {
 public:
  explicit Transaction(sql::Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  sql::Connection& connection_;
  bool done_ = false;
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_DATABASE_H_
