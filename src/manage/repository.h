// manage::Repository — what the management operations need from storage:
// tenants and their settings, SCIM tokens, API keys, seat counts, the event
// feed, webhook endpoints with their delivery log, and the provisioning
// log.
//
// Declared here, by its consumer (like scim::Repository); implemented by
// store::ManagementRepository on MySQL and, in tests, by an in-memory
// double.  Phrased in the product's terms, never in SQL.  Secrets never
// reach it: it stores and looks up SHA-256 digests and the non-secret
// prefix (auth/token.h).  Timestamps it returns are ISO 8601 UTC
// ("2025-01-31T12:00:00Z"), "" where there is none; timestamps it takes
// are UTC "YYYY-MM-DD HH:MM:SS" (manage/values.h), "" for none.
//
// Errors: every call may fail with kUnavailable (database unreachable,
// retry) or kInternal; the others are listed per call.
//
// Thread-safety: an implementation instance is used by one thread at a time.
#ifndef FASTSCIM_MANAGE_REPOSITORY_H_
#define FASTSCIM_MANAGE_REPOSITORY_H_

#include <optional>
#include <string>
#include <vector>

#include "auth/token.h"
#include "scim/error.h"

namespace fastscim::manage {

struct Tenant {
  long long id = 0;
  std::string name;
  std::string created;
  long long active_tokens = 0;  // neither revoked nor expired
  long long generation = 0;     // the tenant's configuration generation
};

// A tenant setting (fastscim-admin tenant set, PATCH …/settings).
enum class Setting {
  kUnknownAttributes,
  kUnknownExtensions,
  kProvisioning,
  kInvitations,
  kRateLimit,         // requests a minute (doc/limits.md)
  kRateBurst,         // the token bucket's size
  kMaxConcurrent,     // requests served at once
  kDialect,           // how strictly requests are read (scim/dialect.h)
  kLinkExisting,      // link-existing (doc/policies.md)
  kDeletedRetention,  // days a deleted user stays restorable (doc/policies.md)
  kDeprovisionGuard,  // deactivations and deletions an hour before the rest is held (doc/policies.md)
};

struct Settings {
  long long generation = 0;
  std::string unknown_attributes;   // "reject", "ignore" or "" (the server's default)
  std::string unknown_extensions;   // likewise
  bool provisioning = true;         // false: the tenant's SCIM requests answer 403
  std::string invitations = "off";  // "off" or "on-create"
  // The tenant's request limits (doc/limits.md); 0 = the server's default.
  long long rate_limit_per_minute = 0;
  long long rate_burst = 0;
  long long max_concurrent = 0;
  std::string dialect;  // "strict", "lenient" or "" (strict)
  // What a provider's new user may adopt a local user by (doc/policies.md):
  // "off", "email", "employeeNumber" or "email,employeeNumber".
  std::string link_existing = "off";
  // The deprovisioning guard: deactivations and deletions of users an hour
  // before the rest is held for an admin (doc/policies.md); 0 = off.
  long long deprovision_guard = 0;
};

struct SettingChange {
  Setting setting = Setting::kUnknownAttributes;
  // As stored: unknown-*: "reject", "ignore" or ""; provisioning: "on" or
  // "off"; invitations: "off" or "on-create"; rate-limit (in requests a
  // minute), rate-burst, max-concurrent: a positive decimal number, or ""
  // for the server's default; link-existing: as Settings::link_existing;
  // deleted-retention: days, "0" to "3650", or "" for the default (30);
  // deprovision-guard: a positive decimal number, or "" for off
  // (Api checks them first).
  std::string value;
};

struct Token {
  std::string name;
  std::string prefix;
  std::string created;
  std::string last_used;
  std::string revoked;
  std::string expires;  // when it stops working ("" = never)
  std::string rotated;  // when a newer secret took its name over ("" = current)
};

// A secret to store: its name, displayable prefix and digest.
struct NewSecret {
  std::string name;
  std::string prefix;
  auth::Digest hash{};
  std::string expires_at;  // UTC "YYYY-MM-DD HH:MM:SS", "" = never
};

struct ApiKey {
  std::string name;
  std::string prefix;
  std::string tenant;  // "" = an operator key (every tenant)
  std::string created;
  std::string last_used;
  std::string revoked;
};

// An API key found by its digest, for authentication.
struct ApiKeyRecord {
  long long id = 0;
  std::string name;
  std::optional<long long> tenant_id;  // nullopt = an operator key
  auth::Digest hash{};
  bool revoked = false;
  bool stale_last_used = false;  // record the use (at most once a minute)
};

// One event of the tenant's feed: its position and the event as the
// consumer receives it (doc/events.md).
struct FeedEvent {
  long long position = 0;
  std::string payload;  // JSON text
};

struct SeatDay {
  std::string day;  // YYYY-MM-DD (UTC)
  long long active_max = 0;
  long long active_end = 0;
};

struct Seats {
  long long active_users = 0;    // now: users that are active (deleted ones are gone)
  std::string today;             // YYYY-MM-DD, UTC, by the database's clock
  std::vector<SeatDay> history;  // newest first: each UTC day on which the count changed
};

// A webhook endpoint (doc/webhooks.md).  Never its signing secret.
struct Webhook {
  long long id = 0;
  std::string url;
  long long cursor = 0;  // the last position the receiver acknowledged
  int failures = 0;      // consecutive failed attempts
  std::string next_attempt;
  std::string disabled;         // "" when enabled
  std::string disabled_reason;  // "" when enabled
  std::string last_success;     // "" when never
  std::string created;
};

// One delivery attempt of the log (never a body, never the secret).
struct WebhookDelivery {
  long long id = 0;  // the paging cursor
  long long webhook_id = 0;
  long long first_position = 0;
  long long last_position = 0;
  int event_count = 0;
  int attempt = 0;      // 1 for the first try of that batch
  int http_status = 0;  // 0: no response came
  long long latency_ms = 0;
  std::string error;  // "" on success
  std::string attempted;
};

// One SCIM write of the provisioning log (never a secret, never a body).
struct LogEntry {
  long long seq = 0;        // the entry's number: the paging cursor
  std::string occurred_at;  // "2026-12-01T10:00:00.123Z"
  std::string method;       // POST, PUT, PATCH, DELETE
  std::string resource_type;
  std::string resource_id;  // "" when not known
  std::string name;         // userName or displayName; "" when not known
  int status = 0;           // the HTTP status answered
  std::string scim_type;    // "" for none
  std::string detail;       // "" on success
  std::string user_agent;   // "" when the client sent none
};

// Which log entries to list (manage/requests.h reads one from text).
struct LogQuery {
  std::string since;   // inclusive, UTC "YYYY-MM-DD HH:MM:SS.fff"; "" = unbounded
  std::string until;   // exclusive, same form; "" = unbounded
  int status_low = 0;  // the answers' HTTP status, within [status_low, status_high]
  int status_high = 999;
  long long before = 0;  // only entries with seq < before; 0 = from the newest
  long long limit = 100;
};

class Repository {
 public:
  virtual ~Repository() = default;

