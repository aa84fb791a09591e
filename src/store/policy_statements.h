// The fixed SQL of the provisioning policies (sql/015_templates_overrides.sql):
// creation templates, overrides, the deleted users kept for restoring and
// the deprovisioning guard's held changes (sql/019_deprovision_guard.sql).
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

// ---- the deprovisioning guard (sql/019_deprovision_guard.sql) ------------------
extern const char kSetTenantDeprovisionGuard[];
extern const char kSelectTenantDeprovisionGuard[];
extern const char kForgetOldDeprovisions[];
extern const char kCountDeprovisions[];
extern const char kInsertDeprovision[];
extern const char kSelectHeldChangesOf[];
extern const char kLockHeldChangesOf[];
extern const char kInsertHeldChange[];
extern const char kInsertHeldEvent[];
extern const char kListHeldChanges[];
extern const char kLockHeldChange[];
extern const char kLockAllHeldChanges[];
extern const char kReleaseHeldEvents[];
extern const char kSumHeldSeatChange[];
extern const char kForgetHeldChange[];
extern const char kDeleteSourcedOverride[];
extern const char kResourceOverride[];
extern const char kRestartDeletedRetention[];
extern const char kSelectHeldDeletedUser[];

}  // namespace fastscim::store::sql_text

#endif  // FASTSCIM_STORE_POLICY_STATEMENTS_H_
