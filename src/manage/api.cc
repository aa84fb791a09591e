#include "manage/api.h"

#include <ctime>
#include <utility>

#include "manage/values.h"
#include "util/strings.h"

namespace fastscim::manage {

namespace {

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

Api::Api(Repository& repository, ServiceFor services, Clock now)
    : repository_(repository), services_(std::move(services)), now_(std::move(now)) {}

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

scim::Result<Seats> Api::seats(const Scope& scope, const std::string& tenant_name) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return repository_.seats(tenant->id);
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
