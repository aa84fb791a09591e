#include "scim/validator.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <utility>

#include "scim/attribute_path.h"
#include "scim/core_schemas.h"
#include "scim/text.h"
#include "scim/value_syntax.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

std::string_view json_type_name(const json::Value& v) {
  switch (v.type()) {
    case json::Type::kObject: return "an object";
    case json::Type::kArray: return "an array";
    case json::Type::kString: return "a string";
    case json::Type::kInteger:
    case json::Type::kReal: return "a number";
    case json::Type::kTrue:
    case json::Type::kFalse: return "a boolean";
    case json::Type::kNull: return "null";
    case json::Type::kAbsent: return "nothing";
  }
  return "nothing";
}

json::Value coerce_primitive(const AttributeDefinition& def, const json::Value& value, std::string_view path,
                             ValidationIssues* issues) {
  auto reject = [&](std::string what) {
    issues->add(ScimType::kInvalidValue, std::string(path), std::move(what));
    return json::Value();
  };
  auto wrong_type = [&](std::string_view expected) {
    return reject("expected " + std::string(expected) + ", got " + std::string(json_type_name(value)));
  };
  switch (def.type) {
    case AttributeType::kString:
      if (!value.is_string()) return wrong_type("a string");
      return value;
    case AttributeType::kReference:
      if (!value.is_string()) return wrong_type("a string holding a URI reference");
      return value;
    case AttributeType::kBoolean:
      if (value.is_bool()) return value;
      if (auto s = value.as_string()) {
        // Entra's default job sends "True"/"False" (PAT-26).
        if (util::iequals(*s, "true")) return json::Value::boolean(true);
        if (util::iequals(*s, "false")) return json::Value::boolean(false);
      }
      return wrong_type("true or false");
    case AttributeType::kInteger:
      if (value.is_integer()) return value;
      if (auto s = value.as_string()) {
        long long n = 0;
        std::string_view t = *s;
        if (!t.empty() && t[0] == '+') t.remove_prefix(1);
        if (is_integer_literal(t) && util::parse_int(t, &n)) return json::Value::integer(n);
        if (is_integer_literal(t)) return reject("integer " + quoted(*s) + " is out of range");
      }
      return wrong_type("an integer (no fraction, no exponent)");
    case AttributeType::kDecimal:
      if (value.is_number()) return value;
      if (auto s = value.as_string()) {
        if (is_decimal_literal(*s)) {
          std::string text(*s);
          errno = 0;
          double d = std::strtod(text.c_str(), nullptr);
          if (errno == 0 && std::isfinite(d)) return json::Value::real(d);
          return reject("decimal " + quoted(*s) + " is out of range");
        }
      }
      return wrong_type("a decimal number");
    case AttributeType::kDateTime:
      if (auto s = value.as_string()) {
        if (is_valid_date_time(*s)) return value;
        return reject(quoted(*s) + " is not an xsd:dateTime such as \"2008-01-23T04:56:22Z\"");
      }
      return wrong_type("a dateTime string");
    case AttributeType::kBinary:
      if (auto s = value.as_string()) {
        if (is_valid_base64(*s)) return value;
        return reject("binary value is not base64 (RFC 4648)");
      }
      return wrong_type("a base64 string");
    case AttributeType::kComplex: break;
  }
  return wrong_type("an object");
}

std::string join_path(std::string_view parent, std::string_view child) {
  std::string out(parent);
  out.push_back('.');
  out.append(child);
  return out;
}

bool is_unassigned(const json::Value& v) {
  if (!v || v.is_null()) return true;
  if ((v.is_array() || v.is_object()) && v.size() == 0) return true;
  return false;
}

bool scalars_equal(const AttributeDefinition& def, const json::Value& a, const json::Value& b) {
  auto sa = a.as_string();
  auto sb = b.as_string();
  if (sa && sb) return def.case_exact ? *sa == *sb : util::iequals(*sa, *sb);
  if (a.is_number() && b.is_number()) return *a.as_number() == *b.as_number();
  return a.equals(b);
}

