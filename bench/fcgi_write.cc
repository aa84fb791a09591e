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
//
// With &tx=1 either write makes the round trips fastscimd's store makes
// for a user's POST or PATCH (doc/storage.md, "Writes"), with the same
// kinds of statements on the same tables, and nothing else: no JSON, no
// PATCH, no authentication.  This measures what those statements cost the
// database, apart from what fastscimd does between them.
//   POST: START TRANSACTION; the tenant's settings and the
//         unique-across-tenants setting, share-locked; INSERT ... RETURNING
//         seq; the user's work email; the event; the provisioning-log
//         entry; COMMIT (7).
//   PUT:  the row read; START TRANSACTION; UPDATE at the version read; the
//         user's groups, the setting and its overrides, share-locked; the
//         event; the log entry; COMMIT (7).
// With &tx=proc, the same statements with the transaction in one stored
// procedure (created by the first thread to need it): a POST is one CALL,
// a PATCH the read and one CALL.  That is the fewest round trips those
// statements can take; fastscimd itself would need at least one more,
// since it builds the event from what the transaction reads.
#include <iostream>

#include "fcgi_mysql.h"
#include "fcgi_pool.h"

namespace {

using Prepared = std::unique_ptr<sql::PreparedStatement>;

struct Connection {
  std::unique_ptr<sql::Connection> connection;
  Prepared insert;
  Prepared update;
  // The store-shaped transactions (&tx=1).
  std::unique_ptr<sql::Statement> control;
  Prepared create_settings, insert_returning, insert_email, read, update_at_version, after_update, insert_event,
      insert_log;
  // The same in a stored procedure (&tx=proc).
  Prepared call_create, call_update;
};

// The statements of fastscimd's store (src/store/statements.cc) the
// transactions mirror, with the columns they bind.
const char kCreateSettings[] =
    "SELECT t.link_existing, t.invitations, d.value FROM tenants t"
    " LEFT JOIN deployment_settings d ON d.name = 'unique-across-tenants' WHERE t.id = ? LOCK IN SHARE MODE";
const char kInsertReturning[] =
    "INSERT INTO resources (tenant_id, id, resource_type, name_key, display_name, external_id, active,"
    " employee_number, document, version, created, last_modified)"
    " VALUES (?, UUID(), 'User', ?, ?, ?, 1, ?, ?, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)) RETURNING seq, id";
const char kInsertEmail[] =
    "INSERT INTO resource_emails (resource_seq, tenant_id, value, type) VALUES (?, ?, ?, 'work')";
const char kRead[] =
    "SELECT r.seq, r.id, r.resource_type, r.document, r.version, r.created, r.last_modified, r.member_of"
    " FROM resources r WHERE r.tenant_id = ? AND r.resource_type = 'User' AND r.id = ?";
const char kUpdateAtVersion[] =
    "UPDATE resources SET document = ?, version = version + 1, last_modified = UTC_TIMESTAMP(3)"
    " WHERE seq = ? AND tenant_id = ? AND version = ?";
const char kAfterUpdate[] =
    "SELECT r.member_of, d.value, o.path, o.value, o.source, o.set_at FROM resources r"
    " LEFT JOIN deployment_settings d ON d.name = 'unique-across-tenants'"
    " LEFT JOIN user_overrides o ON o.tenant_id = r.tenant_id AND o.resource_id = r.id"
    " WHERE r.seq = ? LOCK IN SHARE MODE";
const char kInsertEvent[] =
    "INSERT INTO events (tenant_id, event_id, type, resource_type, resource_id, version, seat_change, occurred_at,"
    " payload) VALUES (?, UUID(), ?, 'User', ?, ?, 0, UTC_TIMESTAMP(3), ?)";
const char kInsertLog[] =
    "INSERT INTO provisioning_log (tenant_id, method, resource_type, resource_id, name, status, scim_type, detail,"
    " user_agent) VALUES (?, ?, 'User', ?, ?, ?, '', '', 'fcgi_write')";

// The two transactions as stored procedures, the statements above in the
// same order.  A PUT whose version moved signals 45000 (412).
const char kCreateProcedures[][1600] = {
    "CREATE PROCEDURE IF NOT EXISTS bench_user_create(p_tenant BIGINT UNSIGNED, p_user_name VARCHAR(255),"
    " p_document LONGTEXT) MODIFIES SQL DATA BEGIN"
    " DECLARE v_link, v_invitations, v_setting VARCHAR(255); DECLARE v_seq BIGINT UNSIGNED;"
    " DECLARE v_id CHAR(36) DEFAULT UUID();"
    " START TRANSACTION;"
    " SELECT t.link_existing, t.invitations, d.value INTO v_link, v_invitations, v_setting FROM tenants t"
    "  LEFT JOIN deployment_settings d ON d.name = 'unique-across-tenants' WHERE t.id = p_tenant LOCK IN SHARE MODE;"
    " INSERT INTO resources (tenant_id, id, resource_type, name_key, display_name, external_id, active,"
    "  employee_number, document, version, created, last_modified) VALUES (p_tenant, v_id, 'User', p_user_name,"
    "  CONCAT('New ', p_user_name), p_user_name, 1, p_user_name, p_document, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3));"
    " SET v_seq = LAST_INSERT_ID();"
    " INSERT INTO resource_emails (resource_seq, tenant_id, value, type) VALUES (v_seq, p_tenant, p_user_name, 'work');"
    " INSERT INTO events (tenant_id, event_id, type, resource_type, resource_id, version, seat_change, occurred_at,"
    "  payload) VALUES (p_tenant, UUID(), 'user.created', 'User', v_id, 1, 0, UTC_TIMESTAMP(3), p_document);"
    " INSERT INTO provisioning_log (tenant_id, method, resource_type, resource_id, name, status, scim_type, detail,"
    "  user_agent) VALUES (p_tenant, 'POST', 'User', v_id, p_user_name, 201, '', '', 'fcgi_write');"
    " COMMIT; END",
    "CREATE PROCEDURE IF NOT EXISTS bench_user_update(p_tenant BIGINT UNSIGNED, p_seq BIGINT UNSIGNED,"
    " p_version BIGINT UNSIGNED, p_id CHAR(36), p_document LONGTEXT) MODIFIES SQL DATA BEGIN"
    " DECLARE v_member_of MEDIUMTEXT; DECLARE v_setting, v_path VARCHAR(255);"
    " START TRANSACTION;"
    " UPDATE resources SET document = p_document, version = version + 1, last_modified = UTC_TIMESTAMP(3)"
    "  WHERE seq = p_seq AND tenant_id = p_tenant AND version = p_version;"
    " IF ROW_COUNT() <> 1 THEN ROLLBACK; SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the version moved'; END IF;"
    " SELECT r.member_of, d.value, o.path INTO v_member_of, v_setting, v_path FROM resources r"
    "  LEFT JOIN deployment_settings d ON d.name = 'unique-across-tenants'"
    "  LEFT JOIN user_overrides o ON o.tenant_id = r.tenant_id AND o.resource_id = r.id"
    "  WHERE r.seq = p_seq LIMIT 1 LOCK IN SHARE MODE;"
    " INSERT INTO events (tenant_id, event_id, type, resource_type, resource_id, version, seat_change, occurred_at,"
    "  payload) VALUES (p_tenant, UUID(), 'user.updated', 'User', p_id, p_version + 1, 0, UTC_TIMESTAMP(3),"
    "  p_document);"
    " INSERT INTO provisioning_log (tenant_id, method, resource_type, resource_id, name, status, scim_type, detail,"
    "  user_agent) VALUES (p_tenant, 'PATCH', 'User', p_id, p_id, 200, '', '', 'fcgi_write');"
    " COMMIT; END",
};

void drain(sql::ResultSet* rows) {
  std::unique_ptr<sql::ResultSet> owned(rows);
  while (owned->next()) {
  }
}

void add_event_and_log(Connection& c, long long tenant_id, const char* type, const char* method, int status,
                       const std::string& id, long long version, const std::string& name, const std::string& body) {
  c.insert_event->setInt64(1, tenant_id);
  c.insert_event->setString(2, type);
  c.insert_event->setString(3, id);
  c.insert_event->setInt64(4, version);
  c.insert_event->setString(5, body);
  c.insert_event->executeUpdate();
  c.insert_log->setInt64(1, tenant_id);
  c.insert_log->setString(2, method);
  c.insert_log->setString(3, id);
  c.insert_log->setString(4, name);
  c.insert_log->setInt(5, status);
  c.insert_log->executeUpdate();
}

// POST with &tx=1; a failed statement rolls the transaction back and throws.
void create_in_transaction(Connection& c, long long tenant_id, const std::string& user_name, const std::string& body) {
  c.control->execute("START TRANSACTION");
  try {
    c.create_settings->setInt64(1, tenant_id);
    drain(c.create_settings->executeQuery());
    c.insert_returning->setInt64(1, tenant_id);
    c.insert_returning->setString(2, user_name);
    c.insert_returning->setString(3, "New " + user_name);
    c.insert_returning->setString(4, user_name);
    c.insert_returning->setString(5, user_name);
    c.insert_returning->setString(6, body);
    std::unique_ptr<sql::ResultSet> inserted(c.insert_returning->executeQuery());
    inserted->next();
    long long seq = inserted->getInt64(1);
    std::string id = inserted->getString(2);
    while (inserted->next()) {
    }
    c.insert_email->setInt64(1, seq);
    c.insert_email->setInt64(2, tenant_id);
    c.insert_email->setString(3, user_name);
    c.insert_email->executeUpdate();
    add_event_and_log(c, tenant_id, "user.created", "POST", 201, id, 1, user_name, body);
    c.control->execute("COMMIT");
  } catch (...) {
    c.control->execute("ROLLBACK");
    throw;
  }
}

// POST with &tx=proc.
void create_in_procedure(Connection& c, long long tenant_id, const std::string& user_name, const std::string& body) {
  c.call_create->setInt64(1, tenant_id);
  c.call_create->setString(2, user_name);
  c.call_create->setString(3, body);
  try {
    c.call_create->execute();
  } catch (...) {
    c.control->execute("ROLLBACK");
    throw;
  }
}

// The PATCH's first statement: the user's row key and version; false when
// there is no such user.
bool read_user(Connection& c, long long tenant_id, const std::string& id, long long* seq, long long* version) {
  c.read->setInt64(1, tenant_id);
  c.read->setString(2, id);
  std::unique_ptr<sql::ResultSet> row(c.read->executeQuery());
  if (!row->next()) return false;
  *seq = row->getInt64(1);
  *version = row->getInt64(5);
  while (row->next()) {
  }
  return true;
}

// PUT with &tx=proc: the HTTP status line, as update_in_transaction.
const char* update_in_procedure(Connection& c, long long tenant_id, const std::string& id, const std::string& body) {
  long long seq = 0, version = 0;
  if (!read_user(c, tenant_id, id, &seq, &version)) return "404 Not Found";
  c.call_update->setInt64(1, tenant_id);
  c.call_update->setInt64(2, seq);
  c.call_update->setInt64(3, version);
  c.call_update->setString(4, id);
  c.call_update->setString(5, body);
  try {
    c.call_update->execute();
  } catch (const sql::SQLException& e) {
    c.control->execute("ROLLBACK");
    if (e.getSQLState() == "45000") return "412 Precondition Failed";
    throw;
  }
  return "200 OK";
}

// PUT with &tx=1: the HTTP status line; 404 when there is no such user,
// 412 when another write changed it between the read and the UPDATE
// (fastscimd would read it again and retry).
const char* update_in_transaction(Connection& c, long long tenant_id, const std::string& id, const std::string& body) {
  long long seq = 0, version = 0;
  if (!read_user(c, tenant_id, id, &seq, &version)) return "404 Not Found";
  c.control->execute("START TRANSACTION");
  try {
    c.update_at_version->setString(1, body);
    c.update_at_version->setInt64(2, seq);
    c.update_at_version->setInt64(3, tenant_id);
    c.update_at_version->setInt64(4, version);
    if (c.update_at_version->executeUpdate() != 1) {
      c.control->execute("ROLLBACK");
      return "412 Precondition Failed";
    }
    c.after_update->setInt64(1, seq);
    drain(c.after_update->executeQuery());
    // The log's name is the user's userName in fastscimd, read from the
    // document it parsed; any string of that length costs the same here.
    add_event_and_log(c, tenant_id, "user.updated", "PATCH", 200, id, version + 1, id, body);
    c.control->execute("COMMIT");
  } catch (...) {
    c.control->execute("ROLLBACK");
    throw;
  }
  return "200 OK";
}

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
    c->control.reset(c->connection->createStatement());
    auto prepare = [&c](const char* text) { return Prepared(c->connection->prepareStatement(text)); };
    c->create_settings = prepare(kCreateSettings);
    c->insert_returning = prepare(kInsertReturning);
    c->insert_email = prepare(kInsertEmail);
    c->read = prepare(kRead);
    c->update_at_version = prepare(kUpdateAtVersion);
    c->after_update = prepare(kAfterUpdate);
    c->insert_event = prepare(kInsertEvent);
    c->insert_log = prepare(kInsertLog);
    for (const char* procedure : kCreateProcedures) c->control->execute(procedure);
    c->call_create = prepare("CALL bench_user_create(?, ?, ?)");
    c->call_update = prepare("CALL bench_user_update(?, ?, ?, ?, ?)");
    return c;
  };
  auto handle = [&db](Connection& c, FCGX_Request& request) {
    const char* method = FCGX_GetParam("REQUEST_METHOD", request.envp);
    const char* query = FCGX_GetParam("QUERY_STRING", request.envp);
    std::string body = read_body(request);
    std::string tx = bench::query_param(query, "tx");
    bool transaction = tx == "1";
    bool procedure = tx == "proc";
    try {
      if (method != nullptr && std::string(method) == "POST") {
        std::string user_name = bench::query_param(query, "u");
        if (transaction || procedure) {
          if (procedure) {
            create_in_procedure(c, db.tenant_id, user_name, body);
          } else {
            create_in_transaction(c, db.tenant_id, user_name, body);
          }
          bench::respond(request, "201 Created", body);
          return;
        }
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
      if (transaction || procedure) {
        std::string id = bench::query_param(query, "id");
        const char* status = procedure ? update_in_procedure(c, db.tenant_id, id, body)
                                       : update_in_transaction(c, db.tenant_id, id, body);
        bench::respond(request, status, status[0] == '2' ? body : std::string("{}"));
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
