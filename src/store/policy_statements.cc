#include "store/policy_statements.h"

namespace fastscim::store::sql_text {

const char kListTemplates[] =
    "SELECT name, position, filter_text, body, DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ')"
    " FROM user_templates WHERE tenant_id = ? ORDER BY position, name";
const char kMaxTemplatePosition[] = "SELECT COALESCE(MAX(position), 0) FROM user_templates WHERE tenant_id = ?";
const char kShiftTemplatesFrom[] =
    "UPDATE user_templates SET position = position + 1 WHERE tenant_id = ? AND position >= ?";
const char kInsertTemplate[] =
    "INSERT INTO user_templates (tenant_id, name, position, filter_text, body) VALUES (?, ?, ?, ?, ?)";
const char kSelectTemplatePosition[] = "SELECT position FROM user_templates WHERE tenant_id = ? AND name = ?";
const char kDeleteTemplate[] = "DELETE FROM user_templates WHERE tenant_id = ? AND name = ?";
const char kCloseTemplateGap[] =
    "UPDATE user_templates SET position = position - 1 WHERE tenant_id = ? AND position > ?";

const char kSelectOverrides[] =
    "SELECT path, value, source FROM user_overrides WHERE tenant_id = ? AND resource_id = ? ORDER BY set_at, path";
const char kUpsertOverride[] =
    "INSERT INTO user_overrides (tenant_id, resource_id, path, value, source) VALUES (?, ?, ?, ?, ?)"
    " ON DUPLICATE KEY UPDATE value = VALUES(value), source = VALUES(source), set_at = NOW(3)";
const char kDeleteOverride[] = "DELETE FROM user_overrides WHERE tenant_id = ? AND resource_id = ? AND path = ?";
const char kDeleteOverridesOf[] = "DELETE FROM user_overrides WHERE tenant_id = ? AND resource_id = ?";

// NULL: the default retention, 30 days.
const char kSetTenantDeletedRetention[] = "UPDATE tenants SET deleted_retention_days = ? WHERE id = ?";
// The last record, at the version the delete gives it (its user.deleted).
const char kKeepDeletedUser[] =
    "INSERT INTO deleted_users (tenant_id, resource_id, user_name, document, version, created)"
    " SELECT tenant_id, id, name_key, document, version + 1, created FROM resources WHERE seq = ?"
    " ON DUPLICATE KEY UPDATE user_name = VALUES(user_name), document = VALUES(document),"
    " version = VALUES(version), created = VALUES(created), deleted_at = NOW(3)";
const char kListDeletedUsers[] =
    "SELECT d.resource_id, d.user_name, DATE_FORMAT(d.deleted_at, '%Y-%m-%dT%H:%i:%sZ'),"
    " DATE_FORMAT(d.deleted_at + INTERVAL COALESCE(t.deleted_retention_days, 30) DAY, '%Y-%m-%dT%H:%i:%sZ')"
    " FROM deleted_users d JOIN tenants t ON t.id = d.tenant_id"
    " WHERE d.tenant_id = ? ORDER BY d.deleted_at DESC, d.resource_id LIMIT ?";
const char kLockDeletedUser[] =
    "SELECT document, version, user_name FROM deleted_users WHERE tenant_id = ? AND resource_id = ? FOR UPDATE";
const char kRestoreUser[] =
    "INSERT INTO resources (tenant_id, id, resource_type, name_key, display_name, external_id, active,"
    " employee_number, document, version, created, last_modified)"
    " SELECT tenant_id, resource_id, ?, ?, ?, ?, ?, ?, document, version + 1, created, NOW(3)"
    " FROM deleted_users WHERE tenant_id = ? AND resource_id = ?";
const char kForgetDeletedUser[] = "DELETE FROM deleted_users WHERE tenant_id = ? AND resource_id = ?";
const char kSelectExpiredDeletedUsers[] =
    "SELECT d.tenant_id, d.resource_id FROM deleted_users d JOIN tenants t ON t.id = d.tenant_id"
    " WHERE d.deleted_at <= NOW(3) - INTERVAL COALESCE(t.deleted_retention_days, 30) DAY"
    " AND NOT EXISTS (SELECT 1 FROM held_changes h WHERE h.tenant_id = d.tenant_id AND h.resource_id = d.resource_id)"
    " ORDER BY d.deleted_at LIMIT ?";

// The deprovisioning guard.  NULL: off.
const char kSetTenantDeprovisionGuard[] = "UPDATE tenants SET deprovision_guard = ? WHERE id = ?";
const char kSelectTenantDeprovisionGuard[] = "SELECT deprovision_guard FROM tenants WHERE id = ?";
// Both under the tenant's counter row lock; the count is a locking (current)
// read, so it sees every deprovision committed before the lock was granted.
const char kForgetOldDeprovisions[] =
    "DELETE FROM deprovisions WHERE tenant_id = ? AND occurred_at < NOW(3) - INTERVAL 1 HOUR";
const char kCountDeprovisions[] =
    "SELECT COUNT(*) FROM deprovisions WHERE tenant_id = ? AND occurred_at >= NOW(3) - INTERVAL 1 HOUR"
    " LOCK IN SHARE MODE";
const char kInsertDeprovision[] = "INSERT INTO deprovisions (tenant_id) VALUES (?)";
const char kSelectHeldChangesOf[] =
    "SELECT id, kind FROM held_changes WHERE tenant_id = ? AND resource_id = ? ORDER BY id";
const char kLockHeldChangesOf[] =
    "SELECT id, kind FROM held_changes WHERE tenant_id = ? AND resource_id = ? ORDER BY id FOR UPDATE";
const char kInsertHeldChange[] =
    "INSERT INTO held_changes (tenant_id, resource_id, user_name, kind) VALUES (?, ?, ?, ?)";
const char kInsertHeldEvent[] =
    "INSERT INTO held_events (hold_id, tenant_id, event_id, type, resource_type, resource_id, version, seat_change,"
    " occurred_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const char kListHeldChanges[] =
    "SELECT h.id, h.resource_id, h.user_name, h.kind, DATE_FORMAT(h.held_at, '%Y-%m-%dT%H:%i:%sZ'),"
    " (SELECT COUNT(*) FROM held_events e WHERE e.hold_id = h.id)"
    " FROM held_changes h WHERE h.tenant_id = ? ORDER BY h.id LIMIT ?";
const char kLockHeldChange[] =
    "SELECT id, resource_id, user_name, kind, DATE_FORMAT(held_at, '%Y-%m-%dT%H:%i:%sZ')"
    " FROM held_changes WHERE tenant_id = ? AND id = ? FOR UPDATE";
const char kLockAllHeldChanges[] =
    "SELECT id, resource_id, user_name, kind, DATE_FORMAT(held_at, '%Y-%m-%dT%H:%i:%sZ')"
    " FROM held_changes WHERE tenant_id = ? ORDER BY id FOR UPDATE";
// Released events are inserted now, in the order they were held: the
// sequencer numbers them as events committed by this transaction.
const char kReleaseHeldEvents[] =
    "INSERT INTO events (tenant_id, event_id, type, resource_type, resource_id, version, seat_change, occurred_at,"
    " payload) SELECT tenant_id, event_id, type, resource_type, resource_id, version, seat_change, occurred_at, payload"
    " FROM held_events WHERE tenant_id = ? AND hold_id = ? ORDER BY seq";
const char kSumHeldSeatChange[] =
    "SELECT COALESCE(SUM(seat_change), 0) FROM held_events WHERE tenant_id = ? AND hold_id = ?";
const char kForgetHeldChange[] = "DELETE FROM held_changes WHERE tenant_id = ? AND id = ?";
const char kDeleteSourcedOverride[] =
    "DELETE FROM user_overrides WHERE tenant_id = ? AND resource_id = ? AND path = ? AND source = ?";
const char kResourceOverride[] =
    "UPDATE user_overrides SET source = ? WHERE tenant_id = ? AND resource_id = ? AND path = ? AND source = ?";
const char kRestartDeletedRetention[] =
    "UPDATE deleted_users SET deleted_at = NOW(3) WHERE tenant_id = ? AND resource_id = ?";
// A deleted user whose deletion is held: still the product's.
const char kSelectHeldDeletedUser[] =
    "SELECT 0, d.resource_id, 'User', d.document, d.version, d.created, d.deleted_at, NULL"
    " FROM deleted_users d WHERE d.tenant_id = ? AND d.resource_id = ? AND EXISTS"
    " (SELECT 1 FROM held_changes h WHERE h.tenant_id = d.tenant_id AND h.resource_id = d.resource_id"
    " AND h.kind = 'deletion')";

}  // namespace fastscim::store::sql_text
