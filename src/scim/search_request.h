// scim::SearchRequest — what a list (GET /{endpoint}, RFC 7644 §3.4.2) or a
// search (POST /{endpoint}/.search, §3.4.3) asks for, whichever way it
// arrived, before the filter and sortBy are resolved against the schemas
// (Service::build_query).
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_SEARCH_REQUEST_H_
#define FASTSCIM_SCIM_SEARCH_REQUEST_H_

#include <optional>
#include <string>
#include <string_view>

#include "json/value.h"
#include "scim/dialect.h"
#include "scim/error.h"
#include "scim/projection.h"
#include "scim/query_params.h"

namespace fastscim::scim {

inline constexpr std::string_view kSearchRequestUrn = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

struct SearchRequest {
  std::optional<std::string> filter;
  std::optional<std::string> sort_by;
  std::optional<std::string> sort_order;
  std::optional<long long> start_index;
  std::optional<long long> count;
  std::optional<std::string> cursor;
  Projection projection;
};

// The request the query parameters filter, sortBy, sortOrder, startIndex,
// count, cursor, attributes and excludedAttributes make; others are
// ignored (GEN-08).  invalidValue for a startIndex or count that is not an
// integer; the errors of Projection::parse.  The projection is read in
// `dialect` (the filter text is parsed later, by the Service).
Result<SearchRequest> search_request_from_params(const QueryParams& params, Dialect dialect = Dialect::kStrict);

// The request a SearchRequest body makes (member names ignoring case; null
// reads as absent).  invalidSyntax when the body is not an object or its
// "schemas" lacks the SearchRequest URN (SRCH-02); one invalidValue listing
// every member of the wrong type; the errors of Projection::parse.
Result<SearchRequest> search_request_from_body(const json::Value& body, Dialect dialect = Dialect::kStrict);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_SEARCH_REQUEST_H_
