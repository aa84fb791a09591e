#include "admin/held_commands.h"

#include <cstdio>

#include "admin/output.h"
#include "admin/policy_api.h"
#include "manage/policy_json.h"

namespace fastscim::admin {

namespace {

constexpr char kListUsage[] = "held list --tenant NAME";
constexpr char kApproveUsage[] = "held approve --tenant NAME ID...|--all";
constexpr char kRejectUsage[] = "held reject --tenant NAME ID...|--all";

void print_holds(const Options& o, const std::vector<manage::HeldChange>& holds) {
  if (o.json) {
    json::Value list = json::Value::array();
    for (const auto& hold : holds) list.append(manage::to_json(hold));
    print_json(list);
    return;
  }
  std::printf("%-6s %-13s %-36s %-32s %-20s %s\n", "ID", "CHANGE", "USER", "USERNAME", "HELD", "EVENTS");
  for (const auto& hold : holds) {
    std::printf("%-6lld %-13s %-36s %-32s %-20s %lld\n", hold.id, hold.change.c_str(), hold.user_id.c_str(),
                hold.user_name.c_str(), hold.held.c_str(), hold.events);
  }
}

int held_list(const Options& o, store::Database& db, const HeldRequest& request) {
  PolicyApi policies(db);
  auto holds = policies.api().held_changes(manage::Api::operator_scope(), request.tenant);
  if (!holds) return failure(holds.error());
  print_holds(o, *holds);
  return 0;
}

int held_decide(const Options& o, store::Database& db, const HeldRequest& request, bool approve) {
  PolicyApi policies(db);
  auto decided = policies.api().decide_held(manage::Api::operator_scope(), request.tenant, request.ids, approve);
  if (!decided) return failure(decided.error());
  if (o.json) {
    print_holds(o, *decided);
    return 0;
  }
  for (const auto& hold : *decided) {
    std::printf("%s %lld (%s of %s)\n", approve ? "approved" : "rejected", hold.id, hold.change.c_str(),
                hold.user_name.empty() ? hold.user_id.c_str() : hold.user_name.c_str());
  }
  return 0;
}

int held_approve(const Options& o, store::Database& db, const HeldRequest& request) {
  return held_decide(o, db, request, true);
}

int held_reject(const Options& o, store::Database& db, const HeldRequest& request) {
  return held_decide(o, db, request, false);
}

Parsed<HeldRequest> parse_decision(Args args, const char* usage) {
  HeldRequest r;
  auto tenant = take_flag(&args, "--tenant");
  r.all = take_switch(&args, "--all");
  if (!tenant) return usage_error("--tenant is required", usage);
  if (r.all && !args.empty()) return usage_error("give the held changes' IDs or --all, not both", usage);
  if (!r.all && args.empty()) return usage_error("give the held changes' IDs (held list) or --all", usage);
  r.tenant = *tenant;
  r.ids = std::move(args);
  return r;
}

}  // namespace

Parsed<HeldRequest> parse_held_list(Args args) {
  HeldRequest r;
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kListUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kListUsage);
  r.tenant = *tenant;
  return r;
}

Parsed<HeldRequest> parse_held_approve(Args args) { return parse_decision(std::move(args), kApproveUsage); }

Parsed<HeldRequest> parse_held_reject(Args args) { return parse_decision(std::move(args), kRejectUsage); }

std::vector<Command> held_commands() {
  return {
      {"held approve", kApproveUsage, parse_then(&parse_held_approve, &held_approve)},
      {"held list", kListUsage, parse_then(&parse_held_list, &held_list)},
      {"held reject", kRejectUsage, parse_then(&parse_held_reject, &held_reject)},
  };
}

}  // namespace fastscim::admin
