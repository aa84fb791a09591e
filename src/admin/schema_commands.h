// fastscim-admin's schema commands: a tenant's extension schemas (RFC 7643
// §7) — add one from a JSON file, list, show, mark required or not, and
// remove one (with --force also deleting its data from every resource).
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_SCHEMA_COMMANDS_H_
#define FASTSCIM_ADMIN_SCHEMA_COMMANDS_H_

#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

// schema add --tenant NAME|--all-tenants [--resource-type User|Group] [--required] FILE.json
struct SchemaAddRequest {
  std::string tenant;         // "" with all_tenants
  std::string resource_type;  // a built-in resource type, in its own spelling
  bool required = false;
  std::string file;  // "-" = stdin
  // A deployment-wide extension: every tenant, present and future, has it
  // (doc/policies.md).
  bool all_tenants = false;
};

// schema list / show / set / remove --tenant NAME [URN] ...
struct SchemaRequest {
  std::string tenant;
  std::string urn;           // "" for list
  bool required = false;     // set: the new value
  bool force = false;        // remove: also delete the extension's data
  bool all_tenants = false;  // list: the deployment-wide extensions alone; remove: a deployment-wide one
};

// --tenant or --all-tenants (not both) is required; exactly one FILE; --resource-type (default User)
// names a built-in resource type, matched as the registry matches names
// (EXT-01).
Parsed<SchemaAddRequest> parse_schema_add(Args args);
// --tenant or --all-tenants (not both); no other argument.
Parsed<SchemaRequest> parse_schema_list(Args args);
// --tenant is required; exactly one URN.
Parsed<SchemaRequest> parse_schema_show(Args args);
// --tenant is required; then exactly URN, "required", and true or false.
Parsed<SchemaRequest> parse_schema_set(Args args);
// --tenant (with --force optional) or --all-tenants; exactly one URN.
Parsed<SchemaRequest> parse_schema_remove(Args args);

// The schema commands, for the command table.
std::vector<Command> schema_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_SCHEMA_COMMANDS_H_
