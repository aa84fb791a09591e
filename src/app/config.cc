#include "app/config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "manage/values.h"
#include "util/strings.h"

namespace fastscim::app {

namespace {

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

using Setter = std::function<bool(Config&, const std::string&)>;

bool set_int(int* field, const std::string& value, long long min, long long max) {
  long long v = 0;
  if (!util::parse_int(value, &v) || v < min || v > max) return false;
  *field = static_cast<int>(v);
  return true;
}

// The db_ssl_* keys together: "" when they make sense, else what is wrong.
std::string check_db_tls(const store::DbConfig& db) {
  using Mode = store::DbConfig::SslMode;
  if (db.ssl_mode == Mode::kOff) {
    if (!db.ssl_ca.empty() || !db.ssl_cert.empty() || !db.ssl_key.empty()) {
      return "db_ssl_ca, db_ssl_cert and db_ssl_key need db_ssl_mode = required or verify";
    }
    return "";
  }
  if (!db.socket.empty()) return "db_ssl_mode applies to TCP (db_host), not to db_socket";
  if (db.ssl_mode == Mode::kVerify && db.ssl_ca.empty()) return "db_ssl_mode = verify needs db_ssl_ca";
  if (db.ssl_cert.empty() != db.ssl_key.empty()) return "db_ssl_cert and db_ssl_key go together";
  return "";
}

bool set_ll(long long* field, const std::string& value, long long min, long long max) {
  long long v = 0;
  if (!util::parse_int(value, &v) || v < min || v > max) return false;
  *field = v;
  return true;
}

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> kTable = {
      {"listen",
       [](Config& c, const std::string& v) {
         c.listen = v;
         return true;
       }},
      {"workers", [](Config& c, const std::string& v) { return set_int(&c.workers, v, 1, 256); }},
      {"threads", [](Config& c, const std::string& v) { return set_int(&c.threads, v, 1, 256); }},
      {"backlog", [](Config& c, const std::string& v) { return set_int(&c.backlog, v, 1, 65535); }},
      {"socket_mode",
       [](Config& c, const std::string& v) {
         char* end = nullptr;
         long mode = std::strtol(v.c_str(), &end, 8);
         if (v.empty() || *end != '\0' || mode < 0 || mode > 0777) return false;
         c.socket_mode = static_cast<int>(mode);
         return true;
       }},
      {"db_host",
       [](Config& c, const std::string& v) {
         // One server or a comma list of host[:port] (store::parse_db_endpoints).
         if (store::parse_db_endpoints(v, c.db.port).empty()) return false;
         c.db.host = v;
         return true;
       }},
      {"db_port", [](Config& c, const std::string& v) { return set_int(&c.db.port, v, 1, 65535); }},
      {"db_socket",
       [](Config& c, const std::string& v) {
         c.db.socket = v;
         return true;
       }},
      {"db_name",
       [](Config& c, const std::string& v) {
         c.db.name = v;
         return true;
       }},
      {"db_user",
       [](Config& c, const std::string& v) {
         c.db.user = v;
         return true;
       }},
      {"db_password_file",
       [](Config& c, const std::string& v) {
         c.db_password_file = v;
         return true;
       }},
      {"db_connect_timeout",
       [](Config& c, const std::string& v) { return set_int(&c.db.connect_timeout_seconds, v, 1, 600); }},
      {"db_ssl_mode",
       [](Config& c, const std::string& v) {
         using Mode = store::DbConfig::SslMode;
         static const std::map<std::string, Mode> kModes = {
             {"off", Mode::kOff}, {"required", Mode::kRequired}, {"verify", Mode::kVerify}};
         auto mode = kModes.find(v);
         if (mode == kModes.end()) return false;
         c.db.ssl_mode = mode->second;
         return true;
       }},
      {"db_ssl_ca",
       [](Config& c, const std::string& v) {
         c.db.ssl_ca = v;
         return true;
       }},
      {"db_ssl_cert",
       [](Config& c, const std::string& v) {
         c.db.ssl_cert = v;
         return true;
       }},
      {"db_ssl_key",
       [](Config& c, const std::string& v) {
         c.db.ssl_key = v;
         return true;
       }},
      {"base_path",
       [](Config& c, const std::string& v) {
         c.base_path = v;
         return util::starts_with(v, "/");
       }},
      {"manage_path",
       [](Config& c, const std::string& v) {
         c.manage_path = v;
         return util::starts_with(v, "/") && v.size() > 1;
       }},
      {"manage_openapi",
       [](Config& c, const std::string& v) {
         c.manage_openapi = v;
         return true;
       }},
      {"public_url",
       [](Config& c, const std::string& v) {
         c.public_url = v;
         return true;
       }},
      {"max_body_bytes",
       [](Config& c, const std::string& v) {
         long long n = 0;
         if (!util::parse_int(v, &n) || n < 1024 || n > (1LL << 31)) return false;
         c.max_body_bytes = static_cast<size_t>(n);
         return true;
       }},
      {"bulk_max_operations",
       [](Config& c, const std::string& v) { return set_ll(&c.bulk_max_operations, v, 1, 100000); }},
      {"bulk_max_payload_bytes",
       [](Config& c, const std::string& v) { return set_ll(&c.bulk_max_payload_bytes, v, 1024, 1LL << 31); }},
      {"default_page_size",
       [](Config& c, const std::string& v) { return set_int(&c.default_page_size, v, 1, 100000); }},
      {"max_page_size", [](Config& c, const std::string& v) { return set_int(&c.max_page_size, v, 1, 100000); }},
      {"events",
       [](Config& c, const std::string& v) {
         c.events = v == "on";
         return v == "on" || v == "off";
       }},
      {"max_patch_operations",
       [](Config& c, const std::string& v) { return set_int(&c.max_patch_operations, v, 1, 1000000); }},
      {"max_members_per_request",
       [](Config& c, const std::string& v) { return set_int(&c.max_members_per_request, v, 1, 1000000); }},
      {"max_members_per_page",
       [](Config& c, const std::string& v) { return set_int(&c.max_members_per_page, v, 1, 10000000); }},
      {"events_retention_days",
       [](Config& c, const std::string& v) { return set_int(&c.events_retention_days, v, 1, 36500); }},
      {"unknown_attributes",
       [](Config& c, const std::string& v) {
         c.unknown_attributes = v;
         return v == "ignore" || v == "reject";
       }},
      {"unknown_extensions",
       [](Config& c, const std::string& v) {
         c.unknown_extensions = v;
         return v == "ignore" || v == "reject";
       }},
      {"log_file",
       [](Config& c, const std::string& v) {
         c.log_file = v;
         return true;
       }},
      {"log_level",
       [](Config& c, const std::string& v) {
         c.log_level = v;
         return v == "debug" || v == "info" || v == "warn" || v == "error";
       }},
      {"log_format",
       [](Config& c, const std::string& v) {
         c.log_format = v;
         return v == "kv" || v == "json";
       }},
      {"metrics_path",
       [](Config& c, const std::string& v) {
         c.metrics_path = v == "off" ? "" : v;
         return v == "off" || (v.size() > 1 && v.front() == '/' && v.back() != '/');
       }},
      {"metrics_top_tenants", [](Config& c, const std::string& v) { return set_int(&c.metrics_top_tenants, v, 0, 1000); }},
      {"pid_file",
       [](Config& c, const std::string& v) {
         c.pid_file = v;
         return true;
       }},
      {"sql_dir",
       [](Config& c, const std::string& v) {
         c.sql_dir = v;
         return true;
       }},
      {"webhook_delivery",
       [](Config& c, const std::string& v) {
         c.webhook_delivery = v == "on";
         return v == "on" || v == "off";
       }},
      {"webhook_poll_ms", [](Config& c, const std::string& v) { return set_int(&c.webhook_poll_ms, v, 10, 600000); }},
      {"webhook_batch_size",
       [](Config& c, const std::string& v) { return set_int(&c.webhook_batch_size, v, 1, 1000); }},
      {"webhook_connect_timeout_ms",
       [](Config& c, const std::string& v) { return set_int(&c.webhook_connect_timeout_ms, v, 100, 60000); }},
      {"webhook_timeout_ms",
       [](Config& c, const std::string& v) { return set_int(&c.webhook_timeout_ms, v, 100, 30000); }},
      {"webhook_backoff_base_ms",
       [](Config& c, const std::string& v) { return set_int(&c.webhook_backoff_base_ms, v, 10, 3600000); }},
      {"webhook_backoff_max_ms",
       [](Config& c, const std::string& v) { return set_int(&c.webhook_backoff_max_ms, v, 10, 86400000); }},
      {"webhook_disable_after_seconds",
       [](Config& c, const std::string& v) { return set_int(&c.webhook_disable_after_seconds, v, 0, 30LL * 86400); }},
      {"webhook_disable_after_failures",
       [](Config& c, const std::string& v) { return set_int(&c.webhook_disable_after_failures, v, 1, 100000); }},
      {"webhook_lease_seconds",
       [](Config& c, const std::string& v) { return set_int(&c.webhook_lease_seconds, v, 1, 3600); }},
      {"webhook_log_days", [](Config& c, const std::string& v) { return set_int(&c.webhook_log_days, v, 1, 3650); }},
      {"tenant_rate_limit",
       [](Config& c, const std::string& v) {
         if (v == "off") {
           c.tenant_rate_per_minute = 0;
           return true;
         }
         auto per_minute = manage::parse_rate(v);
         if (per_minute) c.tenant_rate_per_minute = *per_minute;
         return per_minute.has_value();
       }},
      {"tenant_rate_burst",
       [](Config& c, const std::string& v) { return set_int(&c.tenant_rate_burst, v, 1, manage::kMaxBurst); }},
      {"tenant_max_concurrent",
       [](Config& c, const std::string& v) {
         return set_int(&c.tenant_max_concurrent, v, 0, manage::kMaxConcurrent);
       }},
      {"limits_file",
       [](Config& c, const std::string& v) {
         c.limits_file = v;
         return v.empty() || util::starts_with(v, "/");
       }},
      {"auth_cache_entries",
       [](Config& c, const std::string& v) { return set_int(&c.auth_cache_entries, v, 0, 10000000); }},
      {"db_statement_timeout",
       [](Config& c, const std::string& v) { return set_int(&c.db_statement_timeout, v, 0, 86400); }},
  };
  return kTable;
}

}  // namespace

