#include "admin/log_commands.h"

#include <cstdio>

#include "admin/output.h"
#include "json/value.h"
#include "manage/api.h"
#include "manage/representation.h"
#include "manage/requests.h"
#include "store/management_repository.h"

namespace fastscim::admin {

namespace {

constexpr char kLogUsage[] =
    "log --tenant NAME [--since TIME] [--until TIME] [--outcome success|failure] [--status NNN] [--limit N] "
    "[--before CURSOR]";

int show_log(const Options& o, store::Database& db, const LogRequest& request) {
  store::ManagementRepository repository(db);
  auto page = manage::Api(repository).provisioning_log(manage::Api::operator_scope(), request.tenant, request.query);
  if (!page) return failure(page.error());
  if (o.json) {
    print_json(manage::to_json(*page));
    return 0;
  }
  std::printf("%-24s %-6s %-6s %-36s %-28s %-6s %s\n", "TIME", "METHOD", "TYPE", "ID", "NAME", "STATUS",
              "ERROR / CLIENT");
  for (const auto& e : page->entries) {
    std::string error = e.scim_type.empty() ? e.detail : e.scim_type + ": " + e.detail;
    std::string last = error.empty() ? e.user_agent : error + " (" + e.user_agent + ")";
    std::printf("%-24s %-6s %-6s %-36s %-28s %-6d %s\n", e.occurred_at.c_str(), e.method.c_str(),
                e.resource_type.c_str(), e.resource_id.empty() ? "-" : e.resource_id.c_str(),
                e.name.empty() ? "-" : e.name.c_str(), e.status, last.c_str());
  }
  if (page->next_before != 0) std::fprintf(stderr, "more: --before %lld\n", page->next_before);
  return 0;
}

}  // namespace

Parsed<LogRequest> parse_log(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  manage::LogFilter filter;
  filter.since = take_flag(&args, "--since").value_or("");
  filter.until = take_flag(&args, "--until").value_or("");
  filter.outcome = take_flag(&args, "--outcome").value_or("");
  filter.status = take_flag(&args, "--status").value_or("");
  filter.limit = take_flag(&args, "--limit").value_or("");
  filter.before = take_flag(&args, "--before").value_or("");
  // `--outcome 409` reads as `--status 409`.
  if (filter.status.empty() && !filter.outcome.empty() &&
      filter.outcome.find_first_not_of("0123456789") == std::string::npos) {
    filter.status = filter.outcome;
    filter.outcome.clear();
  }
  // The same checks, in the same words, as GET /manage/v1/tenants/{t}/log.
  auto query = manage::read_log_filter(filter);
  if (!query) return usage_error(query.error().detail(), kLogUsage);
  if (!tenant) return usage_error("--tenant is required", kLogUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kLogUsage);
  LogRequest request;
  request.tenant = *tenant;
  request.query = *query;
  return request;
}

std::vector<Command> log_commands() { return {{"log", kLogUsage, parse_then(&parse_log, &show_log)}}; }

}  // namespace fastscim::admin
