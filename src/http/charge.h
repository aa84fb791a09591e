// What a request costs against its tenant's rate limit beyond its
// admission (doc/limits.md).  Every request is admitted as one; work that
// grows with what the request asks for is then charged on top, so a tenant
// cannot buy a hundred times the work of another for the same count:
//
//   * a /Bulk request: each operation beyond the first (BLK-12);
//   * a list or search: each further 100 resources it returns (GET-08), so
//     `count=1000` costs ten requests and Entra's match lookup one.
//
// The charge may overdraw the bucket: the answer is already made, and the
// tenant's next requests are 429 until the refill has paid for it.
#ifndef FASTSCIM_HTTP_CHARGE_H_
#define FASTSCIM_HTTP_CHARGE_H_

#include <functional>

#include "scim/outcome.h"

namespace fastscim::http {

// Charges `further_requests` (> 0) to the request's tenant.  Empty when the
// server has no rate limit.
using ChargeFn = std::function<void(long long further_requests)>;

// The resources one admitted list or search request covers.
inline constexpr long long kResourcesPerRequest = 100;

// The further requests a successful list or search outcome costs: 0 up to
// kResourcesPerRequest resources, then one per kResourcesPerRequest begun.
long long listing_charge(const scim::Outcome& listed);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_CHARGE_H_
