#include "store/schema_repository.h"

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <cppconn/datatype.h>
#include <cppconn/resultset.h>

#include "json/io.h"
#include "scim/event.h"
#include "store/outbox.h"
#include "store/statements.h"
#include "store/tenant_config.h"

namespace fastscim::store {

namespace {

using scim::Error;

TenantSchemaRow read_schema(sql::ResultSet& rows) {
  return {rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getString(4), rows.getString(5)};
}

Error no_such_extension(const std::string& urn) {
  return Error::not_found("the tenant has no schema extension \"" + urn + "\"");
}

// JSON_SEARCH matches a LIKE pattern: '_' and '%' in a URN are literal.
std::string like_pattern(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '_' || c == '%') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::optional<TenantSchemaRow> select_schema(Database& db, long long tenant_id, const std::string& urn) {
  auto& s = db.prepare(sql_text::kSelectTenantSchema);
  s.setInt64(1, tenant_id);
  s.setString(2, urn);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  if (!rows->next()) return std::nullopt;
  return read_schema(*rows);
}

long long count_with(Database& db, const char* statement, long long tenant_id, const std::string& type,
                     const std::string& urn) {
  auto& s = db.prepare(statement);
  s.setInt64(1, tenant_id);
  s.setString(2, type);
  s.setString(3, urn);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  return rows->next() ? rows->getInt64(1) : 0;
}

}  // namespace

scim::Result<TenantSettings> SchemaRepository::settings(long long tenant_id) {
  std::optional<TenantSettings> found;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    found.reset();
    auto& s = db_.prepare(sql_text::kSelectTenantConfig);
    s.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    if (!rows->next()) return;
    TenantSettings read{read_scim_settings(*rows, 2)};
    read.generation = rows->getInt64(1);
    found = std::move(read);
  });
  if (!result) return scim::fail(result.error());
  if (!found) return scim::fail(Error::not_found("no tenant with id " + std::to_string(tenant_id)));
  return *found;
}

scim::Result<TenantSchemaConfig> SchemaRepository::load(long long tenant_id) {
  auto settings_read = settings(tenant_id);
  if (!settings_read) return scim::fail(settings_read.error());
  if (!settings_read.value().has_extensions) return TenantSchemaConfig{std::move(settings_read.value()), {}};
  auto schemas = list(tenant_id);
  if (!schemas) return scim::fail(schemas.error());
  return TenantSchemaConfig{std::move(settings_read.value()), std::move(schemas.value())};
}

scim::Result<std::vector<TenantSchemaRow>> SchemaRepository::list_deployment_wide() {
  std::vector<TenantSchemaRow> out;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    out.clear();
    std::unique_ptr<sql::ResultSet> rows(db_.prepare(sql_text::kSelectDeploymentSchemas).executeQuery());
    while (rows->next()) {
      out.push_back(read_schema(*rows));
      out.back().deployment_wide = true;
    }
  });
  if (!result) return scim::fail(result.error());
  return out;
}

scim::Result<void> SchemaRepository::add_deployment_wide(const TenantSchemaRow& row) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    auto& existing = db_.prepare(sql_text::kSelectDeploymentSchema);
    existing.setString(1, row.urn);
    std::unique_ptr<sql::ResultSet> found(existing.executeQuery());
    if (found->next()) {
      throw AbortTransaction{
          Error::conflict("the deployment-wide schema extension \"" + found->getString(1) + "\" exists already")};
    }
    found.reset();
    auto& owners = db_.prepare(sql_text::kTenantsWithSchema);
    owners.setString(1, row.urn);
    std::unique_ptr<sql::ResultSet> names(owners.executeQuery());
    std::string list;
    while (names->next()) list += (list.empty() ? "" : ", ") + names->getString(1);
    names.reset();
    if (!list.empty()) {
      throw AbortTransaction{Error::conflict("these tenants have their own schema extension \"" + row.urn +
                                             "\" (at most 20 shown): " + list +
                                             "; remove theirs first (schema remove --tenant NAME URN)")};
    }
    auto& s = db_.prepare(sql_text::kInsertDeploymentSchema);
    s.setString(1, row.urn);
    s.setString(2, row.resource_type);
    s.setBoolean(3, row.required);
    s.setString(4, row.definition);
    s.executeUpdate();
    db_.prepare(sql_text::kBumpAllTenantGenerations).executeUpdate();
    db_.bump_auth_epoch();  // cached tokens carry the old generations
    tx.commit();
  });
}

