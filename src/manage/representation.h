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
// {"activeUsers", "history": [{"day", "activeMax", "activeEnd"}]}
json::Value to_json(const Seats& seats);
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
