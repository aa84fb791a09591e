// The plain JSON (not SCIM) of the management surface: what /manage/v1
// answers and what fastscim-admin prints with --json.  Described, member by
// member, in openapi.json; timestamps are ISO 8601 UTC strings, absent ones
// null.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_MANAGE_REPRESENTATION_H_
#define FASTSCIM_MANAGE_REPRESENTATION_H_

#include <string>
#include <vector>

#include "json/value.h"
#include "manage/api.h"
#include "manage/repository.h"

namespace fastscim::manage {

// {"id", "name", "created", "activeTokens"}
json::Value to_json(const Tenant& tenant);
// {"unknownAttributes", "unknownExtensions" (null = the server's default),
//  "configGeneration", "provisioning" ("on"/"off"), "invitations"}
json::Value to_json(const Settings& settings);
// {"name", "prefix", "created", "lastUsed", "revoked", "expires", "rotated"}
json::Value to_json(const Token& token);
// {"name", "prefix", "tenant" (null for an operator key), "created",
//  "lastUsed", "revoked"}
json::Value to_json(const ApiKey& key);
// {"activeUsers", "today", "history": [{"day", "activeMax", "activeEnd"}]}
json::Value to_json(const Seats& seats);
// {"id", "url", "state" ("enabled", "retrying" or "disabled"), "cursor"
//  (a string, as the feed's), "failures", "nextAttempt", "disabled",
//  "disabledReason", "lastSuccess", "created"} — never the secret.
json::Value to_json(const Webhook& webhook);
// The endpoint as above with "tenant" and its signing "secret".
json::Value to_json(const WebhookSecret& added);
// {"deliveries": [{"id", "webhook", "attempted", "firstPosition",
//  "lastPosition", "events", "attempt", "status" (null: no answer),
//  "latencyMs", "error"}], "nextCursor" (null on the last page)}
json::Value to_json(const DeliveryPage& page);
// {"entries": [{"cursor", "time", "method", "resourceType", "resourceId",
//  "name", "status", "scimType", "detail", "userAgent"}], "nextCursor"}
json::Value to_json(const LogPage& page);
// {"events": [each event as stored], "cursor": "<position>"}.  500
// internal when a stored event is not JSON (a corrupt row is an error,
// never skipped: the feed must not lose an event silently).
scim::Result<json::Value> to_json(const EventPage& page);
// A token: {"tenant", "name", "prefix", "token", "expires"} (and, after a
// rotation, "previousExpires": when the replaced secret stops); an API key
// (`api_key`): {"name", "prefix", "tenant", "key"}.
json::Value to_json(const IssuedSecret& issued, bool api_key);

// An array of to_json(item).
template <typename T>
json::Value to_json_array(const std::vector<T>& items) {
  json::Value list = json::Value::array();
  for (const auto& item : items) list.append(to_json(item));
  return list;
}

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_REPRESENTATION_H_
