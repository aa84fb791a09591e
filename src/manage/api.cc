#include "manage/api.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <tuple>
#include <utility>

#include "auth/signature.h"
#include "manage/values.h"
#include "scim/discovery.h"
#include "util/strings.h"
#include "webhook/endpoint_url.h"

namespace fastscim::manage {

namespace {

// A page of the event feed: the default and the most a caller may ask for.
constexpr long long kDefaultEventPage = 100;
constexpr long long kMaxEventPage = 1000;
// A page of a delivery log.
constexpr long long kDefaultDeliveryPage = 20;
constexpr long long kMaxDeliveryPage = 1000;

// A cursor or limit is plain decimal digits: no sign, no blanks, which
// strtoll alone would let through.
bool parse_count(const std::string& text, long long* out) {
  auto n = parse_whole(text);
  if (n) *out = *n;
  return n.has_value();
}

// A day "YYYY-MM-DD" that exists.
bool valid_day(const std::string& day) { return day.size() == 10 && parse_timestamp(day + "T00:00:00Z"); }

using scim::Error;

scim::Error operator_only(const std::string& what) {
  return Error::forbidden("Only an operator API key (one made without --tenant) may " + what + ".");
}

}  // namespace

scim::Error no_such_tenant(const std::string& name) { return Error::not_found("no tenant named \"" + name + "\""); }

NewSecret new_secret(std::string_view scheme, const std::string& name, const std::string& expires_at,
                     std::string* secret) {
  *secret = auth::generate_secret(scheme);
  NewSecret s;
  s.name = name;
  s.prefix = auth::token_prefix(*secret);
  s.hash = auth::sha256(*secret);
  s.expires_at = expires_at;
  return s;
}

Api::Api(Repository& repository, ServiceFor services, Clock now, LongPolls* long_polls)
    : repository_(repository), services_(std::move(services)), now_(std::move(now)), long_polls_(long_polls) {}

long long Api::now() const { return now_ ? now_() : static_cast<long long>(std::time(nullptr)); }

scim::Result<Scope> Api::authenticate(std::string_view header) {
  header = util::trim(header);
  if (header.empty()) {
    return scim::fail(Error::unauthorized("Authentication required: send \"Authorization: Bearer <API key>\"."));
  }
  constexpr std::string_view kScheme = "bearer ";
  if (!util::istarts_with(header, kScheme)) {
    return scim::fail(Error::unauthorized("The Authorization header must be \"Bearer <API key>\"."));
  }
  std::string_view presented = util::trim(header.substr(kScheme.size()));
  if (auth::looks_like_token(presented)) {
    return scim::fail(Error::unauthorized(
        "A SCIM token does not work on the management API; use an API key (fastscim-admin apikey issue)."));
  }
  // Junk never reaches the database; it is answered like an unknown key.
  const scim::Error rejected = Error::unauthorized("The API key is not valid (unknown or revoked).");
  if (!auth::looks_like_secret(presented, auth::kApiKeyScheme)) return scim::fail(rejected);
  auth::Digest digest = auth::sha256(presented);
  auto found = repository_.find_api_key(digest);
  if (!found) return scim::fail(found.error());
  const std::optional<ApiKeyRecord>& key = found.value();
  // Found by digest already; comparing again in constant time keeps the
  // decision independent of how the store matched.
  if (!key || !auth::constant_time_equals(key->hash, digest) || key->revoked) return scim::fail(rejected);
  if (key->stale_last_used) repository_.touch_api_key(key->id);
  Scope scope;
  scope.tenant_id = key->tenant_id;
  scope.key_name = key->name;
  return scope;
}

scim::Result<Tenant> Api::visible_tenant(const Scope& scope, const std::string& name) {
  auto tenant = repository_.find_tenant(name);
  if (!tenant) {
    if (tenant.error().kind() == scim::ErrorKind::kNotFound) return scim::fail(no_such_tenant(name));
    return scim::fail(tenant.error());
  }
  // Another tenant's name answers exactly like a name nobody has.
  if (scope.tenant_id && *scope.tenant_id != tenant->id) return scim::fail(no_such_tenant(name));
  return tenant;
}

scim::Result<Tenant> Api::create_tenant(const Scope& scope, const std::string& name) {
  if (scope.tenant_id) return scim::fail(operator_only("create tenants"));
  if (!valid_name(name)) {
    return scim::fail(
        Error::bad_request("A tenant name is 1-64 letters, digits, '-', '_' or '.'; \"" + name + "\" is not."));
  }
  return repository_.create_tenant(name);
}

scim::Result<std::vector<Tenant>> Api::list_tenants(const Scope& scope) {
  auto tenants = repository_.list_tenants();
  if (!tenants || !scope.tenant_id) return tenants;
  std::vector<Tenant> seen;
  for (auto& t : *tenants) {
    if (t.id == *scope.tenant_id) seen.push_back(std::move(t));
  }
  return seen;
}

scim::Result<Tenant> Api::tenant(const Scope& scope, const std::string& name) { return visible_tenant(scope, name); }

scim::Result<void> Api::delete_tenant(const Scope& scope, const std::string& name) {
  auto tenant = visible_tenant(scope, name);
  if (!tenant) return scim::fail(tenant.error());
  if (scope.tenant_id) return scim::fail(operator_only("delete tenants"));
  return repository_.delete_tenant(tenant->id);
}

scim::Result<Settings> Api::settings(const Scope& scope, const std::string& name) {
  auto tenant = visible_tenant(scope, name);
  if (!tenant) return scim::fail(tenant.error());
  return repository_.settings(tenant->id);
}

scim::Result<Settings> Api::change_settings(const Scope& scope, const std::string& name,
                                            const std::vector<SettingChange>& changes) {
  auto tenant = visible_tenant(scope, name);
  if (!tenant) return scim::fail(tenant.error());
  if (!changes.empty()) {
    auto changed = repository_.set_settings(tenant->id, changes);
    if (!changed) return scim::fail(changed.error());
  }
  return repository_.settings(tenant->id);
}

scim::Result<IssuedSecret> Api::issue_token(const Scope& scope, const std::string& tenant_name,
                                            const std::string& requested_name, std::optional<long long> expires_at) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  std::string name = requested_name;
  if (name.empty()) {
    auto existing = repository_.list_tokens(tenant->id);
    if (!existing) return scim::fail(existing.error());
    name = "token-" + std::to_string(existing->size() + 1);
  } else if (!valid_name(name)) {
    return scim::fail(
        Error::bad_request("A token name is 1-64 letters, digits, '-', '_' or '.'; \"" + name + "\" is not."));
  }
  if (expires_at && *expires_at <= now()) {
    return scim::fail(Error::bad_request("The expiry " + format_timestamp(*expires_at) + " is not in the future."));
  }
  IssuedSecret issued;
  NewSecret stored = new_secret(auth::kTokenScheme, name, expires_at ? format_sql_time(*expires_at) : "",
                                &issued.secret);
  auto inserted = repository_.insert_token(tenant->id, stored);
  if (!inserted) return scim::fail(inserted.error());
  issued.name = name;
  issued.prefix = stored.prefix;
  issued.tenant = tenant->name;
  issued.expires = expires_at ? format_timestamp(*expires_at) : "";
  return issued;
}

