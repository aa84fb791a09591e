#include "app/worker.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include "app/connections.h"
#include "app/service_config.h"
#include "app/tenant_services.h"
#include "auth/authenticator.h"
#include "auth/epoch_file.h"
#include "auth/token.h"
#include "auth/token_cache.h"
#include "auth/token_uses.h"
#include "http/exchange.h"
#include "http/fcgi_request.h"
#include "http/limiter.h"
#include "http/provisioning_log.h"
#include "http/server.h"
#include "manage/api.h"
#include "manage/long_poll.h"
#include "manage/portal.h"
#include "scim/schema_registry.h"
#include "scim/service.h"
#include "store/database.h"
#include "store/management_repository.h"
#include "store/policy_repository.h"
#include "store/portal_repository.h"
#include "store/provisioning_log_repository.h"
#include "store/resource_repository.h"
#include "store/schema_repository.h"
#include "store/token_repository.h"
#include "store/webhook_repository.h"
#include "util/log.h"
#include "util/metrics.h"

namespace fastscim::app {

namespace {

// Requests' statements have a time limit; fastscim-admin's (migrations,
// purges) do not.
store::DbConfig request_db_config(const Config& config) {
  store::DbConfig db = config.db;
  db.statement_timeout_seconds = config.db_statement_timeout;
  return db;
}

// The server's provisioning log (http/provisioning_log.h), kept in the
// database's provisioning_log table.
class StoredProvisioningLog : public http::ProvisioningLog {
 public:
  explicit StoredProvisioningLog(store::Database& db) : repository_(db) {}
  scim::Result<void> record(const http::WriteRecord& record) override {
    store::LogEntry entry;
    entry.method = record.method;
    entry.resource_type = record.resource_type;
    entry.resource_id = record.resource_id;
    entry.name = record.name;
    entry.status = record.status;
    entry.scim_type = record.scim_type;
    entry.detail = record.detail;
    entry.user_agent = record.user_agent;
    return repository_.insert(record.tenant_id, entry);
  }

 private:
  store::ProvisioningLogRepository repository_;
};

// Everything one serving thread owns, wired together.
class ThreadContext {
 public:
  // `long_polls`: the process's waiting room for long polls (nullptr: none).
  ThreadContext(const Config& config, http::Limiter* limiter, manage::LongPolls* long_polls,
                auth::TokenCache* token_cache, auth::TokenUses* token_uses, TenantConfigCache* tenant_configs)
      : limiter_(limiter),
        db_(request_db_config(config)),
        tokens_(db_),
        authenticator_(tokens_, token_cache, token_uses),
        resources_(db_, config.events),
        service_(resources_, registry_, service_config(config)),
        schemas_(db_),
        tenant_services_(resources_, schemas_, service_config(config)),
        management_(db_),
        manage_api_(
            management_,
            [this](const manage::Tenant& tenant) { return tenant_services_.get(tenant.id, tenant.generation); }, {},
            long_polls),
        portal_store_(db_),
        portal_(portal_store_, manage_api_),
        provisioning_log_(db_),
        server_(options(config), backend()),
        policies_(db_, config.events) {
    tenant_services_.set_policies(&policies_);
    tenant_services_.set_shared(tenant_configs);
    manage_api_.set_policy_store(&policies_);
  }

  http::Server& server() { return server_; }

