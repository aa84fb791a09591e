// The management API's JSON for the provisioning policies (doc/policies.md):
// a creation template, and the body that adds one.
//
//   {"name": "sales", "position": 1, "when": "<SCIM filter>",
//    "values": {… the attributes it sets …}, "created": "2026-12-01T10:00:00Z"}
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_MANAGE_POLICY_JSON_H_
#define FASTSCIM_MANAGE_POLICY_JSON_H_

#include <string>

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

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_POLICY_JSON_H_
