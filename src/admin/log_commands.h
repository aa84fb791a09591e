// fastscim-admin's provisioning log command: a tenant's SCIM writes, newest
// first — manage::Api::provisioning_log, the call GET
// /manage/v1/tenants/{t}/log makes, with the same filters
// (manage::read_log_filter).
//
//   log --tenant NAME [--since TIME] [--until TIME] [--outcome success|failure]
//       [--status NNN] [--limit N] [--before CURSOR]
//
// TIME is YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]][Z], UTC; --since is
// inclusive, --until exclusive.  --outcome success (or ok) lists answers
// below 400, failure (or error) those from 400; --status NNN (or --outcome
// NNN) one status.  The cursor printed after a page (an entry's number)
// given as --before lists the next, older page.  Old entries are deleted by
// `events purge` with the events.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_LOG_COMMANDS_H_
#define FASTSCIM_ADMIN_LOG_COMMANDS_H_

#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"
#include "manage/repository.h"

namespace fastscim::admin {

struct LogRequest {
  std::string tenant;      // --tenant NAME
  manage::LogQuery query;  // the filters, the cursor and the limit (1..1000, default 100)
};

// log --tenant NAME [--since TIME] [--until TIME] [--outcome success|failure]
// [--status NNN] [--limit N] [--before CURSOR]; --since must be before
// --until.
Parsed<LogRequest> parse_log(Args args);

// The log command, for the command table.
std::vector<Command> log_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_LOG_COMMANDS_H_