  // ---- tenants ----
  // 409 (kConflict) when the name is taken.
  virtual scim::Result<Tenant> create_tenant(const std::string& name) = 0;
  // 404 for an unknown name.
  virtual scim::Result<Tenant> find_tenant(const std::string& name) = 0;
  // Ordered by name.
  virtual scim::Result<std::vector<Tenant>> list_tenants() = 0;
  // Removes the tenant with all its data, tokens and keys.
  virtual scim::Result<void> delete_tenant(long long tenant_id) = 0;
  // 404 when the tenant is gone.
  virtual scim::Result<Settings> settings(long long tenant_id) = 0;
  // Applies every change in one transaction (all or none).
  virtual scim::Result<void> set_settings(long long tenant_id, const std::vector<SettingChange>& changes) = 0;

  // ---- SCIM tokens ----
  // All of the tenant's tokens, oldest first.
  virtual scim::Result<std::vector<Token>> list_tokens(long long tenant_id) = 0;
  // 409 when the tenant has a current token of that name.
  virtual scim::Result<void> insert_token(long long tenant_id, const NewSecret& token) = 0;
  // Revokes every unrevoked token named `name` (the current one and any in
  // a rotation's overlap).  404 when there is none.
  virtual scim::Result<void> revoke_token(long long tenant_id, const std::string& name) = 0;
  // In one transaction: the current, unrevoked token `name` is marked
  // rotated and made to expire at `old_expires_at` (or its own earlier
  // expiry), and `replacement` (same name) is inserted.  404 when there is
  // no such token; 409 when it has expired already.
  virtual scim::Result<void> rotate_token(long long tenant_id, const std::string& name,
                                          const std::string& old_expires_at, const NewSecret& replacement) = 0;

