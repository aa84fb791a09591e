#include "admin/commands.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>

#include "json/io.h"
#include "json/value.h"
#include "scim/extension_schema.h"
#include "scim/schema_registry.h"
#include "store/database.h"
#include "store/migrate.h"
#include "store/schema_repository.h"
#include "store/token_repository.h"

namespace fastscim::admin {

namespace {

using Args = std::vector<std::string>;

const char kUsage[] =
    "Usage: fastscim-admin [--config FILE] [--json] COMMAND [ARGS]\n"
    "\n"
    "Manages a fastscim database: its schema, tenants, bearer tokens and tenant schema\n"
    "extensions.\n"
    "\n"
    "Commands:\n"
    "  db migrate [--sql-dir DIR]      apply pending schema migrations (safe to repeat)\n"
    "  db status                       show applied and pending migrations\n"
    "  tenant create NAME              create a tenant\n"
    "  tenant list                     list tenants\n"
    "  tenant show NAME                show one tenant\n"
    "  tenant delete NAME --yes        delete a tenant with all its data and tokens\n"
    "  tenant set NAME SETTING VALUE   unknown-attributes or unknown-extensions:\n"
    "                                  reject, ignore or default (the server's setting)\n"
    "  token issue --tenant NAME [--name LABEL]\n"
    "                                  issue a token; the secret is printed once, only here\n"
    "  token list --tenant NAME        list tokens (name, prefix, created, last used, revoked)\n"
    "  token revoke --tenant NAME LABEL\n"
    "                                  revoke a token; effective on the next request\n"
    "  schema add --tenant NAME [--resource-type User|Group] [--required] FILE.json\n"
    "                                  register an extension schema (RFC 7643 §7; - = stdin)\n"
    "  schema list --tenant NAME       list the tenant's extension schemas\n"
    "  schema show --tenant NAME URN   show one extension schema\n"
    "  schema set --tenant NAME URN required true|false\n"
    "                                  whether every resource of its type must carry it\n"
    "  schema remove --tenant NAME URN [--force]\n"
    "                                  remove an extension; --force also deletes its data\n"
    "\n"
    "Options:\n"
    "  -c, --config FILE   configuration file (default: $FASTSCIM_CONFIG, the instance\n"
    "                      `make run` started from this checkout, or\n"
    "                      $sysconfdir/fastscim/fastscim.conf)\n"
    "      --json          machine-readable output\n"
    "  -h, --help          show help (also after any command: `fastscim-admin token --help`)\n";

struct Command {
  const char* usage;
  std::function<int(const Options&, store::Database&, const Args&)> run;
};

int usage_error(const std::string& message, const char* usage_text) {
  std::fprintf(stderr, "fastscim-admin: %s\n\nUsage: fastscim-admin %s\n", message.c_str(), usage_text);
  return 2;
}

int failure(const scim::Error& error) {
  std::fprintf(stderr, "fastscim-admin: %s\n", error.detail().c_str());
  return 1;
}

void print_json(const json::Value& v) { std::cout << json::dump(v, json::Style::kPretty) << "\n"; }

// Pulls "--flag VALUE" out of args; returns nullopt if absent.
std::optional<std::string> take_flag(Args* args, const std::string& flag) {
  for (size_t i = 0; i < args->size(); ++i) {
    if ((*args)[i] == flag && i + 1 < args->size()) {
      std::string value = (*args)[i + 1];
      args->erase(args->begin() + static_cast<long>(i), args->begin() + static_cast<long>(i) + 2);
      return value;
    }
    if ((*args)[i].rfind(flag + "=", 0) == 0) {
      std::string value = (*args)[i].substr(flag.size() + 1);
      args->erase(args->begin() + static_cast<long>(i));
      return value;
    }
  }
  return std::nullopt;
}

bool take_switch(Args* args, const std::string& flag) {
  for (size_t i = 0; i < args->size(); ++i) {
    if ((*args)[i] == flag) {
      args->erase(args->begin() + static_cast<long>(i));
      return true;
    }
  }
  return false;
}

json::Value tenant_json(const store::TenantRow& t) {
  json::Value v = json::Value::object();
  v.set("id", json::Value::integer(t.id));
  v.set("name", json::Value::string(t.name));
  v.set("created", json::Value::string(t.created));
  v.set("activeTokens", json::Value::integer(t.active_tokens));
  return v;
}

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

// Reads FILE ("-" = stdin) into *text; false with a message on failure.
bool read_text(const std::string& path, std::string* text, std::string* error) {
  std::stringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      *error = "cannot read " + path;
      return false;
    }
    buffer << in.rdbuf();
  }
  *text = buffer.str();
  return true;
}

