#include "admin/commands.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <optional>

#include "json/io.h"
#include "json/value.h"
#include "store/database.h"
#include "store/migrate.h"
#include "store/token_repository.h"

namespace fastscim::admin {

namespace {

using Args = std::vector<std::string>;

const char kUsage[] =
    "Usage: fastscim-admin [--config FILE] [--json] COMMAND [ARGS]\n"
    "\n"
    "Manages a fastscim database: its schema, tenants and bearer tokens.\n"
    "\n"
    "Commands:\n"
    "  db migrate [--sql-dir DIR]      apply pending schema migrations (safe to repeat)\n"
    "  db status                       show applied and pending migrations\n"
    "  tenant create NAME              create a tenant\n"
    "  tenant list                     list tenants\n"
    "  tenant show NAME                show one tenant\n"
    "  tenant delete NAME --yes        delete a tenant with all its data and tokens\n"
    "  token issue --tenant NAME [--name LABEL]\n"
    "                                  issue a token; the secret is printed once, only here\n"
    "  token list --tenant NAME        list tokens (name, prefix, created, last used, revoked)\n"
    "  token revoke --tenant NAME LABEL\n"
    "                                  revoke a token; effective on the next request\n"
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

std::string sql_dir_of(const Options& options, Args* args) {
  if (auto dir = take_flag(args, "--sql-dir")) return *dir;
  auto config = app::load_config(options.config_path);
  if (config && !config->sql_dir.empty()) return config->sql_dir;
  return app::default_sql_dir();
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
            if (o.json) print_json(tenant_json(t));
            else std::cout << "name: " << t.name << "\ncreated: " << t.created << "\nactive tokens: " << t.active_tokens << "\n";
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
