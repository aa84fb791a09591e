// Every fixed SQL statement of fastscim, as named constants.
//
// Values are always bound through '?' placeholders; nothing here is ever
// concatenated with user input.  Every statement on tenant data carries
// "tenant_id = ?".  Dynamic WHERE/ORDER BY text comes only from filter_sql.
#ifndef FASTSCIM_STORE_STATEMENTS_H_
#define FASTSCIM_STORE_STATEMENTS_H_

namespace fastscim::store::sql_text {

// ---- the session of a request's connection (database.cc) ----------------
extern const char kSetMaxStatementTime[];
extern const char kSetMaxExecutionTime[];
extern const char kSetCausalReadsOnGalera[];
extern const char kStartTransaction[];
extern const char kCommit[];
extern const char kRollback[];

// ---- tokens -------------------------------------------------------------
extern const char kFindTokenByHash[];
extern const char kSelectAuthEpoch[];
extern const char kBumpAuthEpoch[];
extern const char kTouchToken[];
extern const char kTouchTokens[];
constexpr int kTouchTokensBatch = 64;
extern const char kInsertToken[];
extern const char kListTokens[];
extern const char kRevokeToken[];
extern const char kLockCurrentToken[];
extern const char kRotateOutToken[];

// ---- tenants ------------------------------------------------------------
extern const char kInsertTenant[];
extern const char kFindTenantByName[];
extern const char kListTenants[];
extern const char kDeleteTenant[];
extern const char kSelectTenantManagement[];
extern const char kSetTenantProvisioning[];
extern const char kSetTenantInvitations[];
extern const char kSetTenantRateLimit[];
extern const char kSetTenantRateBurst[];
extern const char kSetTenantMaxConcurrent[];

// ---- management API keys and seats (management_repository) -------------
extern const char kInsertApiKey[];
extern const char kListApiKeys[];
extern const char kRevokeApiKey[];
extern const char kFindApiKeyByHash[];
extern const char kTouchApiKey[];

// ---- tenant settings and schema extensions (schema_repository) ----------
extern const char kSelectTenantConfig[];
extern const char kLockTenant[];
extern const char kBumpTenantGeneration[];
extern const char kSetTenantUnknownAttributes[];
extern const char kSetTenantUnknownExtensions[];
extern const char kSetTenantDialect[];
extern const char kSelectTenantSchemas[];
extern const char kSelectTenantSchema[];
extern const char kInsertTenantSchema[];
extern const char kSetTenantSchemaRequired[];
extern const char kDeleteTenantSchema[];
extern const char kCountResourcesWithExtension[];
extern const char kCountResourcesWithoutExtension[];
extern const char kLockResourcesWithExtension[];
extern const char kPurgeExtensionData[];

// ---- resources ----------------------------------------------------------
// The column list read back for a resource (seq, id, type, document,
// version, created, last_modified); aliased r.
extern const char kResourceColumns[];
extern const char kInsertResource[];
extern const char kSelectResource[];
extern const char kSelectResourceBySeq[];
extern const char kLockResource[];
extern const char kLockResourceRow[];
extern const char kLockResourceBySeq[];
extern const char kUpdateResource[];
extern const char kUpdateResourceAtVersion[];
extern const char kBumpResourceVersion[];
extern const char kDeleteResource[];
extern const char kDeleteEmails[];
extern const char kSelectEmails[];
extern const char kInsertEmail[];
extern const char kLockMember[];
extern const char kSelectMemberById[];
extern const char kInsertMember[];
extern const char kDeleteMember[];
extern const char kDeleteAllMembers[];
extern const char kSelectMembers[];
extern const char kSelectMembersUpTo[];
extern const char kRefreshMemberOf[];
extern const char kRefreshMemberOfGroupMembers[];
extern const char kRenameGroupInMembers[];
extern const char kSelectAfterUserUpdate[];
extern const char kSelectGroupSeqsOfMember[];
extern const char kLockGroupsOfMember[];

// ---- provisioning policies (identifier_claims; sql/014_policies.sql) -----
// The identifier tables are deployment-wide by design: their primary key
// is what keeps one identifier in one tenant, so they are the one place a
// statement is not confined by tenant_id alone.
extern const char kReadDeploymentSettingShared[];
extern const char kLockDeploymentSetting[];
extern const char kSetDeploymentSetting[];
extern const char kSelectDeploymentSettings[];
extern const char kSelectHeldIdentifiers[];
extern const char kClaimIdentifier[];
extern const char kLockIdentifierOwner[];
extern const char kInsertIdentifierHolder[];
extern const char kDeleteIdentifierHolder[];
extern const char kCountIdentifierHolders[];
extern const char kDeleteIdentifierClaim[];
extern const char kDeleteAllIdentifierHolders[];
extern const char kDeleteAllIdentifierClaims[];
extern const char kSelectUsersAfter[];
extern const char kSelectIdentifierConflicts[];
extern const char kClaimHeldIdentifiers[];
extern const char kSelectTenantLinkExisting[];
extern const char kSelectTenantUserCreateSettings[];
extern const char kSetTenantLinkExisting[];
extern const char kFindLocalUsersByEmail[];
extern const char kFindLocalUsersByEmployeeNumber[];
extern const char kLockLocalUser[];
extern const char kSetResourceOrigin[];
extern const char kSelectDeploymentSchemas[];
extern const char kSelectDeploymentSchema[];
extern const char kInsertDeploymentSchema[];
extern const char kTenantsWithSchema[];
extern const char kBumpAllTenantGenerations[];
extern const char kCountAllResourcesWithExtension[];
extern const char kDeleteDeploymentSchema[];

// ---- events and counters (outbox, event_repository) ---------------------
extern const char kSelectTenantInvitations[];
extern const char kInsertEvent[];
extern const char kHasUnsequencedEvents[];
extern const char kLockTenantCounters[];
extern const char kSelectTenantCounters[];
extern const char kSelectUnsequencedEvents[];
extern const char kSetEventPosition[];
extern const char kRecordSeatDay[];
extern const char kUpdateTenantCounters[];
extern const char kListEvents[];
extern const char kPurgeEvents[];
extern const char kListTenantIds[];
extern const char kSelectSeats[];
extern const char kSelectSeatDays[];

// ---- the provisioning log (provisioning_log_repository) -----------------
extern const char kInsertLogEntry[];
extern const char kListLogEntries[];
extern const char kPurgeLogEntries[];

extern const char kLastInsertId[];

// ---- migrations ---------------------------------------------------------
extern const char kCreateMigrationsTable[];
extern const char kAppliedMigrations[];
extern const char kRecordMigration[];
extern const char kAcquireMigrationLock[];
extern const char kReleaseMigrationLock[];

// ---- webhooks (webhook_repository) ---------------------------------------
extern const char kTenantEventPosition[];
extern const char kInsertWebhook[];
extern const char kListWebhooks[];
extern const char kFindWebhook[];
extern const char kWebhookExists[];
extern const char kShowWebhook[];
extern const char kDisableWebhookByOperator[];
extern const char kDeleteWebhook[];
extern const char kEnableWebhook[];
extern const char kSetWebhookSecret[];
extern const char kRewindWebhook[];
extern const char kListDueWebhooks[];
extern const char kLeaseWebhook[];
extern const char kSelectLeasedWebhook[];
extern const char kAdvanceWebhook[];
extern const char kDisableWebhook[];
extern const char kFailWebhook[];
extern const char kReleaseWebhook[];
extern const char kInsertWebhookDelivery[];
extern const char kListWebhookDeliveries[];
extern const char kPurgeWebhookDeliveries[];
extern const char kEventBacklog[];
extern const char kInsertServerSecret[];
extern const char kSelectServerSecret[];

// ---- the setup portal (portal_repository) -------------------------------
extern const char kInsertPortalLink[];
extern const char kClaimPortalLink[];
extern const char kSelectPortalLink[];
extern const char kInsertPortalSession[];
extern const char kPurgePortalSessions[];
extern const char kFindPortalSession[];
extern const char kTouchPortalSession[];
extern const char kDeletePortalSession[];

}  // namespace fastscim::store::sql_text

#endif  // FASTSCIM_STORE_STATEMENTS_H_