// Extension URNs are ASCII (scim/extension_schema.h); anything else names
// no stored extension.
bool is_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

json::Value schema_row_json(const store::TenantSchemaRow& row, bool with_definition) {
  json::Value v = json::Value::object();
  v.set("urn", json::Value::string(row.urn));
  v.set("resourceType", json::Value::string(row.resource_type));
  v.set("required", json::Value::boolean(row.required));
  v.set("created", json::Value::string(row.created));
  auto definition = json::parse(row.definition);
  if (definition) {
    json::Value d = definition.value();
    if (auto name = d.get("name").as_string()) v.set("name", json::Value::string(*name));
    v.set("attributes", json::Value::integer(static_cast<long long>(d.get("attributes").size())));
    if (with_definition) v.set("schema", d);
  }
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

std::string sql_dir_of(const Options& options, Args* args) {
  if (auto dir = take_flag(args, "--sql-dir")) return *dir;
  auto config = app::load_config(options.config_path);
  if (config && !config->sql_dir.empty()) return config->sql_dir;
  return app::default_sql_dir();
}

// The tenant a schema show/set/remove acts on.  A URN that is not ASCII can
// name no stored schema, and is answered like any unknown one.
scim::Result<long long> schema_tenant(store::Database& db, const std::string& tenant_name, const std::string& urn) {
  auto tenant = store::TokenRepository(db).find_tenant(tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  if (!is_ascii(urn)) return scim::fail(scim::Error::not_found("the tenant has no schema extension \"" + urn + "\""));
  return tenant->id;
}

const std::map<std::string, Command>& commands() {
  static const std::map<std::string, Command> table = {
      {"db migrate",
       {"db migrate [--sql-dir DIR]",
        [](const Options& o, store::Database& db, const Args& given) {
          Args args = given;
          std::string dir = sql_dir_of(o, &args);
          if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", "db migrate [--sql-dir DIR]");
          auto migrations = store::load_migrations(dir);
          if (!migrations) return failure(migrations.error());
          auto report = store::migrate(db, *migrations);
          if (!report) return failure(report.error());
          if (o.json) {
            json::Value v = json::Value::object();
            json::Value applied = json::Value::array();
            for (const auto& name : report->applied) applied.append(json::Value::string(name));
            v.set("applied", applied);
            v.set("version", json::Value::integer(report->current_version));
            print_json(v);
          } else {
            for (const auto& name : report->applied) std::cout << "applied " << name << "\n";
            std::cout << "schema is at version " << report->current_version
                      << (report->applied.empty() ? " (nothing to apply)" : "") << "\n";
          }
          return 0;
        }}},
      {"db status",
       {"db status [--sql-dir DIR]",
        [](const Options& o, store::Database& db, const Args& given) {
          Args args = given;
          std::string dir = sql_dir_of(o, &args);
          auto migrations = store::load_migrations(dir);
          if (!migrations) return failure(migrations.error());
          auto applied = store::applied_versions(db);
          if (!applied) return failure(applied.error());
          json::Value list = json::Value::array();
          for (const auto& m : *migrations) {
            bool done = std::find(applied->begin(), applied->end(), m.version) != applied->end();
            if (o.json) {
              json::Value v = json::Value::object();
              v.set("file", json::Value::string(m.name));
              v.set("applied", json::Value::boolean(done));
              list.append(v);
            } else {
              std::cout << (done ? "applied  " : "pending  ") << m.name << "\n";
            }
          }
          if (o.json) print_json(list);
          return 0;
        }}},
      {"tenant create",
       {"tenant create NAME",
        [](const Options& o, store::Database& db, const Args& args) {
          if (args.size() != 1) return usage_error("give exactly one tenant name", "tenant create NAME");
          if (!valid_name(args[0])) {
            return usage_error("a tenant name is 1-64 letters, digits, '-', '_' or '.'", "tenant create NAME");
          }
          store::TokenRepository repo(db);
          auto tenant = repo.create_tenant(args[0]);
          if (!tenant) return failure(tenant.error());
          if (o.json) print_json(tenant_json(*tenant));
          else std::cout << "created tenant " << tenant->name << "\n";
          return 0;
        }}},
      {"tenant list",
       {"tenant list",
        [](const Options& o, store::Database& db, const Args& args) {
          if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", "tenant list");
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
        }}},
      {"tenant show",
       {"tenant show NAME",
        [](const Options& o, store::Database& db, const Args& args) {
          if (args.size() != 1) return usage_error("give exactly one tenant name", "tenant show NAME");
          store::TokenRepository repo(db);
          auto tenants = repo.list_tenants();
          if (!tenants) return failure(tenants.error());
          for (const auto& t : *tenants) {
            if (t.name != args[0]) continue;
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
                        << "\nunknown-attributes: "
                        << shown_setting(settings->unknown_attributes, attributes_default.c_str())
                        << "\nunknown-extensions: "
                        << shown_setting(settings->unknown_extensions, extensions_default.c_str()) << "\n";
            }
            return 0;
          }
          return failure(scim::Error::not_found("no tenant named \"" + args[0] + "\""));
        }}},
      {"tenant delete",
       {"tenant delete NAME --yes",
        [](const Options& o, store::Database& db, const Args& given) {
          Args args = given;
          bool yes = take_switch(&args, "--yes");
          if (args.size() != 1) return usage_error("give exactly one tenant name", "tenant delete NAME --yes");
          if (!yes) {
            return usage_error("deleting tenant \"" + args[0] + "\" removes all its data and tokens; add --yes",
                               "tenant delete NAME --yes");
          }
          store::TokenRepository repo(db);
          auto deleted = repo.delete_tenant(args[0]);
          if (!deleted) return failure(deleted.error());
          if (o.json) {
            json::Value v = json::Value::object();
            v.set("deleted", json::Value::string(args[0]));
            print_json(v);
          } else {
            std::cout << "deleted tenant " << args[0] << "\n";
          }
          return 0;
        }}},
      {"tenant set",
       {"tenant set NAME unknown-attributes|unknown-extensions reject|ignore|default",
        [](const Options& o, store::Database& db, const Args& args) {
          const char* u = "tenant set NAME unknown-attributes|unknown-extensions reject|ignore|default";
          if (args.size() != 3) return usage_error("give a tenant name, a setting and a value", u);
          auto setting = parse_setting(args[1]);
          if (!setting) return usage_error("unknown setting \"" + args[1] + "\"", u);
          const std::string& value = args[2];
          if (value != "reject" && value != "ignore" && value != "default") {
            return usage_error("the value must be reject, ignore or default, not \"" + value + "\"", u);
          }
          auto tenant = store::TokenRepository(db).find_tenant(args[0]);
          if (!tenant) return failure(tenant.error());
          store::SchemaRepository schemas(db);
          auto set = schemas.set_setting(tenant->id, *setting, value == "default" ? "" : value);
          if (!set) return failure(set.error());
          if (o.json) {
            auto settings = schemas.settings(tenant->id);
            if (!settings) return failure(settings.error());
            json::Value v = json::Value::object();
            v.set("tenant", json::Value::string(tenant->name));
            v.set("settings", settings_json(*settings));
            print_json(v);
          } else {
            std::cout << "tenant " << tenant->name << ": " << args[1] << " = " << value << "\n";
          }
          return 0;
        }}},
      {"schema add",
       {"schema add --tenant NAME [--resource-type User|Group] [--required] FILE.json",
        [](const Options& o, store::Database& db, const Args& given) {
          const char* u = "schema add --tenant NAME [--resource-type User|Group] [--required] FILE.json";
          Args args = given;
          auto tenant_name = take_flag(&args, "--tenant");
          std::string type_name = take_flag(&args, "--resource-type").value_or("User");
          bool required = take_switch(&args, "--required");
          if (!tenant_name) return usage_error("--tenant is required", u);
          if (args.size() != 1) return usage_error("give exactly one schema file (- reads stdin)", u);
          const std::string& file = args[0];
          // EXT-01: an extension extends one of the built-in resource types.
          scim::SchemaRegistry builtins;
          const scim::ResourceType* type = builtins.find_resource_type(type_name);
          if (type == nullptr) return usage_error("unknown resource type \"" + type_name + "\"; use User or Group", u);
          std::string text, error;
          if (!read_text(file, &text, &error)) return failure(scim::Error::invalid_value(error));
          auto parsed = json::parse(text);
          if (!parsed) {
            return failure(scim::Error::invalid_value(file + ":" + std::to_string(parsed.error().line) + ":" +
                                                      std::to_string(parsed.error().column) +
                                                      ": not valid JSON: " + parsed.error().text));
          }
          auto schema = scim::extension_schema_from_json(parsed.value());
          if (!schema) return failure(scim::Error::invalid_value(file + ": " + schema.error().detail()));
          if (auto added = builtins.add_extension(type->name, *schema, required); !added) {
            return failure(scim::Error::invalid_value(file + ": " + added.error().detail()));
          }
          auto tenant = store::TokenRepository(db).find_tenant(*tenant_name);
          if (!tenant) return failure(tenant.error());
          store::SchemaRepository schemas(db);
          store::TenantSchemaRow row;
          row.urn = schema->id;
          row.resource_type = type->name;
          row.required = required;
          row.definition = json::dump(scim::to_json(*schema));  // normalised: what /Schemas publishes
          if (auto added = schemas.add(tenant->id, row); !added) return failure(added.error());
          if (required) {
            auto missing = schemas.count_resources(tenant->id, row.resource_type, row.urn, false);
            if (missing && *missing > 0) {
              std::fprintf(stderr,
                           "fastscim-admin: warning: %lld existing %s resource%s of tenant \"%s\" lack%s this "
                           "required extension; each must carry it on its next PUT (EXT-04)\n",
                           *missing, row.resource_type.c_str(), *missing == 1 ? "" : "s", tenant->name.c_str(),
                           *missing == 1 ? "s" : "");
            }
          }
          auto stored = schemas.find(tenant->id, row.urn);
          if (!stored) return failure(stored.error());
          if (o.json) {
            json::Value v = schema_row_json(*stored, false);
            v.set("tenant", json::Value::string(tenant->name));
            print_json(v);
          } else {
            std::cout << "added schema extension " << stored->urn << " (" << schema->attributes.size()
                      << " attribute" << (schema->attributes.size() == 1 ? "" : "s") << ") to " << stored->resource_type
                      << (required ? " as required" : "") << " for tenant " << tenant->name << "\n";
          }
          return 0;
        }}},
      {"schema list",
       {"schema list --tenant NAME",
        [](const Options& o, store::Database& db, const Args& given) {
          const char* u = "schema list --tenant NAME";
          Args args = given;
          auto tenant_name = take_flag(&args, "--tenant");
          if (!tenant_name) return usage_error("--tenant is required", u);
          if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", u);
          auto tenant = store::TokenRepository(db).find_tenant(*tenant_name);
          if (!tenant) return failure(tenant.error());
          auto rows = store::SchemaRepository(db).list(tenant->id);
          if (!rows) return failure(rows.error());
          if (o.json) {
            json::Value list = json::Value::array();
            for (const auto& row : *rows) list.append(schema_row_json(row, false));
            print_json(list);
          } else {
            std::printf("%-60s %-6s %-9s %-10s %s\n", "URN", "TYPE", "REQUIRED", "ATTRIBUTES", "CREATED");
            for (const auto& row : *rows) {
              json::Value v = schema_row_json(row, false);
              std::printf("%-60s %-6s %-9s %-10lld %s\n", row.urn.c_str(), row.resource_type.c_str(),
                          row.required ? "yes" : "no", v.get("attributes").as_integer().value_or(0),
                          row.created.c_str());
            }
          }
          return 0;
        }}},
      {"schema show",
       {"schema show --tenant NAME URN",
        [](const Options& o, store::Database& db, const Args& given) {
          const char* u = "schema show --tenant NAME URN";
          Args args = given;
          auto tenant_name = take_flag(&args, "--tenant");
          if (!tenant_name) return usage_error("--tenant is required", u);
          if (args.size() != 1) return usage_error("give exactly one schema URN", u);
          auto tenant_id = schema_tenant(db, *tenant_name, args[0]);
          if (!tenant_id) return failure(tenant_id.error());
          auto row = store::SchemaRepository(db).find(*tenant_id, args[0]);
          if (!row) return failure(row.error());
          if (o.json) {
            print_json(schema_row_json(*row, true));
          } else {
            // The definition alone on stdout, so it can be saved and added
            // to another tenant; the rest goes to stderr.
            std::fprintf(stderr, "%s extends %s%s; added %s\n", row->urn.c_str(), row->resource_type.c_str(),
                         row->required ? " (required)" : "", row->created.c_str());
            auto definition = json::parse(row->definition);
            std::cout << (definition ? json::dump(definition.value(), json::Style::kPretty) : row->definition) << "\n";
          }
          return 0;
        }}},
      {"schema set",
       {"schema set --tenant NAME URN required true|false",
        [](const Options& o, store::Database& db, const Args& given) {
          const char* u = "schema set --tenant NAME URN required true|false";
          Args args = given;
          auto tenant_name = take_flag(&args, "--tenant");
          if (!tenant_name) return usage_error("--tenant is required", u);
          if (args.size() != 3 || args[1] != "required" || (args[2] != "true" && args[2] != "false")) {
            return usage_error("give a schema URN, \"required\" and true or false", u);
          }
          auto tenant_id = schema_tenant(db, *tenant_name, args[0]);
          if (!tenant_id) return failure(tenant_id.error());
          store::SchemaRepository schemas(db);
          bool required = args[2] == "true";
          if (auto set = schemas.set_required(*tenant_id, args[0], required); !set) return failure(set.error());
          auto row = schemas.find(*tenant_id, args[0]);
          if (!row) return failure(row.error());
          if (required) {
            auto missing = schemas.count_resources(*tenant_id, row->resource_type, row->urn, false);
            if (missing && *missing > 0) {
              std::fprintf(stderr,
                           "fastscim-admin: warning: %lld existing %s resource%s lack%s this required extension; "
                           "each must carry it on its next PUT (EXT-04)\n",
                           *missing, row->resource_type.c_str(), *missing == 1 ? "" : "s", *missing == 1 ? "s" : "");
            }
          }
          if (o.json) print_json(schema_row_json(*row, false));
          else std::cout << row->urn << ": required = " << (row->required ? "true" : "false") << "\n";
          return 0;
        }}},
      {"schema remove",
       {"schema remove --tenant NAME URN [--force]",
        [](const Options& o, store::Database& db, const Args& given) {
          const char* u = "schema remove --tenant NAME URN [--force]";
          Args args = given;
          auto tenant_name = take_flag(&args, "--tenant");
          bool force = take_switch(&args, "--force");
          if (!tenant_name) return usage_error("--tenant is required", u);
          if (args.size() != 1) return usage_error("give exactly one schema URN", u);
          auto tenant_id = schema_tenant(db, *tenant_name, args[0]);
          if (!tenant_id) return failure(tenant_id.error());
          auto purged = store::SchemaRepository(db).remove(*tenant_id, args[0], force);
          if (!purged) return failure(purged.error());
          if (o.json) {
            json::Value v = json::Value::object();
            v.set("removed", json::Value::string(args[0]));
            v.set("tenant", json::Value::string(*tenant_name));
            v.set("resourcesPurged", json::Value::integer(*purged));
            print_json(v);
          } else {
            std::cout << "removed schema extension " << args[0] << " from tenant " << *tenant_name;
            if (*purged > 0) {
              std::cout << "; deleted its data from " << *purged << " resource" << (*purged == 1 ? "" : "s");
            }
            std::cout << "\n";
          }
          return 0;
        }}},
      {"token issue",
       {"token issue --tenant NAME [--name LABEL]",
        [](const Options& o, store::Database& db, const Args& given) {
          Args args = given;
          auto tenant = take_flag(&args, "--tenant");
          std::string name = take_flag(&args, "--name").value_or("");
          const char* u = "token issue --tenant NAME [--name LABEL]";
          if (!tenant) return usage_error("--tenant is required", u);
          if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", u);
          if (!name.empty() && !valid_name(name)) {
            return usage_error("a token name is 1-64 letters, digits, '-', '_' or '.'", u);
          }
          store::TokenRepository repo(db);
          auto issued = repo.issue_token(*tenant, name);
          if (!issued) return failure(issued.error());
          if (o.json) {
            json::Value v = json::Value::object();
            v.set("tenant", json::Value::string(*tenant));
            v.set("name", json::Value::string(issued->name));
            v.set("prefix", json::Value::string(issued->prefix));
            v.set("token", json::Value::string(issued->secret));
            print_json(v);
          } else {
            std::cout << issued->secret << "\n";
            std::fprintf(stderr, "Issued token \"%s\" for tenant \"%s\". Store it now: it cannot be shown again.\n",
                         issued->name.c_str(), tenant->c_str());
          }
          return 0;
        }}},
      {"token list",
       {"token list --tenant NAME",
        [](const Options& o, store::Database& db, const Args& given) {
          Args args = given;
          auto tenant = take_flag(&args, "--tenant");
          if (!tenant) return usage_error("--tenant is required", "token list --tenant NAME");
          if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", "token list --tenant NAME");
          store::TokenRepository repo(db);
          auto tokens = repo.list_tokens(*tenant);
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
                          t.last_used.empty() ? "never" : t.last_used.c_str(),
                          t.revoked.empty() ? "-" : t.revoked.c_str());
            }
          }
          return 0;
        }}},
      {"token revoke",
       {"token revoke --tenant NAME LABEL",
        [](const Options& o, store::Database& db, const Args& given) {
          Args args = given;
          auto tenant = take_flag(&args, "--tenant");
          const char* u = "token revoke --tenant NAME LABEL";
          if (!tenant) return usage_error("--tenant is required", u);
          if (args.size() != 1) return usage_error("give exactly one token name", u);
          store::TokenRepository repo(db);
          auto revoked = repo.revoke_token(*tenant, args[0]);
          if (!revoked) return failure(revoked.error());
          if (o.json) {
            json::Value v = json::Value::object();
            v.set("revoked", json::Value::string(args[0]));
            v.set("tenant", json::Value::string(*tenant));
            print_json(v);
          } else {
            std::cout << "revoked token " << args[0] << " of tenant " << *tenant << "\n";
          }
          return 0;
        }}},
  };
  return table;
}

