#include "admin/db_commands.h"

#include <algorithm>
#include <iostream>

#include "admin/output.h"
#include "app/config.h"
#include "json/value.h"
#include "store/migrate.h"

namespace fastscim::admin {

namespace {

constexpr char kMigrateUsage[] = "db migrate [--sql-dir DIR]";
constexpr char kStatusUsage[] = "db status [--sql-dir DIR]";

std::string sql_dir_of(const Options& options, const MigrationsRequest& request) {
  if (request.sql_dir) return *request.sql_dir;
  auto config = app::load_config(options.config_path);
  if (config && !config->sql_dir.empty()) return config->sql_dir;
  return app::default_sql_dir();
}

int db_migrate(const Options& o, store::Database& db, const MigrationsRequest& request) {
  auto migrations = store::load_migrations(sql_dir_of(o, request));
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
}

int db_status(const Options& o, store::Database& db, const MigrationsRequest& request) {
  auto migrations = store::load_migrations(sql_dir_of(o, request));
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
}

}  // namespace

Parsed<MigrationsRequest> parse_db_migrate(Args args) {
  MigrationsRequest request;
  request.sql_dir = take_flag(&args, "--sql-dir");
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kMigrateUsage);
  return request;
}

Parsed<MigrationsRequest> parse_db_status(Args args) {
  MigrationsRequest request;
  request.sql_dir = take_flag(&args, "--sql-dir");
  return request;
}

std::vector<Command> db_commands() {
  return {
      {"db migrate", kMigrateUsage, parse_then(&parse_db_migrate, &db_migrate)},
      {"db status", kStatusUsage, parse_then(&parse_db_status, &db_status)},
  };
}

}  // namespace fastscim::admin
