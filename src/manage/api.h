// manage::Api — the management operations, one implementation each, shared
// by the management API (/manage/v1, routed by src/http) and fastscim-admin.
//
// Every operation takes the caller's Scope: an operator (fastscim-admin, or
// an API key made without --tenant) sees every tenant; a key made for one
// tenant sees that tenant only.  For such a key another tenant does not
// exist: everything about it answers the same 404 as a name no tenant has
// ("no tenant named …"), so a key learns nothing of other tenants.  Creating
// and deleting tenants, and API keys, are operator-only (403).
//
// Secrets (SCIM tokens, API keys) are made here with auth's CSPRNG (256
// bits), returned once in an IssuedSecret, and handed to the Repository only
// as a SHA-256 digest and a displayable prefix; API keys are compared in
// constant time.  Nothing here logs.
//
// The tenant's users and groups are read through the tenant's own
// scim::Service (ServiceFor), so filters, paging and the representation are
// exactly those of /scim/v2.
//
// Thread-safety: one Api per thread, like the Repository and Services it uses.
#ifndef FASTSCIM_MANAGE_API_H_
#define FASTSCIM_MANAGE_API_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manage/repository.h"
#include "scim/outcome.h"
#include "scim/query_params.h"
#include "scim/service.h"

namespace fastscim::manage {

// Who is calling.
struct Scope {
  std::optional<long long> tenant_id;  // nullopt = an operator: every tenant
  std::string key_name;                // the API key's name; "" for fastscim-admin
};

// A secret made now; `secret` is shown once and never stored.
struct IssuedSecret {
  std::string name;
  std::string prefix;
  std::string secret;
  std::string tenant;   // the tenant it belongs to ("" = an operator key)
  std::string expires;  // ISO 8601 UTC, "" = never
  // rotate_token: when the secret it replaced stops working (ISO 8601 UTC).
  std::string previous_expires;
};

// How long a rotated-out token keeps working: a duration from now, or an
// explicit time (which may not be in the past).
struct Overlap {
  std::optional<long long> seconds;     // default kDefaultOverlapSeconds
  std::optional<long long> until_unix;  // wins when set
};

inline constexpr long long kDefaultOverlapSeconds = 24 * 3600;

class Api {
 public:
  // The Service that serves `tenant` (its extensions and settings); unset
  // when users and groups are not served (fastscim-admin).
  using ServiceFor = std::function<scim::Result<scim::Service*>(const Tenant& tenant)>;
  // Seconds since the Unix epoch; the system clock unless a test gives one.
  using Clock = std::function<long long()>;

  // Requires: `repository` outlives the Api.
  explicit Api(Repository& repository, ServiceFor services = {}, Clock now = {});

  // The operator's scope (fastscim-admin).
  static Scope operator_scope() { return Scope{}; }

  // The scope of the API key in `authorization` ("Bearer fsmk_…").  401
  // (kUnauthorized) when it is missing, malformed, unknown or revoked —
  // and for a SCIM token, which never works here; 503 when the store is
  // unreachable.
  scim::Result<Scope> authenticate(std::string_view authorization);

  // ---- tenants ----
  // 400 for an invalid name, 403 for a tenant-scoped key, 409 when taken.
  scim::Result<Tenant> create_tenant(const Scope& scope, const std::string& name);
  // The tenants the scope sees, by name.
  scim::Result<std::vector<Tenant>> list_tenants(const Scope& scope);
  // 404 when the scope sees no tenant of that name.
  scim::Result<Tenant> tenant(const Scope& scope, const std::string& name);
  // 404 as tenant(); 403 for a tenant-scoped key.
  scim::Result<void> delete_tenant(const Scope& scope, const std::string& name);
  scim::Result<Settings> settings(const Scope& scope, const std::string& tenant);
  // Applies all changes at once (values as setting_value() stores them;
  // the caller has checked them) and returns the new settings.
  scim::Result<Settings> change_settings(const Scope& scope, const std::string& tenant,
                                         const std::vector<SettingChange>& changes);

  // ---- SCIM tokens ----
  // `name` "" picks "token-<n>"; else 400 unless valid_name().  `expires_at`
  // (seconds since the epoch) must be in the future (400).  409 when the
  // tenant has a current token of that name.
  scim::Result<IssuedSecret> issue_token(const Scope& scope, const std::string& tenant, const std::string& name,
                                         std::optional<long long> expires_at);
  scim::Result<std::vector<Token>> list_tokens(const Scope& scope, const std::string& tenant);
  // 404 when the tenant has no unrevoked token of that name.
  scim::Result<void> revoke_token(const Scope& scope, const std::string& tenant, const std::string& name);
  // A new secret for token `name` now; the old one keeps working until the
  // overlap ends (an overlap of 0 ends it at once), then stops (401 on
  // SCIM).  400 for an explicit end in the past or an overlap beyond ten
  // years; 404 when there is no current token of that name; 409 when it
  // has expired.
  scim::Result<IssuedSecret> rotate_token(const Scope& scope, const std::string& tenant, const std::string& name,
                                          const Overlap& overlap);

  // ---- what the product sees of the tenant ----
  scim::Result<Seats> seats(const Scope& scope, const std::string& tenant);
  // `endpoint` is a resource endpoint of the tenant's Service ("Users",
  // "Groups"; 404 otherwise).  list takes the SCIM list parameters
  // (filter, startIndex, count, sortBy, attributes, …: RFC 7644 §3.4.2) and
  // answers their errors (400 invalidFilter, …); get 404s an unknown id.
  // `base_url` is the SCIM base URL the resources' meta.location uses.
  // 501 when this Api serves no users and groups.
  scim::Result<scim::Outcome> list_resources(const Scope& scope, const std::string& tenant, std::string_view endpoint,
                                             const scim::QueryParams& params, const std::string& base_url);
  scim::Result<scim::Outcome> get_resource(const Scope& scope, const std::string& tenant, std::string_view endpoint,
                                           const std::string& id, const scim::QueryParams& params,
                                           const std::string& base_url);

  // ---- API keys (operator only: 403 otherwise) ----
  // 400 for an invalid name; 404 for an unknown tenant; 409 when taken.
  scim::Result<IssuedSecret> issue_api_key(const Scope& scope, const std::string& name,
                                           const std::optional<std::string>& tenant);
  scim::Result<std::vector<ApiKey>> list_api_keys(const Scope& scope);
  // 404 when there is no unrevoked key of that name.
  scim::Result<void> revoke_api_key(const Scope& scope, const std::string& name);

 private:
  scim::Result<Tenant> visible_tenant(const Scope& scope, const std::string& name);
  scim::Result<scim::Service*> service_for(const Tenant& tenant);
  long long now() const;

  Repository& repository_;
  ServiceFor services_;
  Clock now_;
};

// The 404 every unseen tenant gets, whether it exists or not.
scim::Error no_such_tenant(const std::string& name);

// A new secret with `scheme` (auth/token.h) for storing under `name`, with
// `expires_at` ("" = never) — and the secret itself in `secret`.
NewSecret new_secret(std::string_view scheme, const std::string& name, const std::string& expires_at,
                     std::string* secret);

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_API_H_
