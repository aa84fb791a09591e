// fastscim-admin's token commands: issue a tenant's bearer token (the
// secret is printed once, only then), list and revoke tokens.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_TOKEN_COMMANDS_H_
#define FASTSCIM_ADMIN_TOKEN_COMMANDS_H_

#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

struct TokenRequest {
  std::string tenant;  // --tenant NAME
  std::string name;    // issue: --name LABEL ("" = a generated one); revoke: LABEL
};

// token issue --tenant NAME [--name LABEL]: LABEL, when given, is a
// valid_name(); no other argument.
Parsed<TokenRequest> parse_token_issue(Args args);
// token list --tenant NAME: no other argument.
Parsed<TokenRequest> parse_token_list(Args args);
// token revoke --tenant NAME LABEL
Parsed<TokenRequest> parse_token_revoke(Args args);

// The token commands, for the command table.
std::vector<Command> token_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_TOKEN_COMMANDS_H_
