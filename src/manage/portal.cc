#include "manage/portal.h"

#include <ctime>
#include <utility>

#include "manage/values.h"

namespace fastscim::manage {

namespace {

using scim::Error;

Error session_ended() {
  return Error::unauthorized("The setup portal session has ended (signed out, idle or expired); open a new link.");
}

}  // namespace

std::string url_origin(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto path = url.find('/', scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

Portal::Portal(PortalStore& store, Api& api, Api::Clock now) : store_(store), api_(api), now_(std::move(now)) {}

long long Portal::now() const { return now_ ? now_() : static_cast<long long>(std::time(nullptr)); }

std::string Portal::csrf_token(std::string_view secret) {
  // Derived, not stored: only the holder of the session's secret (the
  // server, through the cookie) can compute it.
  return auth::to_hex(auth::sha256("fastscim portal csrf\n" + std::string(secret)));
}

scim::Result<PortalLink> Portal::issue_link(const Scope& scope, const std::string& tenant_name,
                                            std::optional<long long> seconds, const std::string& origin) {
  auto tenant = api_.tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  if (scope.portal) return scim::fail(Error::forbidden("A setup portal session cannot make portal links."));
  long long valid = seconds.value_or(kDefaultLinkSeconds);
  if (valid < 1 || valid > kMaxLinkSeconds) {
    return scim::fail(Error::bad_request("A portal link is valid for 1 second to 30 days, not " +
                                         std::to_string(valid) + " seconds."));
  }
  long long expires = now() + valid;
  std::string secret;
  NewSecret stored = new_secret(auth::kPortalLinkScheme, "portal", format_sql_time(expires), &secret);
  auto inserted = store_.insert_link(tenant->id, stored);
  if (!inserted) return scim::fail(inserted.error());
  PortalLink link;
  link.tenant = tenant->name;
  // In the fragment: browsers never send it, so the secret stays out of
  // every access log and Referer; the page hands it over in a POST.
  link.url = origin + std::string(kPagePath) + "#link=" + secret;
  link.prefix = stored.prefix;
  link.expires = format_timestamp(expires);
  return link;
}

scim::Result<PortalSession> Portal::open(std::string_view link) {
  const Error unknown = Error::forbidden("This setup link is not valid. Ask for a new link.");
  if (!auth::looks_like_secret(link, auth::kPortalLinkScheme)) return scim::fail(unknown);
  const long long start = now();
  PortalSession session;
  NewSecret stored = new_secret(auth::kPortalSessionScheme, "portal", format_sql_time(start + kSessionSeconds),
                                &session.secret);
  auto claim = store_.open_link(auth::sha256(link), format_sql_time(start), stored);
  if (!claim) return scim::fail(claim.error());
  switch (claim->state) {
    case PortalStore::LinkState::kUnknown: return scim::fail(unknown);
    case PortalStore::LinkState::kUsed:
      return scim::fail(
          Error::forbidden("This setup link has been used already: a link opens the portal once. Ask for a new link."));
    case PortalStore::LinkState::kExpired:
      return scim::fail(Error::forbidden("This setup link has expired. Ask for a new link."));
    case PortalStore::LinkState::kOpened: break;
  }
  Scope scope{claim->tenant_id, "portal", true};
  auto tenants = api_.list_tenants(scope);
  if (!tenants) return scim::fail(tenants.error());
  if (tenants->empty()) return scim::fail(unknown);  // deleted meanwhile
  session.tenant = tenants->front().name;
  session.csrf_token = csrf_token(session.secret);
  session.expires = format_timestamp(start + kSessionSeconds);
  session.idle_seconds = kIdleSeconds;
  return session;
}

scim::Result<std::pair<Scope, PortalStore::Session>> Portal::session(std::string_view secret) {
  if (!auth::looks_like_secret(secret, auth::kPortalSessionScheme)) return scim::fail(session_ended());
  auto found = store_.find_session(auth::sha256(secret));
  if (!found) return scim::fail(found.error());
  const long long at = now();
  const std::optional<PortalStore::Session>& s = found.value();
  if (!s || at >= s->expires || at - s->last_seen >= kIdleSeconds) return scim::fail(session_ended());
  auto touched = store_.touch_session(s->tenant_id, s->id, format_sql_time(at));
  if (!touched) return scim::fail(touched.error());
  return std::make_pair(Scope{s->tenant_id, "portal", true}, *s);
}

scim::Result<Scope> Portal::authenticate(std::string_view secret, std::string_view csrf, bool changes) {
  auto found = session(secret);
  if (!found) return scim::fail(found.error());
  if (changes && !auth::constant_time_equals(csrf, csrf_token(secret))) {
    return scim::fail(
        Error::forbidden("A change from the setup portal needs the session's CSRF token (X-CSRF-Token)."));
  }
  return found->first;
}

scim::Result<PortalSession> Portal::resume(std::string_view secret) {
  auto found = session(secret);
  if (!found) return scim::fail(found.error());
  auto tenants = api_.list_tenants(found->first);
  if (!tenants) return scim::fail(tenants.error());
  if (tenants->empty()) return scim::fail(session_ended());
  PortalSession s;
  s.tenant = tenants->front().name;
  s.csrf_token = csrf_token(secret);
  s.expires = format_timestamp(found->second.expires);
  s.idle_seconds = kIdleSeconds;
  return s;
}

scim::Result<void> Portal::close(std::string_view secret) {
  if (!auth::looks_like_secret(secret, auth::kPortalSessionScheme)) return {};
  return store_.delete_session(auth::sha256(secret));
}

}  // namespace fastscim::manage
