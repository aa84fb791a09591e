// fastscimd — the fastscim FastCGI server.  See `fastscimd --help`.
#include <getopt.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "app/allocator.h"
#include "app/config.h"
#include "app/supervisor.h"
#include "app/systemd.h"
#include "app/worker.h"
#include "json/value.h"
#include "store/database.h"
#include "util/log.h"
#include "util/metrics.h"

namespace {

using fastscim::app::Config;
namespace log = fastscim::util::log;

const char kUsage[] =
    "Usage: fastscimd [OPTIONS]\n"
    "\n"
    "Serves the SCIM 2.0 API over FastCGI to nginx or Apache.\n"
    "\n"
    "How it runs is chosen by what it finds:\n"
    "  a socket passed by systemd (LISTEN_FDS; fastscimd.socket)\n"
    "        the supervisor below on that socket, telling systemd when it is\n"
    "        ready (Type=notify);\n"
    "  --listen ADDR (or `listen` in the configuration)\n"
    "        a supervisor that pre-forks --workers processes of --threads\n"
    "        threads on ADDR, restarts crashed workers, drains on SIGTERM,\n"
    "        reloads on SIGHUP and reopens its log on SIGUSR1 (for nginx or\n"
    "        Apache mod_proxy_fcgi);\n"
    "  a listening socket on standard input\n"
    "        one worker on that socket (Apache mod_fcgid, spawn-fcgi);\n"
    "  GATEWAY_INTERFACE set\n"
    "        one plain CGI request.\n"
    "\n"
    "Options:\n"
    "  -c, --config FILE    configuration file (default: $FASTSCIM_CONFIG, the\n"
    "                       instance `make run` started, or\n"
    "                       $sysconfdir/fastscim/fastscim.conf)\n"
    "  -l, --listen ADDR    unix:/path/to.sock or host:port\n"
    "  -w, --workers N      worker processes (default 2)\n"
    "  -t, --threads N      threads per worker (default 4)\n"
    "  -p, --pid-file FILE  write the supervisor's pid here\n"
    "      --check-config   load the configuration, print it (no secrets), exit\n"
    "  -h, --help           show this help\n"
    "  -V, --version        show the version\n"
    "\n"
    "Every configuration key can also be set as FASTSCIM_<KEY>, e.g.\n"
    "FASTSCIM_DB_SOCKET=/run/mysqld/mysqld.sock.  The database password is\n"
    "read from the file named by db_password_file, never from the command line.\n"
    "Unless GLIBC_TUNABLES is set, fastscimd sets it to a larger per-thread\n"
    "memory cache and executes itself once more (fastscimd(8), ENVIRONMENT).\n";

bool stdin_is_listening_socket() {
  struct stat st;
  if (fstat(STDIN_FILENO, &st) != 0 || !S_ISSOCK(st.st_mode)) return false;
  int listening = 0;
  socklen_t len = sizeof listening;
  return getsockopt(STDIN_FILENO, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening;
}

struct Overrides {
  std::string listen;
  int workers = 0;
  int threads = 0;
  std::string pid_file;
};

void apply(const Overrides& o, Config* config) {
  if (!o.listen.empty()) config->listen = o.listen;
  if (o.workers > 0) config->workers = o.workers;
  if (o.threads > 0) config->threads = o.threads;
  if (!o.pid_file.empty()) config->pid_file = o.pid_file;
}

bool setup_logging(const Config& config) {
  log::Level level;
  if (log::parse_level(config.log_level, &level)) log::set_level(level);
  log::Format format;
  if (log::parse_format(config.log_format, &format)) log::set_format(format);
  fastscim::util::metrics::set_top_tenants(config.metrics_top_tenants);
  if (!config.log_file.empty() && !log::open_file(config.log_file)) {
    std::fprintf(stderr, "fastscimd: cannot open log file %s\n", config.log_file.c_str());
    return false;
  }
  return true;
}

int parse_count(const char* text, const char* what) {
  char* end = nullptr;
  long n = std::strtol(text, &end, 10);
  if (*end != '\0' || n < 1 || n > 256) {
    std::fprintf(stderr, "fastscimd: %s must be a number from 1 to 256, not \"%s\"\n", what, text);
    std::exit(2);
  }
  return static_cast<int>(n);
}

}  // namespace

int main(int argc, char** argv) {
  // First: before anything prints, opens a file or starts a thread, and
  // before getopt reorders argv.
  fastscim::app::tune_allocator(argv);
  std::string config_path;
  Overrides overrides;
  bool check_only = false;
  static const option kOptions[] = {{"config", required_argument, nullptr, 'c'},
                                    {"listen", required_argument, nullptr, 'l'},
                                    {"workers", required_argument, nullptr, 'w'},
                                    {"threads", required_argument, nullptr, 't'},
                                    {"pid-file", required_argument, nullptr, 'p'},
                                    {"check-config", no_argument, nullptr, 'C'},
                                    {"help", no_argument, nullptr, 'h'},
                                    {"version", no_argument, nullptr, 'V'},
                                    {nullptr, 0, nullptr, 0}};
  int opt;
  while ((opt = getopt_long(argc, argv, "c:l:w:t:p:hV", kOptions, nullptr)) != -1) {
    switch (opt) {
      case 'c': config_path = optarg; break;
      case 'l': overrides.listen = optarg; break;
      case 'w': overrides.workers = parse_count(optarg, "--workers"); break;
      case 't': overrides.threads = parse_count(optarg, "--threads"); break;
      case 'p': overrides.pid_file = optarg; break;
      case 'C': check_only = true; break;
      case 'h': std::fputs(kUsage, stdout); return 0;
      case 'V': std::puts("fastscimd " PACKAGE_VERSION); return 0;
      default: std::fputs("Try 'fastscimd --help'.\n", stderr); return 2;
    }
  }
  if (optind < argc) {
    std::fprintf(stderr, "fastscimd: unexpected argument \"%s\"\nTry 'fastscimd --help'.\n", argv[optind]);
    return 2;
  }
  if (config_path.empty()) config_path = fastscim::app::default_config_path();

  auto loaded = fastscim::app::load_config(config_path);
  if (!loaded) {
    std::fprintf(stderr, "fastscimd: %s\n", loaded.error().c_str());
    return 1;
  }
  Config config = std::move(loaded.value());
  apply(overrides, &config);
  if (check_only) {
    std::printf("config: %s\nlisten: %s\nworkers: %d\nthreads: %d\ndatabase: %s as %s on %s\nbase_path: %s\n",
                config.source.empty() ? "(none)" : config.source.c_str(),
                config.listen.empty() ? "(inherited socket or CGI)" : config.listen.c_str(), config.workers,
                config.threads, config.db.name.c_str(), config.db.user.c_str(),
                config.db.socket.empty() ? (config.db.host + ":" + std::to_string(config.db.port)).c_str()
                                         : config.db.socket.c_str(),
                config.base_path.c_str());
    return 0;
  }
  if (!setup_logging(config)) return 1;
  if (!config.metrics_path.empty()) {
    // Before any fork: the supervisor's children inherit the mapping.
    std::string why = fastscim::util::metrics::attach(fastscim::app::metrics_file(config));
    if (!why.empty()) log::warn("metrics count this process only: " + why);
  }
  fastscim::json::init();
  fastscim::store::init_driver();

  bool cgi = std::getenv("GATEWAY_INTERFACE") != nullptr;
  std::string activation_error;
  int activated = fastscim::app::systemd::inherited_listen_socket(&activation_error);
  if (activated == -2) {
    log::error(activation_error);
    return 1;
  }
  if (activated < 0 && overrides.listen.empty() && stdin_is_listening_socket()) {
    return fastscim::app::run_worker(config, STDIN_FILENO);
  }
  if (activated >= 0 || !config.listen.empty()) {
    if (!config.pid_file.empty()) {
      std::ofstream(config.pid_file) << getpid() << "\n";
    }
    {
      // A clear word at start beats a stream of 503s with no explanation.
      fastscim::store::Database probe(config.db);
      if (!probe.ping()) {
        log::warn(
            "cannot reach the database " + config.db.name + " at " +
            (config.db.socket.empty() ? config.db.host + ":" + std::to_string(config.db.port) : config.db.socket) +
            "; serving 503 and retrying with backoff until it answers");
      }
    }
    auto reload = [config_path, overrides](Config* fresh) {
      auto again = fastscim::app::load_config(config_path);
      if (!again) {
        log::error(again.error());
        return false;
      }
      *fresh = std::move(again.value());
      apply(overrides, fresh);
      setup_logging(*fresh);
      return true;
    };
    int status = fastscim::app::run_supervisor(config, reload, activated);
    if (!config.pid_file.empty()) ::unlink(config.pid_file.c_str());
    return status;
  }
  if (cgi) return fastscim::app::run_cgi(config);

  std::fputs(
      "fastscimd: nothing to serve: give --listen (or `listen` in the configuration), start it from a\n"
      "FastCGI process manager with a listening socket on standard input, or run it as CGI.\n"
      "Try 'fastscimd --help'.\n",
      stderr);
  return 2;
}
