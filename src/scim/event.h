// scim::Event — one entry of a tenant's event feed, and the draft the core
// hands the repository with every write.
//
// Every committed change produces events written in the same transaction
// (scim/repository.h).  The core knows what a client sees (the SCIM
// representation: meta, location, no password) and which attributes a
// write changed; the repository knows, inside its transaction, the record
// as stored, the version, the time and the event's position.  So the
// service passes an EventDraft (a function from the stored record to the
// event's `data`, plus the changed attributes and their previous values)
// and the repository completes an Event and serialises it with to_json().
//
// Wire form (doc/events.md; the payload a consumer receives):
//   {"tenant": "<tenant name>", "position": 17, "cursor": "17", "id": "<uuid>",
//    "type": "user.updated", "occurred_at": "2026-12-01T10:00:00.123Z",
//    "resource": {"type": "User", "id": "<uuid>", "version": 4},
//    "data": {... the record after the change ...},
//    "changed": ["displayName"], "previous": {"displayName": "Old"},   (updates)
//    "invitations": "off",                                              (user.created)
//    "policies": [{"policy": "link-existing", …},                       (when a policy applied,
//                 {"policy": "template", "name": "sales"},               doc/policies.md)
//                 {"policy": "overrides", "paths": ["title"]}]}
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_EVENT_H_
#define FASTSCIM_SCIM_EVENT_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "scim/outcome.h"
#include "scim/override.h"
#include "scim/repository.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

struct Event {
  std::string id;           // a UUID, unique across the feed
  std::string tenant;       // the tenant's name
  std::string type;         // event_type(): "user.created", "group.member_added", …
  std::string occurred_at;  // xsd:dateTime, UTC, milliseconds
  long long position = 0;   // per tenant, dense, in commit order; the cursor is its decimal form
  std::string resource_type;
  std::string resource_id;
  long long version = 0;  // the resource's version after the change
  json::Value data;
  std::vector<std::string> changed;        // updates: the attributes that changed
  json::Value previous;                    // updates: their values before (null: absent)
  std::optional<std::string> invitations;  // user.created: the tenant's invitations setting
  // The provisioning policies the write applied (doc/policies.md), each
  // {"policy": NAME, …what it did}; absent or empty: none.
  json::Value policies;
  // Users (doc/policies.md): the paths whose value is the product's own
  // (overrides.h), and the creation template that applied (user.created).
  // to_json() lists them in `policies` too, after the others:
  // {"policy": "template", "name"} and {"policy": "overrides", "paths"}.
  std::vector<std::string> overridden;
  std::optional<std::string> template_name;
};

// "user.created", "group.updated", "group.member_added", …: the resource
// type in lower case, a dot, the change.
std::string event_type(const std::string& resource_type, ChangeKind kind);

// The data of a member event: {"group": {"id", "displayName"},
// "member": {"value", "type", "display"}}.
json::Value member_event_data(const std::string& group_id, const std::string& group_display, const Member& member);

// The event as a consumer receives it (the shape above).  Without a
// tenant and a position (the form a write stores: the sequencer numbers it
// after commit), those members are left out.
json::Value to_json(const Event& event);

// The stored text of an event (to_json() without tenant and position, as
// json::dump writes it) with its tenant and position added: exactly
// json::dump(to_json()) of the numbered event, without parsing the stored
// text again.
std::string numbered_event_text(std::string_view stored, const std::string& tenant, long long position);

// The provisioning-log entry of a write that succeeds, stored by the
// repository in the write's own transaction, so a write costs one commit
// (http/provisioning_log.h says what the log holds).  The layer that
// answers the client fills in the request's side and how an outcome is
// answered; the core says which outcome the success has (EventDraft); the
// repository adds the resource's id and name and sets `recorded` and
// `status` once the write committed.  A write that fails is logged by the
// answering layer instead.
struct WriteLog {
  std::string method;                         // POST, PUT, PATCH or DELETE
  std::string user_agent;                     // "" when absent
  std::function<int(OutcomeKind)> status_of;  // the status an outcome is answered with
  bool recorded = false;
  int status = 0;  // the status recorded
  // What the write's provisioning policies did, as the entry's detail
  // (doc/policies.md); set by the repository, "" = nothing.
  std::string applied;
};

// What the core tells the repository about one write.
struct EventDraft {
  // The event's `data`: the record a client would see, from what the
  // repository stored (after the change; for a delete, the last record).
  // Absent: the stored document with its id.
  std::function<json::Value(const StoredResource&)> describe;
  // Updates: the top-level attributes the write changes and their values
  // before it (attribute_changes()).
  std::vector<std::string> changed;
  json::Value previous;

  // The write's provisioning-log entry (nullptr: none), and the outcome a
  // success is answered with.
  WriteLog* log = nullptr;
  OutcomeKind outcome = OutcomeKind::kOk;

  // A create of a user the product owns (Context::local_owner): stored
  // with origin 'local', and never adopts another (doc/policies.md).
  bool local_owner = false;
  // A create: the creation template that matched ("" = none) and the
  // overrides it sets (templates.h), stored in the same transaction.
  std::string template_name;
  Overrides template_values;

  json::Value data(const StoredResource& stored) const;
};

// The top-level attributes that differ between documents `before` and
// `after` (schemas, id, meta, members and groups aside), in `after`'s
// order then `before`'s; `previous` maps each to its value in `before`
// (null when absent).  A value never returned (the password hash, ATT-18)
// is named in `changed` but has no previous value.
void attribute_changes(const SchemaRegistry& registry, const ResourceType& type, const json::Value& before,
                       const json::Value& after, EventDraft* draft);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_EVENT_H_
