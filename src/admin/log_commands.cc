#include "admin/log_commands.h"

#include <cstdio>

#include "admin/output.h"
#include "json/value.h"
#include "store/management_repository.h"
#include "util/strings.h"

namespace fastscim::admin {

namespace {

constexpr char kLogUsage[] =
    "log --tenant NAME [--since TIME] [--until TIME] [--outcome ok|error|NNN] [--limit N] [--before CURSOR]";
constexpr long long kMaxCursor = 9223372036854775807LL;

// Reads --flag as a time into `out`; false with `error` set.
bool take_time(Args* args, const std::string& flag, std::string* out, std::optional<UsageError>* error) {
  auto text = take_flag(args, flag);
  if (!text) return true;
  auto time = store::parse_log_time(*text);
  if (!time) {
    *error = UsageError{flag + " must be a UTC time, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, not \"" + *text + "\"",
                        kLogUsage};
    return false;
  }
  *out = *time;
  return true;
}

// Reads --flag as an integer in [low, high]; false with `error` set.
bool take_number(Args* args, const std::string& flag, long long low, long long high, long long* out,
                 std::optional<UsageError>* error) {
  auto text = take_flag(args, flag);
  if (!text) return true;
  long long value = 0;
  if (!util::parse_int(*text, &value) || value < low || value > high) {
    *error = UsageError{flag + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                            ", not \"" + *text + "\"",
                        kLogUsage};
    return false;
  }
  *out = value;
  return true;
}

json::Value entry_json(const store::LogEntry& e) {
  json::Value v = json::Value::object();
  v.set("cursor", json::Value::string(std::to_string(e.seq)));
  v.set("time", json::Value::string(e.occurred_at));
  v.set("method", json::Value::string(e.method));
  v.set("resourceType", json::Value::string(e.resource_type));
  v.set("resourceId", e.resource_id.empty() ? json::Value::null() : json::Value::string(e.resource_id));
  v.set("name", e.name.empty() ? json::Value::null() : json::Value::string(e.name));
  v.set("status", json::Value::integer(e.status));
  v.set("scimType", e.scim_type.empty() ? json::Value::null() : json::Value::string(e.scim_type));
  v.set("detail", e.detail.empty() ? json::Value::null() : json::Value::string(e.detail));
  v.set("userAgent", e.user_agent.empty() ? json::Value::null() : json::Value::string(e.user_agent));
  return v;
}

int show_log(const Options& o, store::Database& db, const LogRequest& request) {
  auto tenant = store::ManagementRepository(db).find_tenant(request.tenant);
  if (!tenant) return failure(tenant.error());
  auto entries = store::ProvisioningLogRepository(db).list(tenant->id, request.query);
  if (!entries) return failure(entries.error());
  // A full page may have more behind it: the last entry's number continues.
  const bool more = static_cast<long long>(entries->size()) == request.query.limit;
  const std::string cursor = more ? std::to_string(entries->back().seq) : "";
  if (o.json) {
    json::Value list = json::Value::array();
    for (const auto& e : *entries) list.append(entry_json(e));
    json::Value v = json::Value::object();
    v.set("entries", list);
    v.set("nextCursor", cursor.empty() ? json::Value::null() : json::Value::string(cursor));
    print_json(v);
    return 0;
  }
  std::printf("%-24s %-6s %-6s %-36s %-28s %-6s %s\n", "TIME", "METHOD", "TYPE", "ID", "NAME", "STATUS",
              "ERROR / CLIENT");
  for (const auto& e : *entries) {
    std::string error = e.scim_type.empty() ? e.detail : e.scim_type + ": " + e.detail;
    std::string last = error.empty() ? e.user_agent : error + " (" + e.user_agent + ")";
    std::printf("%-24s %-6s %-6s %-36s %-28s %-6d %s\n", e.occurred_at.c_str(), e.method.c_str(),
                e.resource_type.c_str(), e.resource_id.empty() ? "-" : e.resource_id.c_str(),
                e.name.empty() ? "-" : e.name.c_str(), e.status, last.c_str());
  }
  if (!cursor.empty()) std::fprintf(stderr, "more: --before %s\n", cursor.c_str());
  return 0;
}

}  // namespace

Parsed<LogRequest> parse_log(Args args) {
  LogRequest request;
  auto tenant = take_flag(&args, "--tenant");
  std::optional<UsageError> error;
  if (!take_time(&args, "--since", &request.query.since, &error) ||
      !take_time(&args, "--until", &request.query.until, &error) ||
      !take_number(&args, "--limit", 1, 1000, &request.query.limit, &error) ||
      !take_number(&args, "--before", 1, kMaxCursor, &request.query.before, &error)) {
    return util::Unexpected(*error);
  }
  if (auto outcome = take_flag(&args, "--outcome")) {
    if (!store::parse_log_outcome(*outcome, &request.query)) {
      return usage_error("--outcome must be ok, error or an HTTP status, not \"" + *outcome + "\"", kLogUsage);
    }
  }
  if (!tenant) return usage_error("--tenant is required", kLogUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kLogUsage);
  if (!request.query.since.empty() && !request.query.until.empty() && request.query.until <= request.query.since) {
    return usage_error("--since must be before --until", kLogUsage);
  }
  request.tenant = *tenant;
  return request;
}

std::vector<Command> log_commands() { return {{"log", kLogUsage, parse_then(&parse_log, &show_log)}}; }

}  // namespace fastscim::admin
