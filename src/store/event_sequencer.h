// store::sequence_events — numbers a tenant's committed events.
//
// Writers insert their events without a position (store/outbox.h).  Before
// anything reads the feed, the seats or a new endpoint's starting point,
// the reader calls sequence_events(): under the tenant's counter row lock
// it gives every event that has committed and has no position the next
// positions, in the order of its row number, counts the events' seat
// changes into tenant_counters and seat_days, and commits.  The payload is
// left as the write stored it; readers add the tenant and position
// (scim::numbered_event_text).
//
// Why this keeps the feed's promise (doc/storage.md, "The event feed"): a
// position is only ever given to a committed event and only above every
// position given before, so a reader that has seen P can never later find
// an event below P it did not see; positions stay dense because a
// rolled-back write never had one.  Two events of one resource are numbered
// in the order their writes committed: the second write waited for the
// first one's row lock, so it inserted its event (and took its row number)
// after the first had committed.
//
// Thread-safety: as Database.  Sequencers of one tenant queue on its counter
// row; writers never do.
#ifndef FASTSCIM_STORE_EVENT_SEQUENCER_H_
#define FASTSCIM_STORE_EVENT_SEQUENCER_H_

#include "scim/error.h"
#include "store/database.h"

namespace fastscim::store {

// Numbers every committed, unnumbered event of the tenant, `batch` per
// transaction.  Cheap (one indexed read) when there is none.  Must not be
// called inside Database::run().
scim::Result<void> sequence_events(Database& db, long long tenant_id, int batch = 5000);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_EVENT_SEQUENCER_H_
