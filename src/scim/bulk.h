// scim::Bulk — the pure part of POST /Bulk (RFC 7644 §3.7): reading a
// BulkRequest, ordering its operations so that every bulkId is created
// before it is used, and replacing `bulkId:` references with real ids.
// Running the operations is the caller's: each goes through the same
// Service call as a single request (http/bulk_handler.h).
//
// Decisions:
//   * Operations run in the client's order, except that an operation whose
//     path or data refers to `bulkId:X` waits until the POST that declares
//     X has run (BLK-08: reordering keeps the outcome of sequential
//     processing).  Of the operations ready at any moment, the earliest in
//     the request runs first, so a request without forward references runs
//     exactly in order.
//   * A reference to a bulkId no POST of the request declares, and a bulkId
//     declared twice (every declaration after the first), are 400
//     invalidValue for that operation (BLK-11).
//   * Circular references (a group that is its own member through bulkIds,
//     two users each other's manager) are not broken up: every operation on
//     the cycle is 400 invalidValue naming the cycle, and an operation
//     that only depends on one says so (BLK-09 lets a server give up).
//   * A reference to a POST that failed fails at run time (substitute()).
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_BULK_H_
#define FASTSCIM_SCIM_BULK_H_

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "scim/error.h"

namespace fastscim::scim {

inline constexpr std::string_view kBulkRequestUrn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
inline constexpr std::string_view kBulkResponseUrn = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

struct BulkLimits {
  long long max_operations = 1000;        // advertised as bulk.maxOperations
  long long max_payload_bytes = 1 << 20;  // advertised as bulk.maxPayloadSize
};

struct BulkOperation {
  std::string method;                  // POST, PUT, PATCH or DELETE (upper case)
  std::string path;                    // as sent: "/Users", "/Groups/{id}", "/Users/bulkId:x"
  std::string bulk_id;                 // "" when absent
  std::optional<std::string> version;  // the ETag to check, as If-Match (VER-07)
  json::Value data;                    // absent for DELETE
};

struct BulkRequest {
  std::vector<BulkOperation> operations;
  std::optional<long long> fail_on_errors;  // stop once this many operations failed (BLK-04)
};

// Reads a BulkRequest body (BLK-02, BLK-03; member names ignoring case).
// invalidSyntax when the body is not an object, its schemas lack the
// BulkRequest URN, Operations is missing or not an array, or an operation
// is not an object, lacks method or path, has an unknown method, lacks
// data for POST, PUT or PATCH, or lacks bulkId for POST; invalidValue for
// a failOnErrors that is not an integer of at least 1; payload_too_large
// (413, BLK-10) for more operations than `limits` allows, naming the limit.
Result<BulkRequest> parse_bulk_request(const json::Value& body, const BulkLimits& limits);

// The bulkIds an operation refers to: every string of its path and data
// that has the form "bulkId:X" gives X.
std::set<std::string> bulk_references(const BulkOperation& operation);

// One operation to run, in order.  `refusal` set: answer it with that
// error instead of running it.
struct BulkStep {
  size_t index = 0;  // into BulkRequest::operations
  std::optional<Error> refusal;
};

// The order to run `request` in: every operation exactly once, after the
// POSTs whose bulkIds it uses (see Decisions above).
std::vector<BulkStep> plan_bulk(const BulkRequest& request);

// `value` with every string "bulkId:X" replaced by ids[X], recursively.
// invalidValue naming X when a referenced bulkId has no id (its POST
// failed or has not run).
Result<json::Value> substitute_bulk_ids(const json::Value& value, const std::map<std::string, std::string>& ids);

// The same for a path ("/Groups/bulkId:x" → "/Groups/<id>").
Result<std::string> substitute_bulk_ids(const std::string& path, const std::map<std::string, std::string>& ids);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_BULK_H_
