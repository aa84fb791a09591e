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

}  // namespace fastscim::store::sql_text
