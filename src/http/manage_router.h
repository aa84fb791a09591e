// The management API's routes (/manage/v1 by default; DESIGN.md "The
// product side"): plain JSON (application/json), not SCIM, each route a
// call on manage::Api.
//
//   GET    /openapi.json                         the OpenAPI 3 description (no key needed)
//   GET    /tenants                   POST       list, create {"name"}
//   GET    /tenants/{t}               DELETE     show (with settings), delete (204)
//   GET    /tenants/{t}/settings      PATCH      read, change (manage/requests.h)
//   GET    /tenants/{t}/tokens        POST       list, issue (the secret, once; 201)
//   DELETE /tenants/{t}/tokens/{n}               revoke (204)
//   POST   /tenants/{t}/tokens/{n}/rotate        a new secret; the old one for the overlap (201)
//   GET    /tenants/{t}/seats                    active users now, daily history (?from, to)
//   GET    /tenants/{t}/users, /groups           list: SCIM filter, startIndex, count, sortBy …
//   POST   /tenants/{t}/users                    import one of the product's accounts (a SCIM
//                                                User, locally owned; doc/policies.md; 201)
//   GET    /tenants/{t}/users/{id}, /groups/{id}
//   GET    /tenants/{t}/events                   ?after, limit, wait (a long poll, ≤ 30 s)
//   GET    /tenants/{t}/log                      ?since, until, outcome, status, before, limit
//   GET    /tenants/{t}/webhooks      POST       list, add {"url", "from"?} (the secret, once; 201)
//   GET    /tenants/{t}/webhooks/{id} DELETE     show, remove (204)
//   POST   /tenants/{t}/webhooks/{id}/enable, /disable, /rotate-secret (the secret, once),
//                                    /redeliver {"from"}
//   GET    /tenants/{t}/webhooks/{id}/deliveries ?before, limit
//   GET    /tenants/{t}/schemas                  the tenant's schemas (built-in and extensions)
//   POST   /tenants/{t}/portal-links             a one-time setup portal link (portal_routes.h; 201)
//   GET    /portal/session            POST DELETE the setup portal's session (portal_routes.h)
//   … and the provisioning policies' routes (policy_routes.h: the effective
//   user, overrides, templates)
//
// Every route but openapi.json and /portal/session needs an API key
// ("Authorization: Bearer fsmk_…") or, without one, a setup portal
// session's cookie (plus its CSRF token for anything but GET and HEAD:
// 403 without); a SCIM token is refused with 401.  Errors are
// {"status": N, "error": "<kind>", "message": "…"} (error_response.h).
// Bodies must be application/json (415 otherwise); a wrong method is 405
// with Allow; an unknown path 404.
//
// Thread-safety: as the Api passed in (one per thread).
#ifndef FASTSCIM_HTTP_MANAGE_ROUTER_H_
#define FASTSCIM_HTTP_MANAGE_ROUTER_H_

#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"
#include "manage/api.h"
#include "manage/portal.h"

namespace fastscim::http {

struct ManageOptions {
  std::string base_path = "/manage/v1";
  // The text of the OpenAPI description served at /openapi.json ("" = 404).
  std::string openapi;
};

// The response for `request`, whose path is `route` below the management
// base path (e.g. "/tenants/acme", not decoded).  `scim_base_url` is the
// SCIM surface's base URL (the users' and groups' meta.location).  `caller`
// receives the API key's name for the access log.  Without `portal` the
// setup portal's routes and sessions are not served.
Response handle_manage_request(manage::Api& api, const ManageOptions& options, const Request& request,
                               std::string_view route, const std::string& scim_base_url, std::string* caller,
                               manage::Portal* portal = nullptr);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_MANAGE_ROUTER_H_
