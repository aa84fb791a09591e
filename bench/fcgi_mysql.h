// bench/fcgi_mysql.h — what the database baselines (fcgi_db.cc, the read
// ceiling; fcgi_write.cc, the write ceiling) share: their database options,
// the connection they open per thread (MariaDB's unix socket, utf8mb4, the
// server's own durability settings, autocommit like one store transaction
// per request) and the query-string decoding.
//
// A benchmark tool, not product code: built only by `make bench`.
// Thread-safety: init_driver() once per process before the threads; then
// connect() from each thread.
#ifndef FASTSCIM_BENCH_FCGI_MYSQL_H_
#define FASTSCIM_BENCH_FCGI_MYSQL_H_

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>
#include <mysql_driver.h>

#include "fcgi_pool.h"

namespace fastscim::bench {

struct DbOptions {
  std::string socket, name, user, password, password_file;
  long long tenant_id = 0;
};

inline constexpr char kDbUsage[] =
    "--db-socket PATH --db-name NAME --db-user USER --db-password-file FILE --tenant-id N";

// Takes one of the DbOptions' command-line options; false for any other.
inline bool parse_db_option(const std::string& name, const std::string& value, DbOptions* db) {
  if (name == "--db-socket")
    db->socket = value;
  else if (name == "--db-name")
    db->name = value;
  else if (name == "--db-user")
    db->user = value;
  else if (name == "--db-password-file")
    db->password_file = value;
  else if (name == "--tenant-id")
    db->tenant_id = std::atoll(value.c_str());
  else
    return false;
  return true;
}

// Reads the password file; false when an option is missing.
inline bool complete_db_options(DbOptions* db) {
  if (!db->password_file.empty()) {
    std::ifstream in(db->password_file);
    std::getline(in, db->password);
  }
  return !db->socket.empty() && !db->name.empty() && !db->user.empty() && db->tenant_id > 0;
}

// The command line of a responder named `program`: the pool's options and
// the database's.  Prints the usage and returns false when one is missing.
inline bool parse_responder_options(int argc, char** argv, const char* program, DbOptions* db, PoolOptions* pool) {
  const std::string usage = std::string(program) + " --socket PATH " + kDbUsage +
                            " [--workers N] [--threads N] [--backlog N]";
  *pool = parse_pool_options(argc, argv, usage.c_str(), [db](const std::string& name, const std::string& value) {
    return parse_db_option(name, value, db);
  });
  if (complete_db_options(db)) return true;
  std::cerr << "usage: " << usage << "\n";
  return false;
}

inline sql::mysql::MySQL_Driver*& driver() {
  static sql::mysql::MySQL_Driver* instance = nullptr;
  return instance;
}

// Once per process, before the threads start.
inline void init_driver() { driver() = sql::mysql::get_mysql_driver_instance(); }

// This thread's connection; exits the process when it cannot connect.
inline std::unique_ptr<sql::Connection> connect(const DbOptions& db, const char* program) {
  driver()->threadInit();
  sql::ConnectOptionsMap connect;
  connect["hostName"] = sql::SQLString("unix://" + db.socket);
  connect["userName"] = sql::SQLString(db.user);
  connect["password"] = sql::SQLString(db.password);
  connect["schema"] = sql::SQLString(db.name);
  connect["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  try {
    return std::unique_ptr<sql::Connection>(driver()->connect(connect));
  } catch (const sql::SQLException& e) {
    std::cerr << program << ": cannot connect: " << e.what() << "\n";
    std::_Exit(1);
  }
}

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The form-decoded value of `key` in a query string ("" when absent).
inline std::string query_param(const char* query, const std::string& key) {
  std::string q = query != nullptr ? query : "";
  size_t pos = 0;
  while (pos <= q.size()) {
    size_t end = q.find('&', pos);
    if (end == std::string::npos) end = q.size();
    std::string pair = q.substr(pos, end - pos);
    if (pair.compare(0, key.size() + 1, key + "=") == 0) {
      std::string out;
      for (size_t i = key.size() + 1; i < pair.size(); ++i) {
        if (pair[i] == '+') {
          out += ' ';
        } else if (pair[i] == '%' && i + 2 < pair.size() && hex_value(pair[i + 1]) >= 0 &&
                   hex_value(pair[i + 2]) >= 0) {
          out += static_cast<char>(hex_value(pair[i + 1]) * 16 + hex_value(pair[i + 2]));
          i += 2;
        } else {
          out += pair[i];
        }
      }
      return out;
    }
    pos = end + 1;
  }
  return "";
}

}  // namespace fastscim::bench

#endif  // FASTSCIM_BENCH_FCGI_MYSQL_H_
