// fastscim-admin's API key commands, for the management API (/manage/v1):
// issue a key (the secret is printed once, only then), for every tenant or
// for one (--tenant); list and revoke keys.  Each runs manage::Api.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_APIKEY_COMMANDS_H_
#define FASTSCIM_ADMIN_APIKEY_COMMANDS_H_

#include <optional>
#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

struct ApiKeyRequest {
  std::string name;                   // issue: --name NAME; revoke: NAME
  std::optional<std::string> tenant;  // issue: --tenant T (none = every tenant)
};

struct ApiKeyListRequest {};

// apikey issue --name NAME [--tenant T]: NAME is a valid_name(); no other
// argument.
Parsed<ApiKeyRequest> parse_apikey_issue(Args args);
// apikey list: no argument.
Parsed<ApiKeyListRequest> parse_apikey_list(Args args);
// apikey revoke NAME
Parsed<ApiKeyRequest> parse_apikey_revoke(Args args);

// The apikey commands, for the command table.
std::vector<Command> apikey_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_APIKEY_COMMANDS_H_
