#include "admin/portal_commands.h"

#include <cstdio>
#include <iostream>

#include "admin/output.h"
#include "app/config.h"
#include "json/value.h"
#include "manage/api.h"
#include "manage/portal.h"
#include "manage/values.h"
#include "store/management_repository.h"
#include "store/portal_repository.h"

namespace fastscim::admin {

namespace {

constexpr char kLinkUsage[] = "portal link --tenant NAME [--expires 24h] [--url https://HOST[:PORT]]";

int portal_link(const Options& o, store::Database& db, const PortalLinkRequest& request) {
  std::string origin = request.origin;
  if (origin.empty()) {
    auto config = app::load_config(o.config_path);
    if (config && !config->public_url.empty()) origin = manage::url_origin(config->public_url);
  }
  if (origin.empty()) {
    std::fprintf(stderr,
                 "fastscim-admin: the configuration has no public_url; give the portal's address with --url "
                 "https://HOST[:PORT]\n");
    return 1;
  }
  store::ManagementRepository repo(db);
  store::PortalRepository links(db);
  manage::Api api(repo);
  auto link =
      manage::Portal(links, api).issue_link(manage::Api::operator_scope(), request.tenant, request.seconds, origin);
  if (!link) return failure(link.error());
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("tenant", json::Value::string(link->tenant));
    v.set("url", json::Value::string(link->url));
    v.set("prefix", json::Value::string(link->prefix));
    v.set("expires", json::Value::string(link->expires));
    print_json(v);
  } else {
    std::cout << link->url << "\n";
    std::fprintf(stderr, "A one-time link to the setup portal of tenant \"%s\", valid until %s. It opens once.\n",
                 link->tenant.c_str(), link->expires.c_str());
  }
  return 0;
}

}  // namespace

Parsed<PortalLinkRequest> parse_portal_link(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  auto expires = take_flag(&args, "--expires");
  auto url = take_flag(&args, "--url");
  if (!tenant) return usage_error("--tenant is required", kLinkUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kLinkUsage);
  PortalLinkRequest request{*tenant, std::nullopt, url.value_or("")};
  if (expires) {
    request.seconds = manage::parse_duration(*expires);
    if (!request.seconds || *request.seconds <= 0) {
      return usage_error("--expires takes a duration such as 30m, 24h or 7d", kLinkUsage);
    }
  }
  if (url && url->rfind("https://", 0) != 0 && url->rfind("http://", 0) != 0) {
    return usage_error("--url is the portal's origin, such as https://scim.example.com", kLinkUsage);
  }
  if (url) request.origin = manage::url_origin(*url);
  return request;
}

std::vector<Command> portal_commands() {
  return {{"portal link", kLinkUsage, parse_then(&parse_portal_link, &portal_link)}};
}

}  // namespace fastscim::admin
