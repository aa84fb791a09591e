// POST {base}/Bulk (RFC 7644 §3.7): the http side of bulk.
//
// scim/bulk.h reads the BulkRequest and orders its operations; this
// handler runs them, one after the other in that order, each through the
// same scim::Service call a single request makes (create, replace, patch,
// remove) — so validation, events and the provisioning log work per
// operation exactly as they do for single requests — and assembles the
// BulkResponse.
//
// What is promised (README, "Bulk"):
//   * Each operation is its own transaction: an operation that succeeded
//     stays done whatever happens to later ones; nothing spans operations
//     (the RFC promises no atomicity across a bulk request).
//   * The answer is 200 with one result per processed operation, in the
//     order of the request (BLK-05, BLK-06): method, bulkId (when sent),
//     location (except for a failed POST), version (when the resource has
//     one after the operation), status as a string, and for a failure
//     `response`, the SCIM Error a single request would have answered.
//     Successful operations carry no `response` (the RFC makes it
//     optional; a client reads the resource at `location`).
//   * failOnErrors N: once N operations have failed, no further operation
//     runs and the unprocessed ones are left out of the response (BLK-04).
//   * `version` is the operation's If-Match (VER-07): a mismatch is 412 for
//     that operation.
//   * Limits (BLK-10): a body larger than max_payload_bytes, or more than
//     max_operations operations, is 413 for the whole request, before any
//     operation runs, the detail naming the limit.
//   * Rate limit (BLK-12): the request was admitted as one request; once
//     it is read, its other operations are charged to the tenant's rate
//     limit as one request each, all of them run, and the tenant's next
//     requests answer 429 until the limit's refill has paid for them.
//   * Each operation on a known resource type gets its own provisioning-log
//     entry (method POST/PUT/PATCH/DELETE, as for a single request); the
//     /Bulk request itself gets none.
//
// Thread-safety: as the Service passed in (one per thread).
#ifndef FASTSCIM_HTTP_BULK_HANDLER_H_
#define FASTSCIM_HTTP_BULK_HANDLER_H_

#include "http/charge.h"
#include "http/provisioning_log.h"
#include "http/request.h"
#include "http/response.h"
#include "scim/bulk.h"
#include "scim/service.h"

namespace fastscim::http {

// The response to `request` on /Bulk.  405 for any method but POST; the
// errors of scim::parse_bulk_request and 413 for a body over
// limits.max_payload_bytes; otherwise 200 with the BulkResponse.  `log`
// (may be nullptr) receives one entry per operation; `context.log` is
// ignored (each operation gets its own).  `charge` (may be empty: no rate
// limit) is called once with the number of operations beyond the first.
Response handle_bulk(scim::Service& service, const scim::Context& context, const Request& request,
                     const scim::BulkLimits& limits, ProvisioningLog* log, const ChargeFn& charge = {});

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_BULK_HANDLER_H_
