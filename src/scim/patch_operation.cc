#include <utility>

#include "scim/patch_internal.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim::patch_internal {

std::string_view op_name(Op op) {
  switch (op) {
    case Op::kAdd: return "add";
    case Op::kRemove: return "remove";
    case Op::kReplace: return "replace";
  }
  return "add";
}

Engine::Engine(const ResourceType& type, const SchemaRegistry& registry, const PatchOptions& options, json::Value doc)
    : type_(type), registry_(registry), options_(options), doc_(std::move(doc)) {
  value_options_.unknown_attributes = options.unknown_attributes;
  value_options_.drop_read_only = true;
  base_ = registry_.base_schema(type_);
}

// ---- the request ------------------------------------------------------------

Result<void> Engine::apply(const json::Value& operation, size_t index) {
  std::string where = "Operations[" + std::to_string(index) + "]";
  if (!operation.is_object()) return fail(Error::invalid_syntax(where + ": an operation must be a JSON object"));
  json::Value op_value = operation.get_ci("op");
  auto op_text = op_value.as_string();
  if (!op_text) {
    return fail(Error::invalid_syntax(where + ": \"op\" is missing; it must be \"add\", \"remove\" or \"replace\""));
  }
  Op op;
  if (util::iequals(*op_text, "add")) {
    op = Op::kAdd;
  } else if (util::iequals(*op_text, "remove")) {
    op = Op::kRemove;
  } else if (util::iequals(*op_text, "replace")) {
    op = Op::kReplace;
  } else {
    return fail(Error::invalid_syntax(where + ": unsupported op " + quoted(*op_text) +
                                      "; it must be \"add\", \"remove\" or \"replace\" (RFC 7644 §3.5.2)"));
  }

  json::Value path_value = operation.get_ci("path");
  std::string_view path_text;
  if (path_value && !path_value.is_null()) {
    auto s = path_value.as_string();
    if (!s) return fail(Error::invalid_syntax(where + ": \"path\" must be a string"));
    path_text = util::trim(*s);
  }
  json::Value value = operation.get_ci("value");
  where += " (" + std::string(op_name(op));
  where += path_text.empty() ? std::string(")") : " " + quoted(path_text) + ")";

  Result<void> result;
  if (path_text.empty()) {
    if (op == Op::kRemove) {
      return fail(Error::no_target(where + ": remove needs a \"path\" naming what to remove (RFC 7644 §3.5.2.2)"));
    }
    if (!value.is_object()) {
      return fail(Error::invalid_syntax(where +
                                        ": without a \"path\", \"value\" must be an object of the "
                                        "attributes to " +
                                        std::string(op_name(op))));
    }
    result = apply_pathless(op, value);
  } else if (op != Op::kRemove && !value) {
    return fail(Error::invalid_syntax(where + ": " + std::string(op_name(op)) + " needs a \"value\""));
  } else if (const Schema* schema = registry_.schema_of(type_, path_text)) {
    // The whole extension (or core schema) object.
    if (op == Op::kRemove || value.is_null()) {
      if (schema == base_) {
        return fail(Error::mutability(where + ": the core schema of resource type " + quoted(type_.name) +
                                      " cannot be removed"));
      }
      if (op == Op::kAdd) return {};
      result = clear_extension(*schema);
    } else if (!value.is_object()) {
      return fail(Error::invalid_value(where + ": expected an object holding the attributes of " + quoted(schema->id) +
                                       ", got a non-object value"));
    } else {
      result = apply_schema_object(op, *schema, value);
    }
  } else {
    auto parsed = parse_patch_path(path_text);
    if (!parsed) return fail(with_context(parsed.error(), where));
    auto target = resolve(*parsed, path_text);
    if (!target) return fail(with_context(target.error(), where));
    result = apply_target(op, *target, value, true);
  }
  if (!result) return fail(with_context(result.error(), where));
  return {};
}

// ---- path-less values and extension objects ---------------------------------