const std::vector<std::string>& config_keys() {
  static const std::vector<std::string> kKeys = [] {
    std::vector<std::string> k;
    for (const auto& entry : setters()) k.push_back(entry.first);
    return k;
  }();
  return kKeys;
}

util::Result<Config, std::string> load_config(const std::string& path) {
  Config config;
  config.source = path;
  if (!path.empty()) {
    std::ifstream in(path);
    if (!in) return util::Unexpected("cannot read configuration file " + path);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      std::string uncommented = line.substr(0, line.find('#'));
      std::string_view text = util::trim(uncommented);
      if (text.empty()) continue;
      size_t eq = text.find('=');
      if (eq == std::string_view::npos) {
        return util::Unexpected(path + ":" + std::to_string(number) + ": expected \"key = value\"");
      }
      std::string key(util::trim(text.substr(0, eq)));
      std::string value(util::trim(text.substr(eq + 1)));
      auto setter = setters().find(key);
      if (setter == setters().end()) {
        return util::Unexpected(path + ":" + std::to_string(number) + ": unknown key \"" + key + "\"");
      }
      if (!setter->second(config, value)) {
        return util::Unexpected(path + ":" + std::to_string(number) + ": invalid value for " + key + ": \"" + value +
                                "\"");
      }
    }
  }
  for (const auto& [key, setter] : setters()) {
    std::string name = "FASTSCIM_";
    for (char ch : key) name.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
    if (const char* value = std::getenv(name.c_str())) {
      if (!setter(config, value))
        return util::Unexpected("invalid value in " + name + ": \"" + std::string(value) + "\"");
    }
  }
  // Each surface routes on its own prefix: neither may contain the other.
  auto within = [](const std::string& inner, const std::string& outer) {
    return util::starts_with(inner, outer) && (inner.size() == outer.size() || inner[outer.size()] == '/');
  };
  if (within(config.manage_path, config.base_path) || within(config.base_path, config.manage_path)) {
    return util::Unexpected("manage_path \"" + config.manage_path + "\" and base_path \"" + config.base_path +
                            "\" must not contain each other");
  }
  // /metrics answers without a token: never inside a path served to tenants.
  if (!config.metrics_path.empty() &&
      (within(config.metrics_path, config.base_path) || within(config.metrics_path, config.manage_path))) {
    return util::Unexpected("metrics_path \"" + config.metrics_path + "\" must be outside base_path and manage_path");
  }
  if (auto tls = check_db_tls(config.db); !tls.empty()) return util::Unexpected(tls);
  if (!config.db_password_file.empty()) {
    std::ifstream secret(config.db_password_file);
    if (!secret) return util::Unexpected("cannot read the database password file " + config.db_password_file);
    std::string password;
    std::getline(secret, password);
    config.db.password = std::string(util::trim(password));
  }
  // Beside the limits table: every process serving the database on this
  // host as this user meets there (doc/auth-cache.md).
  config.db.auth_epoch_file = limits_path(config) + ".auth";
  return config;
}

