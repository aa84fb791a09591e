// fastscim-admin's command table and dispatch: database migrations, tenants
// and their settings, tokens, and tenant schema extensions (each group in
// its own <group>_commands.h).
//
// Each command writes human-readable text, or JSON with --json, to stdout,
// errors to stderr, and returns the process exit status (0 on success, 1 on
// a failure the operator can act on, 2 on a usage error).
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_COMMANDS_H_
#define FASTSCIM_ADMIN_COMMANDS_H_

#include <string>
#include <utility>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

// What `args` (the command line without global options) selects, decided
// without configuration or database: either a command to run with the
// remaining arguments, or text to print and an exit status.
struct Dispatch {
  const Command* command = nullptr;  // set: run it with `rest`
  Args rest;
  int status = 0;   // command == nullptr: the exit status
  std::string out;  //   what to print on stdout
  std::string err;  //   what to print on stderr
};

// No arguments: the top-level usage on stderr, status 2.  "GROUP COMMAND
// ...": that command; with --help or -h among its arguments, its usage
// line on stdout, status 0.  "GROUP --help": the group's commands on
// stdout, status 0.  An unknown command of a known group: the group's
// commands on stderr, status 2.  An unknown group: the top-level usage on
// stderr, status 2.
Dispatch dispatch(const Args& args);

// Runs `args` (e.g. {"token", "issue", "--tenant", "demo"}): dispatch(),
// then, for a command, loads the configuration (options.config_path),
// parses the command's arguments and runs it against the database.
// Returns the exit status.
int run(const Options& options, const Args& args);

// The top-level usage text.
const char* usage();

// Every command's name and usage line ({"token issue", "token issue
// --tenant NAME ..."}), in name order; for the documentation's checks.
std::vector<std::pair<std::string, std::string>> command_usages();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_COMMANDS_H_
