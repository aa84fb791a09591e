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
// Secrets (SCIM tokens, API keys, webhook signing secrets) are made here with auth's CSPRNG (256
// bits), returned once in an IssuedSecret, and handed to the Repository only
// as a SHA-256 digest and a displayable prefix; API keys are compared in
// constant time.  A webhook's signing secret is stored as it is (the
// deliverer signs with it) and shown only by add_webhook and
// rotate_webhook_secret.  Nothing here logs.
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
#include <utility>
#include <vector>

#include "json/value.h"
#include "manage/long_poll.h"
#include "manage/policy_store.h"
#include "manage/repository.h"
#include "scim/outcome.h"
#include "scim/query_params.h"
#include "scim/service.h"

namespace fastscim::manage {

// Who is calling.
struct Scope {
  std::optional<long long> tenant_id;  // nullopt = an operator: every tenant
  std::string key_name;                // the API key's name; "" for fastscim-admin
  bool portal = false;                 // a setup portal session (manage/portal.h)
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

// A page of the event feed (Api::events).
struct EventPage {
  std::vector<FeedEvent> events;
  long long cursor = 0;  // the position to pass as `after` next
};

// A page of a webhook's delivery log or of the provisioning log, newest
// first; `next_before` (0: this was the last page) continues it.
struct DeliveryPage {
  std::vector<WebhookDelivery> deliveries;
  long long next_before = 0;
};
struct LogPage {
  std::vector<LogEntry> entries;
  long long next_before = 0;
};

// A webhook endpoint just added or given a new signing secret; `secret` is
// shown once.
struct WebhookSecret {
  std::string tenant;
  Webhook webhook;
  std::string secret;
};

class Api {
 public:
  // The Service that serves `tenant` (its extensions and settings); unset
  // when users and groups are not served (fastscim-admin).
  using ServiceFor = std::function<scim::Result<scim::Service*>(const Tenant& tenant)>;
  // Seconds since the Unix epoch; the system clock unless a test gives one.
  using Clock = std::function<long long()>;

  // Requires: `repository` and `long_polls` outlive the Api.  Without
  // `long_polls` (fastscim-admin, CGI), or with a room for 0, events()
  // never waits.
  explicit Api(Repository& repository, ServiceFor services = {}, Clock now = {}, LongPolls* long_polls = nullptr);

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
  // Active users now and the days from `from` to `to` (YYYY-MM-DD, UTC,
  // inclusive; "" = unbounded) on which the count changed.  400 for a day
  // that does not exist or from after to.
  scim::Result<Seats> seats(const Scope& scope, const std::string& tenant, const std::string& from = "",
                            const std::string& to = "");
  // The events after cursor `after` (the decimal position of the last
  // event read; "" or "0" = from the oldest kept), at most `limit` (""
  // = 100; 1..1000), in commit order, and the cursor to continue from
  // (`after` itself when there is nothing new).  With `wait` ("" = 0; at
  // most LongPolls::kMaxWaitSeconds) and nothing after the cursor, waits
  // up to that many seconds for an event, reading the feed every
  // LongPolls::kPollInterval, and answers as soon as one is there — or
  // empty at the deadline, or at once when the worker stops.  400 for a
  // cursor, limit or wait that is not such a number; 404 for an unseen
  // tenant; 429 (kTooManyRequests, Retry-After 1) when the process's
  // waiting room is full.
  scim::Result<EventPage> events(const Scope& scope, const std::string& tenant, const std::string& after,
                                 const std::string& limit, const std::string& wait = "");

