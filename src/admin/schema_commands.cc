#include "admin/schema_commands.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "admin/output.h"
#include "json/io.h"
#include "json/value.h"
#include "scim/extension_schema.h"
#include "scim/schema_registry.h"
#include "store/management_repository.h"
#include "store/schema_repository.h"

namespace fastscim::admin {

namespace {

constexpr char kAddUsage[] =
    "schema add --tenant NAME|--all-tenants [--resource-type User|Group] [--required] FILE.json";
constexpr char kListUsage[] = "schema list --tenant NAME|--all-tenants";
constexpr char kShowUsage[] = "schema show --tenant NAME URN";
constexpr char kSetUsage[] = "schema set --tenant NAME URN required true|false";
constexpr char kRemoveUsage[] = "schema remove --tenant NAME URN [--force] | --all-tenants URN";

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
  v.set("deploymentWide", json::Value::boolean(row.deployment_wide));
  auto definition = json::parse(row.definition);
  if (definition) {
    json::Value d = definition.value();
    if (auto name = d.get("name").as_string()) v.set("name", json::Value::string(*name));
    v.set("attributes", json::Value::integer(static_cast<long long>(d.get("attributes").size())));
    if (with_definition) v.set("schema", d);
  }
  return v;
}

// The tenant a schema show/set/remove acts on.  A URN that is not ASCII can
// name no stored schema, and is answered like any unknown one.
scim::Result<long long> schema_tenant(store::Database& db, const std::string& tenant_name, const std::string& urn) {
  auto tenant = store::ManagementRepository(db).find_tenant(tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  if (!is_ascii(urn)) return scim::fail(scim::Error::not_found("the tenant has no schema extension \"" + urn + "\""));
  return tenant->id;
}

int schema_add(const Options& o, store::Database& db, const SchemaAddRequest& request) {
  const std::string& file = request.file;
  scim::SchemaRegistry builtins;
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
  if (auto added = builtins.add_extension(request.resource_type, *schema, request.required); !added) {
    return failure(scim::Error::invalid_value(file + ": " + added.error().detail()));
  }
  store::SchemaRepository schemas(db);
  store::TenantSchemaRow row;
  row.urn = schema->id;
  row.resource_type = request.resource_type;
  row.required = request.required;
  row.definition = json::dump(scim::to_json(*schema));  // normalised: what /Schemas publishes
  if (request.all_tenants) {
    if (auto added = schemas.add_deployment_wide(row); !added) return failure(added.error());
    if (o.json) {
      row.deployment_wide = true;
      print_json(schema_row_json(row, false));
    } else {
      std::cout << "added deployment-wide schema extension " << row.urn << " (" << schema->attributes.size()
                << " attribute" << (schema->attributes.size() == 1 ? "" : "s") << ") to " << row.resource_type
                << (request.required ? " as required" : "") << " for every tenant\n";
    }
    return 0;
  }
  auto tenant = store::ManagementRepository(db).find_tenant(request.tenant);
  if (!tenant) return failure(tenant.error());
  if (auto added = schemas.add(tenant->id, row); !added) return failure(added.error());
  if (request.required) {
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
    std::cout << "added schema extension " << stored->urn << " (" << schema->attributes.size() << " attribute"
              << (schema->attributes.size() == 1 ? "" : "s") << ") to " << stored->resource_type
              << (request.required ? " as required" : "") << " for tenant " << tenant->name << "\n";
  }
  return 0;
}

int schema_list(const Options& o, store::Database& db, const SchemaRequest& request) {
  scim::Result<std::vector<store::TenantSchemaRow>> rows = std::vector<store::TenantSchemaRow>();
  if (request.all_tenants) {
    rows = store::SchemaRepository(db).list_deployment_wide();
  } else {
    auto tenant = store::ManagementRepository(db).find_tenant(request.tenant);
    if (!tenant) return failure(tenant.error());
    rows = store::SchemaRepository(db).list(tenant->id);
  }
  if (!rows) return failure(rows.error());
  if (o.json) {
    json::Value list = json::Value::array();
    for (const auto& row : *rows) list.append(schema_row_json(row, false));
    print_json(list);
  } else {
    std::printf("%-60s %-6s %-9s %-10s %-12s %s\n", "URN", "TYPE", "REQUIRED", "ATTRIBUTES", "SCOPE", "CREATED");
    for (const auto& row : *rows) {
      json::Value v = schema_row_json(row, false);
      std::printf("%-60s %-6s %-9s %-10lld %-12s %s\n", row.urn.c_str(), row.resource_type.c_str(),
                  row.required ? "yes" : "no", v.get("attributes").as_integer().value_or(0),
                  row.deployment_wide ? "all tenants" : "tenant", row.created.c_str());
    }
  }
  return 0;
}

int schema_show(const Options& o, store::Database& db, const SchemaRequest& request) {
  auto tenant_id = schema_tenant(db, request.tenant, request.urn);
  if (!tenant_id) return failure(tenant_id.error());
  auto row = store::SchemaRepository(db).find(*tenant_id, request.urn);
  if (!row) return failure(row.error());
  if (o.json) {
    print_json(schema_row_json(*row, true));
  } else {
    // The definition alone on stdout, so it can be saved and added to
    // another tenant; the rest goes to stderr.
    std::fprintf(stderr, "%s extends %s%s; added %s\n", row->urn.c_str(), row->resource_type.c_str(),
                 row->required ? " (required)" : "", row->created.c_str());
    auto definition = json::parse(row->definition);
    std::cout << (definition ? json::dump(definition.value(), json::Style::kPretty) : row->definition) << "\n";
  }
  return 0;
}

int schema_set(const Options& o, store::Database& db, const SchemaRequest& request) {
  auto tenant_id = schema_tenant(db, request.tenant, request.urn);
  if (!tenant_id) return failure(tenant_id.error());
  store::SchemaRepository schemas(db);
  if (auto set = schemas.set_required(*tenant_id, request.urn, request.required); !set) return failure(set.error());
  auto row = schemas.find(*tenant_id, request.urn);
  if (!row) return failure(row.error());
  if (request.required) {
    auto missing = schemas.count_resources(*tenant_id, row->resource_type, row->urn, false);
    if (missing && *missing > 0) {
      std::fprintf(stderr,
                   "fastscim-admin: warning: %lld existing %s resource%s lack%s this required extension; "
                   "each must carry it on its next PUT (EXT-04)\n",
                   *missing, row->resource_type.c_str(), *missing == 1 ? "" : "s", *missing == 1 ? "s" : "");
    }
  }
  if (o.json)
    print_json(schema_row_json(*row, false));
  else
    std::cout << row->urn << ": required = " << (row->required ? "true" : "false") << "\n";
  return 0;
}

int schema_remove(const Options& o, store::Database& db, const SchemaRequest& request) {
  if (request.all_tenants) {
    if (auto removed = store::SchemaRepository(db).remove_deployment_wide(request.urn); !removed) {
      return failure(removed.error());
    }
    if (o.json) {
      json::Value v = json::Value::object();
      v.set("removed", json::Value::string(request.urn));
      v.set("deploymentWide", json::Value::boolean(true));
      print_json(v);
    } else {
      std::cout << "removed deployment-wide schema extension " << request.urn << "\n";
    }
    return 0;
  }
  auto tenant_id = schema_tenant(db, request.tenant, request.urn);
  if (!tenant_id) return failure(tenant_id.error());
  auto purged = store::SchemaRepository(db).remove(*tenant_id, request.urn, request.force);
  if (!purged) return failure(purged.error());
  if (o.json) {
    json::Value v = json::Value::object();
    v.set("removed", json::Value::string(request.urn));
    v.set("tenant", json::Value::string(request.tenant));
    v.set("resourcesPurged", json::Value::integer(*purged));
    print_json(v);
  } else {
    std::cout << "removed schema extension " << request.urn << " from tenant " << request.tenant;
    if (*purged > 0) std::cout << "; deleted its data from " << *purged << " resource" << (*purged == 1 ? "" : "s");
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

Parsed<SchemaAddRequest> parse_schema_add(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  std::string type_name = take_flag(&args, "--resource-type").value_or("User");
  bool required = take_switch(&args, "--required");
  bool all_tenants = take_switch(&args, "--all-tenants");
  if (!tenant && !all_tenants) return usage_error("--tenant or --all-tenants is required", kAddUsage);
  if (tenant && all_tenants) return usage_error("give --tenant or --all-tenants, not both", kAddUsage);
  if (args.size() != 1) return usage_error("give exactly one schema file (- reads stdin)", kAddUsage);
  // EXT-01: an extension extends one of the built-in resource types.
  scim::SchemaRegistry builtins;
  const scim::ResourceType* type = builtins.find_resource_type(type_name);
  if (type == nullptr) return usage_error("unknown resource type \"" + type_name + "\"; use User or Group", kAddUsage);
  return SchemaAddRequest{tenant.value_or(""), type->name, required, args[0], all_tenants};
}

Parsed<SchemaRequest> parse_schema_list(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  bool all_tenants = take_switch(&args, "--all-tenants");
  if (!tenant && !all_tenants) return usage_error("--tenant or --all-tenants is required", kListUsage);
  if (tenant && all_tenants) return usage_error("give --tenant or --all-tenants, not both", kListUsage);
  if (!args.empty()) return usage_error("unexpected argument \"" + args[0] + "\"", kListUsage);
  SchemaRequest request;
  request.tenant = tenant.value_or("");
  request.all_tenants = all_tenants;
  return request;
}

Parsed<SchemaRequest> parse_schema_show(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kShowUsage);
  if (args.size() != 1) return usage_error("give exactly one schema URN", kShowUsage);
  SchemaRequest request;
  request.tenant = *tenant;
  request.urn = args[0];
  return request;
}

Parsed<SchemaRequest> parse_schema_set(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  if (!tenant) return usage_error("--tenant is required", kSetUsage);
  if (args.size() != 3 || args[1] != "required" || (args[2] != "true" && args[2] != "false")) {
    return usage_error("give a schema URN, \"required\" and true or false", kSetUsage);
  }
  SchemaRequest request;
  request.tenant = *tenant;
  request.urn = args[0];
  request.required = args[2] == "true";
  return request;
}

Parsed<SchemaRequest> parse_schema_remove(Args args) {
  auto tenant = take_flag(&args, "--tenant");
  bool force = take_switch(&args, "--force");
  bool all_tenants = take_switch(&args, "--all-tenants");
  if (!tenant && !all_tenants) return usage_error("--tenant is required", kRemoveUsage);
  if (tenant && all_tenants) return usage_error("give --tenant or --all-tenants, not both", kRemoveUsage);
  if (all_tenants && force) {
    return usage_error("--force purges one tenant's data; a deployment-wide extension goes once no data is left",
                       kRemoveUsage);
  }
  if (args.size() != 1) return usage_error("give exactly one schema URN", kRemoveUsage);
  SchemaRequest request;
  request.tenant = tenant.value_or("");
  request.all_tenants = all_tenants;
  request.urn = args[0];
  request.force = force;
  return request;
}

std::vector<Command> schema_commands() {
  return {
      {"schema add", kAddUsage, parse_then(&parse_schema_add, &schema_add)},
      {"schema list", kListUsage, parse_then(&parse_schema_list, &schema_list)},
      {"schema remove", kRemoveUsage, parse_then(&parse_schema_remove, &schema_remove)},
      {"schema set", kSetUsage, parse_then(&parse_schema_set, &schema_set)},
      {"schema show", kShowUsage, parse_then(&parse_schema_show, &schema_show)},
  };
}

}  // namespace fastscim::admin
