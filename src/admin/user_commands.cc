#include "admin/user_commands.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <istream>
#include <memory>

#include "admin/output.h"
#include "app/config.h"
#include "app/service_config.h"
#include "app/tenant_services.h"
#include "json/io.h"
#include "json/value.h"
#include "manage/api.h"
#include "store/management_repository.h"
#include "store/resource_repository.h"
#include "store/schema_repository.h"
#include "util/strings.h"

namespace fastscim::admin {

namespace {

constexpr char kImportUsage[] = "user import --tenant NAME [--progress-every N] FILE.jsonl";
// The failures listed one by one; beyond them only counted.
constexpr size_t kFailuresListed = 100;

int user_import(const Options& o, store::Database& db, const UserImportRequest& request) {
  auto config = app::load_config(o.config_path);
  if (!config) return failure(scim::Error::invalid_value(config.error()));
  std::ifstream file;
  std::istream* in = &std::cin;
  if (request.file != "-") {
    file.open(request.file, std::ios::binary);
    if (!file) return failure(scim::Error::invalid_value("cannot read " + request.file));
    in = &file;
  }
  store::ResourceRepository resources(db, config->events);
  store::SchemaRepository schemas(db);
  app::TenantServices services(resources, schemas, app::service_config(*config));
  store::ManagementRepository management(db);
  manage::Api api(management,
                  [&services](const manage::Tenant& tenant) { return services.get(tenant.id, tenant.generation); });
  // An unknown tenant is one answer, not one per line.
  if (auto tenant = api.tenant(manage::Api::operator_scope(), request.tenant); !tenant) {
    return failure(tenant.error());
  }

  long long lines = 0, imported = 0, failed = 0;
  json::Value failures = json::Value::array();
  std::string line;
  while (std::getline(*in, line)) {
    ++lines;
    if (!util::trim(line).empty()) {
      std::string problem;
      auto body = json::parse(line);
      if (!body) {
        problem = "not JSON: column " + std::to_string(body.error().column) + ": " + body.error().text;
      } else {
        auto created = api.create_local_user(manage::Api::operator_scope(), request.tenant, *body, config->public_url);
        if (created) {
          ++imported;
        } else {
          problem = created.error().detail();
        }
      }
      if (!problem.empty()) {
        ++failed;
        if (static_cast<size_t>(failed) <= kFailuresListed) {
          json::Value f = json::Value::object();
          f.set("line", json::Value::integer(lines));
          f.set("error", json::Value::string(problem));
          failures.append(f);
          if (!o.json) std::fprintf(stderr, "line %lld: %s\n", lines, problem.c_str());
        }
      }
    }
    if (lines % request.progress_every == 0) {
      std::fprintf(stderr, "user import: %lld lines read, %lld imported, %lld failed\n", lines, imported, failed);
    }
  }
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("tenant", json::Value::string(request.tenant));
    v.set("lines", json::Value::integer(lines));
    v.set("imported", json::Value::integer(imported));
    v.set("failed", json::Value::integer(failed));
    v.set("failures", failures);
    print_json(v);
  } else {
    std::cout << "imported " << imported << " users into tenant " << request.tenant << " (" << failed << " failed)\n";
  }
  return failed == 0 ? 0 : 1;
}

}  // namespace

Parsed<UserImportRequest> parse_user_import(Args args) {
  UserImportRequest request;
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kImportUsage);
  request.tenant = *tenant;
  if (auto every = take_flag(&args, "--progress-every")) {
    if (!util::parse_int(*every, &request.progress_every) || request.progress_every < 1) {
      return usage_error("--progress-every takes a positive number, not \"" + *every + "\"", kImportUsage);
    }
  }
  if (args.size() != 1) return usage_error("give exactly one FILE.jsonl (- for stdin)", kImportUsage);
  request.file = args[0];
  return request;
}

std::vector<Command> user_commands() {
  return {{"user import", kImportUsage, parse_then(&parse_user_import, &user_import)}};
}

}  // namespace fastscim::admin