 private:
  static http::ServerOptions options(const Config& config) {
    http::ServerOptions o;
    o.base_path = config.base_path;
    o.public_url = config.public_url;
    o.max_body_bytes = config.max_body_bytes;
    o.bulk.max_operations = config.bulk_max_operations;
    o.bulk.max_payload_bytes = config.bulk_max_payload_bytes;
    o.manage.base_path = config.manage_path;
    o.manage.openapi = openapi_text(config);
    o.metrics_path = config.metrics_path;
    return o;
  }
  // Read once per process: every serving thread serves the same text.
  static std::string openapi_text(const Config& config) {
    static const std::string kText = [&config] {
      std::string path = config.manage_openapi.empty() ? default_openapi_path() : config.manage_openapi;
      std::ifstream in(path);
      if (!in) {
        util::log::warn("cannot read the management API's OpenAPI description " + path);
        return std::string();
      }
      std::ostringstream text;
      text << in.rdbuf();
      return text.str();
    }();
    return kText;
  }
  http::Backend backend() {
    http::Backend b;
    b.authenticator = &authenticator_;
    b.database_ok = [this] { return db_.ping(); };
    b.database_endpoint = [this] { return db_.endpoint(); };
    b.service = &service_;
    b.tenant_service = [this](const auth::Principal& principal) {
      return tenant_services_.get(principal.tenant_id, principal.tenant_generation, &principal.scim_settings);
    };
    b.manage = &manage_api_;
    b.portal = &portal_;
    b.provisioning_log = &provisioning_log_;
    b.limiter = limiter_;
    b.event_backlog = [this]() -> std::optional<long long> {
      auto backlog = store::event_backlog(db_);
      if (!backlog) return std::nullopt;
      return backlog.value();
    };
    return b;
  }

  http::Limiter* limiter_;
  store::Database db_;
  store::TokenRepository tokens_;
  auth::Authenticator authenticator_;
  // The built-in schemas: what /ServiceProviderConfig describes.  Requests
  // are served by the Service of their tenant (tenant_services_).
  scim::SchemaRegistry registry_;
  store::ResourceRepository resources_;
  scim::Service service_;
  store::SchemaRepository schemas_;
  TenantServices tenant_services_;
  store::ManagementRepository management_;
  manage::Api manage_api_;
  store::PortalRepository portal_store_;
  manage::Portal portal_;
  StoredProvisioningLog provisioning_log_;
  http::Server server_;
  // Creation templates and overrides (doc/policies.md).
  store::PolicyRepository policies_;
};

// The process's one limiter; every process serving this database on the
// host maps the same table (doc/limits.md).
std::unique_ptr<http::Limiter> make_limiter(const Config& config) {
  http::LimiterOptions o;
  o.path = limits_path(config);
  o.defaults.per_second = static_cast<double>(config.tenant_rate_per_minute) / 60.0;
  o.defaults.burst = config.tenant_rate_burst;
  o.defaults.max_concurrent = max_concurrent(config);
  return std::make_unique<http::Limiter>(o);
}

// Idle kept-alive connections a worker process holds (each an fd and an
// FCGX request object); nginx keeps `keepalive` per nginx worker.
constexpr size_t kMaxKeptConnections = 1024;

// The process's accepted tokens, shared by its serving threads; nullptr
// when auth_cache_entries is 0.
struct TokenCaching {
  std::unique_ptr<auth::EpochFile> local;
  std::unique_ptr<auth::TokenCache> cache;
};

TokenCaching make_token_cache(const Config& config) {
  TokenCaching caching;
  if (config.auth_cache_entries <= 0) return caching;
  std::string why;
  caching.local = std::make_unique<auth::EpochFile>(config.db.auth_epoch_file, &why);
  if (!caching.local->valid()) {
    util::log::warn("token changes made on this host reach this worker within a second, not at once: " + why);
  }
  auth::TokenCacheOptions o;
  o.capacity = static_cast<size_t>(config.auth_cache_entries);
  caching.cache = std::make_unique<auth::TokenCache>(o, caching.local->valid() ? caching.local.get() : nullptr);
  return caching;
}

// Writes the tokens' uses the serving threads recorded (auth/token_uses.h),
// from the worker's main thread on a connection of its own.
class TokenUseWriter {
 public:
  TokenUseWriter(const Config& config, auth::TokenUses* uses)
      : db_(request_db_config(config)), tokens_(db_), uses_(uses) {}

  void write() {
    std::vector<long long> batch = uses_->take();
    if (!batch.empty()) tokens_.touch_all(batch);
  }

