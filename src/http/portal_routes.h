// The setup portal's routes under the management API's base path
// (doc/portal.md), and how its session travels: a cookie the page's
// script cannot read, and a CSRF token it sends back on every change.
//
//   POST   /portal/session   {"link": "fspl_…"}: opens a session (201, Set-Cookie)
//   GET    /portal/session   the session again (after a reload)
//   DELETE /portal/session   signs out (204, the cookie cleared; needs the CSRF token)
//
// The session's answer: {"tenant", "tenantUrl", "csrfToken", "expires",
// "idleSeconds"}.  The cookie is `fastscim_portal=fsps_…; Path=<base>;
// HttpOnly; Secure; SameSite=Strict`: only the management API receives it,
// never a script, never a request another site starts.
//
// Thread-safety: as the Portal passed in (one per thread).
#ifndef FASTSCIM_HTTP_PORTAL_ROUTES_H_
#define FASTSCIM_HTTP_PORTAL_ROUTES_H_

#include <optional>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"
#include "manage/portal.h"

namespace fastscim::http {

inline constexpr char kPortalCookie[] = "fastscim_portal";

// The value of the portal's cookie in a Cookie header ("" when absent).
std::string portal_session_cookie(std::string_view cookie_header);

// The response for a request to `route` ("/portal/…", below the management
// base path `manage_base`).  `tenant_url` is the SCIM base URL the page
// shows as the Tenant URL.
Response handle_portal_request(manage::Portal& portal, const Request& request, std::string_view route,
                               const std::string& manage_base, const std::string& tenant_url);

// POST /tenants/{t}/portal-links {"expires": "24h"} (body optional): a
// one-time link (201, {"tenant", "url", "prefix", "expires"}), the page
// served at `origin`.
Response issue_portal_link(manage::Portal& portal, const manage::Scope& scope, const Request& request,
                           const std::string& tenant, const std::string& origin);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_PORTAL_ROUTES_H_
