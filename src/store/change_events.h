// The events of one change as the store completes them inside the write's
// transaction (scim/event.h): the resource's own event from the core's
// draft, and a group's member events, one per member actually changed.
//
// Thread-safety: pure functions (add_member_events writes to the Outbox it
// is given).
#ifndef FASTSCIM_STORE_CHANGE_EVENTS_H_
#define FASTSCIM_STORE_CHANGE_EVENTS_H_

#include <string>
#include <vector>

#include "scim/event.h"
#include "scim/repository.h"
#include "store/outbox.h"

namespace fastscim::store {

// The event of `kind` for the stored resource `r` (after the change; the
// last record for a delete), with the draft's changed attributes and
// previous values for updates.
scim::Event resource_event(scim::ChangeKind kind, const scim::StoredResource& r, const scim::EventDraft& draft);

// Adds resource_event() to `outbox`, built only when the outbox records.
void add_resource_event(Outbox* outbox, scim::ChangeKind kind, const scim::StoredResource& r,
                        const scim::EventDraft& draft);

// A group.member_added or group.member_removed event for one member.
scim::Event member_event(scim::ChangeKind kind, const std::string& group_id, const std::string& group_display,
                         long long version, const scim::Member& member);

// The displayName of a stored group ("" when it has none).
std::string display_name_of(const scim::StoredResource& group);

// Adds the member events of a membership change to `outbox`, netting out
// members both removed and added back; returns whether any remain.
bool add_member_events(Outbox* outbox, const scim::StoredResource& group, const std::vector<scim::Member>& removed,
                       const std::vector<scim::Member>& added);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_CHANGE_EVENTS_H_