scim::Result<std::vector<Token>> Api::list_tokens(const Scope& scope, const std::string& tenant_name) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return repository_.list_tokens(tenant->id);
}

scim::Result<void> Api::revoke_token(const Scope& scope, const std::string& tenant_name, const std::string& name) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return repository_.revoke_token(tenant->id, name);
}

scim::Result<IssuedSecret> Api::rotate_token(const Scope& scope, const std::string& tenant_name,
                                             const std::string& name, const Overlap& overlap) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  const long long now_seconds = now();
  long long old_expires = 0;
  if (overlap.until_unix) {
    if (*overlap.until_unix < now_seconds) {
      return scim::fail(
          Error::bad_request("The end of the overlap, " + format_timestamp(*overlap.until_unix) + ", is in the past."));
    }
    old_expires = *overlap.until_unix;
  } else {
    long long seconds = overlap.seconds.value_or(kDefaultOverlapSeconds);
    if (seconds < 0 || seconds > kMaxDurationSeconds) {
      return scim::fail(Error::bad_request("The overlap must be between 0 seconds and ten years."));
    }
    old_expires = now_seconds + seconds;
  }
  IssuedSecret issued;
  NewSecret replacement = new_secret(auth::kTokenScheme, name, "", &issued.secret);
  auto rotated = repository_.rotate_token(tenant->id, name, format_sql_time(old_expires), replacement);
  if (!rotated) return scim::fail(rotated.error());
  issued.name = name;
  issued.prefix = replacement.prefix;
  issued.tenant = tenant->name;
  issued.previous_expires = format_timestamp(old_expires);
  return issued;
}

