#include "admin/webhook_commands.h"

#include <cstdio>
#include <iostream>

#include "admin/output.h"
#include "app/config.h"
#include "app/delivery.h"
#include "json/value.h"
#include "manage/api.h"
#include "manage/representation.h"
#include "store/management_repository.h"
#include "util/strings.h"
#include "webhook/endpoint_url.h"

namespace fastscim::admin {

namespace {

constexpr char kAddUsage[] = "webhook add --tenant NAME [--from POSITION] URL";
constexpr char kListUsage[] = "webhook list --tenant NAME";
constexpr char kRemoveUsage[] = "webhook remove --tenant NAME ID";
constexpr char kEnableUsage[] = "webhook enable --tenant NAME ID";
constexpr char kDisableUsage[] = "webhook disable --tenant NAME ID";
constexpr char kRotateUsage[] = "webhook rotate-secret --tenant NAME ID";
constexpr char kRedeliverUsage[] = "webhook redeliver --tenant NAME ID --from POSITION";
constexpr char kDeliveriesUsage[] = "webhook deliveries --tenant NAME [ID] [--limit N] [--before CURSOR]";
constexpr char kDeliverUsage[] = "events deliver [--max-seconds N]";

bool parse_number(const std::string& text, long long min, long long max, long long* out) {
  return util::parse_int(text, out) && *out >= min && *out <= max;
}

// The --from of add and redeliver: a position of the feed (0 = its start).
Parsed<std::optional<std::uint64_t>> take_from(Args* args, const char* usage) {
  auto from = take_flag(args, "--from");
  if (!from) return std::optional<std::uint64_t>{};
  long long n = 0;
  if (!util::parse_int(*from, &n) || n < 0) {
    return usage_error("--from is an event position: a whole number, 0 for the start of the feed", usage);
  }
  return std::optional<std::uint64_t>(static_cast<std::uint64_t>(n));
}

Parsed<std::int64_t> parse_id(const std::string& text, const char* usage) {
  long long n = 0;
  if (!parse_number(text, 1, (1LL << 62), &n)) {
    return usage_error("\"" + text + "\" is not a webhook id (see `webhook list`)", usage);
  }
  return static_cast<std::int64_t>(n);
}

// Every webhook command is one call on manage::Api with the operator's
// scope: the same call the management API makes.
struct Operator {
  explicit Operator(store::Database& db) : repository(db), api(repository) {}
  store::ManagementRepository repository;
  manage::Api api;
  manage::Scope scope = manage::Api::operator_scope();
};

std::string id_text(const WebhookRequest& r) { return r.id == 0 ? "" : std::to_string(r.id); }

int webhook_add(const Options& o, store::Database& db, const WebhookRequest& r) {
  Operator op(db);
  std::optional<long long> from;
  if (r.from) from = static_cast<long long>(*r.from);
  auto added = op.api.add_webhook(op.scope, r.tenant, r.url, from);
  if (!added) return failure(added.error());
  if (o.json) {
    print_json(manage::to_json(*added));
  } else {
    std::cout << added->webhook.id << " " << added->secret << "\n";
    std::fprintf(stderr,
                 "Added webhook %lld for tenant \"%s\", delivering events after position %lld.\n"
                 "The second word is its signing secret: store it now, it cannot be shown again.\n",
                 added->webhook.id, r.tenant.c_str(), added->webhook.cursor);
  }
  return 0;
}

std::string state_of(const manage::Webhook& w) {
  if (!w.disabled.empty()) return "disabled";
  return w.failures > 0 ? "retrying" : "enabled";
}

int webhook_list(const Options& o, store::Database& db, const WebhookRequest& r) {
  Operator op(db);
  auto endpoints = op.api.list_webhooks(op.scope, r.tenant);
  if (!endpoints) return failure(endpoints.error());
  if (o.json) {
    print_json(manage::to_json_array(*endpoints));
    return 0;
  }
  std::printf("%-6s %-9s %-10s %-8s %-22s %s\n", "ID", "STATE", "CURSOR", "FAILURES", "LAST SUCCESS", "URL");
  for (const auto& w : *endpoints) {
    std::printf("%-6lld %-9s %-10lld %-8d %-22s %s\n", w.id, state_of(w).c_str(), w.cursor, w.failures,
                w.last_success.empty() ? "never" : w.last_success.c_str(), w.url.c_str());
    if (!w.disabled.empty()) std::printf("       disabled %s: %s\n", w.disabled.c_str(), w.disabled_reason.c_str());
  }
  return 0;
}

int webhook_remove(const Options& o, store::Database& db, const WebhookRequest& r) {
  Operator op(db);
  auto done = op.api.remove_webhook(op.scope, r.tenant, id_text(r));
  if (!done) return failure(done.error());
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("tenant", json::Value::string(r.tenant));
    v.set("id", json::Value::integer(r.id));
    v.set("removed", json::Value::boolean(true));
    print_json(v);
  } else {
    std::cout << "removed webhook " << r.id << " of tenant " << r.tenant << "\n";
  }
  return 0;
}

// enable, disable and redeliver answer with the endpoint as it is now.
int report(const Options& o, const scim::Result<manage::Webhook>& endpoint, const std::string& text) {
  if (!endpoint) return failure(endpoint.error());
  if (o.json) {
    print_json(manage::to_json(*endpoint));
  } else {
    std::cout << text << "\n";
  }
  return 0;
}

int webhook_enable(const Options& o, store::Database& db, const WebhookRequest& r) {
  Operator op(db);
  return report(o, op.api.enable_webhook(op.scope, r.tenant, id_text(r), true),
                "enabled webhook " + std::to_string(r.id) + " of tenant " + r.tenant);
}

int webhook_disable(const Options& o, store::Database& db, const WebhookRequest& r) {
  Operator op(db);
  return report(o, op.api.enable_webhook(op.scope, r.tenant, id_text(r), false),
                "disabled webhook " + std::to_string(r.id) + " of tenant " + r.tenant);
}

int webhook_rotate(const Options& o, store::Database& db, const WebhookRequest& r) {
  Operator op(db);
  auto rotated = op.api.rotate_webhook_secret(op.scope, r.tenant, id_text(r));
  if (!rotated) return failure(rotated.error());
  if (o.json) {
    print_json(manage::to_json(*rotated));
  } else {
    std::cout << rotated->secret << "\n";
    std::fprintf(stderr,
                 "New signing secret for webhook %lld of tenant \"%s\", used from the next delivery on.\n"
                 "Store it now: it cannot be shown again.\n",
                 static_cast<long long>(r.id), r.tenant.c_str());
  }
  return 0;
}

int webhook_redeliver(const Options& o, store::Database& db, const WebhookRequest& r) {
  Operator op(db);
  const auto from = static_cast<long long>(*r.from);
  return report(o, op.api.redeliver_webhook(op.scope, r.tenant, id_text(r), from),
                "webhook " + std::to_string(r.id) + " of tenant " + r.tenant +
                    " will receive the events after position " + std::to_string(from) + " again");
}

int webhook_deliveries(const Options& o, store::Database& db, const WebhookRequest& r) {
  Operator op(db);
  auto page = op.api.webhook_deliveries(op.scope, r.tenant, id_text(r), r.before == 0 ? "" : std::to_string(r.before),
                                        std::to_string(r.limit));
  if (!page) return failure(page.error());
  if (o.json) {
    print_json(manage::to_json(*page));
    return 0;
  }
  std::printf("%-22s %-7s %-17s %-7s %-6s %-8s %s\n", "ATTEMPTED", "WEBHOOK", "POSITIONS", "ATTEMPT", "STATUS",
              "LATENCY", "ERROR");
  for (const auto& d : page->deliveries) {
    std::string positions = std::to_string(d.first_position) + "-" + std::to_string(d.last_position);
    std::string status = d.http_status == 0 ? "-" : std::to_string(d.http_status);
    std::printf("%-22s %-7lld %-17s %-7d %-6s %-8s %s\n", d.attempted.c_str(), d.webhook_id, positions.c_str(),
                d.attempt, status.c_str(), (std::to_string(d.latency_ms) + "ms").c_str(),
                d.error.empty() ? "-" : d.error.c_str());
  }
  if (page->next_before != 0) std::fprintf(stderr, "more: --before %lld\n", page->next_before);
  return 0;
}

int events_deliver(const Options& o, store::Database& db, const DeliverRequest& r) {
  // The delivery settings (timeouts, backoff) come from the same
  // configuration fastscim-admin was started with.
  auto config = app::load_config(o.config_path);
  if (!config) {
    std::fprintf(stderr, "fastscim-admin: %s\n", config.error().c_str());
    return 1;
  }
  webhook::PassResult total = app::deliver_until_idle(*config, db, r.max_seconds);
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("delivered", json::Value::integer(total.delivered));
    v.set("failedAttempts", json::Value::integer(total.failed));
    v.set("error", total.error.empty() ? json::Value::null() : json::Value::string(total.error));
    print_json(v);
  } else {
    std::cout << "delivered " << total.delivered << " events; " << total.failed << " failed attempts\n";
  }
  if (!total.error.empty()) {
    std::fprintf(stderr, "fastscim-admin: %s\n", total.error.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

Parsed<WebhookRequest> parse_webhook_add(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  auto from = take_from(&args, kAddUsage);
  if (!from) return util::Unexpected(std::move(from).error());
  if (!tenant) return usage_error("--tenant is required", kAddUsage);
  if (args.size() != 1) return usage_error("give exactly one URL", kAddUsage);
  std::string problem = webhook::endpoint_url_problem(args[0]);
  if (!problem.empty()) return usage_error(problem, kAddUsage);
  WebhookRequest r;
  r.tenant = *tenant;
  r.url = args[0];
  r.from = *from;
  return r;
}

Parsed<WebhookRequest> parse_webhook_list(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kListUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kListUsage);
  WebhookRequest r;
  r.tenant = *tenant;
  return r;
}

Parsed<WebhookRequest> parse_webhook_id(Args args, const char* usage) {
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", usage);
  if (args.size() != 1) return usage_error("give exactly one webhook id", usage);
  auto id = parse_id(args[0], usage);
  if (!id) return util::Unexpected(std::move(id).error());
  WebhookRequest r;
  r.tenant = *tenant;
  r.id = *id;
  return r;
}

Parsed<WebhookRequest> parse_webhook_redeliver(Args args) {
  auto from = take_from(&args, kRedeliverUsage);
  if (!from) return util::Unexpected(std::move(from).error());
  if (!*from) return usage_error("--from POSITION is required (0 = the start of the feed)", kRedeliverUsage);
  auto r = parse_webhook_id(std::move(args), kRedeliverUsage);
  if (r) r->from = *from;
  return r;
}

Parsed<WebhookRequest> parse_webhook_deliveries(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  auto limit = take_flag(&args, "--limit");
  auto before = take_flag(&args, "--before");
  if (!tenant) return usage_error("--tenant is required", kDeliveriesUsage);
  WebhookRequest r;
  r.tenant = *tenant;
  if (before) {
    long long n = 0;
    if (!parse_number(*before, 1, (1LL << 62), &n)) {
      return usage_error("--before is a cursor: the number printed after a page", kDeliveriesUsage);
    }
    r.before = n;
  }
  if (limit) {
    long long n = 0;
    if (!parse_number(*limit, 1, 1000, &n)) return usage_error("--limit is a number from 1 to 1000", kDeliveriesUsage);
    r.limit = static_cast<int>(n);
  }
  if (args.size() > 1) return usage_error("unexpected argument \"" + args[1] + "\"", kDeliveriesUsage);
  if (args.size() == 1) {
    auto id = parse_id(args[0], kDeliveriesUsage);
    if (!id) return util::Unexpected(std::move(id).error());
    r.id = *id;
  }
  return r;
}

Parsed<DeliverRequest> parse_events_deliver(Args args) {
  DeliverRequest r;
  if (auto max = take_flag(&args, "--max-seconds")) {
    long long n = 0;
    if (!parse_number(*max, 1, 3600, &n)) return usage_error("--max-seconds is a number from 1 to 3600", kDeliverUsage);
    r.max_seconds = static_cast<int>(n);
  }
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kDeliverUsage);
  return r;
}

namespace {
Parsed<WebhookRequest> parse_remove(Args args) { return parse_webhook_id(std::move(args), kRemoveUsage); }
Parsed<WebhookRequest> parse_enable(Args args) { return parse_webhook_id(std::move(args), kEnableUsage); }
Parsed<WebhookRequest> parse_disable(Args args) { return parse_webhook_id(std::move(args), kDisableUsage); }
Parsed<WebhookRequest> parse_rotate(Args args) { return parse_webhook_id(std::move(args), kRotateUsage); }
}  // namespace

std::vector<Command> webhook_commands() {
  return {
      {"webhook add", kAddUsage, parse_then(&parse_webhook_add, &webhook_add)},
      {"webhook list", kListUsage, parse_then(&parse_webhook_list, &webhook_list)},
      {"webhook remove", kRemoveUsage, parse_then(&parse_remove, &webhook_remove)},
      {"webhook enable", kEnableUsage, parse_then(&parse_enable, &webhook_enable)},
      {"webhook disable", kDisableUsage, parse_then(&parse_disable, &webhook_disable)},
      {"webhook rotate-secret", kRotateUsage, parse_then(&parse_rotate, &webhook_rotate)},
      {"webhook redeliver", kRedeliverUsage, parse_then(&parse_webhook_redeliver, &webhook_redeliver)},
      {"webhook deliveries", kDeliveriesUsage, parse_then(&parse_webhook_deliveries, &webhook_deliveries)},
      {"events deliver", kDeliverUsage, parse_then(&parse_events_deliver, &events_deliver)},
  };
}

}  // namespace fastscim::admin
