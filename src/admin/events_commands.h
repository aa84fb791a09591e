// fastscim-admin's event feed and seat commands: list and follow a
// tenant's events, purge old events (for cron), and show its seats.  The
// feed and the seats are read through manage::Api (the calls of GET
// /manage/v1/tenants/{t}/events and …/seats), with the same JSON.
//
//   events list --tenant NAME [--after CURSOR] [--limit N]
//   events follow --tenant NAME [--after CURSOR]
//   events purge [--days N]
//   seats --tenant NAME [--from DAY] [--to DAY]
//
// A cursor is an event's position in decimal ("0": from the beginning).
// `follow` polls once a second, prints each new event as one JSON line and
// exits 0 on SIGINT or SIGTERM.  `purge` deletes events and provisioning
// log entries older than N days (default: the configuration's
// events_retention_days), in small batches.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_EVENTS_COMMANDS_H_
#define FASTSCIM_ADMIN_EVENTS_COMMANDS_H_

#include <optional>
#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

struct EventsRequest {
  std::string tenant;       // --tenant NAME
  long long after = 0;      // --after CURSOR
  long long limit = 100;    // --limit N, 1..1000
  std::optional<int> days;  // purge: --days N, 1..36500
  std::string from, to;     // seats: --from/--to YYYY-MM-DD ("" = unbounded)
};

// events list --tenant NAME [--after CURSOR] [--limit N]: CURSOR a
// non-negative integer, N 1..1000.
Parsed<EventsRequest> parse_events_list(Args args);
// events follow --tenant NAME [--after CURSOR]
Parsed<EventsRequest> parse_events_follow(Args args);
// events purge [--days N]
Parsed<EventsRequest> parse_events_purge(Args args);
// seats --tenant NAME [--from DAY] [--to DAY]: DAY is YYYY-MM-DD, from <= to.
Parsed<EventsRequest> parse_seats(Args args);

// The event and seat commands, for the command table.
std::vector<Command> events_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_EVENTS_COMMANDS_H_
