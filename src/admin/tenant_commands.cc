#include "admin/tenant_commands.h"

#include <cstdio>
#include <iostream>
#include <optional>

#include "admin/output.h"
#include "app/config.h"
#include "json/value.h"
#include "manage/api.h"
#include "manage/representation.h"
#include "manage/values.h"
#include "store/management_repository.h"

namespace fastscim::admin {

namespace {

constexpr char kCreateUsage[] = "tenant create NAME";
constexpr char kListUsage[] = "tenant list";
constexpr char kShowUsage[] = "tenant show NAME";
constexpr char kDeleteUsage[] = "tenant delete NAME --yes";
constexpr char kSetUsage[] =
    "tenant set NAME unknown-attributes|unknown-extensions reject|ignore|default"
    " | provisioning on|off | invitations off|on-create | dialect strict|lenient"
    " | rate-limit N/s|N/m|default | rate-burst N|default | max-concurrent N|default"
    " | link-existing off|email|employeeNumber|email,employeeNumber | deleted-retention DAYS|default"
    " | deprovision-guard N|off";

std::string shown_setting(const std::string& value, const char* server_default) {
  return value.empty() ? std::string("default (server: ") + server_default + ")" : value;
}

int tenant_create(const Options& o, store::Database& db, const TenantRequest& request) {
  store::ManagementRepository repo(db);
  auto tenant = manage::Api(repo).create_tenant(manage::Api::operator_scope(), request.name);
  if (!tenant) return failure(tenant.error());
  if (o.json)
    print_json(manage::to_json(*tenant));
  else
    std::cout << "created tenant " << tenant->name << "\n";
  return 0;
}

int tenant_list(const Options& o, store::Database& db, const TenantListRequest&) {
  store::ManagementRepository repo(db);
  auto tenants = manage::Api(repo).list_tenants(manage::Api::operator_scope());
  if (!tenants) return failure(tenants.error());
  if (o.json) {
    print_json(manage::to_json_array(*tenants));
  } else {
    std::printf("%-24s %-22s %s\n", "NAME", "CREATED", "ACTIVE TOKENS");
    for (const auto& t : *tenants) {
      std::printf("%-24s %-22s %lld\n", t.name.c_str(), t.created.c_str(), t.active_tokens);
    }
  }
  return 0;
}

int tenant_show(const Options& o, store::Database& db, const TenantRequest& request) {
  store::ManagementRepository repo(db);
  manage::Api api(repo);
  auto t = api.tenant(manage::Api::operator_scope(), request.name);
  if (!t) return failure(t.error());
  auto settings = api.settings(manage::Api::operator_scope(), request.name);
  if (!settings) return failure(settings.error());
  auto config = app::load_config(o.config_path);
  std::string attributes_default = config ? config->unknown_attributes : "ignore";
  std::string extensions_default = config ? config->unknown_extensions : "reject";
  app::Config server = config ? config.value() : app::Config();
  std::string rate_default = server.tenant_rate_per_minute > 0 ? manage::format_rate(server.tenant_rate_per_minute)
                                                               : "off";
  auto limit = [](long long value, const std::string& shown, const std::string& server_default) {
    return value > 0 ? shown : "default (server: " + server_default + ")";
  };
  if (o.json) {
    json::Value v = manage::to_json(*t);
    v.set("settings", manage::to_json(*settings));
    print_json(v);
  } else {
    std::cout
        << "name: " << t->name << "\ncreated: " << t->created << "\nactive tokens: " << t->active_tokens
        << "\nunknown-attributes: " << shown_setting(settings->unknown_attributes, attributes_default.c_str())
        << "\nunknown-extensions: " << shown_setting(settings->unknown_extensions, extensions_default.c_str())
        << "\nprovisioning: " << (settings->provisioning ? "on" : "off") << "\ninvitations: " << settings->invitations
        << "\ndialect: " << (settings->dialect.empty() ? "strict" : settings->dialect) << "\nrate-limit: "
        << limit(settings->rate_limit_per_minute, manage::format_rate(settings->rate_limit_per_minute), rate_default)
        << "\nrate-burst: "
        << limit(settings->rate_burst, std::to_string(settings->rate_burst), std::to_string(server.tenant_rate_burst))
        << "\nmax-concurrent: "
        << limit(settings->max_concurrent, std::to_string(settings->max_concurrent),
                 std::to_string(app::max_concurrent(server)))
        << "\nlink-existing: " << settings->link_existing << "\ndeprovision-guard: "
        << (settings->deprovision_guard > 0 ? std::to_string(settings->deprovision_guard) + " an hour" : "off") << "\n";
  }
  return 0;
}

int tenant_delete(const Options& o, store::Database& db, const TenantRequest& request) {
  store::ManagementRepository repo(db);
  auto deleted = manage::Api(repo).delete_tenant(manage::Api::operator_scope(), request.name);
  if (!deleted) return failure(deleted.error());
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("deleted", json::Value::string(request.name));
    print_json(v);
  } else {
    std::cout << "deleted tenant " << request.name << "\n";
  }
  return 0;
}

int tenant_set(const Options& o, store::Database& db, const TenantSetRequest& request) {
  store::ManagementRepository repo(db);
  // parse_tenant_set accepted the value, so setting_value() has one.
  std::string stored = manage::setting_value(request.setting, request.value).value_or("");
  auto settings = manage::Api(repo).change_settings(manage::Api::operator_scope(), request.name,
                                                    {{request.setting, stored}});
  if (!settings) return failure(settings.error());
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("tenant", json::Value::string(request.name));
    v.set("settings", manage::to_json(*settings));
    print_json(v);
  } else {
    std::cout << "tenant " << request.name << ": " << request.setting_name << " = " << request.value << "\n";
  }
  return 0;
}

}  // namespace

