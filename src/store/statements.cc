#include "store/statements.h"

namespace fastscim::store::sql_text {

// The tenant's SCIM settings, and whether it has extensions (its own or
// deployment-wide) or templates, of the tenant whose row is `n`: read with
// each token (kFindTokenByHash) and alone (kSelectTenantConfig), and read
// back by store::read_scim_settings.
#define FASTSCIM_TENANT_SCIM_SETTINGS                                 \
  "n.unknown_attributes, n.unknown_extensions, n.dialect,"            \
  " EXISTS (SELECT 1 FROM tenant_schemas s WHERE s.tenant_id = n.id)" \
  " OR EXISTS (SELECT 1 FROM deployment_schemas),"                    \
  " EXISTS (SELECT 1 FROM user_templates u WHERE u.tenant_id = n.id)"

// The token's last use is refreshed at most once a minute, so the hot path
// stays read-only.  The tenant's config_generation rides along, so workers
// learn of a changed schema or setting without a query of their own, and
// so do its SCIM settings, so that a tenant's first request in a worker
// costs this one query when it has no extensions or templates.
const char kFindTokenByHash[] =
    "SELECT t.id, t.tenant_id, n.name, t.token_hash, t.revoked_at IS NOT NULL,"
    " (t.last_used_at IS NULL OR t.last_used_at < NOW(6) - INTERVAL 60 SECOND), n.config_generation,"
    " (t.expires_at IS NOT NULL AND t.expires_at <= NOW(6)), n.provisioning,"
    " n.rate_limit_per_minute, n.rate_burst, n.max_concurrent, e.epoch,"
    " IF(t.expires_at IS NULL, NULL, TIMESTAMPDIFF(MICROSECOND, NOW(6), t.expires_at)),"
    " " FASTSCIM_TENANT_SCIM_SETTINGS
    " FROM tokens t JOIN tenants n ON n.id = t.tenant_id JOIN auth_epoch e ON e.id = 1 WHERE t.token_hash = ?";
// The auth epoch (auth/token_cache.h, doc/auth-cache.md): raised, last in
// the transaction, by every change to what kFindTokenByHash returns for an
// existing token.
const char kSelectAuthEpoch[] = "SELECT epoch FROM auth_epoch WHERE id = 1";
const char kBumpAuthEpoch[] = "UPDATE auth_epoch SET epoch = epoch + 1 WHERE id = 1";
// The statement time limit of a request's connection (store::DbConfig):
// MariaDB's in seconds; MySQL's, for SELECT only, in milliseconds.
const char kSetMaxStatementTime[] = "SET SESSION max_statement_time = ?";
const char kSetMaxExecutionTime[] = "SET SESSION max_execution_time = ?";
// On a Galera node, reads wait until the node has applied every write the
// cluster committed before them (doc/cluster.md); elsewhere it does nothing.
const char kSetCausalReadsOnGalera[] = "SET SESSION wsrep_sync_wait = IF(@@wsrep_on, 1, 0)";
// store::Transaction: statements, so that a COMMIT the server refuses is an
// error (database.cc says why not the connector's commit()).
const char kStartTransaction[] = "START TRANSACTION";
const char kCommit[] = "COMMIT";
const char kRollback[] = "ROLLBACK";
const char kTouchToken[] = "UPDATE tokens SET last_used_at = NOW(6) WHERE id = ?";
// kTouchTokensBatch ids at a time (TokenRepository::touch_all).
const char kTouchTokens[] =
    "UPDATE tokens SET last_used_at = NOW(6) WHERE id IN ("
    "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
    "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
    "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
    "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
// expires_at: NULL (never) or a UTC "YYYY-MM-DD HH:MM:SS".
const char kInsertToken[] =
    "INSERT INTO tokens (tenant_id, name, prefix, token_hash, expires_at) VALUES (?, ?, ?, ?, ?)";
const char kListTokens[] =
    "SELECT name, prefix, DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'),"
    " DATE_FORMAT(last_used_at, '%Y-%m-%dT%H:%i:%sZ'), DATE_FORMAT(revoked_at, '%Y-%m-%dT%H:%i:%sZ'),"
    " DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%sZ'), DATE_FORMAT(rotated_at, '%Y-%m-%dT%H:%i:%sZ')"
    " FROM tokens WHERE tenant_id = ? ORDER BY id";
// Every unrevoked token of the name: the current one and any still in a
// rotation's overlap.
const char kRevokeToken[] =
    "UPDATE tokens SET revoked_at = NOW(6) WHERE tenant_id = ? AND name = ? AND revoked_at IS NULL";
const char kLockCurrentToken[] =
    "SELECT id, (expires_at IS NOT NULL AND expires_at <= NOW(6)) FROM tokens"
    " WHERE tenant_id = ? AND current_name = ? AND revoked_at IS NULL FOR UPDATE";
// The overlap never lengthens an expiry the token already had.
const char kRotateOutToken[] =
    "UPDATE tokens SET rotated_at = NOW(6), expires_at = IF(expires_at IS NULL OR expires_at > ?, ?, expires_at)"
    " WHERE id = ?";

const char kInsertTenant[] = "INSERT INTO tenants (name) VALUES (?)";
// Active tokens: neither revoked nor expired.
#define FASTSCIM_TENANT_COLUMNS                                                       \
  "n.id, n.name, DATE_FORMAT(n.created_at, '%Y-%m-%dT%H:%i:%sZ'),"                    \
  " (SELECT COUNT(*) FROM tokens t WHERE t.tenant_id = n.id AND t.revoked_at IS NULL" \
  " AND (t.expires_at IS NULL OR t.expires_at > NOW(6))), n.config_generation"
const char kFindTenantByName[] = "SELECT " FASTSCIM_TENANT_COLUMNS " FROM tenants n WHERE n.name = ?";
const char kListTenants[] = "SELECT " FASTSCIM_TENANT_COLUMNS " FROM tenants n ORDER BY n.name";
const char kDeleteTenant[] = "DELETE FROM tenants WHERE id = ?";
const char kSelectTenantManagement[] =
    "SELECT config_generation, unknown_attributes, unknown_extensions, provisioning, invitations,"
    " rate_limit_per_minute, rate_burst, max_concurrent, dialect"
    " FROM tenants WHERE id = ?";
// Neither changes what a worker caches per tenant, so the generation stays.
const char kSetTenantProvisioning[] = "UPDATE tenants SET provisioning = ? WHERE id = ?";
const char kSetTenantInvitations[] = "UPDATE tenants SET invitations = ? WHERE id = ?";
// Read with each token (kFindTokenByHash), so no generation either; NULL = the default.
const char kSetTenantRateLimit[] = "UPDATE tenants SET rate_limit_per_minute = ? WHERE id = ?";
const char kSetTenantRateBurst[] = "UPDATE tenants SET rate_burst = ? WHERE id = ?";
const char kSetTenantMaxConcurrent[] = "UPDATE tenants SET max_concurrent = ? WHERE id = ?";

const char kInsertApiKey[] = "INSERT INTO api_keys (tenant_id, name, prefix, key_hash) VALUES (?, ?, ?, ?)";
const char kListApiKeys[] =
    "SELECT k.name, k.prefix, n.name, DATE_FORMAT(k.created_at, '%Y-%m-%dT%H:%i:%sZ'),"
    " DATE_FORMAT(k.last_used_at, '%Y-%m-%dT%H:%i:%sZ'), DATE_FORMAT(k.revoked_at, '%Y-%m-%dT%H:%i:%sZ')"
    " FROM api_keys k LEFT JOIN tenants n ON n.id = k.tenant_id ORDER BY k.id";
const char kRevokeApiKey[] = "UPDATE api_keys SET revoked_at = NOW(6) WHERE name = ? AND revoked_at IS NULL";
const char kFindApiKeyByHash[] =
    "SELECT id, name, tenant_id, key_hash, revoked_at IS NOT NULL,"
    " (last_used_at IS NULL OR last_used_at < NOW(6) - INTERVAL 60 SECOND) FROM api_keys WHERE key_hash = ?";
const char kTouchApiKey[] = "UPDATE api_keys SET last_used_at = NOW(6) WHERE id = ?";

// No per-row subqueries here: an aggregate subquery (JSON_ARRAYAGG) made
// MariaDB write a temporary table to disk for every row read.  A user's
// groups come with it, kept in its row (member_of, below).
#define FASTSCIM_RESOURCE_COLUMNS \
  "r.seq, r.id, r.resource_type, r.document, r.version, r.created, r.last_modified, r.member_of"

// With whether there is anything more to read, so that a tenant without
// extensions or templates costs one query (app/tenant_services.h).
const char kSelectTenantConfig[] = "SELECT n.config_generation, " FASTSCIM_TENANT_SCIM_SETTINGS
                                   " FROM tenants n WHERE n.id = ?";
// Serialises changes to one tenant's extensions and settings.
const char kLockTenant[] = "SELECT config_generation FROM tenants WHERE id = ? FOR UPDATE";
const char kBumpTenantGeneration[] = "UPDATE tenants SET config_generation = config_generation + 1 WHERE id = ?";
const char kSetTenantUnknownAttributes[] =
    "UPDATE tenants SET unknown_attributes = ?, config_generation = config_generation + 1 WHERE id = ?";
const char kSetTenantUnknownExtensions[] =
    "UPDATE tenants SET unknown_extensions = ?, config_generation = config_generation + 1 WHERE id = ?";
const char kSetTenantDialect[] =
    "UPDATE tenants SET dialect = ?, config_generation = config_generation + 1 WHERE id = ?";
#define FASTSCIM_TENANT_SCHEMA_COLUMNS \
  "urn, resource_type, required, definition, DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ')"
const char kSelectTenantSchemas[] = "SELECT " FASTSCIM_TENANT_SCHEMA_COLUMNS
                                    " FROM tenant_schemas WHERE tenant_id = ? ORDER BY created_at, urn";
const char kSelectTenantSchema[] = "SELECT " FASTSCIM_TENANT_SCHEMA_COLUMNS
                                   " FROM tenant_schemas WHERE tenant_id = ? AND urn = ?";
const char kInsertTenantSchema[] =
    "INSERT INTO tenant_schemas (tenant_id, urn, resource_type, required, definition) VALUES (?, ?, ?, ?, ?)";
const char kSetTenantSchemaRequired[] = "UPDATE tenant_schemas SET required = ? WHERE tenant_id = ? AND urn = ?";
const char kDeleteTenantSchema[] = "DELETE FROM tenant_schemas WHERE tenant_id = ? AND urn = ?";
// Extension data sits under the member named by the URN (EXT-02).  The URN
// is bound, never pasted: extension URNs hold only letters, digits and
// ":.-_" (scim/extension_schema.h), so the quoted JSON path built from it
// is always well formed.  A scan within the tenant and type (admin only).
#define FASTSCIM_HAS_EXTENSION "JSON_CONTAINS_PATH(document, 'one', CONCAT('$.\"', ?, '\"'))"
const char kCountResourcesWithExtension[] =
    "SELECT COUNT(*) FROM resources WHERE tenant_id = ? AND resource_type = ? AND " FASTSCIM_HAS_EXTENSION;
const char kCountResourcesWithoutExtension[] =
    "SELECT COUNT(*) FROM resources WHERE tenant_id = ? AND resource_type = ? AND NOT " FASTSCIM_HAS_EXTENSION;
// `schema remove --force`: the resources that lose data, locked, with
// their documents before the purge (one event each, store/outbox.h).
const char kLockResourcesWithExtension[] = "SELECT " FASTSCIM_RESOURCE_COLUMNS
                                           " FROM resources r"
                                           " WHERE r.tenant_id = ? AND r.resource_type = ? AND " FASTSCIM_HAS_EXTENSION
                                           " ORDER BY r.seq FOR UPDATE";
// Drops the extension object and its URN from "schemas" (EXT-03, EXT-10).
// The first two parameters are the URN escaped for JSON_SEARCH's LIKE
// pattern ('\' before '_' and '%').
const char kPurgeExtensionData[] =
    "UPDATE resources SET document = JSON_REMOVE("
    "CASE WHEN JSON_SEARCH(document, 'one', ?, NULL, '$.schemas') IS NULL THEN document"
    " ELSE JSON_REMOVE(document, JSON_UNQUOTE(JSON_SEARCH(document, 'one', ?, NULL, '$.schemas'))) END,"
    " CONCAT('$.\"', ?, '\"')), version = version + 1, last_modified = NOW(3)"
    " WHERE tenant_id = ? AND resource_type = ? AND " FASTSCIM_HAS_EXTENSION;

const char kResourceColumns[] = FASTSCIM_RESOURCE_COLUMNS;
// Answers the new row's key (RETURNING): no SELECT LAST_INSERT_ID() after it.
const char kInsertResource[] =
    "INSERT INTO resources (tenant_id, id, resource_type, name_key, display_name, external_id, active,"
    " employee_number, document, version, created, last_modified)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING seq";
const char kSelectResource[] = "SELECT " FASTSCIM_RESOURCE_COLUMNS
                               " FROM resources r WHERE r.tenant_id = ? AND r.resource_type = ? AND r.id = ?";
const char kSelectResourceBySeq[] = "SELECT " FASTSCIM_RESOURCE_COLUMNS
                                    " FROM resources r WHERE r.tenant_id = ? AND r.seq = ?";
// `active` rides along for the seat count (NULL: not a user, or no value).
const char kLockResource[] =
    "SELECT seq, version, active FROM resources WHERE tenant_id = ? AND resource_type = ? AND id = ? FOR UPDATE";
// The row as kSelectResource reads it, locked: a write that answers with
// the row it locked (a group's member change) needs no read after.
const char kLockResourceRow[] =
    "SELECT " FASTSCIM_RESOURCE_COLUMNS
    " FROM resources r WHERE r.tenant_id = ? AND r.resource_type = ? AND r.id = ? FOR UPDATE";
const char kLockResourceBySeq[] = "SELECT version FROM resources WHERE tenant_id = ? AND seq = ? FOR UPDATE";
const char kUpdateResource[] =
    "UPDATE resources SET name_key = ?, display_name = ?, external_id = ?, active = ?, employee_number = ?,"
    " document = ?, version = version + 1, last_modified = ? WHERE seq = ?";
// A replace of what was read, while the row is still at the version read
// (ResourceRepository::replace): no locking read before it.
const char kUpdateResourceAtVersion[] =
    "UPDATE resources SET name_key = ?, display_name = ?, external_id = ?, active = ?, employee_number = ?,"
    " document = ?, version = version + 1, last_modified = ? WHERE seq = ? AND tenant_id = ? AND version = ?";
// last_modified from this process's clock, as every write's (WriteTime).
const char kBumpResourceVersion[] = "UPDATE resources SET version = version + 1, last_modified = ? WHERE seq = ?";
const char kDeleteResource[] = "DELETE FROM resources WHERE seq = ?";
const char kDeleteEmails[] = "DELETE FROM resource_emails WHERE resource_seq = ?";
// Read through ix_resource_emails_resource, whose rows for one resource_seq
// follow the table's increasing hidden row id: the order written (another
// order only costs a rewrite that was not needed).
const char kSelectEmails[] = "SELECT value, type FROM resource_emails WHERE resource_seq = ?";
const char kInsertEmail[] = "INSERT INTO resource_emails (resource_seq, tenant_id, value, type) VALUES (?, ?, ?, ?)";
// A member is locked before its membership rows change: the lock keeps it
// from being deleted meanwhile, so a membership never points at a deleted
// resource, and makes every change to one user's groups wait for the one
// before, whose member_of it then reads (kRefreshMemberOf).
const char kLockMember[] =
    "SELECT seq, resource_type, COALESCE(display_name, name_key) FROM resources"
    " WHERE tenant_id = ? AND id = ? FOR UPDATE";
const char kSelectMemberById[] =
    "SELECT seq, resource_type, COALESCE(display_name, name_key) FROM resources WHERE tenant_id = ? AND id = ?";
// The group's id and name ride along for its members' member_of.
const char kInsertMember[] =
    "INSERT IGNORE INTO group_members (group_seq, member_seq, tenant_id, group_id, group_name)"
    " SELECT g.seq, ?, g.tenant_id, g.id, g.name_key FROM resources g WHERE g.seq = ?";
const char kDeleteMember[] = "DELETE FROM group_members WHERE group_seq = ? AND member_seq = ?";
const char kDeleteAllMembers[] = "DELETE FROM group_members WHERE group_seq = ?";
const char kSelectMembers[] =
    "SELECT mr.id, mr.resource_type, COALESCE(mr.display_name, mr.name_key)"
    " FROM group_members m JOIN resources mr ON mr.seq = m.member_seq WHERE m.group_seq = ? ORDER BY m.member_seq";
// The same, at most ? of them: a list page loads one member more than it
// has room for to learn that a group does not fit (resource_repository.cc).
const char kSelectMembersUpTo[] =
    "SELECT mr.id, mr.resource_type, COALESCE(mr.display_name, mr.name_key)"
    " FROM group_members m JOIN resources mr ON mr.seq = m.member_seq WHERE m.group_seq = ? ORDER BY m.member_seq"
    " LIMIT ?";
// resources.member_of (sql/020_member_of.sql): a user's groups in the order
// joined, or NULL for none, so that reading a user is one statement.  Each
// group is its 36-character id, its name's length in bytes as 4 digits and
// the name (resource_rows.cc reads it back): GROUP_CONCAT of anything a
// JSON function makes is a LONGTEXT, and MariaDB writes the temporary table
// of such an aggregate to disk at every execution.  Rebuilt from the user's
// group_members rows, which carry their group's id and name, by each write
// that changes them: a member added or removed, a group renamed or deleted.
// It reads no group's row: a membership change holds its group's row lock
// and then waits for its member's, so a rebuild that waited for a group's
// would deadlock with it.  A change to a user's rows holds the user's row
// lock first (kLockMember), so the rebuild, whose locking read sees the
// latest rows, sees every change before it.
#define FASTSCIM_GROUP_ENTRY(name) "gm.group_id, LPAD(LENGTH(COALESCE(" name ", '')), 4, '0'), COALESCE(" name ", '')"
#define FASTSCIM_MEMBER_OF_OF_U(name) \
  "(SELECT GROUP_CONCAT(" FASTSCIM_GROUP_ENTRY(name) " ORDER BY gm.group_seq SEPARATOR '')" \
  " FROM group_members gm WHERE gm.member_seq = u.seq"
const char kRefreshMemberOf[] = "UPDATE resources u SET u.member_of = " FASTSCIM_MEMBER_OF_OF_U(
    "gm.group_name") ") WHERE u.seq = ?";
// Every user member of group ?6: with group ?1 (= ?3) shown by the name ?2
// (= ?4; its rename, before its rows carry the name), leaving out group ?5
// (before the group's deletion or the removal of all its members).  The
// members' row locks are taken before any of the group's membership rows is
// written.
const char kRefreshMemberOfGroupMembers[] =
    "UPDATE resources u SET u.member_of = " FASTSCIM_MEMBER_OF_OF_U(
        "IF(gm.group_seq = ?, CAST(? AS CHAR(255)), gm.group_name)") " AND gm.group_seq <> ?)"
    " WHERE u.seq IN (SELECT m.member_seq FROM group_members m WHERE m.group_seq = ?) AND u.resource_type = 'User'";
const char kRenameGroupInMembers[] = "UPDATE group_members SET group_name = ? WHERE group_seq = ?";
// What a user's update reads after writing its row, in one round trip: its
// groups, the deployment setting ?1 share-locked (identifier_claims.h) and
// its overrides, one per row.  The row is the
// transaction's own (its exclusive lock is held) and so are its overrides
// (change_override locks the row before them), so the shared locks on them
// wait for nothing; an unset setting locks the gap where it would go, as
// the setting's own read does.  The caller puts the overrides in the order
// set: an ORDER BY on the outer join's inner table would sort in a
// temporary table, which the member_of text sends to disk.
const char kSelectAfterUserUpdate[] =
    "SELECT r.member_of, d.value, o.path, o.value, o.source, o.set_at FROM resources r"
    " LEFT JOIN deployment_settings d ON d.name = ?"
    " LEFT JOIN user_overrides o ON o.tenant_id = r.tenant_id AND o.resource_id = r.id"
    " WHERE r.seq = ? LOCK IN SHARE MODE";
// A resource's groups with their row keys, for its deletion: read first,
// then locked group by group (kLockResourceBySeq) before the resource
// itself, so a concurrent member add (group, then member) cannot deadlock
// with it; read again after, locking, to catch a group joined meanwhile.
const char kSelectGroupSeqsOfMember[] =
    "SELECT g.seq FROM group_members m JOIN resources g ON g.seq = m.group_seq"
    " WHERE g.tenant_id = ? AND m.member_seq = ? ORDER BY g.seq";
const char kLockGroupsOfMember[] =
    "SELECT g.seq, g.id, g.name_key, g.version FROM group_members m JOIN resources g ON g.seq = m.group_seq"
    " WHERE g.tenant_id = ? AND m.member_seq = ? ORDER BY g.seq FOR UPDATE";
// The outbox (store/outbox.h): events are written without a position.
// ---- provisioning policies (identifier_claims) --------------------------
const char kReadDeploymentSettingShared[] = "SELECT value FROM deployment_settings WHERE name = ? LOCK IN SHARE MODE";
const char kLockDeploymentSetting[] = "SELECT value FROM deployment_settings WHERE name = ? FOR UPDATE";
const char kSetDeploymentSetting[] =
    "UPDATE deployment_settings SET value = ?, changed_at = CURRENT_TIMESTAMP(3) WHERE name = ?";
const char kSelectDeploymentSettings[] =
    "SELECT name, value, DATE_FORMAT(changed_at, '%Y-%m-%dT%H:%i:%sZ') FROM deployment_settings ORDER BY name";
const char kSelectHeldIdentifiers[] = "SELECT kind, value_key FROM identifier_holders WHERE resource_seq = ?";
// The INSERT takes the key's lock whether the row exists or not; a racing
// tenant's INSERT waits here for this transaction to end.
const char kClaimIdentifier[] =
    "INSERT INTO identifier_claims (kind, value_key, tenant_id) VALUES (?, ?, ?)"
    " ON DUPLICATE KEY UPDATE tenant_id = tenant_id";
const char kLockIdentifierOwner[] =
    "SELECT tenant_id FROM identifier_claims WHERE kind = ? AND value_key = ? FOR UPDATE";
const char kInsertIdentifierHolder[] =
    "INSERT INTO identifier_holders (resource_seq, kind, value_key, tenant_id) VALUES (?, ?, ?, ?)";
const char kDeleteIdentifierHolder[] =
    "DELETE FROM identifier_holders WHERE resource_seq = ? AND kind = ? AND value_key = ?";
const char kCountIdentifierHolders[] =
    "SELECT COUNT(*) FROM identifier_holders WHERE kind = ? AND value_key = ? AND tenant_id = ? LOCK IN SHARE MODE";
const char kDeleteIdentifierClaim[] =
    "DELETE FROM identifier_claims WHERE kind = ? AND value_key = ? AND tenant_id = ?";
const char kDeleteAllIdentifierHolders[] = "DELETE FROM identifier_holders";
const char kDeleteAllIdentifierClaims[] = "DELETE FROM identifier_claims";
const char kSelectUsersAfter[] =
    "SELECT seq, tenant_id, document, id FROM resources WHERE resource_type = 'User' AND seq > ? ORDER BY seq LIMIT ?";
const char kSelectIdentifierConflicts[] =
    "SELECT h.kind, h.value_key, GROUP_CONCAT(DISTINCT t.name ORDER BY t.name SEPARATOR ', ')"
    " FROM identifier_holders h JOIN tenants t ON t.id = h.tenant_id"
    " GROUP BY h.kind, h.value_key HAVING COUNT(DISTINCT h.tenant_id) > 1 ORDER BY h.kind, h.value_key LIMIT ?";
const char kClaimHeldIdentifiers[] =
    "INSERT INTO identifier_claims (kind, value_key, tenant_id)"
    " SELECT kind, value_key, MIN(tenant_id) FROM identifier_holders GROUP BY kind, value_key";
// Linking (account_linking): candidates are found by plain reads, then
// locked one by one by primary key, so no gap lock is taken.
const char kSelectTenantLinkExisting[] = "SELECT link_existing FROM tenants WHERE id = ?";
// With the deployment setting ?1 (identifier_claims.h), share-locked as
// every user write reads it; the tenant's row is share-locked too, as the
// insert's foreign key check would lock it.
const char kSelectTenantUserCreateSettings[] =
    "SELECT t.link_existing, t.invitations, d.value FROM tenants t LEFT JOIN deployment_settings d ON d.name = ?"
    " WHERE t.id = ? LOCK IN SHARE MODE";
const char kSetTenantLinkExisting[] = "UPDATE tenants SET link_existing = ? WHERE id = ?";
const char kFindLocalUsersByEmail[] =
    "SELECT DISTINCT r.seq FROM resources r JOIN resource_emails e ON e.resource_seq = r.seq"
    " WHERE r.tenant_id = ? AND r.resource_type = 'User' AND r.origin = 'local' AND e.tenant_id = ? AND e.value = ?"
    " AND (e.type IS NULL OR e.type = 'work') ORDER BY r.seq";
const char kFindLocalUsersByEmployeeNumber[] =
    "SELECT seq FROM resources WHERE tenant_id = ? AND resource_type = 'User' AND origin = 'local'"
    " AND employee_number = ? ORDER BY seq";
const char kLockLocalUser[] =
    "SELECT id, version, document, active, origin FROM resources WHERE tenant_id = ? AND seq = ? FOR UPDATE";
const char kSetResourceOrigin[] = "UPDATE resources SET origin = ? WHERE tenant_id = ? AND seq = ?";
// Deployment-wide extensions (schema_repository): read with each tenant's
// own, in the same columns.
const char kSelectDeploymentSchemas[] = "SELECT " FASTSCIM_TENANT_SCHEMA_COLUMNS
                                        " FROM deployment_schemas ORDER BY created_at, urn";
const char kSelectDeploymentSchema[] = "SELECT urn, resource_type FROM deployment_schemas WHERE urn = ? FOR UPDATE";
const char kInsertDeploymentSchema[] =
    "INSERT INTO deployment_schemas (urn, resource_type, required, definition) VALUES (?, ?, ?, ?)";
const char kTenantsWithSchema[] =
    "SELECT t.name FROM tenant_schemas s JOIN tenants t ON t.id = s.tenant_id WHERE s.urn = ? ORDER BY t.name LIMIT 20";
const char kBumpAllTenantGenerations[] = "UPDATE tenants SET config_generation = config_generation + 1";
const char kCountAllResourcesWithExtension[] =
    "SELECT COUNT(*), COUNT(DISTINCT tenant_id) FROM resources WHERE resource_type = ? AND " FASTSCIM_HAS_EXTENSION;
const char kDeleteDeploymentSchema[] = "DELETE FROM deployment_schemas WHERE urn = ?";

const char kSelectTenantInvitations[] = "SELECT invitations FROM tenants WHERE id = ?";
const char kInsertEvent[] =
    "INSERT INTO events (tenant_id, event_id, type, resource_type, resource_id, version, seat_change, occurred_at,"
    " payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
// The sequencer (store/event_sequencer.h).  The counter row's exclusive
// lock (taken by the INSERT, whether the row exists or not) makes one
// sequencer per tenant at a time; the plain reads after it see everything
// committed before the lock was granted.
const char kHasUnsequencedEvents[] = "SELECT 1 FROM events WHERE tenant_id = ? AND position IS NULL LIMIT 1";
const char kLockTenantCounters[] =
    "INSERT INTO tenant_counters (tenant_id) VALUES (?) ON DUPLICATE KEY UPDATE event_position = event_position";
const char kSelectTenantCounters[] = "SELECT event_position, active_users FROM tenant_counters WHERE tenant_id = ?";
const char kSelectUnsequencedEvents[] =
    "SELECT seq, seat_change, DATE_FORMAT(occurred_at, '%Y-%m-%d') FROM events"
    " WHERE tenant_id = ? AND position IS NULL ORDER BY seq LIMIT ?";
const char kSetEventPosition[] = "UPDATE events SET position = ? WHERE seq = ?";
const char kRecordSeatDay[] =
    "INSERT INTO seat_days (tenant_id, day, active_max, active_end) VALUES (?, ?, ?, ?)"
    " ON DUPLICATE KEY UPDATE active_max = GREATEST(active_max, VALUE(active_max)), active_end = VALUE(active_end)";
const char kUpdateTenantCounters[] =
    "UPDATE tenant_counters SET event_position = ?, active_users = ? WHERE tenant_id = ?";
// The feed (store/event_repository.h).
const char kListEvents[] =
    "SELECT e.position, e.payload, n.name FROM events e JOIN tenants n ON n.id = e.tenant_id"
    " WHERE e.tenant_id = ? AND e.position > ? ORDER BY e.position LIMIT ?";
// Only numbered events are purged: an unnumbered one still carries its
// seat change to the counters.
const char kPurgeEvents[] =
    "DELETE FROM events WHERE tenant_id = ? AND occurred_at < NOW(3) - INTERVAL ? DAY AND position IS NOT NULL"
    " ORDER BY position LIMIT ?";
const char kListTenantIds[] = "SELECT id FROM tenants ORDER BY id";
const char kSelectSeats[] =
    "SELECT COALESCE((SELECT active_users FROM tenant_counters WHERE tenant_id = ?), 0), UTC_DATE()";
const char kSelectSeatDays[] =
    "SELECT DATE_FORMAT(day, '%Y-%m-%d'), active_max, active_end FROM seat_days"
    " WHERE tenant_id = ? AND day BETWEEN ? AND ? ORDER BY day";
// The provisioning log (store/provisioning_log_repository.h).  One fixed
// query serves every filter: unbounded ends are bound as the extremes.
const char kInsertLogEntry[] =
    "INSERT INTO provisioning_log (tenant_id, method, resource_type, resource_id, name, status, scim_type, detail,"
    " user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
const char kListLogEntries[] =
    "SELECT seq, DATE_FORMAT(occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ'), method, resource_type, resource_id, name,"
    " status, scim_type, detail, user_agent FROM provisioning_log"
    " WHERE tenant_id = ? AND seq < ? AND occurred_at >= ? AND occurred_at < ? AND status BETWEEN ? AND ?"
    " ORDER BY seq DESC LIMIT ?";
const char kPurgeLogEntries[] =
    "DELETE FROM provisioning_log WHERE tenant_id = ? AND occurred_at < NOW(3) - INTERVAL ? DAY ORDER BY seq LIMIT ?";
const char kLastInsertId[] = "SELECT LAST_INSERT_ID()";

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

// Where a new endpoint's cursor starts: the last event position the tenant
// gave out (sql/004_events.sql).
const char kTenantEventPosition[] =
    "SELECT COALESCE((SELECT event_position FROM tenant_counters WHERE tenant_id = ?), 0)";
#define FASTSCIM_WEBHOOK_COLUMNS                                                            \
  "id, url, cursor_position, failures, DATE_FORMAT(next_attempt_at, '%Y-%m-%dT%H:%i:%sZ')," \
  " DATE_FORMAT(disabled_at, '%Y-%m-%dT%H:%i:%sZ'), disabled_reason,"                       \
  " DATE_FORMAT(last_success_at, '%Y-%m-%dT%H:%i:%sZ'), DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ')"
const char kInsertWebhook[] = "INSERT INTO webhooks (tenant_id, url, secret, cursor_position) VALUES (?, ?, ?, ?)";
const char kListWebhooks[] = "SELECT " FASTSCIM_WEBHOOK_COLUMNS " FROM webhooks WHERE tenant_id = ? ORDER BY id";
const char kFindWebhook[] = "SELECT url, cursor_position FROM webhooks WHERE tenant_id = ? AND id = ? FOR UPDATE";
const char kWebhookExists[] = "SELECT 1 FROM webhooks WHERE tenant_id = ? AND id = ?";
const char kShowWebhook[] = "SELECT " FASTSCIM_WEBHOOK_COLUMNS " FROM webhooks WHERE tenant_id = ? AND id = ?";
const char kDisableWebhookByOperator[] =
    "UPDATE webhooks SET disabled_at = NOW(3), disabled_reason = ? WHERE tenant_id = ? AND id = ?";
const char kDeleteWebhook[] = "DELETE FROM webhooks WHERE tenant_id = ? AND id = ?";
const char kEnableWebhook[] =
    "UPDATE webhooks SET disabled_at = NULL, disabled_reason = NULL, failures = 0, failing_since = NULL,"
    " next_attempt_at = NOW(3) WHERE tenant_id = ? AND id = ?";
const char kSetWebhookSecret[] = "UPDATE webhooks SET secret = ? WHERE tenant_id = ? AND id = ?";
// Clearing the lease token makes a deliverer that holds the endpoint stop
// at its next step instead of moving the cursor past the rewind.
const char kRewindWebhook[] =
    "UPDATE webhooks SET cursor_position = ?, lease_until = NULL, lease_token = NULL, failures = 0,"
    " failing_since = NULL, next_attempt_at = NOW(3) WHERE tenant_id = ? AND id = ?";
// The deliverer serves every tenant: these by-id statements are its own.
#define FASTSCIM_WEBHOOK_DUE \
  "disabled_at IS NULL AND next_attempt_at <= NOW(3) AND (lease_until IS NULL OR lease_until < NOW(3))"
const char kListDueWebhooks[] = "SELECT id FROM webhooks WHERE " FASTSCIM_WEBHOOK_DUE
                                " ORDER BY next_attempt_at, id LIMIT ?";
// Only one of several deliverers racing for an endpoint changes the row.
const char kLeaseWebhook[] =
    "UPDATE webhooks SET lease_until = NOW(3) + INTERVAL ? SECOND, lease_token = ? WHERE id = ? "
    "AND " FASTSCIM_WEBHOOK_DUE;
const char kSelectLeasedWebhook[] =
    "SELECT tenant_id, url, secret, cursor_position, failures,"
    " COALESCE(TIMESTAMPDIFF(SECOND, failing_since, NOW(3)), 0) FROM webhooks WHERE id = ? AND lease_token = ?";
const char kAdvanceWebhook[] =
    "UPDATE webhooks SET cursor_position = ?, failures = 0, failing_since = NULL, last_success_at = NOW(3)"
    " WHERE id = ? AND lease_token = ?";
const char kDisableWebhook[] =
    "UPDATE webhooks SET disabled_at = NOW(3), disabled_reason = ? WHERE id = ? AND lease_token = ?";
const char kFailWebhook[] =
    "UPDATE webhooks SET failures = failures + 1, failing_since = COALESCE(failing_since, NOW(3)),"
    " next_attempt_at = NOW(3) + INTERVAL ? MICROSECOND, lease_until = NULL, lease_token = NULL"
    " WHERE id = ? AND lease_token = ?";
const char kReleaseWebhook[] =
    "UPDATE webhooks SET next_attempt_at = NOW(3) + INTERVAL ? MICROSECOND, lease_until = NULL, lease_token = NULL"
    " WHERE id = ? AND lease_token = ?";
const char kInsertWebhookDelivery[] =
    "INSERT INTO webhook_deliveries (tenant_id, webhook_id, first_position, last_position, event_count, attempt,"
    " http_status, latency_ms, error, attempted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NOW(3))";
const char kListWebhookDeliveries[] =
    "SELECT id, webhook_id, first_position, last_position, event_count, attempt, http_status, latency_ms, error,"
    " DATE_FORMAT(attempted_at, '%Y-%m-%dT%H:%i:%sZ') FROM webhook_deliveries"
    " WHERE tenant_id = ? AND (? = 0 OR webhook_id = ?) AND id < ? ORDER BY id DESC LIMIT ?";
const char kPurgeWebhookDeliveries[] =
    "DELETE FROM webhook_deliveries WHERE attempted_at < NOW(3) - INTERVAL ? DAY LIMIT 10000";
// The metrics' event backlog (doc/metrics.md): a count over every tenant,
// as claim_due spans them; no tenant's data leaves it.
const char kEventBacklog[] =
    "SELECT CAST(COALESCE(SUM(GREATEST(CAST(c.event_position AS SIGNED) - CAST(w.cursor_position AS SIGNED), 0)), 0)"
    " AS SIGNED) FROM webhooks w JOIN tenant_counters c ON c.tenant_id = w.tenant_id WHERE w.disabled_at IS NULL";
// Server-wide secrets (sql/009_cursor_secret.sql): the first writer wins,
// every worker reads the same row.
const char kInsertServerSecret[] = "INSERT IGNORE INTO server_secrets (name, secret, created_at) VALUES (?, ?, NOW(3))";
const char kSelectServerSecret[] = "SELECT secret FROM server_secrets WHERE name = ?";

// The setup portal (sql/016_portal.sql).  A link and a session are found by
// the digest of their secret, which names the tenant, as a token does.
const char kInsertPortalLink[] =
    "INSERT INTO portal_links (tenant_id, prefix, link_hash, expires_at) VALUES (?, ?, ?, ?)";
// The claim: only an unused link that has not expired matches, so two
// openings of one link cannot both succeed.
const char kClaimPortalLink[] =
    "UPDATE portal_links SET used_at = ? WHERE link_hash = ? AND used_at IS NULL AND expires_at > ?";
const char kSelectPortalLink[] = "SELECT tenant_id, used_at IS NOT NULL FROM portal_links WHERE link_hash = ?";
const char kInsertPortalSession[] =
    "INSERT INTO portal_sessions (tenant_id, session_hash, last_seen_at, expires_at) VALUES (?, ?, ?, ?)";
const char kPurgePortalSessions[] = "DELETE FROM portal_sessions WHERE tenant_id = ? AND expires_at < ?";
const char kFindPortalSession[] =
    "SELECT id, tenant_id, CAST(UNIX_TIMESTAMP(last_seen_at) AS SIGNED), CAST(UNIX_TIMESTAMP(expires_at) AS SIGNED)"
    " FROM portal_sessions"
    " WHERE session_hash = ?";
const char kTouchPortalSession[] = "UPDATE portal_sessions SET last_seen_at = ? WHERE tenant_id = ? AND id = ?";
const char kDeletePortalSession[] = "DELETE FROM portal_sessions WHERE session_hash = ?";

}  // namespace fastscim::store::sql_text
