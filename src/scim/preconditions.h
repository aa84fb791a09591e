// Optimistic concurrency (RFC 7644 §3.14, RFC 7232): the version
// preconditions a client sends, how they compare with the stored version,
// and the retry of a write that lost a race with a concurrent writer.
//
// The core sees preconditions already parsed: http/ reads the If-Match and
// If-None-Match headers (W/"3", lists, `*`) into a VersionSet.  Comparison
// is weak (VER-08): W/"3" and "3" both name version 3.
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_PRECONDITIONS_H_
#define FASTSCIM_SCIM_PRECONDITIONS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scim/error.h"
#include "scim/outcome.h"
#include "scim/resource_type.h"

namespace fastscim::scim {

// The versions one conditional header names: any version (`*`), or those
// listed.  A listed tag that names no version of ours matches nothing.
struct VersionSet {
  bool any = false;
  std::vector<long long> versions;
  // The header as the client sent it (trimmed), quoted in error details.
  std::string text;

  bool matches(long long version) const;
};

// The conditional headers of a request; nullopt = header absent or blank.
struct Preconditions {
  std::optional<VersionSet> if_match;
  std::optional<VersionSet> if_none_match;

  // Whether the client pinned a version (an If-Match other than `*`): a
  // write that then loses a race is the client's kVersionConflict, never
  // retried.
  bool pins_version() const { return if_match && !if_match->any; }
};

// Success when there is no If-Match or it matches `version`; otherwise
// kVersionConflict naming the header and the current version (VER-06).
Result<void> check_if_match(const Preconditions& preconditions, const ResourceType& type, long long version);

// The kVersionConflict for an If-Match that does not match `version`.
Error version_mismatch(const ResourceType& type, const VersionSet& if_match, long long version);

// Runs `attempt` (read, apply, write) until it succeeds or fails with
// anything but a lost race.  A lost race (kVersionConflict) is retried
// unless the client pinned a version, in which case it is returned as is;
// after `max_attempts` lost races the answer is kConflict (nothing was
// written).  Returns the last attempt's result.
Result<Outcome> retry_lost_races(const ResourceType& type, const Preconditions& preconditions, int max_attempts,
                                 const std::function<Result<Outcome>()>& attempt);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_PRECONDITIONS_H_
