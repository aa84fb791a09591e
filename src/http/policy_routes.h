// The management API's provisioning-policy routes (doc/policies.md), under
// the management base path, beside manage_router.h's:
//
//   GET    /tenants/{t}/users/{id}                  the effective record (overrides applied,
//                                                    "overridden": their paths)
//   PUT    /tenants/{t}/users/{id}/overrides/{path} {"value": …}: set (200, the effective record)
//   DELETE /tenants/{t}/users/{id}/overrides/{path} relink (200, the effective record)
//   GET    /tenants/{t}/templates        POST       list, add {"name","when","values","position"?} (201)
//   DELETE /tenants/{t}/templates/{name}            remove (204)
//   GET    /tenants/{t}/deleted-users               users deleted through SCIM, still restorable
//   POST   /tenants/{t}/deleted-users/{id}/restore  restore (200, the effective record)
//   GET    /tenants/{t}/held                        changes the deprovisioning guard holds
//   POST   /tenants/{t}/held/approve|reject         {"ids": [n…]} or {"all": true}: decide
//                                                    (200, the changes decided)
//
// Thread-safety: as the Api passed in (one per thread).
#ifndef FASTSCIM_HTTP_POLICY_ROUTES_H_
#define FASTSCIM_HTTP_POLICY_ROUTES_H_

#include <optional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"
#include "manage/api.h"

namespace fastscim::http {

// The response when `segments` (decoded) name a policy route; nullopt
// otherwise.  The caller has authenticated `scope`.
std::optional<Response> route_policies(manage::Api& api, const Request& request, const manage::Scope& scope,
                                       const std::vector<std::string>& segments, const std::string& scim_base_url);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_POLICY_ROUTES_H_
