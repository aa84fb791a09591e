// bench/fcgi_db — the database ceiling: a libfcgi responder that does nothing
// but one prepared, indexed point SELECT of a stored user by userName on the
// resources table fastscimd uses, and returns the stored document bytes.
// Same pool shape as fastscimd (fcgi_pool.h), one connection and one prepared
// statement per thread, on the MariaDB unix socket.  A benchmark tool, built
// only by `make bench`.
//
//   fcgi_db --socket PATH --db-socket PATH --db-name NAME --db-user USER
//           --db-password-file FILE --tenant-id N [--workers N] [--threads N]
//
// GET ...?u=<userName> answers 200 with the document, 404 when absent.
#include <fstream>
#include <iostream>

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>
#include <mysql_driver.h>

#include "fcgi_pool.h"

namespace {

struct DbOptions {
  std::string socket, name, user, password;
  long long tenant_id = 0;
};

struct Connection {
  std::unique_ptr<sql::Connection> connection;
  std::unique_ptr<sql::PreparedStatement> select;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The form-decoded value of `key` in a query string ("" when absent).
std::string query_param(const char* query, const std::string& key) {
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

sql::mysql::MySQL_Driver* g_driver = nullptr;

}  // namespace

int main(int argc, char** argv) {
  using fastscim::bench::PoolOptions;
  const char* usage =
      "fcgi_db --socket PATH --db-socket PATH --db-name NAME --db-user USER --db-password-file FILE"
      " --tenant-id N [--workers N] [--threads N] [--backlog N]";
  DbOptions db;
  std::string password_file;
  PoolOptions options = fastscim::bench::parse_pool_options(argc, argv, usage,
                                                            [&](const std::string& name, const std::string& value) {
                                                              if (name == "--db-socket")
                                                                db.socket = value;
                                                              else if (name == "--db-name")
                                                                db.name = value;
                                                              else if (name == "--db-user")
                                                                db.user = value;
                                                              else if (name == "--db-password-file")
                                                                password_file = value;
                                                              else if (name == "--tenant-id")
                                                                db.tenant_id = std::atoll(value.c_str());
                                                              else
                                                                return false;
                                                              return true;
                                                            });
  if (!password_file.empty()) {
    std::ifstream in(password_file);
    std::getline(in, db.password);
  }
  if (db.socket.empty() || db.name.empty() || db.user.empty() || db.tenant_id <= 0) {
    std::cerr << "usage: " << usage << "\n";
    return 2;
  }

  auto process_init = [] { g_driver = sql::mysql::get_mysql_driver_instance(); };
  auto make_state = [&db]() -> std::unique_ptr<Connection> {
    g_driver->threadInit();
    auto c = std::make_unique<Connection>();
    sql::ConnectOptionsMap connect;
    connect["hostName"] = sql::SQLString("unix://" + db.socket);
    connect["userName"] = sql::SQLString(db.user);
    connect["password"] = sql::SQLString(db.password);
    connect["schema"] = sql::SQLString(db.name);
    connect["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    try {
      c->connection.reset(g_driver->connect(connect));
      c->select.reset(c->connection->prepareStatement(
          "SELECT document FROM resources WHERE tenant_id = ? AND resource_type = 'User' AND name_key = ?"));
    } catch (const sql::SQLException& e) {
      std::cerr << "fcgi_db: cannot connect: " << e.what() << "\n";
      std::_Exit(1);
    }
    return c;
  };
  auto handle = [&db](Connection& c, FCGX_Request& request) {
    std::string user_name = query_param(FCGX_GetParam("QUERY_STRING", request.envp), "u");
    try {
      c.select->setInt64(1, db.tenant_id);
      c.select->setString(2, user_name);
      std::unique_ptr<sql::ResultSet> rows(c.select->executeQuery());
      if (rows->next()) {
        fastscim::bench::respond(request, "200 OK", std::string(rows->getString(1)));
      } else {
        fastscim::bench::respond(request, "404 Not Found", "{\"status\":\"404\"}");
      }
    } catch (const sql::SQLException& e) {
      fastscim::bench::respond(request, "500 Internal Server Error", std::string("{\"detail\":\"") + e.what() + "\"}");
    }
  };
  return fastscim::bench::run_pool<Connection>(options, process_init, make_state, handle);
}