bool single_values_equal(const AttributeDefinition& def, const json::Value& a, const json::Value& b) {
  if (!def.is_complex()) return scalars_equal(def, a, b);
  if (!a.is_object() || !b.is_object()) return a.equals(b);
  for (const auto& sub : def.sub_attributes) {
    if (!values_equal(sub, a.get_ci(sub.name), b.get_ci(sub.name))) return false;
  }
  return true;
}

}  // namespace

void ValidationIssues::add(ScimType type, std::string path, std::string message) {
  issues_.push_back({type, std::move(path), std::move(message)});
}

Error ValidationIssues::to_error() const {
  static const ScimType kPrecedence[] = {ScimType::kInvalidSyntax, ScimType::kInvalidValue, ScimType::kMutability};
  std::vector<const ValidationIssue*> ordered;
  for (ScimType type : kPrecedence) {
    for (const auto& issue : issues_) {
      if (issue.type == type) ordered.push_back(&issue);
    }
  }
  for (const auto& issue : issues_) {
    bool ranked = false;
    for (ScimType type : kPrecedence) ranked = ranked || issue.type == type;
    if (!ranked) ordered.push_back(&issue);
  }
  std::string detail;
  if (ordered.size() > 1) detail = std::to_string(ordered.size()) + " problems: ";
  for (size_t i = 0; i < ordered.size(); ++i) {
    if (i > 0) detail += "; ";
    if (!ordered[i]->path.empty()) detail += ordered[i]->path + ": ";
    detail += ordered[i]->message;
  }
  switch (ordered.empty() ? ScimType::kInvalidValue : ordered.front()->type) {
    case ScimType::kInvalidSyntax: return Error::invalid_syntax(std::move(detail));
    case ScimType::kMutability: return Error::mutability(std::move(detail));
    case ScimType::kInvalidPath: return Error::invalid_path(std::move(detail));
    case ScimType::kNoTarget: return Error::no_target(std::move(detail));
    case ScimType::kInvalidFilter: return Error::invalid_filter(std::move(detail));
    case ScimType::kUniqueness: return Error::uniqueness(std::move(detail));
    default: return Error::invalid_value(std::move(detail));
  }
}

json::Value normalize_single_value(const AttributeDefinition& def, const json::Value& value, std::string_view path,
                                   const ValueOptions& options, ValidationIssues* issues) {
  if (!value || value.is_null()) return json::Value();
  if (!def.is_complex()) {
    if (value.is_object() || value.is_array()) {
      issues->add(
          ScimType::kInvalidValue, std::string(path),
          "expected a single " + std::string(keyword(def.type)) + " value, got " + std::string(json_type_name(value)));
      return json::Value();
    }
    return coerce_primitive(def, value, path, issues);
  }

  json::Value object = value;
  if (!value.is_object()) {
    if (auto s = value.as_string(); s && s->empty()) return json::Value();  // Entra clears a manager with ""
    const AttributeDefinition* value_sub = def.find_sub_attribute("value");
    if (value_sub == nullptr || value.is_array()) {
      issues->add(ScimType::kInvalidValue, std::string(path),
                  "expected an object, got " + std::string(json_type_name(value)));
      return json::Value();
    }
    object = json::Value::object();
    object.set(value_sub->name, value);  // Entra's bare-string manager
  }

  json::Value out = json::Value::object();
  std::map<const AttributeDefinition*, std::string> seen;  // sub -> key as the client wrote it
  for (const auto& [key, sub_value] : object.items()) {
    const AttributeDefinition* sub = def.find_sub_attribute(key);
    std::string sub_path = join_path(path, sub ? std::string_view(sub->name) : std::string_view(key));
    if (sub == nullptr) {
      if (options.unknown_attributes == UnknownAttributePolicy::kReject) {
        issues->add(ScimType::kInvalidValue, sub_path, "unknown sub-attribute");
      }
      continue;
    }
    if (auto [it, fresh] = seen.emplace(sub, key); !fresh) {
      issues->add(ScimType::kInvalidValue, sub_path,
                  "given more than once (as " + quoted(it->second) + " and " + quoted(key) + ")");
      continue;
    }
    if (sub->mutability == Mutability::kReadOnly) {
      if (!options.drop_read_only) issues->add(ScimType::kMutability, sub_path, "sub-attribute is readOnly");
      continue;
    }
    json::Value normalized = normalize_value(*sub, sub_value, sub_path, options, issues);
    if (normalized) out.set(sub->name, std::move(normalized));
  }
  if (out.size() == 0) return json::Value();
  for (const auto& sub : def.sub_attributes) {
    if (sub.required && sub.mutability != Mutability::kReadOnly && !out.get(sub.name)) {
      issues->add(ScimType::kInvalidValue, join_path(path, sub.name), "required sub-attribute is missing");
    }
  }
  return out;
}

