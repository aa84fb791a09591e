#include "admin/apikey_commands.h"

#include <cstdio>
#include <iostream>

#include "admin/output.h"
#include "json/value.h"
#include "manage/api.h"
#include "manage/representation.h"
#include "store/management_repository.h"

namespace fastscim::admin {

namespace {

constexpr char kIssueUsage[] = "apikey issue --name NAME [--tenant TENANT]";
constexpr char kListUsage[] = "apikey list";
constexpr char kRevokeUsage[] = "apikey revoke NAME";

int apikey_issue(const Options& o, store::Database& db, const ApiKeyRequest& request) {
  store::ManagementRepository repo(db);
  auto issued = manage::Api(repo).issue_api_key(manage::Api::operator_scope(), request.name, request.tenant);
  if (!issued) return failure(issued.error());
  if (o.json) {
    print_json(manage::to_json(*issued, true));
  } else {
    std::cout << issued->secret << "\n";
    std::string scope = issued->tenant.empty() ? "every tenant" : "tenant \"" + issued->tenant + "\" only";
    std::fprintf(stderr, "Issued API key \"%s\" for %s. Store it now: it cannot be shown again.\n",
                 issued->name.c_str(), scope.c_str());
  }
  return 0;
}

int apikey_list(const Options& o, store::Database& db, const ApiKeyListRequest&) {
  store::ManagementRepository repo(db);
  auto keys = manage::Api(repo).list_api_keys(manage::Api::operator_scope());
  if (!keys) return failure(keys.error());
  if (o.json) {
    print_json(manage::to_json_array(*keys));
  } else {
    std::printf("%-20s %-14s %-20s %-22s %-22s %s\n", "NAME", "PREFIX", "TENANT", "CREATED", "LAST USED", "REVOKED");
    for (const auto& k : *keys) {
      std::printf("%-20s %-14s %-20s %-22s %-22s %s\n", k.name.c_str(), k.prefix.c_str(),
                  k.tenant.empty() ? "(all)" : k.tenant.c_str(), k.created.c_str(),
                  k.last_used.empty() ? "never" : k.last_used.c_str(), k.revoked.empty() ? "-" : k.revoked.c_str());
    }
  }
  return 0;
}

int apikey_revoke(const Options& o, store::Database& db, const ApiKeyRequest& request) {
  store::ManagementRepository repo(db);
  auto revoked = manage::Api(repo).revoke_api_key(manage::Api::operator_scope(), request.name);
  if (!revoked) return failure(revoked.error());
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("revoked", json::Value::string(request.name));
    print_json(v);
  } else {
    std::cout << "revoked API key " << request.name << "\n";
  }
  return 0;
}

}  // namespace

Parsed<ApiKeyRequest> parse_apikey_issue(Args args) {
  auto name = take_flag(&args, "--name");
  auto tenant = take_flag(&args, "--tenant");
  if (!name) return usage_error("--name is required", kIssueUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kIssueUsage);
  if (!valid_name(*name)) return usage_error("an API key name is 1-64 letters, digits, '-', '_' or '.'", kIssueUsage);
  return ApiKeyRequest{*name, tenant};
}

Parsed<ApiKeyListRequest> parse_apikey_list(Args args) {
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kListUsage);
  return ApiKeyListRequest{};
}

Parsed<ApiKeyRequest> parse_apikey_revoke(Args args) {
  if (args.size() != 1) return usage_error("give exactly one API key name", kRevokeUsage);
  return ApiKeyRequest{args[0], std::nullopt};
}

std::vector<Command> apikey_commands() {
  return {
      {"apikey issue", kIssueUsage, parse_then(&parse_apikey_issue, &apikey_issue)},
      {"apikey list", kListUsage, parse_then(&parse_apikey_list, &apikey_list)},
      {"apikey revoke", kRevokeUsage, parse_then(&parse_apikey_revoke, &apikey_revoke)},
  };
}

}  // namespace fastscim::admin
