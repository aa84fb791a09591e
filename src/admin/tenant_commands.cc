#include "admin/tenant_commands.h"

#include <cstdio>
#include <iostream>
#include <optional>

#include "admin/output.h"
#include "app/config.h"
#include "json/value.h"
#include "store/token_repository.h"

namespace fastscim::admin {

namespace {

constexpr char kCreateUsage[] = "tenant create NAME";
constexpr char kListUsage[] = "tenant list";
constexpr char kShowUsage[] = "tenant show NAME";
constexpr char kDeleteUsage[] = "tenant delete NAME --yes";
constexpr char kSetUsage[] = "tenant set NAME unknown-attributes|unknown-extensions reject|ignore|default";

json::Value tenant_json(const store::TenantRow& t) {
  json::Value v = json::Value::object();
  v.set("id", json::Value::integer(t.id));
  v.set("name", json::Value::string(t.name));
  v.set("created", json::Value::string(t.created));
  v.set("activeTokens", json::Value::integer(t.active_tokens));
  return v;
}

// "unknown-attributes" / "unknown-extensions" and their values.
std::optional<store::TenantSetting> parse_setting(const std::string& name) {
  if (name == "unknown-attributes") return store::TenantSetting::kUnknownAttributes;
  if (name == "unknown-extensions") return store::TenantSetting::kUnknownExtensions;
  return std::nullopt;
}

std::string shown_setting(const std::string& value, const char* server_default) {
  return value.empty() ? std::string("default (server: ") + server_default + ")" : value;
}

json::Value setting_json(const std::string& value) {
  return value.empty() ? json::Value::null() : json::Value::string(value);  // null = the server's default
}

json::Value settings_json(const store::TenantSettings& s) {
  json::Value v = json::Value::object();
  v.set("unknownAttributes", setting_json(s.unknown_attributes));
  v.set("unknownExtensions", setting_json(s.unknown_extensions));
  v.set("configGeneration", json::Value::integer(s.generation));
  return v;
}

int tenant_create(const Options& o, store::Database& db, const TenantRequest& request) {
  store::TokenRepository repo(db);
  auto tenant = repo.create_tenant(request.name);
  if (!tenant) return failure(tenant.error());
  if (o.json)
    print_json(tenant_json(*tenant));
  else
    std::cout << "created tenant " << tenant->name << "\n";
  return 0;
}

int tenant_list(const Options& o, store::Database& db, const TenantListRequest&) {
  store::TokenRepository repo(db);
  auto tenants = repo.list_tenants();
  if (!tenants) return failure(tenants.error());
  if (o.json) {
    json::Value list = json::Value::array();
    for (const auto& t : *tenants) list.append(tenant_json(t));
    print_json(list);
  } else {
    std::printf("%-24s %-22s %s\n", "NAME", "CREATED", "ACTIVE TOKENS");
    for (const auto& t : *tenants) {
      std::printf("%-24s %-22s %lld\n", t.name.c_str(), t.created.c_str(), t.active_tokens);
    }
  }
  return 0;
}

int tenant_show(const Options& o, store::Database& db, const TenantRequest& request) {
  store::TokenRepository repo(db);
  auto tenants = repo.list_tenants();
  if (!tenants) return failure(tenants.error());
  for (const auto& t : *tenants) {
    if (t.name != request.name) continue;
    auto settings = store::SchemaRepository(db).settings(t.id);
    if (!settings) return failure(settings.error());
    auto config = app::load_config(o.config_path);
    std::string attributes_default = config ? config->unknown_attributes : "ignore";
    std::string extensions_default = config ? config->unknown_extensions : "reject";
    if (o.json) {
      json::Value v = tenant_json(t);
      v.set("settings", settings_json(*settings));
      print_json(v);
    } else {
      std::cout << "name: " << t.name << "\ncreated: " << t.created << "\nactive tokens: " << t.active_tokens
                << "\nunknown-attributes: " << shown_setting(settings->unknown_attributes, attributes_default.c_str())
                << "\nunknown-extensions: " << shown_setting(settings->unknown_extensions, extensions_default.c_str())
                << "\n";
    }
    return 0;
  }
  return failure(scim::Error::not_found("no tenant named \"" + request.name + "\""));
}

int tenant_delete(const Options& o, store::Database& db, const TenantRequest& request) {
  store::TokenRepository repo(db);
  auto deleted = repo.delete_tenant(request.name);
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
  auto tenant = store::TokenRepository(db).find_tenant(request.name);
  if (!tenant) return failure(tenant.error());
  store::SchemaRepository schemas(db);
  auto set = schemas.set_setting(tenant->id, request.setting, request.value == "default" ? "" : request.value);
  if (!set) return failure(set.error());
  if (o.json) {
    auto settings = schemas.settings(tenant->id);
    if (!settings) return failure(settings.error());
    json::Value v = json::Value::object();
    v.set("tenant", json::Value::string(tenant->name));
    v.set("settings", settings_json(*settings));
    print_json(v);
  } else {
    std::cout << "tenant " << tenant->name << ": " << request.setting_name << " = " << request.value << "\n";
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
  auto setting = parse_setting(args[1]);
  if (!setting) return usage_error("unknown setting \"" + args[1] + "\"", kSetUsage);
  const std::string& value = args[2];
  if (value != "reject" && value != "ignore" && value != "default") {
    return usage_error("the value must be reject, ignore or default, not \"" + value + "\"", kSetUsage);
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