scim::Result<void> SchemaRepository::remove_deployment_wide(const std::string& urn) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    auto& existing = db_.prepare(sql_text::kSelectDeploymentSchema);
    existing.setString(1, urn);
    std::unique_ptr<sql::ResultSet> found(existing.executeQuery());
    if (!found->next()) {
      throw AbortTransaction{Error::not_found("there is no deployment-wide schema extension \"" + urn + "\"")};
    }
    const std::string stored_urn = found->getString(1);
    const std::string type = found->getString(2);
    found.reset();
    auto& count = db_.prepare(sql_text::kCountAllResourcesWithExtension);
    count.setString(1, type);
    count.setString(2, stored_urn);
    std::unique_ptr<sql::ResultSet> counted(count.executeQuery());
    if (counted->next() && counted->getInt64(1) > 0) {
      throw AbortTransaction{Error::conflict(std::to_string(counted->getInt64(1)) + " resources of " +
                                             std::to_string(counted->getInt64(2)) + " tenants carry data under \"" +
                                             stored_urn + "\"; remove that data first")};
    }
    counted.reset();
    auto& del = db_.prepare(sql_text::kDeleteDeploymentSchema);
    del.setString(1, stored_urn);
    del.executeUpdate();
    db_.prepare(sql_text::kBumpAllTenantGenerations).executeUpdate();
    db_.bump_auth_epoch();  // cached tokens carry the old generations
    tx.commit();
  });
}

scim::Result<std::vector<TenantSchemaRow>> SchemaRepository::list(long long tenant_id) {
  std::vector<TenantSchemaRow> out;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    out.clear();
    // Deployment-wide extensions first: every tenant has them.
    std::unique_ptr<sql::ResultSet> shared(db_.prepare(sql_text::kSelectDeploymentSchemas).executeQuery());
    while (shared->next()) {
      out.push_back(read_schema(*shared));
      out.back().deployment_wide = true;
    }
    shared.reset();
    auto& s = db_.prepare(sql_text::kSelectTenantSchemas);
    s.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) out.push_back(read_schema(*rows));
  });
  if (!result) return scim::fail(result.error());
  return out;
}

scim::Result<TenantSchemaRow> SchemaRepository::find(long long tenant_id, const std::string& urn) {
  std::optional<TenantSchemaRow> found;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) { found = select_schema(db_, tenant_id, urn); });
  if (!result) return scim::fail(result.error());
  if (!found) return scim::fail(no_such_extension(urn));
  return *found;
}

scim::Result<void> SchemaRepository::add(long long tenant_id, const TenantSchemaRow& row) {
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    lock_tenant_config(db_, tenant_id);
    if (auto existing = select_schema(db_, tenant_id, row.urn)) {
      throw AbortTransaction{Error::conflict("the tenant already has the schema extension \"" + existing->urn +
                                             "\" (of " + existing->resource_type + "); remove it first to change it")};
    }
    auto& shared = db_.prepare(sql_text::kSelectDeploymentSchema);
    shared.setString(1, row.urn);
    std::unique_ptr<sql::ResultSet> found(shared.executeQuery());
    if (found->next()) {
      throw AbortTransaction{Error::conflict("\"" + found->getString(1) +
                                             "\" is a deployment-wide schema extension: every tenant has it already")};
    }
    found.reset();
    auto& s = db_.prepare(sql_text::kInsertTenantSchema);
    s.setInt64(1, tenant_id);
    s.setString(2, row.urn);
    s.setString(3, row.resource_type);
    s.setBoolean(4, row.required);
    s.setString(5, row.definition);
    s.executeUpdate();
    raise_tenant_generation(db_, tenant_id);
    tx.commit();
  });
  return result;
}

scim::Result<void> SchemaRepository::set_required(long long tenant_id, const std::string& urn, bool required) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    lock_tenant_config(db_, tenant_id);
    if (!select_schema(db_, tenant_id, urn)) throw AbortTransaction{no_such_extension(urn)};
    auto& s = db_.prepare(sql_text::kSetTenantSchemaRequired);
    s.setBoolean(1, required);
    s.setInt64(2, tenant_id);
    s.setString(3, urn);
    s.executeUpdate();
    raise_tenant_generation(db_, tenant_id);
    tx.commit();
  });
}