  // ---- seats ----
  // The count now and the days from `from_day` to `to_day` (YYYY-MM-DD,
  // inclusive, checked already).
  virtual scim::Result<Seats> seats(long long tenant_id, const std::string& from_day, const std::string& to_day) = 0;

  // ---- the event feed ----
  // At most `limit` events with a position above `after`, in position
  // (commit) order.  Requires limit > 0.
  virtual scim::Result<std::vector<FeedEvent>> events(long long tenant_id, long long after, int limit) = 0;

  // ---- webhooks (each call but add and list: 404 when the tenant has no
  //      endpoint `id`) ----
  // Adds an endpoint signing with `secret`, its cursor at `from`, or (nullopt)
  // at the tenant's current position.  The URL is checked already.
  virtual scim::Result<Webhook> add_webhook(long long tenant_id, const std::string& url, const std::string& secret,
                                            std::optional<long long> from) = 0;
  // Ordered by id.
  virtual scim::Result<std::vector<Webhook>> list_webhooks(long long tenant_id) = 0;
  virtual scim::Result<Webhook> find_webhook(long long tenant_id, long long id) = 0;
  // Removes it with its delivery log.
  virtual scim::Result<void> remove_webhook(long long tenant_id, long long id) = 0;
  // Enabled: due at once, failures cleared, the cursor where it stopped.
  // Disabled: nothing is sent until enabled again; `reason` is shown.
  virtual scim::Result<void> set_webhook_enabled(long long tenant_id, long long id, bool enabled,
                                                 const std::string& reason) = 0;
  virtual scim::Result<void> set_webhook_secret(long long tenant_id, long long id, const std::string& secret) = 0;
  // Moves the cursor to `from` (a deliverer holding the endpoint loses its
  // lease): the events after it are delivered again.
  virtual scim::Result<void> rewind_webhook(long long tenant_id, long long id, long long from) = 0;
  // The newest `limit` attempts with an id below `before` (0: from the
  // newest), of endpoint `id` or (id 0) of all the tenant's endpoints.
  virtual scim::Result<std::vector<WebhookDelivery>> webhook_deliveries(long long tenant_id, long long id,
                                                                        long long before, int limit) = 0;

  // ---- the provisioning log ----
  // At most query.limit entries matching `query`, newest first.
  virtual scim::Result<std::vector<LogEntry>> provisioning_log(long long tenant_id, const LogQuery& query) = 0;

  // ---- API keys ----
  // 409 when a key of that name exists.
  virtual scim::Result<void> insert_api_key(std::optional<long long> tenant_id, const NewSecret& key) = 0;
  // Ordered by creation.
  virtual scim::Result<std::vector<ApiKey>> list_api_keys() = 0;
  // 404 when there is no unrevoked key of that name.
  virtual scim::Result<void> revoke_api_key(const std::string& name) = 0;
  // The key whose digest is `hash`, nullopt when none.
  virtual scim::Result<std::optional<ApiKeyRecord>> find_api_key(const auth::Digest& hash) = 0;
  // Records that the key was used now.  Best effort: failures are ignored.
  virtual void touch_api_key(long long key_id) = 0;
};

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_REPOSITORY_H_