  // ---- webhooks (doc/webhooks.md) ----
  // `id` is an endpoint's id in decimal; every call naming one answers 404
  // when the tenant has no such endpoint.
  // A new endpoint for `url` with a new signing secret (shown once).  Its
  // cursor: `from`, or (nullopt) the tenant's current position, so it gets
  // the events committed from now on.  400 naming what is wrong with the
  // URL (webhook/endpoint_url.h).
  scim::Result<WebhookSecret> add_webhook(const Scope& scope, const std::string& tenant, const std::string& url,
                                          std::optional<long long> from);
  scim::Result<std::vector<Webhook>> list_webhooks(const Scope& scope, const std::string& tenant);
  scim::Result<Webhook> webhook(const Scope& scope, const std::string& tenant, const std::string& id);
  // Removes the endpoint and its delivery log.
  scim::Result<void> remove_webhook(const Scope& scope, const std::string& tenant, const std::string& id);
  // Enabling resumes a disabled endpoint where it stopped (due at once,
  // failures cleared); disabling stops deliveries until enabled.  Returns
  // the endpoint as it is now.
  scim::Result<Webhook> enable_webhook(const Scope& scope, const std::string& tenant, const std::string& id,
                                       bool enabled);
  // A new signing secret (shown once), used from the next delivery on.
  scim::Result<WebhookSecret> rotate_webhook_secret(const Scope& scope, const std::string& tenant,
                                                    const std::string& id);
  // Moves the cursor to `from`: the events after it are delivered again
  // (or, forward, skipped).  Returns the endpoint as it is now.
  scim::Result<Webhook> redeliver_webhook(const Scope& scope, const std::string& tenant, const std::string& id,
                                          long long from);
  // The delivery log of endpoint `id` ("" = every endpoint of the tenant),
  // newest first: at most `limit` ("" = 20; 1..1000) attempts older than
  // cursor `before` ("" = from the newest).  400 for a malformed limit or
  // cursor.
  scim::Result<DeliveryPage> webhook_deliveries(const Scope& scope, const std::string& tenant, const std::string& id,
                                                const std::string& before, const std::string& limit);

  // ---- the provisioning log ----
  // The tenant's SCIM writes matching `query` (requests.h read_log_filter),
  // newest first.
  scim::Result<LogPage> provisioning_log(const Scope& scope, const std::string& tenant, const LogQuery& query);
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
  // Imports one of the product's existing accounts (local_users.cc;
  // doc/policies.md, linking): `body` is a SCIM User, validated and stored
  // as the tenant's Service stores a POST, as a locally owned user that an
  // identity provider's create may adopt.  kCreated with the user.  The
  // Service's errors (400 invalidValue, 409 uniqueness: a taken userName,
  // an identifier another tenant owns); 404 for an unseen tenant; 501 when
  // this Api serves no users.
  scim::Result<scim::Outcome> create_local_user(const Scope& scope, const std::string& tenant, const json::Value& body,
                                                const std::string& base_url);

  // The tenant's schemas as its /scim/v2/Schemas lists them: the built-in
  // ones and its registered extensions (RFC 7643 §7).  501 as above.
  scim::Result<json::Value> schemas(const Scope& scope, const std::string& tenant, const std::string& base_url);

