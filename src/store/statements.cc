#include "store/statements.h"

namespace fastscim::store::sql_text {

// The token's last use is refreshed at most once a minute, so the hot path
// stays read-only.
const char kFindTokenByHash[] =
    "SELECT t.id, t.tenant_id, n.name, t.token_hash, t.revoked_at IS NOT NULL,"
    " (t.last_used_at IS NULL OR t.last_used_at < NOW(6) - INTERVAL 60 SECOND)"
    " FROM tokens t JOIN tenants n ON n.id = t.tenant_id WHERE t.token_hash = ?";
const char kTouchToken[] = "UPDATE tokens SET last_used_at = NOW(6) WHERE id = ?";
const char kInsertToken[] =
    "INSERT INTO tokens (tenant_id, name, prefix, token_hash) VALUES (?, ?, ?, ?)";
const char kListTokens[] =
    "SELECT name, prefix, DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'),"
    " DATE_FORMAT(last_used_at, '%Y-%m-%dT%H:%i:%sZ'), DATE_FORMAT(revoked_at, '%Y-%m-%dT%H:%i:%sZ')"
    " FROM tokens WHERE tenant_id = ? ORDER BY id";
const char kRevokeToken[] =
    "UPDATE tokens SET revoked_at = NOW(6) WHERE tenant_id = ? AND name = ? AND revoked_at IS NULL";

const char kInsertTenant[] = "INSERT INTO tenants (name) VALUES (?)";
const char kFindTenantByName[] =
    "SELECT id, name, DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ') FROM tenants WHERE name = ?";
const char kListTenants[] =
    "SELECT n.id, n.name, DATE_FORMAT(n.created_at, '%Y-%m-%dT%H:%i:%sZ'),"
    " (SELECT COUNT(*) FROM tokens t WHERE t.tenant_id = n.id AND t.revoked_at IS NULL)"
    " FROM tenants n ORDER BY n.name";
const char kDeleteTenant[] = "DELETE FROM tenants WHERE id = ?";

const char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
    " name VARCHAR(255) NOT NULL,"
    " applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
const char kAppliedMigrations[] = "SELECT version FROM schema_migrations ORDER BY version";
const char kRecordMigration[] = "INSERT INTO schema_migrations (version, name) VALUES (?, ?)";
const char kAcquireMigrationLock[] = "SELECT GET_LOCK('fastscim.migrate', 60)";
const char kReleaseMigrationLock[] = "SELECT RELEASE_LOCK('fastscim.migrate')";

}  // namespace fastscim::store::sql_text
