// bench/fcgi_db — the database ceiling: a libfcgi responder that does nothing
// but one prepared, indexed point SELECT of a stored user by userName on the
// resources table fastscimd uses, and returns the stored document bytes.
// Same pool shape as fastscimd (fcgi_pool.h), one connection and one prepared
// statement per thread, on the MariaDB unix socket (fcgi_mysql.h).  A
// benchmark tool, built only by `make bench`.
//
//   fcgi_db --socket PATH --db-socket PATH --db-name NAME --db-user USER
//           --db-password-file FILE --tenant-id N [--workers N] [--threads N]
//
// GET ...?u=<userName> answers 200 with the document, 404 when absent.
#include <iostream>

#include "fcgi_mysql.h"
#include "fcgi_pool.h"

namespace {

struct Connection {
  std::unique_ptr<sql::Connection> connection;
  std::unique_ptr<sql::PreparedStatement> select;
};

}  // namespace

int main(int argc, char** argv) {
  namespace bench = fastscim::bench;
  bench::DbOptions db;
  bench::PoolOptions options;
  if (!bench::parse_responder_options(argc, argv, "fcgi_db", &db, &options)) return 2;

  auto make_state = [&db]() -> std::unique_ptr<Connection> {
    auto c = std::make_unique<Connection>();
    c->connection = bench::connect(db, "fcgi_db");
    c->select.reset(c->connection->prepareStatement(
        "SELECT document FROM resources WHERE tenant_id = ? AND resource_type = 'User' AND name_key = ?"));
    return c;
  };
  auto handle = [&db](Connection& c, FCGX_Request& request) {
    std::string user_name = bench::query_param(FCGX_GetParam("QUERY_STRING", request.envp), "u");
    try {
      c.select->setInt64(1, db.tenant_id);
      c.select->setString(2, user_name);
      std::unique_ptr<sql::ResultSet> rows(c.select->executeQuery());
      if (rows->next()) {
        bench::respond(request, "200 OK", std::string(rows->getString(1)));
      } else {
        bench::respond(request, "404 Not Found", "{\"status\":\"404\"}");
      }
    } catch (const sql::SQLException& e) {
      bench::respond(request, "500 Internal Server Error", std::string("{\"detail\":\"") + e.what() + "\"}");
    }
  };
  return bench::run_pool<Connection>(options, bench::init_driver, make_state, handle);
}
