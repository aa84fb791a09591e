// One fastscim-admin command: its name, its usage line, and how it turns
// its arguments into something to run.  Each command group (db_commands,
// tenant_commands, token_commands, schema_commands) lists its commands;
// commands.cc puts them in one table and dispatches.
//
// Parsing is kept apart from running so that a command's arguments are
// checked, and can be tested, without a configuration or a database.
//
// Thread-safety: the tables are built once and then only read.
#ifndef FASTSCIM_ADMIN_COMMAND_H_
#define FASTSCIM_ADMIN_COMMAND_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "admin/arguments.h"
#include "store/database.h"

namespace fastscim::admin {

// A parsed command, ready to run against the database; returns the exit
// status (admin/output.h).
using Action = std::function<int(const Options&, store::Database&)>;

struct Command {
  std::string name;   // "token issue"
  std::string usage;  // "token issue --tenant NAME [--name LABEL]"
  // Parses the arguments that follow the name; the Action to run, or the
  // UsageError to report.  Touches neither configuration nor database.
  std::function<Parsed<Action>(const Args&)> parse;
};

// The Command::parse of a command made of a pure `parse` step producing a
// Request and an `execute` step running it.
template <typename Request>
std::function<Parsed<Action>(const Args&)> parse_then(Parsed<Request> (*parse)(Args),
                                                      int (*execute)(const Options&, store::Database&,
                                                                     const Request&)) {
  return [parse, execute](const Args& args) -> Parsed<Action> {
    Parsed<Request> request = parse(args);
    if (!request) return util::Unexpected(std::move(request).error());
    return Action(
        [execute, r = std::move(*request)](const Options& o, store::Database& db) { return execute(o, db, r); });
  };
}

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_COMMAND_H_
