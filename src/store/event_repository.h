// store::EventRepository — the read side of the event feed and the seat
// counters, and the retention purge.
//
// Events are read per tenant in position order (dense, in commit order:
// store/event_sequencer.h, doc/storage.md "The event feed"), each as the
// JSON text a consumer receives (scim/event.h); list() and seats() number
// the tenant's newly committed events first.  A reader keeps the position of
// the last event it handled and asks for what comes after it; positions
// only grow, and a purge removes the oldest events without renumbering.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_EVENT_REPOSITORY_H_
#define FASTSCIM_STORE_EVENT_REPOSITORY_H_

#include <string>
#include <vector>

#include "scim/error.h"
#include "store/database.h"

namespace fastscim::store {

struct StoredEvent {
  long long position = 0;
  std::string payload;  // the event as JSON text
};

struct SeatDay {
  std::string day;  // YYYY-MM-DD, UTC
  long long active_max = 0;
  long long active_end = 0;
};

struct Seats {
  long long active_users = 0;  // now: users whose active is not false
  std::string today;           // YYYY-MM-DD, UTC, by the database's clock
  std::vector<SeatDay> days;   // the days asked for that had a change, in order
};

class EventRepository {
 public:
  // Requires: `db` outlives the repository.
  explicit EventRepository(Database& db) : db_(db) {}

  // At most `limit` events of the tenant with a position above
  // `after_position`, in position order.  Requires limit > 0.
  // kUnavailable when the database cannot be reached.
  scim::Result<std::vector<StoredEvent>> list(long long tenant_id, long long after_position, long long limit);

  // The tenant's seats now, and its daily history from `from_day` to
  // `to_day` (YYYY-MM-DD, inclusive).  kInvalid for a malformed day.
  scim::Result<Seats> seats(long long tenant_id, const std::string& from_day, const std::string& to_day);

  // Deletes every tenant's events older than `retention_days`, `batch`
  // rows per statement, each statement its own transaction, so writers
  // never wait behind one large DELETE.  Returns how many were deleted.
  scim::Result<long long> purge(int retention_days, int batch = 1000);

 private:
  Database& db_;
};

// True when `day` is a valid YYYY-MM-DD date.
bool valid_day(const std::string& day);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_EVENT_REPOSITORY_H_
