// fastscim-admin's template and deleted-user commands (doc/policies.md): a
// tenant's creation templates — add one from a JSON file of the values it
// sets, list them in evaluation order, remove one — and the users deleted
// through SCIM that are still restorable: list them, restore one.  The same
// operations as the management API's /tenants/{t}/templates and
// /deleted-users (manage::Api).
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_TEMPLATE_COMMANDS_H_
#define FASTSCIM_ADMIN_TEMPLATE_COMMANDS_H_

#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

// template add --tenant T --name NAME --when FILTER [--position N] FILE.json
// template list --tenant T
// template remove --tenant T NAME
struct TemplateCommandRequest {
  std::string tenant;
  std::string name;
  std::string when;
  long long position = 0;  // 0 = last
  std::string file;        // "-" = stdin
};

// --tenant, --name, --when and one FILE are required; --position is 1 or more.
Parsed<TemplateCommandRequest> parse_template_add(Args args);
// --tenant is required; nothing else.
Parsed<TemplateCommandRequest> parse_template_list(Args args);
// --tenant and one NAME are required.
Parsed<TemplateCommandRequest> parse_template_remove(Args args);
// user deleted --tenant T: the users deleted through SCIM, still restorable.
Parsed<TemplateCommandRequest> parse_user_deleted(Args args);
// user restore --tenant T ID (the ID in `name`).
Parsed<TemplateCommandRequest> parse_user_restore(Args args);

std::vector<Command> template_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_TEMPLATE_COMMANDS_H_
