#include "store/event_sequencer.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <cppconn/resultset.h>

#include "store/statements.h"

namespace fastscim::store {

namespace {

struct Unnumbered {
  long long seq = 0;
  int seat_change = 0;
  std::string day;  // YYYY-MM-DD, UTC
};

struct SeatDayChange {
  std::string day;
  long long active_max = 0;
  long long active_end = 0;
};

bool has_unnumbered(Database& db, long long tenant_id) {
  bool found = false;
  auto read = db.run(Idempotence::kRead, [&](sql::Connection&) {
    auto& s = db.prepare(sql_text::kHasUnsequencedEvents);
    s.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    found = rows->next();
  });
  // A failed check is answered by the numbering pass, which reports it.
  return !read || found;
}

// Numbers one batch; returns how many events it numbered.
scim::Result<size_t> number_batch(Database& db, long long tenant_id, int batch) {
  size_t numbered = 0;
  auto done = db.run(Idempotence::kWrite, [&](sql::Connection& connection) {
    numbered = 0;
    Transaction tx(connection);
    auto& lock = db.prepare(sql_text::kLockTenantCounters);
    lock.setInt64(1, tenant_id);
    lock.executeUpdate();
    // The first plain read takes this transaction's snapshot: after the
    // lock, so it sees every event committed until now.
    auto& counters = db.prepare(sql_text::kSelectTenantCounters);
    counters.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> row(counters.executeQuery());
    if (!row->next()) return;  // the tenant is being deleted
    long long position = row->getInt64(1);
    long long active = row->getInt64(2);
    row.reset();

    std::vector<Unnumbered> events;
    auto& select = db.prepare(sql_text::kSelectUnsequencedEvents);
    select.setInt64(1, tenant_id);
    select.setInt(2, batch);
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    while (rows->next()) {
      events.push_back({rows->getInt64(1), rows->getInt(2), rows->getString(3)});
    }
    rows.reset();
    if (events.empty()) return;

    std::vector<SeatDayChange> days;
    for (const Unnumbered& event : events) {
      ++position;
      auto& update = db.prepare(sql_text::kSetEventPosition);
      update.setInt64(1, position);
      update.setInt64(2, event.seq);
      update.executeUpdate();
      if (event.seat_change == 0) continue;
      active += event.seat_change;
      if (days.empty() || days.back().day != event.day) days.push_back({event.day, active, active});
      days.back().active_max = std::max(days.back().active_max, active);
      days.back().active_end = active;
    }
    for (const SeatDayChange& day : days) {
      auto& seats = db.prepare(sql_text::kRecordSeatDay);
      seats.setInt64(1, tenant_id);
      seats.setString(2, day.day);
      seats.setInt64(3, day.active_max);
      seats.setInt64(4, day.active_end);
      seats.executeUpdate();
    }
    auto& advance = db.prepare(sql_text::kUpdateTenantCounters);
    advance.setInt64(1, position);
    advance.setInt64(2, active);
    advance.setInt64(3, tenant_id);
    advance.executeUpdate();
    tx.commit();
    numbered = events.size();
  });
  if (!done) return scim::fail(done.error());
  return numbered;
}

}  // namespace

scim::Result<void> sequence_events(Database& db, long long tenant_id, int batch) {
  if (!has_unnumbered(db, tenant_id)) return {};
  for (;;) {
    auto numbered = number_batch(db, tenant_id, batch);
    if (!numbered) return scim::fail(numbered.error());
    if (*numbered < static_cast<size_t>(batch)) return {};
  }
}

}  // namespace fastscim::store
