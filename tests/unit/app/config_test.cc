#include "app/config.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

namespace app = fastscim::app;
namespace fs = std::filesystem;

namespace {

std::string env_name(const std::string& key) {
  std::string name = "FASTSCIM_";
  for (char c : key) name.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return name;
}

// Each test starts with no FASTSCIM_<KEY> override in the environment and a
// fresh directory for its files; both are restored afterwards.
struct ConfigFixture {
  ConfigFixture() {
    for (const auto& key : app::config_keys()) {
      std::string name = env_name(key);
      if (const char* v = std::getenv(name.c_str())) saved_environment[name] = v;
      ::unsetenv(name.c_str());
    }
    std::string pattern = (fs::temp_directory_path() / "fastscim-config-test-XXXXXX").string();
    scratch_dir = ::mkdtemp(pattern.data());
  }
  ~ConfigFixture() {
    for (const auto& key : app::config_keys()) ::unsetenv(env_name(key).c_str());
    for (const auto& [name, value] : saved_environment) ::setenv(name.c_str(), value.c_str(), 1);
    std::error_code ignored;
    fs::remove_all(scratch_dir, ignored);
  }

  std::string write(const std::string& name, const std::string& text) {
    std::string path = (fs::path(scratch_dir) / name).string();
    std::ofstream(path) << text;
    return path;
  }

