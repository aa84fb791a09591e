// The management API's JSON for the provisioning policies (doc/policies.md):
// a creation template, and the body that adds one; a deleted user; a change
// the deprovisioning guard holds, and the body that decides some.
//
//   {"name": "sales", "position": 1, "when": "<SCIM filter>",
//    "values": {… the attributes it sets …}, "created": "2026-12-01T10:00:00Z"}
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_MANAGE_POLICY_JSON_H_
#define FASTSCIM_MANAGE_POLICY_JSON_H_

#include <string>
#include <vector>

#include "json/value.h"
#include "manage/policy_store.h"
#include "scim/error.h"

namespace fastscim::manage {

json::Value to_json(const TemplateRow& row);

// {"id", "userName", "deleted", "purgeAfter"}
json::Value to_json(const DeletedUser& user);

// A template to add: {"name", "when", "values", "position"?}.  400 naming
// the member that is missing or of the wrong type.
struct TemplateRequest {
  std::string name;
  std::string when;
  json::Value values;
  long long position = 0;  // 0 = last
};
scim::Result<TemplateRequest> read_template_request(const json::Value& body);

// {"id", "userId", "userName", "change", "held", "events"}
json::Value to_json(const HeldChange& hold);

// The body of an approve or reject: {"ids": [3, 4]} (numbers, or their
// decimal strings) or {"all": true}; the ids as decimal strings, none for
// all.  400 naming what is wrong (nothing, both, an empty list, an id that
// is not a positive whole number).
scim::Result<std::vector<std::string>> read_held_decision(const json::Value& body);

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_POLICY_JSON_H_