  // ---- provisioning policies (policies.cc; doc/policies.md) ----
  // Templates and overrides need a PolicyStore; without one they answer 501.
  void set_policy_store(PolicyStore* store) { policies_ = store; }
  scim::Result<std::vector<TemplateRow>> list_templates(const Scope& scope, const std::string& tenant);
  // Checks `when` and `body` against the tenant's schemas (scim/templates.h:
  // 400 naming the problem) and stores the template at `position` (1 =
  // evaluated first; 0 = last).  409 when the name is taken.
  scim::Result<TemplateRow> add_template(const Scope& scope, const std::string& tenant, const std::string& name,
                                         const std::string& when, const json::Value& body, long long position);
  scim::Result<void> remove_template(const Scope& scope, const std::string& tenant, const std::string& name);
  // The user as the product sees it: the representation SCIM gives with the
  // user's overrides written over it, and "overridden": their paths; a user
  // whose deletion is held, as last stored with "held": "deletion".  404
  // for an id the tenant has no user with.
  scim::Result<json::Value> effective_user(const Scope& scope, const std::string& tenant, const std::string& id,
                                           const std::string& base_url);
  // Sets the override at `path` to `body`'s "value" (400 when the body is
  // not {"value": …}, the path cannot be overridden or the value has the
  // wrong shape: scim/overrides.h), or with `body` absent removes it
  // (relinks; 404 when there is none); returns effective_user().
  scim::Result<json::Value> change_override(const Scope& scope, const std::string& tenant, const std::string& id,
                                            const std::string& path, const std::optional<json::Value>& body,
                                            const std::string& base_url);
  // Users deleted through SCIM and still restorable, newest first (at most
  // 1000), and restoring one: back under its id with its last record and
  // overrides (not its group memberships), a user.restored event; returns
  // effective_user().  404 when none is kept under `id`; 409 when its
  // userName is taken again.
  scim::Result<std::vector<DeletedUser>> deleted_users(const Scope& scope, const std::string& tenant);
  scim::Result<json::Value> restore_user(const Scope& scope, const std::string& tenant, const std::string& id,
                                         const std::string& base_url);
  // The deprovisioning guard's held changes (doc/policies.md), oldest
  // first (at most 1000), and deciding them: `ids` are their numbers in
  // decimal (400 otherwise; empty: every held change of the tenant),
  // approved or rejected as PolicyStore::decide_held says, the caller named
  // in the provisioning log.  Returns the changes decided.
  scim::Result<std::vector<HeldChange>> held_changes(const Scope& scope, const std::string& tenant);
  scim::Result<std::vector<HeldChange>> decide_held(const Scope& scope, const std::string& tenant,
                                                    const std::vector<std::string>& ids, bool approve);

  // ---- API keys (operator only: 403 otherwise) ----
  // 400 for an invalid name; 404 for an unknown tenant; 409 when taken.
  scim::Result<IssuedSecret> issue_api_key(const Scope& scope, const std::string& name,
                                           const std::optional<std::string>& tenant);
  scim::Result<std::vector<ApiKey>> list_api_keys(const Scope& scope);
  // 404 when there is no unrevoked key of that name.
  scim::Result<void> revoke_api_key(const Scope& scope, const std::string& name);

 private:
  scim::Result<Tenant> visible_tenant(const Scope& scope, const std::string& name);
  // What an operation on a tenant's users needs: the tenant the scope sees,
  // its Service and its Users type (policies.cc).  With `needs_policies`,
  // 501 without a PolicyStore; 404 for an unseen tenant or one serving no
  // users; 501 when this Api serves no users.
  struct TenantUsers {
    Tenant tenant;
    scim::Service* service = nullptr;
    const scim::ResourceType* users = nullptr;
  };
  scim::Result<TenantUsers> tenant_users(const Scope& scope, const std::string& tenant, bool needs_policies);
  scim::Result<scim::Service*> service_for(const Tenant& tenant);
  // The tenant and endpoint id an endpoint call names, or its 404.
  scim::Result<std::pair<Tenant, long long>> visible_webhook(const Scope& scope, const std::string& tenant,
                                                             const std::string& id);
  // Waits for events after `cursor` (events()); fills `page`.
  scim::Result<void> wait_for_events(long long tenant_id, long long cursor, int limit, int seconds, EventPage* page);
  long long now() const;

  Repository& repository_;
  ServiceFor services_;
  Clock now_;
  LongPolls* long_polls_;
  PolicyStore* policies_ = nullptr;
};

// The 404 every unseen tenant gets, whether it exists or not.
scim::Error no_such_tenant(const std::string& name);

// A new secret with `scheme` (auth/token.h) for storing under `name`, with
// `expires_at` ("" = never) — and the secret itself in `secret`.
NewSecret new_secret(std::string_view scheme, const std::string& name, const std::string& expires_at,
                     std::string* secret);

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_API_H_
