// fastscim-admin's database commands: `db migrate` applies the pending
// migrations of sql/ (store/migrate.h), `db status` lists applied and
// pending ones.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_DB_COMMANDS_H_
#define FASTSCIM_ADMIN_DB_COMMANDS_H_

#include <optional>
#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

struct MigrationsRequest {
  // --sql-dir DIR; when absent, the configuration's sql_dir, then
  // app::default_sql_dir().
  std::optional<std::string> sql_dir;
};

// db migrate [--sql-dir DIR]: any other argument is a usage error.
Parsed<MigrationsRequest> parse_db_migrate(Args args);

// db status [--sql-dir DIR]: other arguments are ignored.
Parsed<MigrationsRequest> parse_db_status(Args args);

// The db commands, for the command table.
std::vector<Command> db_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_DB_COMMANDS_H_