bool wants_help(const Args& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

}  // namespace

const char* usage() { return kUsage; }

int run(const Options& options, const Args& args) {
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  // "tenant --help" lists the tenant commands; "tenant create --help" one.
  if (args.size() >= 2) {
    auto it = commands().find(args[0] + " " + args[1]);
    if (it != commands().end()) {
      Args rest(args.begin() + 2, args.end());
      if (wants_help(rest)) {
        std::printf("Usage: fastscim-admin %s\n", it->second.usage);
        return 0;
      }
      auto config = app::load_config(options.config_path);
      if (!config) {
        std::fprintf(stderr, "fastscim-admin: %s\n", config.error().c_str());
        return 1;
      }
      if (options.config_path.empty()) {
        std::fprintf(stderr,
                     "fastscim-admin: no configuration found; give --config FILE or set FASTSCIM_CONFIG "
                     "(or start the local instance with `make run`)\n");
        return 1;
      }
      store::Database db(config->db);
      return it->second.run(options, db, rest);
    }
  }
  bool group_known = false;
  std::string listing;
  for (const auto& [name, command] : commands()) {
    if (name.rfind(args[0] + " ", 0) == 0) {
      group_known = true;
      listing += std::string("  fastscim-admin ") + command.usage + "\n";
    }
  }
  if (group_known) {
    if (wants_help(args)) {
      std::printf("Commands:\n%s", listing.c_str());
      return 0;
    }
    std::fprintf(stderr, "fastscim-admin: unknown %s command%s%s\n\nCommands:\n%s", args[0].c_str(),
                 args.size() > 1 ? " " : "", args.size() > 1 ? ("\"" + args[1] + "\"").c_str() : "",
                 listing.c_str());
    return 2;
  }
  std::fprintf(stderr, "fastscim-admin: unknown command \"%s\"\n\n%s", args[0].c_str(), kUsage);
  return 2;
}

}  // namespace fastscim::admin