json::Value normalize_value(const AttributeDefinition& def, const json::Value& value, std::string_view path,
                            const ValueOptions& options, ValidationIssues* issues) {
  if (!value || value.is_null()) return json::Value();
  if (!def.multi_valued) {
    if (!value.is_array()) return normalize_single_value(def, value, path, options, issues);
    if (value.size() == 0) return json::Value();
    if (value.size() == 1) return normalize_single_value(def, value.at(0), path, options, issues);
    issues->add(ScimType::kInvalidValue, std::string(path),
                "single-valued attribute given an array of " + std::to_string(value.size()) + " values");
    return json::Value();
  }

  json::Value out = json::Value::array();
  size_t before = issues->size();
  auto add_item = [&](const json::Value& item, const std::string& item_path) {
    json::Value normalized = normalize_single_value(def, item, item_path, options, issues);
    if (normalized) out.append(std::move(normalized));
  };
  if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) add_item(value.at(i), std::string(path) + "[" + std::to_string(i) + "]");
  } else {
    add_item(value, std::string(path));  // a single value for a multi-valued attribute
  }
  if (issues->size() != before) return json::Value();
  if (out.size() == 0) return json::Value();

  if (const AttributeDefinition* primary = def.find_sub_attribute("primary");
      primary != nullptr && primary->type == AttributeType::kBoolean) {
    size_t count = 0;
    for (size_t i = 0; i < out.size(); ++i) {
      if (out.at(i).get(primary->name).as_bool().value_or(false)) ++count;
    }
    if (count > 1) {
      issues->add(ScimType::kInvalidValue, std::string(path),
                  std::to_string(count) + " values have primary true; at most one may (RFC 7643 §2.4)");
      return json::Value();
    }
  }
  return out;
}

bool values_equal(const AttributeDefinition& def, const json::Value& a, const json::Value& b) {
  bool a_unassigned = is_unassigned(a);
  bool b_unassigned = is_unassigned(b);
  if (a_unassigned || b_unassigned) return a_unassigned && b_unassigned;
  if (!def.multi_valued) return single_values_equal(def, a, b);
  if (!a.is_array() || !b.is_array() || a.size() != b.size()) return false;
  std::vector<bool> used(b.size(), false);
  for (size_t i = 0; i < a.size(); ++i) {
    bool found = false;
    for (size_t j = 0; j < b.size() && !found; ++j) {
      if (!used[j] && single_values_equal(def, a.at(i), b.at(j))) used[j] = found = true;
    }
    if (!found) return false;
  }
  return true;
}

bool is_undeclared_extension_key(const ResourceType& type, std::string_view key) {
  if (!util::istarts_with(key, "urn:")) return false;
  // The key is the URN itself or starts with "<urn>:".
  auto qualified_by = [&](std::string_view urn) {
    return util::istarts_with(key, urn) && (key.size() == urn.size() || key[urn.size()] == ':');
  };
  if (qualified_by(type.schema)) return false;
  for (const auto& ext : type.extensions) {
    if (qualified_by(ext.schema)) return false;
  }
  return true;
}

Validator::Validator(const SchemaRegistry& registry, const ResourceType& type, ValidatorOptions options)
    : registry_(registry), type_(type), options_(options) {
  value_options_.unknown_attributes = options.unknown_attributes;
  value_options_.drop_read_only = true;
}

Result<json::Value> Validator::validate_create(const json::Value& body) const { return validate(body, nullptr); }

Result<json::Value> Validator::validate_replace(const json::Value& body, const json::Value& existing) const {
  return validate(body, &existing);
}

namespace {

// One attribute the body gave, before it is checked.
struct Given {
  std::string key;  // as the client wrote it
  json::Value value;
};

}  // namespace

