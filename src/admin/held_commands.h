// fastscim-admin's held commands (doc/policies.md, "Deprovisioning guard"):
// the deactivations and deletions the tenant's deprovision-guard holds —
// list them, approve them (their events go to the feed, the product's view
// follows SCIM) or reject them (the product keeps the users).  The same
// operations as the management API's /tenants/{t}/held (manage::Api).
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_HELD_COMMANDS_H_
#define FASTSCIM_ADMIN_HELD_COMMANDS_H_

#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

// held list --tenant T
// held approve|reject --tenant T ID…|--all
struct HeldRequest {
  std::string tenant;
  std::vector<std::string> ids;  // empty with `all`
  bool all = false;
};

// --tenant is required; nothing else.
Parsed<HeldRequest> parse_held_list(Args args);
// --tenant and either IDs or --all (not both) are required.
Parsed<HeldRequest> parse_held_approve(Args args);
Parsed<HeldRequest> parse_held_reject(Args args);

std::vector<Command> held_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_HELD_COMMANDS_H_