Parsed<TenantRequest> parse_tenant_create(Args args) {
  if (args.size() != 1) return usage_error("give exactly one tenant name", kCreateUsage);
  if (!valid_name(args[0])) {
    return usage_error("a tenant name is 1-64 letters, digits, '-', '_' or '.'", kCreateUsage);
  }
  return TenantRequest{args[0]};
}

Parsed<TenantListRequest> parse_tenant_list(Args args) {
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kListUsage);
  return TenantListRequest{};
}

Parsed<TenantRequest> parse_tenant_show(Args args) {
  if (args.size() != 1) return usage_error("give exactly one tenant name", kShowUsage);
  return TenantRequest{args[0]};
}

Parsed<TenantRequest> parse_tenant_delete(Args args) {
  bool yes = take_switch(&args, "--yes");
  if (args.size() != 1) return usage_error("give exactly one tenant name", kDeleteUsage);
  if (!yes) {
    return usage_error("deleting tenant \"" + args[0] + "\" removes all its data and tokens; add --yes", kDeleteUsage);
  }
  return TenantRequest{args[0]};
}

Parsed<TenantSetRequest> parse_tenant_set(Args args) {
  if (args.size() != 3) return usage_error("give a tenant name, a setting and a value", kSetUsage);
  // Only the CLI's spelling of a setting's name (unknown-attributes, not
  // unknownAttributes).
  auto setting = manage::setting_named(args[1]);
  if (!setting || args[1].find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) {
    return usage_error("unknown setting \"" + args[1] + "\"", kSetUsage);
  }
  const std::string& value = args[2];
  if (!manage::setting_value(*setting, value)) {
    return usage_error("the value must be " + manage::setting_values_text(*setting) + ", not \"" + value + "\"",
                       kSetUsage);
  }
  return TenantSetRequest{args[0], args[1], *setting, value};
}

std::vector<Command> tenant_commands() {
  return {
      {"tenant create", kCreateUsage, parse_then(&parse_tenant_create, &tenant_create)},
      {"tenant delete", kDeleteUsage, parse_then(&parse_tenant_delete, &tenant_delete)},
      {"tenant list", kListUsage, parse_then(&parse_tenant_list, &tenant_list)},
      {"tenant set", kSetUsage, parse_then(&parse_tenant_set, &tenant_set)},
      {"tenant show", kShowUsage, parse_then(&parse_tenant_show, &tenant_show)},
  };
}

}  // namespace fastscim::admin
