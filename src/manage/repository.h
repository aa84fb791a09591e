// manage::Repository — what the management operations need from storage:
// tenants and their settings, SCIM tokens, API keys and seat counts.
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
  kRateLimit,      // requests a minute (doc/limits.md)
  kRateBurst,      // the token bucket's size
  kMaxConcurrent,  // requests served at once
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
};

struct SettingChange {
  Setting setting = Setting::kUnknownAttributes;
  // As stored: unknown-*: "reject", "ignore" or ""; provisioning: "on" or
  // "off"; invitations: "off" or "on-create"; rate-limit (in requests a
  // minute), rate-burst, max-concurrent: a positive decimal number, or ""
  // for the server's default (Api checks them first).
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
  std::vector<SeatDay> history;  // newest first: each UTC day on which the count changed
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
  virtual scim::Result<Seats> seats(long long tenant_id) = 0;

  // ---- the event feed ----
  // At most `limit` events with a position above `after`, in position
  // (commit) order.  Requires limit > 0.
  virtual scim::Result<std::vector<FeedEvent>> events(long long tenant_id, long long after, int limit) = 0;

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
