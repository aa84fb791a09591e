#include "http/charge.h"

namespace fastscim::http {

long long listing_charge(const scim::Outcome& listed) {
  if (!listed.body) return 0;
  const long long returned = listed.body.get("itemsPerPage").as_integer().value_or(0);
  if (returned <= kResourcesPerRequest) return 0;
  return (returned - 1) / kResourcesPerRequest;  // GET-08: the first 100 came with the admission
}

}  // namespace fastscim::http
