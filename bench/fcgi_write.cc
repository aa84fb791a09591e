// bench/fcgi_write — the write ceiling: a libfcgi responder that does nothing
// but one prepared statement per request on the resources table fastscimd
// uses, with every one of its indexes, under the server's own durability
// settings (autocommit: one commit, one log flush per request, as one store
// transaction).  Same pool shape as fastscimd (fcgi_pool.h), one connection
// and its prepared statements per thread (fcgi_mysql.h).  A benchmark tool,
// built only by `make bench`.
//
//   fcgi_write --socket PATH --db-socket PATH --db-name NAME --db-user USER
//              --db-password-file FILE --tenant-id N [--workers N] [--threads N]
//
// POST ...?u=<userName>  the request body (a user's JSON document, about
//                        1 KB) INSERTed as a new User of the tenant, with
//                        its indexed columns; 201 with the document.
// PUT  ...?id=<id>       the request body written as the document of the
//                        tenant's User `id` (version and lastModified
//                        raised), a one-row UPDATE; 200 with the
//                        document, 404 when there is no such user.
#include <iostream>

#include "fcgi_mysql.h"
#include "fcgi_pool.h"

namespace {

struct Connection {
  std::unique_ptr<sql::Connection> connection;
  std::unique_ptr<sql::PreparedStatement> insert;
  std::unique_ptr<sql::PreparedStatement> update;
};

std::string read_body(FCGX_Request& request) {
  const char* length = FCGX_GetParam("CONTENT_LENGTH", request.envp);
  long n = length != nullptr ? std::atol(length) : 0;
  std::string body(n > 0 ? static_cast<size_t>(n) : 0, '\0');
  int got = body.empty() ? 0 : FCGX_GetStr(body.data(), static_cast<int>(body.size()), request.in);
  body.resize(got > 0 ? static_cast<size_t>(got) : 0);
  return body;
}

}  // namespace

int main(int argc, char** argv) {
  namespace bench = fastscim::bench;
  bench::DbOptions db;
  bench::PoolOptions options;
  if (!bench::parse_responder_options(argc, argv, "fcgi_write", &db, &options)) return 2;

  auto make_state = [&db]() -> std::unique_ptr<Connection> {
    auto c = std::make_unique<Connection>();
    c->connection = bench::connect(db, "fcgi_write");
    c->insert.reset(c->connection->prepareStatement(
        "INSERT INTO resources (tenant_id, id, resource_type, name_key, display_name, external_id, active,"
        " employee_number, document, version, created, last_modified)"
        " VALUES (?, UUID(), 'User', ?, ?, ?, 1, ?, ?, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"));
    c->update.reset(c->connection->prepareStatement(
        "UPDATE resources SET document = ?, version = version + 1, last_modified = UTC_TIMESTAMP(3)"
        " WHERE tenant_id = ? AND id = ?"));
    return c;
  };
  auto handle = [&db](Connection& c, FCGX_Request& request) {
    const char* method = FCGX_GetParam("REQUEST_METHOD", request.envp);
    const char* query = FCGX_GetParam("QUERY_STRING", request.envp);
    std::string body = read_body(request);
    try {
      if (method != nullptr && std::string(method) == "POST") {
        std::string user_name = bench::query_param(query, "u");
        c.insert->setInt64(1, db.tenant_id);
        c.insert->setString(2, user_name);
        c.insert->setString(3, "New " + user_name);
        c.insert->setString(4, user_name);
        c.insert->setString(5, user_name);
        c.insert->setString(6, body);
        c.insert->executeUpdate();
        bench::respond(request, "201 Created", body);
        return;
      }
      c.update->setString(1, body);
      c.update->setInt64(2, db.tenant_id);
      c.update->setString(3, bench::query_param(query, "id"));
      if (c.update->executeUpdate() == 1) {
        bench::respond(request, "200 OK", body);
      } else {
        bench::respond(request, "404 Not Found", "{\"status\":\"404\"}");
      }
    } catch (const sql::SQLException& e) {
      bench::respond(request, "500 Internal Server Error", std::string("{\"detail\":\"") + e.what() + "\"}");
    }
  };
  return bench::run_pool<Connection>(options, bench::init_driver, make_state, handle);
}
