// scim::Outcome — what a successful SCIM operation did, for http/ to send.
//
// The core says what happened (created, ok, no content, not modified) and
// which version and location the resource has; http/handlers turns that into
// a status code, an ETag header (the resource's meta.version, RES-10) and a
// Location header.  No HTTP number lives in the core.
//
// Thread-safety: a plain value.
#ifndef FASTSCIM_SCIM_OUTCOME_H_
#define FASTSCIM_SCIM_OUTCOME_H_

#include <optional>
#include <string>

#include "json/value.h"

namespace fastscim::scim {

enum class OutcomeKind {
  kOk,           // the operation succeeded; the body (if any) is the answer
  kCreated,      // a new resource was stored; `location` names it
  kNoContent,    // succeeded with nothing to send back (DELETE, PATCH without projection)
  kNotModified,  // a conditional GET whose If-None-Match matched (VER-05)
};

struct Outcome {
  OutcomeKind kind = OutcomeKind::kOk;
  json::Value body;                  // absent: no body
  std::optional<long long> version;  // the resource's version after the operation; none for lists and DELETE
  std::string location;              // the created resource's meta.location; "" = none
  // The written resource's userName (User) or displayName (Group) after a
  // PATCH, for the provisioning log even when no body is sent; "" = not known.
  std::string name;
};

// A weak ETag for `version`: W/"<version>" (RES-10, VER-03).  It is both
// meta.version in the resource and the ETag header http/ sends.
inline std::string etag_for_version(long long version) { return "W/\"" + std::to_string(version) + "\""; }

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_OUTCOME_H_
