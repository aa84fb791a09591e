#include "admin/events_commands.h"

#include <signal.h>
#include <time.h>

#include <cstdio>
#include <iostream>

#include "admin/output.h"
#include "app/config.h"
#include "json/io.h"
#include "json/value.h"
#include "manage/api.h"
#include "manage/representation.h"
#include "store/deleted_users.h"
#include "store/event_repository.h"
#include "store/management_repository.h"
#include "store/provisioning_log_repository.h"
#include "util/strings.h"

namespace fastscim::admin {

namespace {

constexpr char kListUsage[] = "events list --tenant NAME [--after CURSOR] [--limit N]";
constexpr char kFollowUsage[] = "events follow --tenant NAME [--after CURSOR]";
constexpr char kPurgeUsage[] = "events purge [--days N]";
constexpr char kSeatsUsage[] = "seats --tenant NAME [--from YYYY-MM-DD] [--to YYYY-MM-DD]";

constexpr long long kMaxCursor = 9223372036854775807LL;
constexpr long kPollStepNanoseconds = 100L * 1000 * 1000;

volatile sig_atomic_t stop_following = 0;

void on_stop_signal(int /*signal*/) { stop_following = 1; }

// Reads --flag as an integer in [low, high]; false with a usage error set.
bool take_number(Args* args, const std::string& flag, long long low, long long high, long long* out,
                 std::optional<UsageError>* error, const char* usage) {
  auto text = take_flag(args, flag);
  if (!text) return true;
  long long value = 0;
  if (!util::parse_int(*text, &value) || value < low || value > high) {
    *error = UsageError{flag + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                            ", not \"" + *text + "\"",
                        usage};
    return false;
  }
  *out = value;
  return true;
}

Parsed<EventsRequest> parse_feed(Args args, const char* usage, bool with_limit) {
  EventsRequest request;
  auto tenant = take_flag(&args, "--tenant");
  std::optional<UsageError> error;
  if (!take_number(&args, "--after", 0, kMaxCursor, &request.after, &error, usage)) {
    return util::Unexpected(*error);
  }
  if (with_limit && !take_number(&args, "--limit", 1, 1000, &request.limit, &error, usage)) {
    return util::Unexpected(*error);
  }
  if (!tenant) return usage_error("--tenant is required", usage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", usage);
  request.tenant = *tenant;
  return request;
}

// The feed and the seats are read through manage::Api with the operator's
// scope: the calls GET /manage/v1/tenants/{t}/events and …/seats make.
struct Operator {
  explicit Operator(store::Database& db) : repository(db), api(repository) {}
  store::ManagementRepository repository;
  manage::Api api;
  manage::Scope scope = manage::Api::operator_scope();
};

int events_list(const Options& o, store::Database& db, const EventsRequest& request) {
  Operator op(db);
  auto page = op.api.events(op.scope, request.tenant, std::to_string(request.after), std::to_string(request.limit));
  if (!page) return failure(page.error());
  if (o.json) {
    auto body = manage::to_json(*page);
    if (!body) return failure(body.error());
    print_json(*body);
    return 0;
  }
  std::printf("%-8s %-24s %-22s %-36s %s\n", "POSITION", "TYPE", "OCCURRED", "RESOURCE", "VERSION");
  for (const auto& e : page->events) {
    auto payload = json::parse(e.payload);
    json::Value v = payload ? payload.value() : json::Value::object();
    json::Value resource = v.get("resource");
    std::printf("%-8lld %-24s %-22s %-36s %lld\n", e.position,
                std::string(v.get("type").as_string().value_or("")).c_str(),
                std::string(v.get("occurred_at").as_string().value_or("")).c_str(),
                std::string(resource.get("id").as_string().value_or("")).c_str(),
                resource.get("version").as_integer().value_or(0));
  }
  std::fprintf(stderr, "cursor: %lld\n", page->cursor);
  return 0;
}

int events_follow(const Options& /*o*/, store::Database& db, const EventsRequest& request) {
  Operator op(db);
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  long long cursor = request.after;
  constexpr int kPage = 100;
  while (stop_following == 0) {
    auto page = op.api.events(op.scope, request.tenant, std::to_string(cursor), std::to_string(kPage));
    if (!page) return failure(page.error());
    for (const auto& e : page->events) {
      std::fwrite(e.payload.data(), 1, e.payload.size(), stdout);
      std::fputc('\n', stdout);
    }
    cursor = page->cursor;
    std::fflush(stdout);
    if (page->events.size() == kPage) continue;
    // Sleeps a second in small steps so a signal ends the wait promptly.
    for (int i = 0; i < 10 && stop_following == 0; ++i) {
      struct timespec step = {0, kPollStepNanoseconds};
      nanosleep(&step, nullptr);
    }
  }
  return 0;
}

int events_purge(const Options& o, store::Database& db, const EventsRequest& request) {
  int days = 30;
  if (request.days) {
    days = *request.days;
  } else if (auto config = app::load_config(o.config_path)) {
    days = config->events_retention_days;
  }
  auto deleted = store::EventRepository(db).purge(days);
  if (!deleted) return failure(deleted.error());
  // The provisioning log is kept as long as the events (log_commands.h).
  auto log_deleted = store::ProvisioningLogRepository(db).purge(days);
  if (!log_deleted) return failure(log_deleted.error());
  // Deleted users past their tenant's own retention (doc/policies.md).
  auto users_purged = store::purge_deleted_users(db);
  if (!users_purged) return failure(users_purged.error());
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("deleted", json::Value::integer(*deleted));
    v.set("logEntriesDeleted", json::Value::integer(*log_deleted));
    v.set("retentionDays", json::Value::integer(days));
    v.set("deletedUsersPurged", json::Value::integer(*users_purged));
    print_json(v);
  } else {
    std::cout << "deleted " << *deleted << " event" << (*deleted == 1 ? "" : "s") << " older than " << days << " day"
              << (days == 1 ? "" : "s") << "\n";
    std::cout << "deleted " << *log_deleted << " provisioning log entr" << (*log_deleted == 1 ? "y" : "ies") << "\n";
    std::cout << "purged " << *users_purged << " deleted user" << (*users_purged == 1 ? "" : "s") << "\n";
  }
  return 0;
}

int seats(const Options& o, store::Database& db, const EventsRequest& request) {
  Operator op(db);
  auto seats = op.api.seats(op.scope, request.tenant, request.from, request.to);
  if (!seats) return failure(seats.error());
  if (o.json) {
    json::Value v = manage::to_json(*seats);
    v.set("tenant", json::Value::string(request.tenant));
    print_json(v);
    return 0;
  }
  std::printf("active users: %lld\n", seats->active_users);
  std::printf("%-12s %10s %10s\n", "DAY", "MAX", "END");
  for (const auto& d : seats->history) std::printf("%-12s %10lld %10lld\n", d.day.c_str(), d.active_max, d.active_end);
  return 0;
}

}  // namespace

Parsed<EventsRequest> parse_events_list(Args args) { return parse_feed(std::move(args), kListUsage, true); }

Parsed<EventsRequest> parse_events_follow(Args args) { return parse_feed(std::move(args), kFollowUsage, false); }

Parsed<EventsRequest> parse_events_purge(Args args) {
  EventsRequest request;
  long long days = 0;
  std::optional<UsageError> error;
  if (!take_number(&args, "--days", 1, 36500, &days, &error, kPurgeUsage)) return util::Unexpected(*error);
  if (days > 0) request.days = static_cast<int>(days);  // given (the least allowed is 1)
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kPurgeUsage);
  return request;
}

Parsed<EventsRequest> parse_seats(Args args) {
  EventsRequest request;
  auto tenant = take_flag(&args, "--tenant");
  request.from = take_flag(&args, "--from").value_or("");
  request.to = take_flag(&args, "--to").value_or("");
  if (!tenant) return usage_error("--tenant is required", kSeatsUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kSeatsUsage);
  for (const std::string* day : {&request.from, &request.to}) {
    if (!day->empty() && !store::valid_day(*day)) {
      return usage_error("\"" + *day + "\" is not a day; write YYYY-MM-DD", kSeatsUsage);
    }
  }
  if (!request.from.empty() && !request.to.empty() && request.to < request.from) {
    return usage_error("--from must not be after --to", kSeatsUsage);
  }
  request.tenant = *tenant;
  return request;
}

std::vector<Command> events_commands() {
  return {
      {"events list", kListUsage, parse_then(&parse_events_list, &events_list)},
      {"events follow", kFollowUsage, parse_then(&parse_events_follow, &events_follow)},
      {"events purge", kPurgeUsage, parse_then(&parse_events_purge, &events_purge)},
      {"seats", kSeatsUsage, parse_then(&parse_seats, &seats)},
  };
}

}  // namespace fastscim::admin
