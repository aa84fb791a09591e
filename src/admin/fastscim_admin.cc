// fastscim-admin — operator's tool.  See `fastscim-admin --help`.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "admin/commands.h"
#include "app/config.h"
#include "json/value.h"
#include "util/log.h"

int main(int argc, char** argv) {
  fastscim::admin::Options options;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--json") {
      options.json = true;
    } else if ((a == "--config" || a == "-c") && i + 1 < argc) {
      options.config_path = argv[++i];
    } else if (a.rfind("--config=", 0) == 0) {
      options.config_path = a.substr(9);
    } else if (a == "--version" || a == "-V") {
      std::puts("fastscim-admin " PACKAGE_VERSION);
      return 0;
    } else if (args.empty() && (a == "--help" || a == "-h")) {
      std::fputs(fastscim::admin::usage(), stdout);
      return 0;
    } else {
      args.push_back(a);
    }
  }
  if (options.config_path.empty()) options.config_path = fastscim::app::default_config_path();
  fastscim::json::init();
  fastscim::util::log::set_level(fastscim::util::log::Level::kWarn);
  return fastscim::admin::run(options, args);
}
