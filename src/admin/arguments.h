// fastscim-admin's argument parsing: the global options, and the small
// parsers every command uses for its own arguments.  Pure: nothing here
// reads the configuration, touches the database or prints.
//
// Thread-safety: pure functions over the caller's values.
#ifndef FASTSCIM_ADMIN_ARGUMENTS_H_
#define FASTSCIM_ADMIN_ARGUMENTS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace fastscim::admin {

using Args = std::vector<std::string>;

// The global options, given before or after the command.
struct Options {
  bool json = false;        // --json: machine-readable output
  std::string config_path;  // --config FILE, -c FILE, --config=FILE
};

// What the whole command line asks for.
struct CommandLine {
  enum class Action {
    kRun,      // run `args` (which may be empty: a usage error)
    kHelp,     // --help or -h before any command word: the top-level usage
    kVersion,  // --version or -V anywhere: the version
  };
  Action action = Action::kRun;
  Options options;
  Args args;  // the command and its own arguments, global options removed
};

// Parses argv[1..] (`argv` without the program name).  The first --version
// or leading --help decides at once, whatever follows.  A --config or -c
// without a following value is kept in `args` (and the command rejects it).
// config_path stays "" when not given; the caller supplies the default.
CommandLine parse_command_line(const Args& argv);

// A command's arguments were wrong: what is wrong, and the command's usage
// line (without the program name), e.g. "tenant create NAME".
struct UsageError {
  std::string message;
  std::string usage;
};

template <typename T>
using Parsed = util::Result<T, UsageError>;

inline util::Unexpected<UsageError> usage_error(std::string message, std::string usage) {
  return util::Unexpected(UsageError{std::move(message), std::move(usage)});
}

// Removes "--flag VALUE" or "--flag=VALUE" (the first one) from `args` and
// returns VALUE; nullopt, with `args` unchanged, when neither is there.  A
// trailing "--flag" without a value is not taken.
std::optional<std::string> take_flag(Args* args, const std::string& flag);

// Removes the first "--flag" from `args`; returns whether there was one.
bool take_switch(Args* args, const std::string& flag);

// True when any argument is --help or -h.
bool wants_help(const Args& args);

// Tenant and token names: 1-64 ASCII letters, digits, '-', '_' or '.'.
bool valid_name(const std::string& name);

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_ARGUMENTS_H_