std::string limits_path(const Config& config) {
  if (!config.limits_file.empty()) return config.limits_file;
  std::string where = config.db.socket.empty() ? config.db.host + ":" + std::to_string(config.db.port)
                                               : config.db.socket;
  return util::host_shared_path(config.db.name, where, ".limits");
}

std::string metrics_file(const Config& config) { return limits_path(config) + ".metrics"; }

int max_concurrent(const Config& config) {
  if (config.tenant_max_concurrent > 0) return config.tenant_max_concurrent;
  return std::max(1, config.workers * config.threads / 2);
}

bool runs_from_build_tree() {
  // Only a binary that sits in the build tree it was compiled in may look in
  // its checkout: an installed one uses $sysconfdir and $pkgdatadir alone, so
  // it never depends on (or is confused by) a build tree left on the host.
  static const bool kFromBuildTree = [] {
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return false;
    std::filesystem::path tree = std::filesystem::weakly_canonical(FASTSCIM_BUILDDIR, ec);
    if (ec || tree.empty()) return false;
    std::string prefix = tree.string() + "/";
    return exe.string().compare(0, prefix.size(), prefix) == 0;
  }();
  return kFromBuildTree;
}

std::string default_config_path() {
  if (const char* env = std::getenv("FASTSCIM_CONFIG"); env && *env) return env;
  if (runs_from_build_tree()) {
    std::string dev = std::string(FASTSCIM_SRCDIR) + "/var/run/fastscim.conf";
    if (exists(dev)) return dev;
  }
  std::string system = std::string(FASTSCIM_SYSCONFDIR) + "/fastscim/fastscim.conf";
  if (exists(system)) return system;
  return "";
}

std::string default_sql_dir() {
  std::string checkout = std::string(FASTSCIM_SRCDIR) + "/sql";
  if (runs_from_build_tree() && exists(checkout + "/001_initial.sql")) return checkout;
  return std::string(FASTSCIM_PKGDATADIR) + "/sql";
}

std::string default_openapi_path() {
  std::string checkout = std::string(FASTSCIM_SRCDIR) + "/src/manage/openapi.json";
  if (runs_from_build_tree() && exists(checkout)) return checkout;
  return std::string(FASTSCIM_PKGDATADIR) + "/openapi.json";
}

}  // namespace fastscim::app
