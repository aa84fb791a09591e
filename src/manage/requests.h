// The request bodies of the management API (/manage/v1), read and checked:
// every problem is a 400 (kInvalid) that names the member and what it
// should be, and unknown members are refused (a misspelt member must not
// silently do nothing).
//
//   POST   /tenants                          {"name": "acme"}
//   PATCH  /tenants/{t}/settings             {"provisioning": "on"|"off"|true|false,
//                                             "invitations": "off"|"on-create",
//                                             "unknownAttributes": "reject"|"ignore"|null,
//                                             "unknownExtensions": "reject"|"ignore"|null}
//   POST   /tenants/{t}/tokens               {"name"?, "expiresAt"? (RFC 3339 UTC),
//                                             "expiresIn"? ("30d")}
//   POST   /tenants/{t}/tokens/{n}/rotate    {"overlap"? ("24h", "0s"),
//                                             "previousExpiresAt"? (RFC 3339 UTC)}
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_MANAGE_REQUESTS_H_
#define FASTSCIM_MANAGE_REQUESTS_H_

#include <optional>
#include <string>
#include <vector>

#include "json/value.h"
#include "manage/api.h"
#include "manage/repository.h"

namespace fastscim::manage {

// The "name" of a tenant to create (checked later by Api::create_tenant).
scim::Result<std::string> read_tenant_create(const json::Value& body);

// The changes a settings PATCH asks for, in the order given; at least one.
scim::Result<std::vector<SettingChange>> read_settings_patch(const json::Value& body);

struct TokenIssue {
  std::string name;                     // "" = a generated one
  std::optional<long long> expires_at;  // seconds since the epoch
};
// `now` (seconds since the epoch) anchors expiresIn.  expiresAt and
// expiresIn together are refused.
scim::Result<TokenIssue> read_token_issue(const json::Value& body, long long now);

// An empty or absent body means the default overlap.  overlap and
// previousExpiresAt together are refused.
scim::Result<Overlap> read_rotation(const json::Value& body);

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_REQUESTS_H_