  std::map<std::string, std::string> saved_environment;
  std::string scratch_dir;
};

struct InvalidValue {
  const char* key;
  const char* value;
};

std::ostream& operator<<(std::ostream& os, const InvalidValue& c) { return os << c.key << " = " << c.value; }

const InvalidValue kInvalidValues[] = {
    {"workers", "0"},
    {"workers", "257"},
    {"workers", "two"},
    {"threads", "-1"},
    {"backlog", "65536"},
    {"socket_mode", "0800"},
    {"socket_mode", "1777"},
    {"db_port", "0"},
    {"db_port", "65536"},
    {"db_connect_timeout", "601"},
    {"db_ssl_mode", "on"},
    {"db_ssl_mode", "VERIFY"},
    {"base_path", "scim/v2"},
    {"max_body_bytes", "1023"},
    {"max_body_bytes", "1m"},
    {"default_page_size", "0"},
    {"max_page_size", "100001"},
    {"events", "yes"},
    {"events_retention_days", "0"},
    {"events_retention_days", "30d"},
    {"unknown_attributes", "Ignore"},
    {"unknown_extensions", "warn"},
    {"log_level", "verbose"},
    {"log_format", "text"},
    {"metrics_path", "metrics"},
    {"metrics_path", "/metrics/"},
    {"metrics_top_tenants", "-1"},
    {"metrics_top_tenants", "1001"},
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(config_test, ConfigFixture)

BOOST_AUTO_TEST_CASE(no_file_gives_the_defaults) {
  auto config = app::load_config("");
  BOOST_REQUIRE(config.has_value());
  BOOST_TEST(config->source.empty());
  BOOST_TEST(config->listen.empty());
  BOOST_TEST(config->workers == 2);
  BOOST_TEST(config->threads == 4);
  BOOST_TEST(config->socket_mode == 0660);
  BOOST_TEST(config->backlog == 1024);
  BOOST_TEST(config->base_path == "/scim/v2");
  BOOST_TEST(config->max_body_bytes == size_t{1} << 20);
  BOOST_TEST(config->default_page_size == 100);
  BOOST_TEST(config->max_page_size == 1000);
  BOOST_TEST(config->events_retention_days == 30);
  BOOST_TEST(config->events);
  BOOST_TEST(config->unknown_attributes == "ignore");
  BOOST_TEST(config->unknown_extensions == "reject");
  BOOST_TEST(config->log_level == "info");
  BOOST_TEST(config->db.password.empty());
  BOOST_TEST(config->sql_dir.empty());
}

BOOST_AUTO_TEST_CASE(a_file_sets_keys_and_ignores_comments_blank_lines_and_spaces) {
  std::string path = write("fastscim.conf",
                           "# fastscim\n"
                           "\n"
                           "listen = unix:/run/fastscim.sock\n"
                           "  workers=8   # per host\n"
                           "\tthreads = 16\n"
                           "socket_mode = 0600\n"
                           "db_host = db.internal\n"
                           "db_port = 3307\n"
                           "db_name = scim\n"
                           "db_user = fastscim\n"
                           "db_connect_timeout = 5\n"
                           "base_path = /identity/scim/v2\n"
                           "max_body_bytes = 2097152\n"
                           "default_page_size = 50\n"
                           "max_page_size = 500\n"
                           "unknown_attributes = reject\n"
                           "unknown_extensions = ignore\n"
                           "log_level = debug\n"
                           "sql_dir = /usr/share/fastscim/sql\n");
  auto config = app::load_config(path);
  BOOST_REQUIRE_MESSAGE(config.has_value(), (config.has_value() ? "" : config.error()));
  BOOST_TEST(config->source == path);
  BOOST_TEST(config->listen == "unix:/run/fastscim.sock");
  BOOST_TEST(config->workers == 8);
  BOOST_TEST(config->threads == 16);
  BOOST_TEST(config->socket_mode == 0600);
  BOOST_TEST(config->db.host == "db.internal");
  BOOST_TEST(config->db.port == 3307);
  BOOST_TEST(config->db.name == "scim");
  BOOST_TEST(config->db.user == "fastscim");
  BOOST_TEST(config->db.connect_timeout_seconds == 5);
  BOOST_TEST(config->base_path == "/identity/scim/v2");
  BOOST_TEST(config->max_body_bytes == 2097152u);
  BOOST_TEST(config->default_page_size == 50);
  BOOST_TEST(config->max_page_size == 500);
  BOOST_TEST(config->unknown_attributes == "reject");
  BOOST_TEST(config->unknown_extensions == "ignore");
  BOOST_TEST(config->log_level == "debug");
  BOOST_TEST(config->sql_dir == "/usr/share/fastscim/sql");
}

BOOST_AUTO_TEST_CASE(socket_mode_is_octal) {
  auto config = app::load_config(write("c.conf", "socket_mode = 755\n"));
  BOOST_REQUIRE(config.has_value());
  BOOST_TEST(config->socket_mode == 0755);
}

// issue12: TLS to the database, handed to the connection as they are.
BOOST_AUTO_TEST_CASE(issue12_db_ssl_keys_reach_the_database_configuration) {
  using Mode = fastscim::store::DbConfig::SslMode;
  BOOST_TEST((app::load_config("")->db.ssl_mode == Mode::kOff));
  auto config = app::load_config(write("c.conf",
                                       "db_host = db.internal\ndb_ssl_mode = verify\n"
                                       "db_ssl_ca = /etc/fastscim/db-ca.pem\ndb_ssl_cert = /etc/fastscim/db.crt\n"
                                       "db_ssl_key = /etc/fastscim/db.key\n"));
  BOOST_REQUIRE_MESSAGE(config.has_value(), (config ? std::string() : config.error()));
  BOOST_TEST((config->db.ssl_mode == Mode::kVerify));
  BOOST_TEST(config->db.ssl_ca == "/etc/fastscim/db-ca.pem");
  BOOST_TEST(config->db.ssl_cert == "/etc/fastscim/db.crt");
  BOOST_TEST(config->db.ssl_key == "/etc/fastscim/db.key");
  auto required = app::load_config(write("c.conf", "db_ssl_mode = required\n"));
  BOOST_REQUIRE(required.has_value());
  BOOST_TEST((required->db.ssl_mode == Mode::kRequired));
}

// issue12: combinations that would connect in plain text, or not at all,
// are refused at start with what to change.
BOOST_AUTO_TEST_CASE(issue12_db_ssl_combinations_that_cannot_work_are_refused) {
  const std::pair<const char*, const char*> cases[] = {
      {"db_ssl_mode = verify\n", "db_ssl_mode = verify needs db_ssl_ca"},
      {"db_ssl_ca = /ca.pem\n", "need db_ssl_mode = required or verify"},
      {"db_ssl_mode = required\ndb_ssl_cert = /c.pem\n", "db_ssl_cert and db_ssl_key go together"},
      {"db_ssl_mode = required\ndb_socket = /run/mysqld/mysqld.sock\n", "not to db_socket"},
  };
  for (const auto& [text, message] : cases) {
    auto config = app::load_config(write("c.conf", text));
    BOOST_REQUIRE_MESSAGE(!config.has_value(), text);
    BOOST_TEST(config.error().find(message) != std::string::npos, config.error());
  }
}

BOOST_AUTO_TEST_CASE(a_value_keeps_inner_equals_signs_and_ends_at_a_hash) {
  auto config = app::load_config(write("c.conf", "public_url = https://id.example.com/a=b#x\n"));
  BOOST_REQUIRE(config.has_value());
  BOOST_TEST(config->public_url == "https://id.example.com/a=b");
}

BOOST_AUTO_TEST_CASE(the_management_path_is_its_own) {
  BOOST_TEST(app::load_config("")->manage_path == "/manage/v1");
  BOOST_TEST(app::load_config(write("c.conf", "manage_path = /api/manage\n"))->manage_path == "/api/manage");
  auto nested = app::load_config(write("c.conf", "manage_path = /scim/v2/manage\n"));
  BOOST_REQUIRE(!nested.has_value());
  BOOST_TEST(nested.error().find("must not contain each other") != std::string::npos);
  BOOST_TEST(!app::load_config(write("c.conf", "manage_path = manage\n")).has_value());
}

// issue14: /metrics answers without a token, so never where tenants are served.
BOOST_AUTO_TEST_CASE(issue14_metrics_path_defaults_to_metrics_and_stays_outside_the_served_paths) {
  auto defaults = app::load_config("");
  BOOST_TEST(defaults->metrics_path == "/metrics");
  BOOST_TEST(defaults->metrics_top_tenants == 0);
  BOOST_TEST(defaults->log_format == "kv");
  BOOST_TEST(app::load_config(write("c.conf", "metrics_path = off\n"))->metrics_path.empty());
  BOOST_TEST(app::load_config(write("c.conf", "metrics_path = /internal/metrics\n"))->metrics_path ==
             "/internal/metrics");
  for (const char* inside :
       {"metrics_path = /scim/v2/metrics\n", "metrics_path = /scim/v2\n", "metrics_path = /manage/v1/metrics\n"}) {
    auto refused = app::load_config(write("c.conf", inside));
    BOOST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().find("outside base_path and manage_path") != std::string::npos, refused.error());
  }
  BOOST_TEST(app::metrics_file(*defaults) == app::limits_path(*defaults) + ".metrics");
}

// Issue 12: fairness between tenants, with defaults well above Entra's ~25 requests a second.
BOOST_AUTO_TEST_CASE(tenant_limits_default_to_100_a_second_and_half_the_pool) {
  auto defaults = app::load_config("");
  BOOST_REQUIRE(defaults.has_value());
  BOOST_TEST(defaults->tenant_rate_per_minute == 6000);
  BOOST_TEST(defaults->tenant_rate_burst == 200);
  BOOST_TEST(app::max_concurrent(*defaults) == 4);  // 2 workers x 4 threads
  BOOST_TEST(defaults->db_statement_timeout == 10);
  auto set = app::load_config(write("c.conf",
                                    "tenant_rate_limit = 30/m\ntenant_rate_burst = 5\ntenant_max_concurrent = 3\n"
                                    "limits_file = /run/fastscim/limits\ndb_statement_timeout = 0\n"));
  BOOST_REQUIRE(set.has_value());
  BOOST_TEST(set->tenant_rate_per_minute == 30);
  BOOST_TEST(set->tenant_rate_burst == 5);
  BOOST_TEST(app::max_concurrent(*set) == 3);
  BOOST_TEST(set->limits_file == "/run/fastscim/limits");
  BOOST_TEST(set->db_statement_timeout == 0);
  BOOST_TEST(app::load_config(write("c.conf", "tenant_rate_limit = off\n"))->tenant_rate_per_minute == 0);
  BOOST_TEST(app::max_concurrent(*app::load_config(write("c.conf", "workers = 1\nthreads = 1\n"))) == 1);
  for (const char* bad : {"tenant_rate_limit = 100", "tenant_rate_limit = 0/s", "tenant_rate_burst = 0",
                          "limits_file = relative/path", "db_statement_timeout = -1"}) {
    BOOST_TEST(!app::load_config(write("c.conf", std::string(bad) + "\n")).has_value(), bad);
  }
}

// Issue 13: the token cache's size, and the epoch file beside the limits table.
BOOST_AUTO_TEST_CASE(token_cache_holds_16384_entries_and_its_epoch_file_sits_beside_the_limits) {
  auto defaults = app::load_config("");
  BOOST_REQUIRE(defaults.has_value());
  BOOST_TEST(defaults->auth_cache_entries == 16384);
  BOOST_TEST(defaults->db.auth_epoch_file == app::limits_path(*defaults) + ".auth");
  auto set = app::load_config(write("c.conf", "auth_cache_entries = 0\nlimits_file = /run/fastscim/limits\n"));
  BOOST_REQUIRE(set.has_value());
  BOOST_TEST(set->auth_cache_entries == 0);
  BOOST_TEST(set->db.auth_epoch_file == "/run/fastscim/limits.auth");
  BOOST_TEST(!app::load_config(write("c.conf", "auth_cache_entries = -1\n")).has_value());
}

BOOST_AUTO_TEST_CASE(a_later_line_overrides_an_earlier_one) {
  auto config = app::load_config(write("c.conf", "workers = 3\nworkers = 5\n"));
  BOOST_REQUIRE(config.has_value());
  BOOST_TEST(config->workers == 5);
}

BOOST_AUTO_TEST_CASE(a_line_without_equals_is_a_syntax_error_with_its_line_number) {
  std::string path = write("c.conf", "# comment\nworkers = 2\n\nthreads 4\nbacklog = 10\n");
  auto config = app::load_config(path);
  BOOST_REQUIRE(!config.has_value());
  BOOST_TEST(config.error() == path + ":4: expected \"key = value\"");
}

BOOST_AUTO_TEST_CASE(an_unknown_key_is_named_with_its_line_number) {
  std::string path = write("c.conf", "workers = 2\nworker = 3\n");
  auto config = app::load_config(path);
  BOOST_REQUIRE(!config.has_value());
  BOOST_TEST(config.error() == path + ":2: unknown key \"worker\"");
}

BOOST_AUTO_TEST_CASE(keys_are_case_sensitive) {
  std::string path = write("c.conf", "Workers = 2\n");
  auto config = app::load_config(path);
  BOOST_REQUIRE(!config.has_value());
  BOOST_TEST(config.error() == path + ":1: unknown key \"Workers\"");
}

BOOST_AUTO_TEST_CASE(the_password_itself_is_not_a_key) {
  std::string path = write("c.conf", "db_password = secret\n");
  auto config = app::load_config(path);
  BOOST_REQUIRE(!config.has_value());
  BOOST_TEST(config.error() == path + ":1: unknown key \"db_password\"");
}

BOOST_DATA_TEST_CASE(an_invalid_value_is_named_with_key_and_line, boost::unit_test::data::make(kInvalidValues), c) {
  std::string path = write("c.conf", "# first\n" + std::string(c.key) + " = " + c.value + "\n");
  auto config = app::load_config(path);
  BOOST_REQUIRE(!config.has_value());
  BOOST_TEST(config.error() == path + ":2: invalid value for " + c.key + ": \"" + c.value + "\"");
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_named) {
  std::string path = (fs::path(scratch_dir) / "absent.conf").string();
  auto config = app::load_config(path);
  BOOST_REQUIRE(!config.has_value());
  BOOST_TEST(config.error() == "cannot read configuration file " + path);
}

BOOST_AUTO_TEST_CASE(the_environment_overrides_the_file) {
  std::string path = write("c.conf", "workers = 3\ndb_host = from-file\n");
  ::setenv("FASTSCIM_WORKERS", "7", 1);
  ::setenv("FASTSCIM_LOG_LEVEL", "warn", 1);
  auto config = app::load_config(path);
  BOOST_REQUIRE(config.has_value());
  BOOST_TEST(config->workers == 7);
  BOOST_TEST(config->log_level == "warn");
  BOOST_TEST(config->db.host == "from-file");
}

BOOST_AUTO_TEST_CASE(the_environment_applies_without_a_file) {
  ::setenv("FASTSCIM_DB_SOCKET", "/run/mysqld/mysqld.sock", 1);
  auto config = app::load_config("");
  BOOST_REQUIRE(config.has_value());
  BOOST_TEST(config->db.socket == "/run/mysqld/mysqld.sock");
}

BOOST_AUTO_TEST_CASE(an_invalid_environment_value_names_the_variable) {
  ::setenv("FASTSCIM_MAX_PAGE_SIZE", "lots", 1);
  auto config = app::load_config("");
  BOOST_REQUIRE(!config.has_value());
  BOOST_TEST(config.error() == "invalid value in FASTSCIM_MAX_PAGE_SIZE: \"lots\"");
}

BOOST_AUTO_TEST_CASE(a_file_error_is_reported_before_the_environment_is_read) {
  std::string path = write("c.conf", "threads = none\n");
  ::setenv("FASTSCIM_WORKERS", "none", 1);
  auto config = app::load_config(path);
  BOOST_REQUIRE(!config.has_value());
  BOOST_TEST(config.error() == path + ":1: invalid value for threads: \"none\"");
}

BOOST_AUTO_TEST_CASE(the_password_is_the_trimmed_first_line_of_the_password_file) {
  std::string secret = write("db.password", "  s3cret \nsecond line\n");
  auto config = app::load_config(write("c.conf", "db_password_file = " + secret + "\n"));
  BOOST_REQUIRE(config.has_value());
  BOOST_TEST(config->db_password_file == secret);
  BOOST_TEST(config->db.password == "s3cret");
}

BOOST_AUTO_TEST_CASE(an_unreadable_password_file_is_named) {
  std::string secret = (fs::path(scratch_dir) / "missing.password").string();
  ::setenv("FASTSCIM_DB_PASSWORD_FILE", secret.c_str(), 1);
  auto config = app::load_config("");
  BOOST_REQUIRE(!config.has_value());
  BOOST_TEST(config.error() == "cannot read the database password file " + secret);
}

BOOST_AUTO_TEST_CASE(config_keys_lists_every_key_and_no_password) {
  const auto& keys = app::config_keys();
  for (const char* key : {"listen",
                          "workers",
                          "threads",
                          "socket_mode",
                          "backlog",
                          "db_host",
                          "db_port",
                          "db_socket",
                          "db_name",
                          "db_user",
                          "db_password_file",
                          "db_connect_timeout",
                          "db_ssl_mode",
                          "db_ssl_ca",
                          "db_ssl_cert",
                          "db_ssl_key",
                          "base_path",
                          "public_url",
                          "max_body_bytes",
                          "default_page_size",
                          "max_page_size",
                          "max_patch_operations",
                          "max_members_per_request",
                          "max_members_per_page",
                          "unknown_attributes",
                          "unknown_extensions",
                          "log_file",
                          "log_level",
                          "pid_file",
                          "sql_dir",
                          "events",
                          "events_retention_days",
                          "manage_path",
                          "manage_openapi",
                          "webhook_delivery",
                          "webhook_poll_ms",
                          "webhook_batch_size",
                          "webhook_connect_timeout_ms",
                          "webhook_timeout_ms",
                          "webhook_backoff_base_ms",
                          "webhook_backoff_max_ms",
                          "webhook_disable_after_seconds",
                          "webhook_disable_after_failures",
                          "webhook_lease_seconds",
                          "webhook_log_days",
                          "tenant_rate_limit",
                          "tenant_rate_burst",
                          "tenant_max_concurrent",
                          "limits_file",
                          "db_statement_timeout",
                          "bulk_max_operations",
                          "bulk_max_payload_bytes",
                          "auth_cache_entries",
                          "log_format",
                          "metrics_path",
                          "metrics_top_tenants"}) {
    BOOST_TEST((std::find(keys.begin(), keys.end(), key) != keys.end()), key);
  }
  BOOST_TEST(keys.size() == 56u);
  BOOST_TEST((std::find(keys.begin(), keys.end(), "db_password") == keys.end()));
}

BOOST_AUTO_TEST_CASE(default_config_path_prefers_fastscim_config) {
  std::optional<std::string> saved;
  if (const char* v = std::getenv("FASTSCIM_CONFIG")) saved = v;
  ::setenv("FASTSCIM_CONFIG", "/etc/elsewhere/fastscim.conf", 1);
  std::string path = app::default_config_path();
  if (saved)
    ::setenv("FASTSCIM_CONFIG", saved->c_str(), 1);
  else
    ::unsetenv("FASTSCIM_CONFIG");
  BOOST_TEST(path == "/etc/elsewhere/fastscim.conf");
}

BOOST_AUTO_TEST_CASE(default_sql_dir_is_the_checkout_sql_directory) {
  // This binary runs from its build tree, so it may use the checkout.
  BOOST_TEST(app::runs_from_build_tree());
  BOOST_TEST(app::default_sql_dir() == std::string(FASTSCIM_SRCDIR) + "/sql");
  BOOST_TEST(app::default_openapi_path() == std::string(FASTSCIM_SRCDIR) + "/src/manage/openapi.json");
}

BOOST_AUTO_TEST_SUITE_END()
