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
//   POST   /tenants/{t}/webhooks             {"url", "from"? (a position: "42" or 42)}
//   POST   /tenants/{t}/webhooks/{id}/redeliver  {"from"}
//
// and the provisioning log's filters (query parameters of GET …/log, flags
// of `fastscim-admin log`).
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

struct WebhookAdd {
  std::string url;
  std::optional<long long> from;  // nullopt: the tenant's current position
};
// The URL is checked later, by Api::add_webhook.
scim::Result<WebhookAdd> read_webhook_add(const json::Value& body);

// The position to redeliver from (required).
scim::Result<long long> read_redeliver(const json::Value& body);

// The provisioning log's filters as given; "" = not given.
struct LogFilter {
  std::string since;    // ISO 8601 UTC (values.h parse_log_time), inclusive
  std::string until;    // exclusive
  std::string outcome;  // "success" (or "ok": status < 400), "failure" (or "error": >= 400)
  std::string status;   // one HTTP status, 100..599
  std::string before;   // the cursor: a nextCursor of an earlier page
  std::string limit;    // 1..1000, default 100
};
// 400 naming the parameter for anything malformed, for since not before
// until, and for an outcome and a status that exclude each other.
scim::Result<LogQuery> read_log_filter(const LogFilter& filter);

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_REQUESTS_H_
