// fastscim-admin's policy commands: the deployment-wide provisioning
// policies (doc/policies.md) — `policy set unique-across-tenants
// emails,mobile|off` and `policy show`.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_POLICY_COMMANDS_H_
#define FASTSCIM_ADMIN_POLICY_COMMANDS_H_

#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"
#include "scim/identifiers.h"

namespace fastscim::admin {

// policy set unique-across-tenants VALUE
struct PolicySetRequest {
  scim::IdentifierScope unique_across_tenants;
};

struct PolicyShowRequest {};

// Exactly a policy name (unique-across-tenants) and its value ("off" or a
// comma list of emails and mobile).
Parsed<PolicySetRequest> parse_policy_set(Args args);
// No argument.
Parsed<PolicyShowRequest> parse_policy_show(Args args);

// The policy commands, for the command table.
std::vector<Command> policy_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_POLICY_COMMANDS_H_
