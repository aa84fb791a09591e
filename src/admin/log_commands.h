// fastscim-admin's provisioning log command: a tenant's SCIM writes, newest
// first (store/provisioning_log_repository.h).
//
//   log --tenant NAME [--since TIME] [--until TIME] [--outcome ok|error|NNN]
//       [--limit N] [--before CURSOR]
//
// TIME is YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]][Z], UTC; --since is
// inclusive, --until exclusive.  --outcome ok lists answers below 400,
// error those from 400, NNN one status.  The cursor printed after a page
// (an entry's number) given as --before lists the next, older page.  Old
// entries are deleted by `events purge` with the events.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_LOG_COMMANDS_H_
#define FASTSCIM_ADMIN_LOG_COMMANDS_H_

#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"
#include "store/provisioning_log_repository.h"

namespace fastscim::admin {

struct LogRequest {
  std::string tenant;     // --tenant NAME
  store::LogQuery query;  // the filters, the cursor and the limit (1..1000, default 100)
};

// log --tenant NAME [--since TIME] [--until TIME] [--outcome ok|error|NNN]
// [--limit N] [--before CURSOR]; --since must be before --until.
Parsed<LogRequest> parse_log(Args args);

// The log command, for the command table.
std::vector<Command> log_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_LOG_COMMANDS_H_