 private:
  store::Database db_;
  store::TokenRepository tokens_;
  auth::TokenUses* uses_;
};

// How often the main thread writes the recorded token uses.
constexpr timespec kTokenUseInterval{1, 0};

void serve_loop(const Config& config, http::Limiter* limiter, Connections* connections, std::atomic<bool>* stopping,
                manage::LongPolls* long_polls, auth::TokenCache* token_cache, auth::TokenUses* token_uses,
                TenantConfigCache* tenant_configs) {
  ThreadContext context(config, limiter, long_polls, token_cache, token_uses, tenant_configs);
  while (!stopping->load()) {
    std::unique_ptr<http::FcgiRequest> request = connections->next();
    if (!request) break;
    context.server().serve(*request);
    connections->done(std::move(request));
  }
}

}  // namespace

int run_worker(const Config& config, int listen_fd) {
  // Signals are taken synchronously by this thread; serving threads inherit
  // the blocked mask and never see them.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  int flags = ::fcntl(listen_fd, F_GETFL);
  ::fcntl(listen_fd, F_SETFL, flags | O_NONBLOCK);
  int wake[2];
  if (::pipe2(wake, O_CLOEXEC) != 0) {
    util::log::error("cannot create the worker's wake-up pipe");
    return 1;
  }
  if (!http::FcgiRequest::init_library()) {
    util::log::error("FCGX_Init failed");
    return 1;
  }
  store::init_driver();

  std::unique_ptr<http::Limiter> limiter = make_limiter(config);
  TokenCaching token_caching = make_token_cache(config);
  auth::TokenUses token_uses;
  TokenUseWriter token_use_writer(config, &token_uses);
  // The tenants' configurations, read once per process (tenant_services.h).
  TenantConfigCache tenant_configs;
  // Kept connections wait here, not in a thread (app/connections.h).
  std::string why;
  Connections connections(listen_fd, wake[0], kMaxKeptConnections, &why);
  if (!connections.valid()) {
    util::log::error("cannot wait for connections: " + why);
    return 1;
  }
  std::atomic<bool> stopping{false};
  // A long poll holds a serving thread: at most half of them wait at once.
  manage::LongPolls long_polls(config.threads / 2);
  std::vector<std::thread> threads;
  threads.reserve(config.threads);
  for (int i = 0; i < config.threads; ++i) {
    threads.emplace_back(serve_loop, std::cref(config), limiter.get(), &connections, &stopping, &long_polls,
                         token_caching.cache.get(), &token_uses, &tenant_configs);
  }
  util::metrics::claim_worker(config.threads);
  util::log::info("worker started with " + std::to_string(config.threads) + " threads");

  while (true) {
    int received = ::sigtimedwait(&signals, nullptr, &kTokenUseInterval);
    if (received < 0) {
      if (errno == EAGAIN) token_use_writer.write();
      continue;
    }
    if (received == SIGUSR1) {
      util::log::reopen();
      continue;
    }
    if (received == SIGHUP) continue;  // the supervisor replaces workers on reload
    break;
  }
  stopping = true;
  long_polls.stop();  // a waiting request answers now instead of at its deadline
  char byte = 1;
  ssize_t ignored = ::write(wake[1], &byte, 1);  // never read: stays readable for every thread
  (void)ignored;
  for (auto& thread : threads) thread.join();
  token_use_writer.write();
  util::metrics::release_worker();
  util::log::info("worker drained and stopped");
  return 0;
}

int run_cgi(const Config& config) {
  store::init_driver();
  std::unique_ptr<http::Limiter> limiter = make_limiter(config);
  // One request per process: nothing to share a long poll's wait with, and
  // no token or tenant worth caching.
  ThreadContext context(config, limiter.get(), nullptr, nullptr, nullptr, nullptr);
  http::CgiExchange exchange;
  context.server().serve(exchange);
  return 0;
}

}  // namespace fastscim::app
