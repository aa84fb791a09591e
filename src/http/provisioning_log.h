// http::ProvisioningLog — where the server records each SCIM write, the
// interface it needs declared here, by its consumer (store implements the
// storage, app wires the two: app/worker.cc).
//
// One WriteRecord per POST, PUT, PATCH or DELETE on a resource endpoint
// (/Users, /Groups, …; not /.search) of an authenticated tenant, successful
// or not.  A write that commits records its own entry in its transaction
// (scim::WriteLog, so a write costs one commit); every other answer is
// recorded here after the response is decided.  It never holds a secret:
// no header but the User-Agent, no body, only the resource's userName or
// displayName.
//
// Thread-safety: one ProvisioningLog per serving thread, like the Server.
#ifndef FASTSCIM_HTTP_PROVISIONING_LOG_H_
#define FASTSCIM_HTTP_PROVISIONING_LOG_H_

#include <string>

#include "scim/error.h"
#include "scim/event.h"

namespace fastscim::http {

struct WriteRecord {
  long long tenant_id = 0;
  std::string method;         // POST, PUT, PATCH or DELETE
  std::string resource_type;  // the resource type's name: "User", "Group"
  std::string resource_id;    // "" when not known (a POST that failed)
  // userName (User) or displayName (Group): from the request body for POST
  // and PUT, from the written resource for a successful PATCH; "" when
  // neither is known (DELETE, a failed PATCH).
  std::string name;
  int status = 0;          // the HTTP status answered
  std::string scim_type;   // the error's scimType keyword, "" for none
  std::string detail;      // the error's detail, "" on success
  std::string user_agent;  // the client's User-Agent header, "" when absent
  // What the write recorded in its own transaction, if it committed.
  scim::WriteLog written;
};

class ProvisioningLog {
 public:
  virtual ~ProvisioningLog() = default;
  // Stores `record`.  An error is only logged by the caller: it never
  // changes the answer the client already has.
  virtual scim::Result<void> record(const WriteRecord& record) = 0;
};

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_PROVISIONING_LOG_H_
