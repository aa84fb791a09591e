// store::Outbox — the events and seat changes of one writing transaction.
//
// A write collects its events (scim::Event with type, resource, version,
// data and changes filled in) and the change it makes to the tenant's
// active-user count, then calls flush() before COMMIT.  flush() inserts the
// events, each with a UUID and the time, and no position: the sequencer
// (store/event_sequencer.h) numbers them once they are committed, so
// writers of one tenant never wait for each other here (doc/storage.md,
// "The event feed").  The seat change rides on the first event and is
// counted when that event is numbered.
//
// Thread-safety: as Database; one Outbox per transaction.  Only valid
// inside Database::run().
#ifndef FASTSCIM_STORE_OUTBOX_H_
#define FASTSCIM_STORE_OUTBOX_H_

#include <optional>
#include <string>
#include <vector>

#include "scim/event.h"
#include "store/database.h"

namespace fastscim::store {

class Outbox {
 public:
  // Requires: `db` is inside run(), with a transaction open.  An Outbox
  // that is not `recording` (configuration `events = off`) writes nothing.
  Outbox(Database& db, long long tenant_id, bool recording = true)
      : db_(db), tenant_id_(tenant_id), recording_(recording) {}

  // Whether events are kept: callers skip building events that would be
  // dropped.
  bool recording() const { return recording_; }

  // Queues an event; id, occurred_at and invitations are filled in by
  // flush(), position and tenant by the sequencer.
  void add(scim::Event event) {
    if (recording_) events_.push_back(std::move(event));
  }
  // Records that the write changes the tenant's active users by `delta`.
  void change_active_users(long long delta) {
    if (recording_) active_delta_ += delta;
  }

  // The tenant's invitations setting as stored, for a caller that read it
  // in this transaction already: flush() then does not read it again for
  // a user.created event.
  void set_invitations(const std::string& stored);

  // Withholds what is queued: flush() writes it into held_events under the
  // held change `hold_id` instead of the feed (the deprovisioning guard,
  // store/deprovision_guard.h), for an admin to release or drop.
  void hold(long long hold_id) { hold_id_ = hold_id; }
  // The seat change queued so far.
  long long active_delta() const { return active_delta_; }

  // Writes what was queued (nothing when nothing was).  Call once, before
  // Transaction::commit().  SQL errors propagate to Database::run(); a seat
  // change without an event is an internal error (every change of `active`
  // is a user event).
  void flush();

 private:
  Database& db_;
  long long tenant_id_;
  bool recording_;
  std::vector<scim::Event> events_;
  long long active_delta_ = 0;
  long long hold_id_ = 0;  // 0: not held
  std::optional<std::string> invitations_;
};

// A version 4 UUID from the CSPRNG (RES-03: unique, never reused).
std::string new_uuid();

// Whether a user whose `active` column holds `active` (SQL NULL: absent)
// takes a seat: every user whose active is not false.
inline bool takes_seat(bool is_null, bool active) { return is_null || active; }

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_OUTBOX_H_
