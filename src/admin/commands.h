// fastscim-admin's commands: database migrations, tenants and their settings,
// tokens, and tenant schema extensions.
//
// Each command writes human-readable text, or JSON with --json, to stdout,
// errors to stderr, and returns the process exit status (0 on success, 1 on
// a failure the operator can act on, 2 on a usage error).
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_COMMANDS_H_
#define FASTSCIM_ADMIN_COMMANDS_H_

#include <string>
#include <vector>

#include "app/config.h"

namespace fastscim::admin {

struct Options {
  bool json = false;
  std::string config_path;
};

// Runs `args` (e.g. {"token", "issue", "--tenant", "demo"}).
int run(const Options& options, const std::vector<std::string>& args);

// The top-level usage text.
const char* usage();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_COMMANDS_H_