scim::Result<Seats> Api::seats(const Scope& scope, const std::string& tenant_name, const std::string& from,
                               const std::string& to) {
  for (const std::string* day : {&from, &to}) {
    if (!day->empty() && !valid_day(*day)) {
      return scim::fail(Error::bad_request("\"" + *day + "\" is not a day; write YYYY-MM-DD."));
    }
  }
  if (!from.empty() && !to.empty() && to < from) {
    return scim::fail(Error::bad_request("The first day, " + from + ", is after the last, " + to + "."));
  }
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return repository_.seats(tenant->id, from.empty() ? "1970-01-01" : from, to.empty() ? "9999-12-31" : to);
}

scim::Result<EventPage> Api::events(const Scope& scope, const std::string& tenant_name, const std::string& after,
                                    const std::string& limit, const std::string& wait) {
  long long cursor = 0;
  if (!after.empty() && !parse_count(after, &cursor)) {
    return scim::fail(Error::bad_request(
        "The cursor \"" + after + "\" is not one this feed gave out: use the \"cursor\" of the last page, or 0."));
  }
  long long count = kDefaultEventPage;
  if (!limit.empty() && (!parse_count(limit, &count) || count < 1 || count > kMaxEventPage)) {
    return scim::fail(Error::bad_request("The limit must be a whole number from 1 to " + std::to_string(kMaxEventPage) +
                                         ", not \"" + limit + "\"."));
  }
  long long seconds = 0;
  if (!wait.empty() && (!parse_count(wait, &seconds) || seconds > LongPolls::kMaxWaitSeconds)) {
    return scim::fail(Error::bad_request("The wait must be a whole number of seconds from 0 to " +
                                         std::to_string(LongPolls::kMaxWaitSeconds) + ", not \"" + wait + "\"."));
  }
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  EventPage page;
  page.cursor = cursor;
  auto events = repository_.events(tenant->id, cursor, static_cast<int>(count));
  if (!events) return scim::fail(events.error());
  if (events->empty() && seconds > 0 && long_polls_ != nullptr && long_polls_->max_waiting() > 0) {
    auto waited = wait_for_events(tenant->id, cursor, static_cast<int>(count), static_cast<int>(seconds), &page);
    if (!waited) return scim::fail(waited.error());
    return page;
  }
  if (!events->empty()) page.cursor = events->back().position;
  page.events = std::move(events.value());
  return page;
}

scim::Result<void> Api::wait_for_events(long long tenant_id, long long cursor, int limit, int seconds,
                                        EventPage* page) {
  LongPolls::Slot slot = long_polls_->enter();
  if (!slot) {
    if (long_polls_->stopping()) return {};  // draining: answer what there is, now
    return scim::fail(Error::too_many_requests(
        "Too many requests of this server are waiting for events already; retry in a second, or poll without "
        "\"wait\".",
        1));
  }
  using Steady = std::chrono::steady_clock;
  const Steady::time_point deadline = Steady::now() + std::chrono::seconds(seconds);
  // One indexed read per interval: the feed is read, never watched.
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now());
    if (left.count() <= 0) return {};
    if (!long_polls_->sleep_for(std::min(left, LongPolls::kPollInterval))) return {};  // draining
    auto events = repository_.events(tenant_id, cursor, limit);
    if (!events) return scim::fail(events.error());
    if (!events->empty()) {
      page->cursor = events->back().position;
      page->events = std::move(events.value());
      return {};
    }
  }
}

scim::Result<std::pair<Tenant, long long>> Api::visible_webhook(const Scope& scope, const std::string& tenant_name,
                                                                const std::string& id) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  long long number = 0;
  if (!parse_count(id, &number) || number < 1) {
    return scim::fail(Error::not_found("tenant \"" + tenant->name + "\" has no webhook " + id));
  }
  return std::make_pair(std::move(tenant.value()), number);
}

namespace {

// A repository's 404 for an endpoint, in the words of the caller's id.
template <typename T>
scim::Result<T> named(scim::Result<T> result, const Tenant& tenant, long long id) {
  if (!result && result.error().kind() == scim::ErrorKind::kNotFound) {
    return scim::fail(Error::not_found("tenant \"" + tenant.name + "\" has no webhook " + std::to_string(id)));
  }
  return result;
}

}  // namespace

