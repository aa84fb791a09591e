// fastscim-admin — operator's tool.  See `fastscim-admin --help`.
#include <cstdio>
#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/commands.h"
#include "app/config.h"
#include "json/value.h"
#include "util/log.h"

int main(int argc, char** argv) {
  using fastscim::admin::CommandLine;
  CommandLine line = fastscim::admin::parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
  switch (line.action) {
    case CommandLine::Action::kVersion: std::puts("fastscim-admin " PACKAGE_VERSION); return 0;
    case CommandLine::Action::kHelp: std::fputs(fastscim::admin::usage(), stdout); return 0;
    case CommandLine::Action::kRun: break;
  }
  if (line.options.config_path.empty()) line.options.config_path = fastscim::app::default_config_path();
  fastscim::json::init();
  fastscim::util::log::set_level(fastscim::util::log::Level::kWarn);
  return fastscim::admin::run(line.options, line.args);
}
