// manage::Portal — the setup portal's credentials (doc/portal.md): one-time
// links that open a session scoped to one tenant, and those sessions.
//
// A link ("fspl_…", 256 random bits) is minted by an operator or by an API
// key of the tenant, never by a portal session; only its SHA-256 is stored.
// Opening it claims it (once, before it expires) and makes a session
// ("fsps_…", also stored as a digest) that the browser keeps in an
// HttpOnly cookie.  A session is a Scope of its tenant with `portal` set:
// it calls the same manage::Api operations as a tenant's API key.  It ends
// kSessionSeconds after it began, or after kIdleSeconds without a request.
//
// Every change a session makes needs its CSRF token: a digest of the
// session's secret (csrf_token()), given to the page when the session
// opens and sent back in a header.  A page of another site cannot read it,
// and the cookie alone is not enough.
//
// Nothing here logs; secrets leave only in the values returned.
//
// Thread-safety: one Portal per thread, like the Api and store it uses.
#ifndef FASTSCIM_MANAGE_PORTAL_H_
#define FASTSCIM_MANAGE_PORTAL_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "auth/token.h"
#include "manage/api.h"
#include "scim/error.h"

namespace fastscim::manage {

// What Portal needs from storage (store/portal_repository.h implements it).
// Times it takes are UTC "YYYY-MM-DD HH:MM:SS" (values.h format_sql_time);
// times it returns are seconds since the epoch.  Every call may fail with
// kUnavailable or kInternal.
class PortalStore {
 public:
  virtual ~PortalStore() = default;

  enum class LinkState { kUnknown, kUsed, kExpired, kOpened };
  struct Claim {
    LinkState state = LinkState::kUnknown;
    long long tenant_id = 0;  // kOpened only
  };
  struct Session {
    long long id = 0;
    long long tenant_id = 0;
    long long last_seen = 0;
    long long expires = 0;
  };

  // Stores a link of `tenant_id` (its prefix, digest and expires_at).
  virtual scim::Result<void> insert_link(long long tenant_id, const NewSecret& link) = 0;
  // In one transaction: marks the link with digest `link_hash` used at
  // `now` when it is unused and expires after `now`, and then stores
  // `session` (last seen `now`) for its tenant.  Otherwise changes nothing
  // and says why (unknown, used, expired).
  virtual scim::Result<Claim> open_link(const auth::Digest& link_hash, const std::string& now,
                                        const NewSecret& session) = 0;
  // The session with digest `hash`, nullopt when there is none.
  virtual scim::Result<std::optional<Session>> find_session(const auth::Digest& hash) = 0;
  // Records a request of session `id` at `now`.
  virtual scim::Result<void> touch_session(long long tenant_id, long long id, const std::string& now) = 0;
  // Ends the session with digest `hash` (nothing when there is none).
  virtual scim::Result<void> delete_session(const auth::Digest& hash) = 0;
};

// A link just minted; `url` carries the secret and is shown once.
struct PortalLink {
  std::string tenant;
  std::string url;
  std::string prefix;
  std::string expires;  // ISO 8601 UTC
};

// A session just opened (or resumed): the secret goes in the cookie only.
struct PortalSession {
  std::string secret;  // "" when resumed (the browser has it already)
  std::string csrf_token;
  std::string tenant;
  std::string expires;     // ISO 8601 UTC: the latest it can last
  long long idle_seconds;  // it ends after this long without a request
};

class Portal {
 public:
  // How long a link is valid unless said otherwise, and at most.
  static constexpr long long kDefaultLinkSeconds = 24 * 3600;
  static constexpr long long kMaxLinkSeconds = 30 * 24 * 3600;
  static constexpr long long kIdleSeconds = 30 * 60;
  static constexpr long long kSessionSeconds = 8 * 3600;
  // Where the page is, below the web server's origin.
  static constexpr std::string_view kPagePath = "/portal/";

  // Requires: `store` and `api` outlive the Portal.  `now`: seconds since
  // the epoch (the system clock when unset).
  Portal(PortalStore& store, Api& api, Api::Clock now = {});

  // A one-time link to tenant `tenant`'s portal, valid for `seconds`
  // (nullopt: kDefaultLinkSeconds).  `origin` ("https://host[:port]") is
  // where the page is served.  404 when the scope does not see the tenant;
  // 403 for a portal session; 400 for a duration outside 1 s ..
  // kMaxLinkSeconds.
  scim::Result<PortalLink> issue_link(const Scope& scope, const std::string& tenant, std::optional<long long> seconds,
                                      const std::string& origin);

  // Exchanges link secret `link` for a new session.  403 (kForbidden) with
  // a message a person can act on when the link is unknown, was used
  // already or has expired.
  scim::Result<PortalSession> open(std::string_view link);

  // The scope of the session whose secret is `secret` (the cookie), which
  // lasts kIdleSeconds more from now.  `changes`: the request changes
  // something, so `csrf` must be the session's CSRF token.  401 when the
  // session is unknown, expired or idle too long; 403 for a change without
  // the right CSRF token.
  scim::Result<Scope> authenticate(std::string_view secret, std::string_view csrf, bool changes);

  // The session of `secret` as the page needs it again (no secret).
  scim::Result<PortalSession> resume(std::string_view secret);

  // Ends the session of `secret`; nothing when there is none.
  scim::Result<void> close(std::string_view secret);

  // The CSRF token of the session whose secret is `secret`.
  static std::string csrf_token(std::string_view secret);

 private:
  scim::Result<std::pair<Scope, PortalStore::Session>> session(std::string_view secret);
  long long now() const;

  PortalStore& store_;
  Api& api_;
  Api::Clock now_;
};

// The origin ("https://host:port") of a URL such as the SCIM base URL;
// `url` itself when it has no path.
std::string url_origin(const std::string& url);

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_PORTAL_H_