// A key of a path-less value that names nothing: skipped, or invalidPath
// under UnknownAttributePolicy::kReject.
Result<void> Engine::unknown_key(std::string detail) {
  if (options_.unknown_attributes == UnknownAttributePolicy::kIgnore) return {};
  return fail(Error::invalid_path(std::move(detail)));
}

Result<void> Engine::apply_pathless(Op op, const json::Value& value) {
  for (const auto& [key, item] : value.items()) {
    if (util::iequals(key, "schemas")) continue;  // maintained from the data (EXT-06, EXT-10)
    if (const Schema* schema = registry_.schema_of(type_, key)) {
      if (item.is_null()) {
        if (op == Op::kReplace && schema != base_) {
          if (auto r = clear_extension(*schema); !r) return fail(in_key(r.error(), key));
        }
        continue;
      }
      if (!item.is_object()) {
        return fail(
            Error::invalid_value(quoted(key) + ": expected an object holding the attributes of " + quoted(schema->id)));
      }
      if (auto r = apply_schema_object(op, *schema, item); !r) return r;
      continue;
    }
    if (is_undeclared_extension_key(type_, key)) {
      if (options_.unknown_extensions == UnknownAttributePolicy::kIgnore) continue;
      return fail(Error::invalid_path(quoted(key) + " is not a schema extension of resource type " +
                                      quoted(type_.name) + "; register it for this tenant or leave it out"));
    }
    auto parsed = parse_patch_path(key);
    if (!parsed) {
      if (auto r = unknown_key(quoted(key) + " is not an attribute path: " + parsed.error().detail()); !r) return r;
      continue;
    }
    auto target = resolve(*parsed, key);
    if (!target) {
      if (target.error().scim_type() == ScimType::kInvalidPath) {
        if (auto r = unknown_key(target.error().detail()); !r) return r;
        continue;
      }
      return fail(in_key(target.error(), key));
    }
    if (auto r = apply_target(op, *target, item, false); !r) return fail(in_key(r.error(), key));
  }
  return {};
}

Result<void> Engine::apply_schema_object(Op op, const Schema& schema, const json::Value& object) {
  for (const auto& [key, item] : object.items()) {
    std::string full = schema.id + ":" + key;
    auto scanned = scan_attribute_path(key);
    if (!scanned || scanned->has_urn()) {
      if (auto r = unknown_key(quoted(key) + " is not an attribute of " + quoted(schema.id)); !r) return r;
      continue;
    }
    PatchPath path{AttributePath{schema.id, scanned->attribute, scanned->sub_attribute}, std::nullopt};
    auto target = resolve(path, full);
    if (!target) {
      if (auto r = unknown_key(target.error().detail()); !r) return r;
      continue;
    }
    if (auto r = apply_target(op, *target, item, false); !r) return fail(in_key(r.error(), full));
  }
  return {};
}

Result<void> Engine::clear_extension(const Schema& schema) {
  const SchemaExtension* ext = type_.find_extension(schema.id);
  bool had_data = extension_has_data(schema);
  if (!had_data) return {};
  if (ext != nullptr && ext->required) {
    return fail(Error::mutability("extension " + quoted(schema.id) + " is required for resource type " +
                                  quoted(type_.name) + " and cannot be removed (EXT-04)"));
  }
  json::Value object = doc_.get_ci(schema.id);
  for (const auto& def : schema.attributes) {
    json::Value old = object.get_ci(def.name);
    if (is_unassigned(old)) continue;
    if (def.required || def.mutability == Mutability::kImmutable || def.mutability == Mutability::kReadOnly) {
      return fail(Error::mutability(schema.id + ":" + def.name + ": " + std::string(keyword(def.mutability)) +
                                    (def.required ? " required" : "") + " attribute cannot be removed"));
    }
  }
  erase_ci(doc_, schema.id);
  return sync_extension(schema, true);
}

}  // namespace fastscim::scim::patch_internal
