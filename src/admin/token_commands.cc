#include "admin/token_commands.h"

#include <cstdio>
#include <iostream>

#include "admin/output.h"
#include "json/value.h"
#include "store/token_repository.h"

namespace fastscim::admin {

namespace {

constexpr char kIssueUsage[] = "token issue --tenant NAME [--name LABEL]";
constexpr char kListUsage[] = "token list --tenant NAME";
constexpr char kRevokeUsage[] = "token revoke --tenant NAME LABEL";

int token_issue(const Options& o, store::Database& db, const TokenRequest& request) {
  store::TokenRepository repo(db);
  auto issued = repo.issue_token(request.tenant, request.name);
  if (!issued) return failure(issued.error());
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("tenant", json::Value::string(request.tenant));
    v.set("name", json::Value::string(issued->name));
    v.set("prefix", json::Value::string(issued->prefix));
    v.set("token", json::Value::string(issued->secret));
    print_json(v);
  } else {
    std::cout << issued->secret << "\n";
    std::fprintf(stderr, "Issued token \"%s\" for tenant \"%s\". Store it now: it cannot be shown again.\n",
                 issued->name.c_str(), request.tenant.c_str());
  }
  return 0;
}

int token_list(const Options& o, store::Database& db, const TokenRequest& request) {
  store::TokenRepository repo(db);
  auto tokens = repo.list_tokens(request.tenant);
  if (!tokens) return failure(tokens.error());
  if (o.json) {
    json::Value list = json::Value::array();
    for (const auto& t : *tokens) {
      json::Value v = json::Value::object();
      v.set("name", json::Value::string(t.name));
      v.set("prefix", json::Value::string(t.prefix));
      v.set("created", json::Value::string(t.created));
      v.set("lastUsed", t.last_used.empty() ? json::Value::null() : json::Value::string(t.last_used));
      v.set("revoked", t.revoked.empty() ? json::Value::null() : json::Value::string(t.revoked));
      list.append(v);
    }
    print_json(list);
  } else {
    std::printf("%-20s %-14s %-22s %-22s %s\n", "NAME", "PREFIX", "CREATED", "LAST USED", "REVOKED");
    for (const auto& t : *tokens) {
      std::printf("%-20s %-14s %-22s %-22s %s\n", t.name.c_str(), t.prefix.c_str(), t.created.c_str(),
                  t.last_used.empty() ? "never" : t.last_used.c_str(), t.revoked.empty() ? "-" : t.revoked.c_str());
    }
  }
  return 0;
}

int token_revoke(const Options& o, store::Database& db, const TokenRequest& request) {
  store::TokenRepository repo(db);
  auto revoked = repo.revoke_token(request.tenant, request.name);
  if (!revoked) return failure(revoked.error());
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("revoked", json::Value::string(request.name));
    v.set("tenant", json::Value::string(request.tenant));
    print_json(v);
  } else {
    std::cout << "revoked token " << request.name << " of tenant " << request.tenant << "\n";
  }
  return 0;
}

}  // namespace

Parsed<TokenRequest> parse_token_issue(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  std::string name = take_flag(&args, "--name").value_or("");
  if (!tenant) return usage_error("--tenant is required", kIssueUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kIssueUsage);
  if (!name.empty() && !valid_name(name)) {
    return usage_error("a token name is 1-64 letters, digits, '-', '_' or '.'", kIssueUsage);
  }
  return TokenRequest{*tenant, name};
}

Parsed<TokenRequest> parse_token_list(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kListUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kListUsage);
  return TokenRequest{*tenant, ""};
}

Parsed<TokenRequest> parse_token_revoke(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kRevokeUsage);
  if (args.size() != 1) return usage_error("give exactly one token name", kRevokeUsage);
  return TokenRequest{*tenant, args[0]};
}

std::vector<Command> token_commands() {
  return {
      {"token issue", kIssueUsage, parse_then(&parse_token_issue, &token_issue)},
      {"token list", kListUsage, parse_then(&parse_token_list, &token_list)},
      {"token revoke", kRevokeUsage, parse_then(&parse_token_revoke, &token_revoke)},
  };
}

}  // namespace fastscim::admin