scim::Result<WebhookSecret> Api::add_webhook(const Scope& scope, const std::string& tenant_name, const std::string& url,
                                             std::optional<long long> from) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  std::string problem = webhook::endpoint_url_problem(url);
  if (!problem.empty()) return scim::fail(Error::bad_request("The webhook URL is refused: " + problem + "."));
  WebhookSecret added;
  added.tenant = tenant->name;
  added.secret = auth::generate_webhook_secret();
  auto stored = repository_.add_webhook(tenant->id, url, added.secret, from);
  if (!stored) return scim::fail(stored.error());
  added.webhook = std::move(stored.value());
  return added;
}

scim::Result<std::vector<Webhook>> Api::list_webhooks(const Scope& scope, const std::string& tenant_name) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return repository_.list_webhooks(tenant->id);
}

scim::Result<Webhook> Api::webhook(const Scope& scope, const std::string& tenant_name, const std::string& id) {
  auto found = visible_webhook(scope, tenant_name, id);
  if (!found) return scim::fail(found.error());
  const auto& [tenant, number] = *found;
  return named(repository_.find_webhook(tenant.id, number), tenant, number);
}

scim::Result<void> Api::remove_webhook(const Scope& scope, const std::string& tenant_name, const std::string& id) {
  auto found = visible_webhook(scope, tenant_name, id);
  if (!found) return scim::fail(found.error());
  const auto& [tenant, number] = *found;
  return named(repository_.remove_webhook(tenant.id, number), tenant, number);
}

scim::Result<Webhook> Api::enable_webhook(const Scope& scope, const std::string& tenant_name, const std::string& id,
                                          bool enabled) {
  auto found = visible_webhook(scope, tenant_name, id);
  if (!found) return scim::fail(found.error());
  const auto& [tenant, number] = *found;
  std::string by = scope.key_name.empty() ? "an operator" : "API key \"" + scope.key_name + "\"";
  auto changed = named(repository_.set_webhook_enabled(tenant.id, number, enabled, "disabled by " + by), tenant,
                       number);
  if (!changed) return scim::fail(changed.error());
  return named(repository_.find_webhook(tenant.id, number), tenant, number);
}

scim::Result<WebhookSecret> Api::rotate_webhook_secret(const Scope& scope, const std::string& tenant_name,
                                                       const std::string& id) {
  auto found = visible_webhook(scope, tenant_name, id);
  if (!found) return scim::fail(found.error());
  const auto& [tenant, number] = *found;
  WebhookSecret rotated;
  rotated.tenant = tenant.name;
  rotated.secret = auth::generate_webhook_secret();
  auto changed = named(repository_.set_webhook_secret(tenant.id, number, rotated.secret), tenant, number);
  if (!changed) return scim::fail(changed.error());
  auto now_stored = named(repository_.find_webhook(tenant.id, number), tenant, number);
  if (!now_stored) return scim::fail(now_stored.error());
  rotated.webhook = std::move(now_stored.value());
  return rotated;
}

scim::Result<Webhook> Api::redeliver_webhook(const Scope& scope, const std::string& tenant_name, const std::string& id,
                                             long long from) {
  auto found = visible_webhook(scope, tenant_name, id);
  if (!found) return scim::fail(found.error());
  const auto& [tenant, number] = *found;
  auto changed = named(repository_.rewind_webhook(tenant.id, number, from), tenant, number);
  if (!changed) return scim::fail(changed.error());
  return named(repository_.find_webhook(tenant.id, number), tenant, number);
}

