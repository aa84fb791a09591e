#include <utility>
#include <vector>

#include "scim/patch_internal.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim::patch_internal {

bool is_unassigned(const json::Value& v) {
  if (!v || v.is_null()) return true;
  if ((v.is_array() || v.is_object()) && v.size() == 0) return true;
  return false;
}

bool is_empty_string(const json::Value& v) {
  auto s = v.as_string();
  return s && s->empty();
}

Error with_context(const Error& e, const std::string& context) {
  std::string detail = context + ": " + e.detail();
  switch (e.scim_type()) {
    case ScimType::kInvalidFilter: return Error::invalid_filter(std::move(detail));
    case ScimType::kInvalidSyntax: return Error::invalid_syntax(std::move(detail));
    case ScimType::kInvalidPath: return Error::invalid_path(std::move(detail));
    case ScimType::kNoTarget: return Error::no_target(std::move(detail));
    case ScimType::kInvalidValue: return Error::invalid_value(std::move(detail));
    case ScimType::kMutability: return Error::mutability(std::move(detail));
    case ScimType::kUniqueness: return Error::uniqueness(std::move(detail));
    case ScimType::kTooMany: return Error::too_many(std::move(detail));
    default: return e;
  }
}

Error in_key(const Error& e, std::string_view key) {
  if (e.scim_type() == ScimType::kInvalidValue || e.scim_type() == ScimType::kMutability) return e;
  return with_context(e, quoted(key));
}

void erase_ci(json::Value& object, std::string_view name) {
  std::string key;
  while (object.get_ci(name, &key)) object.erase(key);
}

void put_ci(json::Value& object, std::string_view name, json::Value value) {
  std::string key;
  while (object.get_ci(name, &key) && key != name) object.erase(key);
  object.set(name, std::move(value));
}

AttributeDefinition element_definition(const AttributeDefinition& def) {
  AttributeDefinition out = def;
  out.multi_valued = false;
  return out;
}

// ---- the document -----------------------------------------------------------

json::Value Engine::container(const Target& t, bool create) {
  if (!t.in_extension) return doc_;
  json::Value object = doc_.get_ci(t.schema->id);
  if (object.is_object() || !create) return object;
  object = json::Value::object();
  put_ci(doc_, t.schema->id, object);
  return object;
}

void Engine::store(const Target& t, json::Value value) {
  if (is_unassigned(value)) {
    json::Value c = container(t, false);
    if (c.is_object()) erase_ci(c, t.attr->name);
    return;
  }
  json::Value c = container(t, true);
  put_ci(c, t.attr->name, std::move(value));
}

bool Engine::extension_has_data(const Schema& schema) const {
  json::Value object = doc_.get_ci(schema.id);
  return object.is_object() && object.size() > 0;
}

// Keeps "schemas" in step with the extension's data: its URN is listed
// while it holds something (EXT-06) and dropped with its last attribute
// (EXT-10).
Result<void> Engine::sync_extension(const Schema& schema, bool had_data) {
  json::Value schemas = doc_.get_ci("schemas");
  auto position = [&]() -> std::optional<size_t> {
    for (size_t i = 0; i < schemas.size(); ++i) {
      if (auto s = schemas.at(i).as_string(); s && util::iequals(*s, schema.id)) return i;
    }
    return std::nullopt;
  };
  if (extension_has_data(schema)) {
    if (!schemas.is_array()) {
      schemas = json::Value::array();
      if (base_ != nullptr) schemas.append(json::Value::string(base_->id));
      put_ci(doc_, "schemas", schemas);
    }
    if (!position()) schemas.append(json::Value::string(schema.id));
    return {};
  }
  erase_ci(doc_, schema.id);
  while (auto i = position()) schemas.remove_at(*i);
  const SchemaExtension* ext = type_.find_extension(schema.id);
  if (had_data && ext != nullptr && ext->required) {
    return fail(Error::mutability("extension " + quoted(schema.id) + " is required for resource type " +
                                  quoted(type_.name) + "; its last attribute cannot be removed (EXT-04)"));
  }
  return {};
}

Result<json::Value> Engine::normalize(const AttributeDefinition& def, const json::Value& value, const std::string& path,
                                      bool single) const {
  ValidationIssues issues;
  json::Value out = single ? normalize_single_value(def, value, path, value_options_, &issues)
                           : normalize_value(def, value, path, value_options_, &issues);
  if (!issues.empty()) return fail(issues.to_error());
  return out;
}

// An element (or single complex value) changed in place keeps every
// immutable sub-attribute that holds a value (ATT-17).
Result<void> Engine::check_element_update(const AttributeDefinition& def, const json::Value& before,
                                          const json::Value& after) const {
  for (const auto& sub : def.sub_attributes) {
    if (sub.mutability != Mutability::kImmutable) continue;
    json::Value old = before.get_ci(sub.name);
    if (is_unassigned(old)) continue;
    json::Value now = after.get_ci(sub.name);
    if (!values_equal(sub, old, now)) {
      return fail(Error::mutability(quoted(def.name + "." + sub.name) + " is immutable and cannot be " +
                                    (is_unassigned(now) ? "removed" : "changed") + " once it has a value (ATT-17)"));
    }
  }
  return {};
}

// PAT-10, ATT-12: when the operation set primary on one value, every other
// value loses it; an operation that set it on several is an error.
Result<void> Engine::settle_primary(const AttributeDefinition& def, json::Value& array, const std::set<size_t>& touched,
                                    const std::string& path) const {
  const AttributeDefinition* primary = def.find_sub_attribute("primary");
  if (primary == nullptr || primary->type != AttributeType::kBoolean || !array.is_array()) return {};
  std::vector<size_t> primaries;
  std::vector<size_t> chosen;
  for (size_t i = 0; i < array.size(); ++i) {
    if (!array.at(i).get_ci(primary->name).as_bool().value_or(false)) continue;
    primaries.push_back(i);
    if (touched.count(i) != 0) chosen.push_back(i);
  }
  if (primaries.size() <= 1) return {};
  if (chosen.size() != 1) {
    return fail(Error::invalid_value(path + ": " + std::to_string(primaries.size()) +
                                     " values would have primary true; at most one may (RFC 7643 §2.4)"));
  }
  for (size_t i : primaries) {
    if (i == chosen.front()) continue;
    json::Value element = array.at(i);
    put_ci(element, primary->name, json::Value::boolean(false));
  }
  return {};
}

}  // namespace fastscim::scim::patch_internal