Result<json::Value> Validator::validate(const json::Value& body, const json::Value* existing) const {
  if (!body.is_object()) {
    return fail(
        Error::invalid_syntax("the request body must be a JSON object, not " + std::string(json_type_name(body))));
  }
  const Schema* base = registry_.base_schema(type_);
  if (base == nullptr) return fail(Error::internal("resource type " + quoted(type_.name) + " has no schema"));
  ValidationIssues issues;

  // "schemas" (RFC 7643 §3, CRT-08).
  json::Value schemas = body.get_ci("schemas");
  if (is_unassigned(schemas)) {
    issues.add(ScimType::kInvalidValue, "schemas", "missing; it must list " + quoted(base->id));
  } else if (!schemas.is_array()) {
    issues.add(ScimType::kInvalidValue, "schemas",
               "expected an array of schema URIs, got " + std::string(json_type_name(schemas)));
  } else {
    bool has_base = false;
    for (size_t i = 0; i < schemas.size(); ++i) {
      auto urn = schemas.at(i).as_string();
      if (!urn) {
        issues.add(ScimType::kInvalidValue, "schemas[" + std::to_string(i) + "]", "expected a string");
        continue;
      }
      if (util::iequals(*urn, base->id)) {
        has_base = true;
      } else if (type_.find_extension(*urn) == nullptr && registry_.find_schema(*urn) != nullptr) {
        issues.add(ScimType::kInvalidValue, "schemas",
                   quoted(*urn) + " is not a schema of resource type " + quoted(type_.name));
      }
      // Unknown URIs are ignored: Entra sends a Microsoft one with groups.
    }
    if (!has_base) issues.add(ScimType::kInvalidValue, "schemas", "must contain " + quoted(base->id));
  }

  // Sort the body's members by the definition they name.
  std::map<const AttributeDefinition*, Given> given;
  std::map<const Schema*, std::string> extension_keys;  // extension objects given, as spelt
  auto unknown = [&](const std::string& key) {
    if (is_undeclared_extension_key(type_, key)) {
      if (options_.unknown_extensions == UnknownAttributePolicy::kReject) {
        issues.add(ScimType::kInvalidValue, key,
                   "not a schema extension of resource type " + quoted(type_.name) +
                       "; register it for this tenant or leave it out");
      }
      return;
    }
    if (options_.unknown_attributes == UnknownAttributePolicy::kReject) {
      issues.add(ScimType::kInvalidValue, key, "unknown attribute of resource type " + quoted(type_.name));
    }
  };
  auto take = [&](const AttributeDefinition* def, const std::string& path_for_errors, const std::string& key,
                  const json::Value& value) {
    auto [it, fresh] = given.emplace(def, Given{key, value});
    if (!fresh) {
      issues.add(ScimType::kInvalidValue, path_for_errors,
                 "given more than once (as " + quoted(it->second.key) + " and " + quoted(key) + ")");
    }
  };
  for (const auto& [key, value] : body.items()) {
    if (util::iequals(key, "schemas")) continue;
    if (const Schema* schema = registry_.schema_of(type_, key); schema != nullptr && schema != base) {
      if (auto [it, fresh] = extension_keys.emplace(schema, key); !fresh) {
        issues.add(ScimType::kInvalidValue, schema->id,
                   "given more than once (as " + quoted(it->second) + " and " + quoted(key) + ")");
        continue;
      }
      if (value.is_null()) continue;
      if (!value.is_object()) {
        issues.add(ScimType::kInvalidValue, schema->id,
                   "expected an object holding the extension's attributes, got " + std::string(json_type_name(value)));
        continue;
      }
      for (const auto& [ext_key, ext_value] : value.items()) {
        const AttributeDefinition* def = schema->find_attribute(ext_key);
        if (def == nullptr) {
          unknown(schema->id + ":" + ext_key);
          continue;
        }
        take(def, schema->id + ":" + def->name, schema->id + ":" + ext_key, ext_value);
      }
      continue;
    }
    auto path = scan_attribute_path(key);
    std::optional<ResolvedAttribute> resolved;
    if (path && !path->has_sub_attribute()) resolved = registry_.resolve(type_, path.value());
    // An extension attribute must be inside its extension object or carry
    // its URN (EXT-02); a bare "employeeNumber" is not guessed at here.
    if (!resolved || (resolved->in_extension && !path->has_urn())) {
      unknown(key);
      continue;
    }
    std::string canonical = to_string(resolved->canonical_path());
    take(resolved->attribute, canonical, key, value);
  }

  // Check and emit in schema order: common, base, extensions.
  json::Value out = json::Value::object();
  json::Value out_schemas = json::Value::array();
  out_schemas.append(json::Value::string(base->id));
  out.set("schemas", out_schemas);

  auto process = [&](const AttributeDefinition& def, const std::string& path, json::Value* target,
                     const json::Value& existing_container) {
    if (def.mutability == Mutability::kReadOnly) return;  // CRT-03, PUT-07: ignored
    size_t issues_before = issues.size();
    auto it = given.find(&def);
    bool was_given = it != given.end();
    json::Value normalized;
    if (was_given) normalized = normalize_value(def, it->second.value, path, value_options_, &issues);
    json::Value old = existing != nullptr ? existing_container.get_ci(def.name) : json::Value();
    if (def.mutability == Mutability::kImmutable && !is_unassigned(old)) {
      if (!was_given) {
        normalized = old.deep_copy();  // not asserted, so not changed
      } else if (!values_equal(def, normalized, old)) {
        issues.add(ScimType::kMutability, path,
                   is_unassigned(normalized) ? "immutable attribute cannot be cleared"
                                             : "immutable attribute cannot be changed");
      }
    } else if (def.is_complex() && !def.multi_valued && old.is_object()) {
      // An immutable sub-attribute that holds a value keeps it unless a
      // different value is given.
      for (const auto& sub : def.sub_attributes) {
        json::Value old_sub = old.get_ci(sub.name);
        if (sub.mutability != Mutability::kImmutable || is_unassigned(old_sub)) continue;
        json::Value new_sub = normalized.is_object() ? normalized.get(sub.name) : json::Value();
        if (is_unassigned(new_sub)) {
          if (!normalized.is_object()) normalized = json::Value::object();
          normalized.set(sub.name, old_sub.deep_copy());
        } else if (!values_equal(sub, new_sub, old_sub)) {
          issues.add(ScimType::kMutability, join_path(path, sub.name), "immutable sub-attribute cannot be changed");
        }
      }
    }
    bool missing = is_unassigned(normalized) || (normalized.is_string() && normalized.as_string()->empty());
    // A value that failed its own checks has been reported already.
    if (def.required && missing && issues.size() == issues_before) {
      issues.add(ScimType::kInvalidValue, path, "required attribute is missing");
    }
    if (!is_unassigned(normalized)) target->set(def.name, std::move(normalized));
  };

  json::Value no_existing;
  const json::Value& old = existing != nullptr ? *existing : no_existing;
  for (const auto& def : common_attributes()) {
    if (util::iequals(def.name, "schemas")) continue;
    process(def, def.name, &out, old);
  }
  for (const auto& def : base->attributes) process(def, def.name, &out, old);

  for (const auto& ext : type_.extensions) {
    const Schema* schema = registry_.find_schema(ext.schema);
    if (schema == nullptr) continue;
    json::Value old_object = old.get_ci(schema->id);
    bool present = false;
    for (const auto& def : schema->attributes) {
      if (given.count(&def) != 0) present = true;
      // Immutable values survive a PUT that leaves the extension out.
      if (def.mutability == Mutability::kImmutable && !is_unassigned(old_object.get_ci(def.name))) present = true;
    }
    json::Value object = json::Value::object();
    if (present) {
      for (const auto& def : schema->attributes) process(def, schema->id + ":" + def.name, &object, old_object);
    }
    if (object.size() > 0) {
      out.set(schema->id, object);
      out_schemas.append(json::Value::string(schema->id));  // shared with out["schemas"]
    } else if (ext.required) {
      issues.add(ScimType::kInvalidValue, schema->id,
                 "extension is required for resource type " + quoted(type_.name) + " (EXT-04)");
    }
  }

  if (!issues.empty()) return fail(issues.to_error());
  return out;
}

}  // namespace fastscim::scim
