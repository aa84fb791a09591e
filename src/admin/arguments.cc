#include "admin/arguments.h"

#include "manage/values.h"

namespace fastscim::admin {

CommandLine parse_command_line(const Args& argv) {
  CommandLine line;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--json") {
      line.options.json = true;
    } else if ((a == "--config" || a == "-c") && i + 1 < argv.size()) {
      line.options.config_path = argv[++i];
    } else if (a.rfind("--config=", 0) == 0) {
      line.options.config_path = a.substr(9);
    } else if (a == "--version" || a == "-V") {
      line.action = CommandLine::Action::kVersion;
      return line;
    } else if (line.args.empty() && (a == "--help" || a == "-h")) {
      line.action = CommandLine::Action::kHelp;
      return line;
    } else {
      line.args.push_back(a);
    }
  }
  return line;
}

std::optional<std::string> take_flag(Args* args, const std::string& flag) {
  for (size_t i = 0; i < args->size(); ++i) {
    if ((*args)[i] == flag && i + 1 < args->size()) {
      std::string value = (*args)[i + 1];
      args->erase(args->begin() + static_cast<long>(i), args->begin() + static_cast<long>(i) + 2);
      return value;
    }
    if ((*args)[i].rfind(flag + "=", 0) == 0) {
      std::string value = (*args)[i].substr(flag.size() + 1);
      args->erase(args->begin() + static_cast<long>(i));
      return value;
    }
  }
  return std::nullopt;
}

bool take_switch(Args* args, const std::string& flag) {
  for (size_t i = 0; i < args->size(); ++i) {
    if ((*args)[i] == flag) {
      args->erase(args->begin() + static_cast<long>(i));
      return true;
    }
  }
  return false;
}

bool wants_help(const Args& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

bool valid_name(const std::string& name) { return manage::valid_name(name); }

}  // namespace fastscim::admin
