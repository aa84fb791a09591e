#include "scim/preconditions.h"

#include <algorithm>

namespace fastscim::scim {

bool VersionSet::matches(long long version) const {
  return any || std::find(versions.begin(), versions.end(), version) != versions.end();
}

Error version_mismatch(const ResourceType& type, const VersionSet& if_match, long long version) {
  return Error::precondition_failed("If-Match " + if_match.text + " does not match the current version " +
                                    etag_for_version(version) + " of this " + type.name + "; fetch it again.");
}

Result<void> check_if_match(const Preconditions& preconditions, const ResourceType& type, long long version) {
  if (preconditions.if_match && !preconditions.if_match->matches(version)) {
    return fail(version_mismatch(type, *preconditions.if_match, version));
  }
  return {};
}

Result<Outcome> retry_lost_races(const ResourceType& type, const Preconditions& preconditions, int max_attempts,
                                 const std::function<Result<Outcome>()>& attempt) {
  for (int attempts = 1;; ++attempts) {
    Result<Outcome> result = attempt();
    if (result || result.error().kind() != ErrorKind::kVersionConflict || preconditions.pins_version()) {
      return result;
    }
    if (attempts >= max_attempts) {
      return fail(Error::conflict("The " + type.name + " was modified concurrently " + std::to_string(attempts) +
                                  " times while this request was applied; nothing was written.  Retry the request."));
    }
  }
}

}  // namespace fastscim::scim
