// fastscim-admin's setup portal command: `portal link --tenant T
// [--expires 24h] [--url ORIGIN]` prints a one-time link to tenant T's
// setup portal (doc/portal.md), the secret in it shown only then.  The page
// is at ORIGIN/portal/; ORIGIN defaults to that of the configuration's
// public_url (the Tenant URL `make run` prints).  Runs manage::Portal.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_PORTAL_COMMANDS_H_
#define FASTSCIM_ADMIN_PORTAL_COMMANDS_H_

#include <optional>
#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

struct PortalLinkRequest {
  std::string tenant;
  std::optional<long long> seconds;  // --expires (nullopt: the default, 24 hours)
  std::string origin;                // --url ("" = public_url's origin)
};

// portal link --tenant T [--expires DURATION] [--url https://host[:port]]
Parsed<PortalLinkRequest> parse_portal_link(Args args);

// The portal commands, for the command table.
std::vector<Command> portal_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_PORTAL_COMMANDS_H_
