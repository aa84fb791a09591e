#include "admin/template_commands.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "admin/output.h"
#include "admin/policy_api.h"
#include "app/config.h"
#include "json/io.h"
#include "manage/api.h"
#include "manage/policy_json.h"
#include "util/strings.h"

namespace fastscim::admin {

namespace {

constexpr char kAddUsage[] = "template add --tenant NAME --name TEMPLATE --when FILTER [--position N] FILE.json";
constexpr char kListUsage[] = "template list --tenant NAME";
constexpr char kRemoveUsage[] = "template remove --tenant NAME TEMPLATE";
constexpr char kDeletedUsage[] = "user deleted --tenant NAME";
constexpr char kRestoreUsage[] = "user restore --tenant NAME ID";

bool read_file(const std::string& path, std::string* text) {
  std::stringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    buffer << in.rdbuf();
  }
  *text = buffer.str();
  return true;
}

void print_row(const manage::TemplateRow& row) {
  std::printf("%-4lld %-24s %s\n", row.position, row.name.c_str(), row.when.c_str());
}

int template_add(const Options& o, store::Database& db, const TemplateCommandRequest& request) {
  std::string text;
  if (!read_file(request.file, &text)) return failure(scim::Error::bad_request("cannot read " + request.file));
  auto body = json::parse(text);
  if (!body) {
    return failure(scim::Error::bad_request(request.file + " is not JSON: line " + std::to_string(body.error().line) +
                                            ": " + body.error().text));
  }
  PolicyApi policies(db);
  auto added = policies.api().add_template(manage::Api::operator_scope(), request.tenant, request.name, request.when,
                                           body.value(), request.position);
  if (!added) return failure(added.error());
  if (o.json) {
    print_json(manage::to_json(*added));
  } else {
    print_row(*added);
  }
  return 0;
}

int template_list(const Options& o, store::Database& db, const TemplateCommandRequest& request) {
  PolicyApi policies(db);
  auto rows = policies.api().list_templates(manage::Api::operator_scope(), request.tenant);
  if (!rows) return failure(rows.error());
  if (o.json) {
    json::Value list = json::Value::array();
    for (const auto& row : *rows) list.append(manage::to_json(row));
    print_json(list);
    return 0;
  }
  std::printf("%-4s %-24s %s\n", "POS", "NAME", "WHEN");
  for (const auto& row : *rows) print_row(row);
  return 0;
}

int template_remove(const Options&, store::Database& db, const TemplateCommandRequest& request) {
  PolicyApi policies(db);
  auto removed = policies.api().remove_template(manage::Api::operator_scope(), request.tenant, request.name);
  if (!removed) return failure(removed.error());
  return 0;
}

int user_deleted(const Options& o, store::Database& db, const TemplateCommandRequest& request) {
  PolicyApi policies(db);
  auto users = policies.api().deleted_users(manage::Api::operator_scope(), request.tenant);
  if (!users) return failure(users.error());
  if (o.json) {
    json::Value list = json::Value::array();
    for (const auto& user : *users) list.append(manage::to_json(user));
    print_json(list);
    return 0;
  }
  std::printf("%-36s %-32s %-20s %s\n", "ID", "USERNAME", "DELETED", "PURGE AFTER");
  for (const auto& user : *users) {
    std::printf("%-36s %-32s %-20s %s\n", user.id.c_str(), user.user_name.c_str(), user.deleted.c_str(),
                user.purge_after.c_str());
  }
  return 0;
}

int user_restore(const Options& o, store::Database& db, const TemplateCommandRequest& request) {
  // The restored user's meta.location (in its event) uses the public URL.
  std::string base_url;
  if (auto config = app::load_config(o.config_path)) base_url = config->public_url;
  PolicyApi policies(db);
  auto restored = policies.api().restore_user(manage::Api::operator_scope(), request.tenant, request.name, base_url);
  if (!restored) return failure(restored.error());
  if (o.json) {
    print_json(*restored);
  } else {
    std::printf("restored %s\n", request.name.c_str());
  }
  return 0;
}

}  // namespace

Parsed<TemplateCommandRequest> parse_user_deleted(Args args) {
  TemplateCommandRequest r;
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kDeletedUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kDeletedUsage);
  r.tenant = *tenant;
  return r;
}

Parsed<TemplateCommandRequest> parse_user_restore(Args args) {
  TemplateCommandRequest r;
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kRestoreUsage);
  if (args.size() != 1) return usage_error("exactly one user ID is required", kRestoreUsage);
  r.tenant = *tenant;
  r.name = args[0];
  return r;
}

Parsed<TemplateCommandRequest> parse_template_add(Args args) {
  TemplateCommandRequest r;
  auto tenant = take_flag(&args, "--tenant");
  auto name = take_flag(&args, "--name");
  auto when = take_flag(&args, "--when");
  auto position = take_flag(&args, "--position");
  if (!tenant) return usage_error("--tenant is required", kAddUsage);
  if (!name) return usage_error("--name is required", kAddUsage);
  if (!when) return usage_error("--when is required (a SCIM filter on the incoming user)", kAddUsage);
  if (position && (!util::parse_int(*position, &r.position) || r.position < 1)) {
    return usage_error("--position is a whole number, 1 or more", kAddUsage);
  }
  if (args.size() != 1) return usage_error("exactly one FILE.json is required", kAddUsage);
  r.tenant = *tenant;
  r.name = *name;
  r.when = *when;
  r.file = args[0];
  return r;
}

Parsed<TemplateCommandRequest> parse_template_list(Args args) {
  TemplateCommandRequest r;
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kListUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kListUsage);
  r.tenant = *tenant;
  return r;
}

Parsed<TemplateCommandRequest> parse_template_remove(Args args) {
  TemplateCommandRequest r;
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kRemoveUsage);
  if (args.size() != 1) return usage_error("exactly one TEMPLATE name is required", kRemoveUsage);
  r.tenant = *tenant;
  r.name = args[0];
  return r;
}

std::vector<Command> template_commands() {
  return {
      {"template add", kAddUsage, parse_then(&parse_template_add, &template_add)},
      {"template list", kListUsage, parse_then(&parse_template_list, &template_list)},
      {"template remove", kRemoveUsage, parse_then(&parse_template_remove, &template_remove)},
      {"user deleted", kDeletedUsage, parse_then(&parse_user_deleted, &user_deleted)},
      {"user restore", kRestoreUsage, parse_then(&parse_user_restore, &user_restore)},
  };
}

}  // namespace fastscim::admin
