// store::Outbox — the events and seat changes of one writing transaction.
//
// A write collects its events (scim::Event with type, resource, version,
// data and changes filled in) and the change it makes to the tenant's
// active-user count, then calls flush() as the last step before COMMIT.
// flush() advances the tenant's row in tenant_counters by the number of
// events (taking that row's lock, held until COMMIT or ROLLBACK), stamps
// each event with its position, a UUID, the tenant's name and the time,
// records the day's seats when the active count moved, and inserts the
// events with their payload (scim::to_json).  Why the counter is taken
// last: doc/storage.md, "The event feed".
//
// Thread-safety: as Database; one Outbox per transaction.  Only valid
// inside Database::run().
#ifndef FASTSCIM_STORE_OUTBOX_H_
#define FASTSCIM_STORE_OUTBOX_H_

#include <string>
#include <vector>

#include "scim/event.h"
#include "store/database.h"

namespace fastscim::store {

class Outbox {
 public:
  // Requires: `db` is inside run(), with a transaction open.
  Outbox(Database& db, long long tenant_id) : db_(db), tenant_id_(tenant_id) {}

  // Queues an event; position, id, tenant, occurred_at and invitations are
  // filled in by flush().
  void add(scim::Event event) { events_.push_back(std::move(event)); }
  // Records that the write changes the tenant's active users by `delta`.
  void change_active_users(long long delta) { active_delta_ += delta; }

  // Writes what was queued (nothing when nothing was).  Call once, last
  // before Transaction::commit().  SQL errors propagate to Database::run().
  void flush();

 private:
  Database& db_;
  long long tenant_id_;
  std::vector<scim::Event> events_;
  long long active_delta_ = 0;
};

// A version 4 UUID from the CSPRNG (RES-03: unique, never reused).
std::string new_uuid();

// Whether a user whose `active` column holds `active` (SQL NULL: absent)
// takes a seat: every user whose active is not false.
inline bool takes_seat(bool is_null, bool active) { return is_null || active; }

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_OUTBOX_H_
