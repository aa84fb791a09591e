#include "admin/policy_commands.h"

#include <cstdio>
#include <iostream>

#include "admin/output.h"
#include "json/value.h"
#include "store/identifier_claims.h"

namespace fastscim::admin {

namespace {

constexpr char kSetUsage[] = "policy set unique-across-tenants emails,mobile|emails|mobile|off";
constexpr char kShowUsage[] = "policy show";

int policy_set(const Options& o, store::Database& db, const PolicySetRequest& request) {
  auto set = store::set_unique_across_tenants(db, request.unique_across_tenants);
  if (!set) return failure(set.error());
  const std::string value = scim::to_string(request.unique_across_tenants);
  if (o.json) {
    json::Value v = json::Value::object();
    v.set(store::kUniqueAcrossTenants, json::Value::string(value));
    print_json(v);
  } else {
    std::cout << store::kUniqueAcrossTenants << " = " << value << "\n";
  }
  return 0;
}

int policy_show(const Options& o, store::Database& db, const PolicyShowRequest&) {
  auto settings = store::deployment_settings(db);
  if (!settings) return failure(settings.error());
  if (o.json) {
    json::Value v = json::Value::object();
    for (const auto& s : *settings) v.set(s.name, json::Value::string(s.value));
    print_json(v);
  } else {
    std::printf("%-24s %-16s %s\n", "POLICY", "VALUE", "CHANGED");
    for (const auto& s : *settings) std::printf("%-24s %-16s %s\n", s.name.c_str(), s.value.c_str(), s.changed.c_str());
  }
  return 0;
}

}  // namespace

Parsed<PolicySetRequest> parse_policy_set(Args args) {
  if (args.size() != 2) return usage_error("give a policy and its value", kSetUsage);
  if (args[0] != store::kUniqueAcrossTenants) {
    return usage_error("unknown policy \"" + args[0] + "\" (known: unique-across-tenants)", kSetUsage);
  }
  std::string error;
  auto scope = scim::parse_identifier_scope(args[1], &error);
  if (!scope) return usage_error(error, kSetUsage);
  return PolicySetRequest{*scope};
}

Parsed<PolicyShowRequest> parse_policy_show(Args args) {
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kShowUsage);
  return PolicyShowRequest{};
}

std::vector<Command> policy_commands() {
  return {
      {"policy set", kSetUsage, parse_then(&parse_policy_set, &policy_set)},
      {"policy show", kShowUsage, parse_then(&parse_policy_show, &policy_show)},
  };
}

}  // namespace fastscim::admin
