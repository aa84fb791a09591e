// fastscim-admin's user commands: `user import --tenant T FILE.jsonl`, the
// product's existing accounts as locally owned users (doc/policies.md,
// "Accounts that existed before provisioning"), one SCIM User JSON object
// per line, each stored as POST /manage/v1/tenants/{t}/users stores it.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_USER_COMMANDS_H_
#define FASTSCIM_ADMIN_USER_COMMANDS_H_

#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

// user import --tenant NAME [--progress-every N] FILE.jsonl
struct UserImportRequest {
  std::string tenant;
  std::string file;                 // "-" = stdin
  long long progress_every = 1000;  // a progress line on stderr every N lines
};

// --tenant is required; exactly one FILE; --progress-every a positive number.
Parsed<UserImportRequest> parse_user_import(Args args);

// The user commands, for the command table.
std::vector<Command> user_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_USER_COMMANDS_H_
