// The fixed SQL of the provisioning policies (sql/015_templates_overrides.sql):
// creation templates, overrides and the deleted users kept for restoring.
// Kept beside statements.h under the same rules: values only through '?',
// every statement scoped by tenant_id.
#ifndef FASTSCIM_STORE_POLICY_STATEMENTS_H_
#define FASTSCIM_STORE_POLICY_STATEMENTS_H_

namespace fastscim::store::sql_text {

// ---- creation templates --------------------------------------------------
extern const char kListTemplates[];
extern const char kMaxTemplatePosition[];
extern const char kShiftTemplatesFrom[];
extern const char kInsertTemplate[];
extern const char kSelectTemplatePosition[];
extern const char kDeleteTemplate[];
extern const char kCloseTemplateGap[];

// ---- overrides -------------------------------------------------------------
extern const char kSelectOverrides[];
extern const char kUpsertOverride[];
extern const char kDeleteOverride[];
extern const char kDeleteOverridesOf[];

// ---- safe deletion -----------------------------------------------------------
extern const char kSetTenantDeletedRetention[];
extern const char kKeepDeletedUser[];
extern const char kListDeletedUsers[];
extern const char kLockDeletedUser[];
extern const char kRestoreUser[];
extern const char kForgetDeletedUser[];
extern const char kSelectExpiredDeletedUsers[];

}  // namespace fastscim::store::sql_text

#endif  // FASTSCIM_STORE_POLICY_STATEMENTS_H_
