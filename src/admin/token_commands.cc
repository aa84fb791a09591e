#include "admin/token_commands.h"

#include <cstdio>
#include <ctime>
#include <iostream>

#include "admin/output.h"
#include "json/value.h"
#include "manage/api.h"
#include "manage/representation.h"
#include "manage/values.h"
#include "store/management_repository.h"

namespace fastscim::admin {

namespace {

constexpr char kIssueUsage[] = "token issue --tenant NAME [--name LABEL] [--expires 30d|TIME]";
constexpr char kListUsage[] = "token list --tenant NAME";
constexpr char kRevokeUsage[] = "token revoke --tenant NAME LABEL";
constexpr char kRotateUsage[] = "token rotate --tenant NAME LABEL [--overlap 24h]";

int token_issue(const Options& o, store::Database& db, const TokenRequest& request) {
  std::optional<long long> expires_at;
  if (request.expires) {
    expires_at = request.expires->at_unix ? *request.expires->at_unix
                                          : static_cast<long long>(std::time(nullptr)) + *request.expires->in_seconds;
  }
  store::ManagementRepository repo(db);
  auto issued = manage::Api(repo).issue_token(manage::Api::operator_scope(), request.tenant, request.name, expires_at);
  if (!issued) return failure(issued.error());
  if (o.json) {
    print_json(manage::to_json(*issued, false));
  } else {
    std::cout << issued->secret << "\n";
    std::string until = issued->expires.empty() ? "" : " It expires at " + issued->expires + ".";
    std::fprintf(stderr, "Issued token \"%s\" for tenant \"%s\". Store it now: it cannot be shown again.%s\n",
                 issued->name.c_str(), request.tenant.c_str(), until.c_str());
  }
  return 0;
}

int token_list(const Options& o, store::Database& db, const TokenRequest& request) {
  store::ManagementRepository repo(db);
  auto tokens = manage::Api(repo).list_tokens(manage::Api::operator_scope(), request.tenant);
  if (!tokens) return failure(tokens.error());
  if (o.json) {
    print_json(manage::to_json_array(*tokens));
  } else {
    std::printf("%-20s %-14s %-22s %-22s %-22s %s\n", "NAME", "PREFIX", "CREATED", "LAST USED", "REVOKED", "EXPIRES");
    for (const auto& t : *tokens) {
      std::printf("%-20s %-14s %-22s %-22s %-22s %s\n", t.name.c_str(), t.prefix.c_str(), t.created.c_str(),
                  t.last_used.empty() ? "never" : t.last_used.c_str(), t.revoked.empty() ? "-" : t.revoked.c_str(),
                  t.expires.empty() ? "never" : t.expires.c_str());
    }
  }
  return 0;
}

int token_revoke(const Options& o, store::Database& db, const TokenRequest& request) {
  store::ManagementRepository repo(db);
  auto revoked = manage::Api(repo).revoke_token(manage::Api::operator_scope(), request.tenant, request.name);
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

int token_rotate(const Options& o, store::Database& db, const TokenRequest& request) {
  store::ManagementRepository repo(db);
  manage::Overlap overlap;
  overlap.seconds = request.overlap_seconds;
  auto issued = manage::Api(repo).rotate_token(manage::Api::operator_scope(), request.tenant, request.name, overlap);
  if (!issued) return failure(issued.error());
  if (o.json) {
    print_json(manage::to_json(*issued, false));
  } else {
    std::cout << issued->secret << "\n";
    std::fprintf(stderr,
                 "Rotated token \"%s\" of tenant \"%s\"; the previous secret works until %s. Store the new one "
                 "now: it cannot be shown again.\n",
                 issued->name.c_str(), request.tenant.c_str(), issued->previous_expires.c_str());
  }
  return 0;
}

}  // namespace

std::optional<ExpiryArgument> parse_expiry(const std::string& text) {
  if (auto seconds = manage::parse_duration(text)) return ExpiryArgument{seconds, std::nullopt};
  if (auto at = manage::parse_timestamp(text)) return ExpiryArgument{std::nullopt, at};
  return std::nullopt;
}

Parsed<TokenRequest> parse_token_issue(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  std::string name = take_flag(&args, "--name").value_or("");
  auto expires_text = take_flag(&args, "--expires");
  if (!tenant) return usage_error("--tenant is required", kIssueUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kIssueUsage);
  if (!name.empty() && !valid_name(name)) {
    return usage_error("a token name is 1-64 letters, digits, '-', '_' or '.'", kIssueUsage);
  }
  TokenRequest request{*tenant, name, std::nullopt, std::nullopt};
  if (expires_text) {
    request.expires = parse_expiry(*expires_text);
    if (!request.expires || (request.expires->in_seconds && *request.expires->in_seconds == 0)) {
      return usage_error(
          "--expires takes a duration such as 90m, 24h or 30d, or a UTC time such as "
          "2030-01-31T12:00:00Z, not \"" +
              *expires_text + "\"",
          kIssueUsage);
    }
  }
  return request;
}

Parsed<TokenRequest> parse_token_list(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kListUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kListUsage);
  return TokenRequest{*tenant, "", std::nullopt, std::nullopt};
}

Parsed<TokenRequest> parse_token_revoke(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kRevokeUsage);
  if (args.size() != 1) return usage_error("give exactly one token name", kRevokeUsage);
  return TokenRequest{*tenant, args[0], std::nullopt, std::nullopt};
}

Parsed<TokenRequest> parse_token_rotate(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  auto overlap_text = take_flag(&args, "--overlap");
  if (!tenant) return usage_error("--tenant is required", kRotateUsage);
  if (args.size() != 1) return usage_error("give exactly one token name", kRotateUsage);
  TokenRequest request{*tenant, args[0], std::nullopt, std::nullopt};
  if (overlap_text) {
    request.overlap_seconds = manage::parse_duration(*overlap_text);
    if (!request.overlap_seconds) {
      return usage_error("--overlap takes a duration such as 0s, 30m, 24h or 7d, not \"" + *overlap_text + "\"",
                         kRotateUsage);
    }
  }
  return request;
}

std::vector<Command> token_commands() {
  return {
      {"token issue", kIssueUsage, parse_then(&parse_token_issue, &token_issue)},
      {"token list", kListUsage, parse_then(&parse_token_list, &token_list)},
      {"token revoke", kRevokeUsage, parse_then(&parse_token_revoke, &token_revoke)},
      {"token rotate", kRotateUsage, parse_then(&parse_token_rotate, &token_rotate)},
  };
}

}  // namespace fastscim::admin
