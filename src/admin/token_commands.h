// fastscim-admin's token commands: issue a tenant's bearer token (the
// secret is printed once, only then), optionally expiring; list, revoke and
// rotate tokens.  Each runs the operation of manage::Api that /manage/v1
// runs too.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_TOKEN_COMMANDS_H_
#define FASTSCIM_ADMIN_TOKEN_COMMANDS_H_

#include <optional>
#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

// When a token stops working: a duration from when the command runs, or a
// UTC time.
struct ExpiryArgument {
  std::optional<long long> in_seconds;
  std::optional<long long> at_unix;
};

struct TokenRequest {
  std::string tenant;  // --tenant NAME
  std::string name;    // issue: --name LABEL ("" = a generated one); revoke, rotate: LABEL
  // issue: --expires 30d | 2030-01-01T00:00:00Z (none = never).
  std::optional<ExpiryArgument> expires;
  // rotate: --overlap 24h, how long the old secret keeps working (default
  // 24h; 0s ends it at once).
  std::optional<long long> overlap_seconds;
};

// Reads --expires' value: a duration ("30d", manage/values.h) or an RFC
// 3339 UTC time.  nullopt for anything else.
std::optional<ExpiryArgument> parse_expiry(const std::string& text);

// token issue --tenant NAME [--name LABEL] [--expires WHEN]: LABEL, when
// given, is a valid_name(); WHEN as parse_expiry(), not zero; no other
// argument.
Parsed<TokenRequest> parse_token_issue(Args args);
// token list --tenant NAME: no other argument.
Parsed<TokenRequest> parse_token_list(Args args);
// token revoke --tenant NAME LABEL
Parsed<TokenRequest> parse_token_revoke(Args args);
// token rotate --tenant NAME LABEL [--overlap DURATION]
Parsed<TokenRequest> parse_token_rotate(Args args);

// The token commands, for the command table.
std::vector<Command> token_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_TOKEN_COMMANDS_H_
