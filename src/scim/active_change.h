// What a write does to a User's "active" attribute, for the event outbox
// (DESIGN.md: user deactivated / reactivated events).  One rule for every
// write, PUT or PATCH: deactivated when "active" is now false and was not
// false before; reactivated when it is now true and was false before.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_SCIM_ACTIVE_CHANGE_H_
#define FASTSCIM_SCIM_ACTIVE_CHANGE_H_

#include "json/value.h"
#include "scim/repository.h"

namespace fastscim::scim {

enum class ActiveChange {
  kNone,
  kDeactivated,  // active is now false and was not false before
  kReactivated,  // active is now true and was false before
};

// The change from document `before` to document `after` (either may be
// any JSON value; "active" is looked up ignoring case).
ActiveChange active_change(const json::Value& before, const json::Value& after);

// The event a document write with `change` records: kDeactivated,
// kReactivated, or kUpdated.
ChangeKind change_kind(ActiveChange change);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_ACTIVE_CHANGE_H_