scim::Result<DeliveryPage> Api::webhook_deliveries(const Scope& scope, const std::string& tenant_name,
                                                   const std::string& id, const std::string& before,
                                                   const std::string& limit) {
  long long cursor = 0;
  if (!before.empty() && (!parse_count(before, &cursor) || cursor < 1)) {
    return scim::fail(
        Error::bad_request("The cursor \"" + before + "\" is not one this log gave out: use a \"nextCursor\"."));
  }
  long long count = kDefaultDeliveryPage;
  if (!limit.empty() && (!parse_count(limit, &count) || count < 1 || count > kMaxDeliveryPage)) {
    return scim::fail(Error::bad_request("The limit must be a whole number from 1 to " +
                                         std::to_string(kMaxDeliveryPage) + ", not \"" + limit + "\"."));
  }
  Tenant tenant;
  long long number = 0;
  if (id.empty()) {
    auto visible = visible_tenant(scope, tenant_name);
    if (!visible) return scim::fail(visible.error());
    tenant = std::move(visible.value());
  } else {
    auto found = visible_webhook(scope, tenant_name, id);
    if (!found) return scim::fail(found.error());
    std::tie(tenant, number) = std::move(found.value());
  }
  auto log = named(repository_.webhook_deliveries(tenant.id, number, cursor, static_cast<int>(count)), tenant, number);
  if (!log) return scim::fail(log.error());
  DeliveryPage page;
  // A full page may have more behind it: its last entry continues.
  if (static_cast<long long>(log->size()) == count) page.next_before = log->back().id;
  page.deliveries = std::move(log.value());
  return page;
}

scim::Result<LogPage> Api::provisioning_log(const Scope& scope, const std::string& tenant_name, const LogQuery& query) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  auto entries = repository_.provisioning_log(tenant->id, query);
  if (!entries) return scim::fail(entries.error());
  LogPage page;
  if (static_cast<long long>(entries->size()) == query.limit) page.next_before = entries->back().seq;
  page.entries = std::move(entries.value());
  return page;
}

scim::Result<scim::Service*> Api::service_for(const Tenant& tenant) {
  if (!services_) return scim::fail(Error::not_implemented("Users and groups are not served here."));
  return services_(tenant);
}

scim::Result<scim::Outcome> Api::list_resources(const Scope& scope, const std::string& tenant_name,
                                                std::string_view endpoint, const scim::QueryParams& params,
                                                const std::string& base_url) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  auto service = service_for(*tenant);
  if (!service) return scim::fail(service.error());
  const scim::ResourceType* type = (*service)->find_resource_type(endpoint);
  if (type == nullptr) return scim::fail(Error::not_found("no resource type at " + std::string(endpoint)));
  return (*service)->list(scim::Context{tenant->id, base_url}, *type, params);
}

scim::Result<json::Value> Api::schemas(const Scope& scope, const std::string& tenant_name,
                                       const std::string& base_url) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  auto service = service_for(*tenant);
  if (!service) return scim::fail(service.error());
  return scim::list_schemas((*service)->registry(), base_url);
}

scim::Result<scim::Outcome> Api::get_resource(const Scope& scope, const std::string& tenant_name,
                                              std::string_view endpoint, const std::string& id,
                                              const scim::QueryParams& params, const std::string& base_url) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  auto service = service_for(*tenant);
  if (!service) return scim::fail(service.error());
  const scim::ResourceType* type = (*service)->find_resource_type(endpoint);
  if (type == nullptr) return scim::fail(Error::not_found("no resource type at " + std::string(endpoint)));
  return (*service)->get(scim::Context{tenant->id, base_url}, *type, id, params, scim::Preconditions{});
}

scim::Result<IssuedSecret> Api::issue_api_key(const Scope& scope, const std::string& name,
                                              const std::optional<std::string>& tenant_name) {
  if (scope.tenant_id) return scim::fail(operator_only("manage API keys"));
  if (!valid_name(name)) {
    return scim::fail(
        Error::bad_request("An API key name is 1-64 letters, digits, '-', '_' or '.'; \"" + name + "\" is not."));
  }
  std::optional<long long> tenant_id;
  IssuedSecret issued;
  if (tenant_name) {
    auto tenant = visible_tenant(scope, *tenant_name);
    if (!tenant) return scim::fail(tenant.error());
    tenant_id = tenant->id;
    issued.tenant = tenant->name;
  }
  NewSecret stored = new_secret(auth::kApiKeyScheme, name, "", &issued.secret);
  auto inserted = repository_.insert_api_key(tenant_id, stored);
  if (!inserted) return scim::fail(inserted.error());
  issued.name = name;
  issued.prefix = stored.prefix;
  return issued;
}

scim::Result<std::vector<ApiKey>> Api::list_api_keys(const Scope& scope) {
  if (scope.tenant_id) return scim::fail(operator_only("manage API keys"));
  return repository_.list_api_keys();
}

scim::Result<void> Api::revoke_api_key(const Scope& scope, const std::string& name) {
  if (scope.tenant_id) return scim::fail(operator_only("manage API keys"));
  return repository_.revoke_api_key(name);
}

}  // namespace fastscim::manage
