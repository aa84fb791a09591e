#include "store/event_repository.h"

#include <ctime>
#include <memory>

#include <cppconn/resultset.h>

#include "scim/event.h"
#include "store/event_sequencer.h"
#include "store/retention.h"
#include "store/statements.h"

namespace fastscim::store {

bool valid_day(const std::string& day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
  std::tm tm{};
  const char* end = strptime(day.c_str(), "%Y-%m-%d", &tm);
  if (end == nullptr || *end != '\0') return false;
  // strptime accepts 2026-02-31; a round trip through timegm does not.
  std::tm copy = tm;
  time_t t = timegm(&copy);
  std::tm back{};
  gmtime_r(&t, &back);
  return back.tm_mday == tm.tm_mday && back.tm_mon == tm.tm_mon;
}

scim::Result<std::vector<StoredEvent>> EventRepository::list(long long tenant_id, long long after_position,
                                                             long long limit) {
  if (auto numbered = sequence_events(db_, tenant_id); !numbered) return scim::fail(numbered.error());
  std::vector<StoredEvent> events;
  auto read = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    events.clear();
    auto& s = db_.prepare(sql_text::kListEvents);
    s.setInt64(1, tenant_id);
    s.setInt64(2, after_position);
    s.setInt64(3, limit);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) {
      const long long position = rows->getInt64(1);
      const std::string stored = rows->getString(2);
      events.push_back({position, scim::numbered_event_text(stored, rows->getString(3), position)});
    }
  });
  if (!read) return scim::fail(read.error());
  return events;
}

scim::Result<Seats> EventRepository::seats(long long tenant_id, const std::string& from_day,
                                           const std::string& to_day) {
  if (!valid_day(from_day))
    return scim::fail(scim::Error::invalid_value("\"" + from_day + "\" is not a YYYY-MM-DD day"));
  if (!valid_day(to_day)) return scim::fail(scim::Error::invalid_value("\"" + to_day + "\" is not a YYYY-MM-DD day"));
  if (auto numbered = sequence_events(db_, tenant_id); !numbered) return scim::fail(numbered.error());
  Seats seats;
  auto read = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    seats = Seats();
    auto& now = db_.prepare(sql_text::kSelectSeats);
    now.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> row(now.executeQuery());
    row->next();
    seats.active_users = row->getInt64(1);
    seats.today = row->getString(2);
    row.reset();
    auto& days = db_.prepare(sql_text::kSelectSeatDays);
    days.setInt64(1, tenant_id);
    days.setString(2, from_day);
    days.setString(3, to_day);
    std::unique_ptr<sql::ResultSet> rows(days.executeQuery());
    while (rows->next()) seats.days.push_back({rows->getString(1), rows->getInt64(2), rows->getInt64(3)});
  });
  if (!read) return scim::fail(read.error());
  return seats;
}

scim::Result<long long> EventRepository::purge(int retention_days, int batch) {
  return purge_per_tenant(db_, sql_text::kPurgeEvents, retention_days, batch);
}

}  // namespace fastscim::store