scim::Result<long long> SchemaRepository::count_resources(long long tenant_id, const std::string& resource_type,
                                                          const std::string& urn, bool with) {
  long long count = 0;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    count = count_with(db_, with ? sql_text::kCountResourcesWithExtension : sql_text::kCountResourcesWithoutExtension,
                       tenant_id, resource_type, urn);
  });
  if (!result) return scim::fail(result.error());
  return count;
}

scim::Result<long long> SchemaRepository::remove(long long tenant_id, const std::string& urn, bool purge) {
  long long purged = 0;
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    purged = 0;
    lock_tenant_config(db_, tenant_id);
    auto row = select_schema(db_, tenant_id, urn);
    if (!row) throw AbortTransaction{no_such_extension(urn)};
    // The stored spelling is the one the documents use as their key.
    long long in_use = count_with(db_, sql_text::kCountResourcesWithExtension, tenant_id, row->resource_type, row->urn);
    if (in_use > 0 && !purge) {
      throw AbortTransaction{Error::conflict(std::to_string(in_use) + " " + row->resource_type + " resource" +
                                             (in_use == 1 ? " of the tenant carries" : "s of the tenant carry") +
                                             " data under \"" + row->urn +
                                             "\"; remove that data first, or remove with --force to delete it too")};
    }
    if (in_use > 0) {
      // One user.updated / group.updated per resource that loses data,
      // naming the extension as the changed attribute with its old value.
      // The admin tool knows no public URL, so `data` is the stored
      // document with its id (scim::EventDraft's default), not meta.location.
      std::vector<std::pair<long long, json::Value>> before;
      auto& lock = db_.prepare(sql_text::kLockResourcesWithExtension);
      lock.setInt64(1, tenant_id);
      lock.setString(2, row->resource_type);
      lock.setString(3, row->urn);
      std::unique_ptr<sql::ResultSet> rows(lock.executeQuery());
      while (rows->next()) {
        json::Value document = stored_document(*rows, 4, row->resource_type + " " + std::string(rows->getString(2)));
        before.emplace_back(rows->getInt64(1), document.get(row->urn));
      }
      rows.reset();
      auto& update = db_.prepare(sql_text::kPurgeExtensionData);
      std::string pattern = like_pattern(row->urn);
      update.setString(1, pattern);
      update.setString(2, pattern);
      update.setString(3, row->urn);
      update.setInt64(4, tenant_id);
      update.setString(5, row->resource_type);
      update.setString(6, row->urn);
      purged = update.executeUpdate();
      Outbox outbox(db_, tenant_id);
      for (const auto& [seq, old_value] : before) {
        auto& read = db_.prepare(sql_text::kSelectResourceBySeq);
        read.setInt64(1, tenant_id);
        read.setInt64(2, seq);
        std::unique_ptr<sql::ResultSet> after(read.executeQuery());
        if (!after->next()) continue;
        scim::StoredResource stored;
        stored.id = after->getString(2);
        stored.resource_type = after->getString(3);
        stored.document = stored_document(*after, 4, stored.resource_type + " " + stored.id);
        stored.version = after->getInt64(5);
        scim::Event event;
        event.type = scim::event_type(stored.resource_type, scim::ChangeKind::kUpdated);
        event.resource_type = stored.resource_type;
        event.resource_id = stored.id;
        event.version = stored.version;
        event.data = scim::EventDraft().data(stored);
        event.changed = {row->urn};
        event.previous = json::Value::object();
        event.previous.set(row->urn, old_value ? old_value : json::Value::null());
        outbox.add(std::move(event));
      }
      outbox.flush();
    }
    auto& s = db_.prepare(sql_text::kDeleteTenantSchema);
    s.setInt64(1, tenant_id);
    s.setString(2, row->urn);
    s.executeUpdate();
    raise_tenant_generation(db_, tenant_id);
    tx.commit();
  });
  if (!result) return scim::fail(result.error());
  return purged;
}

}  // namespace fastscim::store
