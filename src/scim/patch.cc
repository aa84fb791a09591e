#include "scim/patch.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "scim/attribute_path.h"
#include "scim/core_schemas.h"
#include "scim/filter.h"
#include "scim/filter_eval.h"
#include "scim/filter_parser.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

enum class Op { kAdd, kRemove, kReplace };

std::string_view op_name(Op op) {
  switch (op) {
    case Op::kAdd: return "add";
    case Op::kRemove: return "remove";
    case Op::kReplace: return "replace";
  }
  return "add";
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool is_unassigned(const json::Value& v) {
  if (!v || v.is_null()) return true;
  if ((v.is_array() || v.is_object()) && v.size() == 0) return true;
  return false;
}

bool is_empty_string(const json::Value& v) {
  auto s = v.as_string();
  return s && s->empty();
}

// The same error with `context` in front of its detail.
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

// An error of one key of a path-less value.  invalidValue and mutability
// details name the attribute already.
Error in_key(const Error& e, std::string_view key) {
  if (e.scim_type() == ScimType::kInvalidValue || e.scim_type() == ScimType::kMutability) return e;
  return with_context(e, quoted(key));
}

// Object keys are matched ignoring case (ATT-01) but written in schema
// spelling, so a stored document never holds two spellings of one name.
void erase_ci(json::Value& object, std::string_view name) {
  std::string key;
  while (object.get_ci(name, &key)) object.erase(key);
}

void put_ci(json::Value& object, std::string_view name, json::Value value) {
  std::string key;
  while (object.get_ci(name, &key) && key != name) object.erase(key);
  object.set(name, std::move(value));
}

// The single-valued view of a multi-valued attribute, so that
// values_equal() compares one element with another.
AttributeDefinition element_definition(const AttributeDefinition& def) {
  AttributeDefinition out = def;
  out.multi_valued = false;
  return out;
}

// What an operation (or one key of a path-less value) addresses.
struct Target {
  const Schema* schema = nullptr;  // nullptr for the common attributes
  bool in_extension = false;
  const AttributeDefinition* attr = nullptr;
  const AttributeDefinition* sub = nullptr;  // after '.' or after "]."
  std::optional<Filter> filter;
  AttributePath canonical;  // attr only, URN kept for extensions
  std::string text;         // as written, for messages
};

class Engine {
 public:
  Engine(const ResourceType& type, const SchemaRegistry& registry, const PatchOptions& options, json::Value doc)
      : type_(type), registry_(registry), options_(options), doc_(std::move(doc)) {
    value_options_.unknown_attributes = options.unknown_attributes;
    value_options_.drop_read_only = true;
    base_ = registry_.base_schema(type_);
  }

  Result<void> apply(const json::Value& operation, size_t index);

  json::Value& document() { return doc_; }
  MemberChanges& members() { return members_; }

 private:
  Result<void> apply_pathless(Op op, const json::Value& value);
  Result<void> apply_schema_object(Op op, const Schema& schema, const json::Value& object);
  Result<void> clear_extension(const Schema& schema);
  Result<void> unknown_key(std::string detail);
  Result<Target> resolve(const PatchPath& path, std::string_view text) const;
  Result<void> apply_target(Op op, const Target& t, const json::Value& value, bool explicit_path);
  Result<void> apply_whole(Op op, const Target& t, const json::Value& value);
  Result<void> apply_sub(Op op, const Target& t, const json::Value& value);
  Result<void> apply_filtered(Op op, const Target& t, const json::Value& value);
  Result<void> remove_listed(const Target& t, const json::Value& value);
  Result<void> apply_members(Op op, const Target& t, const json::Value& value);

  json::Value container(const Target& t, bool create);
  json::Value current(const Target& t) { return container(t, false).get_ci(t.attr->name); }
  void store(const Target& t, json::Value value);
  Result<void> sync_extension(const Schema& schema, bool had_data);
  bool extension_has_data(const Schema& schema) const;

  Result<json::Value> normalize(const AttributeDefinition& def, const json::Value& value, const std::string& path,
                                bool single) const;
  Result<void> check_element_update(const AttributeDefinition& def, const json::Value& before,
                                    const json::Value& after) const;
  Result<void> settle_primary(const AttributeDefinition& def, json::Value& array, const std::set<size_t>& touched,
                              const std::string& path) const;
  bool is_members(const Target& t) const;
  void add_member(Member member);
  void remove_member(const std::string& id);

  const ResourceType& type_;
  const SchemaRegistry& registry_;
  const PatchOptions& options_;
  ValueOptions value_options_;
  const Schema* base_ = nullptr;
  json::Value doc_;
  MemberChanges members_;
};

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
      return fail(Error::invalid_syntax(where + ": without a \"path\", \"value\" must be an object of the "
                                        "attributes to " + std::string(op_name(op))));
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
      return fail(Error::invalid_value(where + ": expected an object holding the attributes of " +
                                       quoted(schema->id) + ", got a non-object value"));
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
        return fail(Error::invalid_value(quoted(key) + ": expected an object holding the attributes of " +
                                         quoted(schema->id)));
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

// ---- resolving a path ---------------------------------------------------------

// Every attribute a filter inside [ ] names must be a sub-attribute of `def`.
Result<void> check_filter_paths(const Filter& filter, const AttributeDefinition& def) {
  auto check = [&](const AttributePath& p) -> Result<void> {
    if (def.find_sub_attribute(p.attribute) == nullptr) {
      return fail(Error::invalid_filter("the value filter of " + quoted(def.name) + " names " +
                                        quoted(to_string(p)) + ", which is not one of its sub-attributes"));
    }
    return {};
  };
  switch (filter.kind()) {
    case Filter::Kind::kComparison: return check(filter.get_if<Comparison>()->path);
    case Filter::Kind::kPresence: return check(filter.get_if<Presence>()->path);
    case Filter::Kind::kAnd:
      for (const auto& f : filter.get_if<And>()->operands) {
        if (auto r = check_filter_paths(f, def); !r) return r;
      }
      return {};
    case Filter::Kind::kOr:
      for (const auto& f : filter.get_if<Or>()->operands) {
        if (auto r = check_filter_paths(f, def); !r) return r;
      }
      return {};
    case Filter::Kind::kNot: return check_filter_paths(filter.get_if<Not>()->operand, def);
    case Filter::Kind::kValuePath: break;
  }
  return fail(Error::invalid_filter("a value filter cannot hold another value filter"));
}

// `roles[primary eq "True"]`: Entra writes boolean literals as strings.
// Compare them as the booleans they stand for.
Filter coerce_boolean_literals(const Filter& filter, const AttributeDefinition& def) {
  auto rebuild = [&](const std::vector<Filter>& operands, bool is_and) {
    std::vector<Filter> out;
    out.reserve(operands.size());
    for (const auto& f : operands) out.push_back(coerce_boolean_literals(f, def));
    return is_and ? Filter::logical_and(std::move(out)) : Filter::logical_or(std::move(out));
  };
  switch (filter.kind()) {
    case Filter::Kind::kComparison: {
      const Comparison& c = *filter.get_if<Comparison>();
      const AttributeDefinition* sub = def.find_sub_attribute(c.path.attribute);
      if (sub != nullptr && sub->type == AttributeType::kBoolean && c.value.is_string()) {
        if (util::iequals(c.value.text(), "true")) return Filter::comparison(c.path, c.op, CompValue::boolean(true));
        if (util::iequals(c.value.text(), "false")) {
          return Filter::comparison(c.path, c.op, CompValue::boolean(false));
        }
      }
      return filter;
    }
    case Filter::Kind::kAnd: return rebuild(filter.get_if<And>()->operands, true);
    case Filter::Kind::kOr: return rebuild(filter.get_if<Or>()->operands, false);
    case Filter::Kind::kNot: return Filter::logical_not(coerce_boolean_literals(filter.get_if<Not>()->operand, def));
    default: return filter;
  }
}

Result<Target> Engine::resolve(const PatchPath& path, std::string_view text) const {
  std::optional<ResolvedAttribute> resolved = registry_.resolve(type_, path.path);
  if (!resolved) {
    AttributePath parent = path.path;
    parent.sub_attribute.clear();
    std::optional<ResolvedAttribute> outer =
        path.path.has_sub_attribute() ? registry_.resolve(type_, parent) : std::nullopt;
    if (outer && !outer->attribute->is_complex()) {
      return fail(Error::invalid_path(quoted(outer->attribute->name) + " is a " +
                                      std::string(keyword(outer->attribute->type)) + " and has no sub-attributes"));
    }
    if (outer) {
      return fail(Error::invalid_path(quoted(outer->attribute->name) + " has no sub-attribute " +
                                      quoted(path.path.sub_attribute)));
    }
    return fail(Error::invalid_path(quoted(to_string(path.path)) + " is not an attribute of resource type " +
                                    quoted(type_.name)));
  }
  Target t;
  t.schema = resolved->schema;
  t.in_extension = resolved->in_extension;
  t.attr = resolved->attribute;
  t.sub = resolved->sub_attribute;
  t.canonical = resolved->canonical_path();
  t.canonical.sub_attribute.clear();
  t.text = std::string(text);
  if (path.value_filter) {
    if (!t.attr->is_complex()) {
      return fail(Error::invalid_path("a value filter [...] needs a complex attribute, and " + quoted(t.attr->name) +
                                      " is a " + std::string(keyword(t.attr->type))));
    }
    if (!is_members(t)) {
      if (auto r = check_filter_paths(*path.value_filter, *t.attr); !r) return fail(r.error());
      t.filter = coerce_boolean_literals(*path.value_filter, *t.attr);
    } else {
      t.filter = *path.value_filter;
    }
  }
  return t;
}

bool Engine::is_members(const Target& t) const {
  return t.schema != nullptr && !t.in_extension && util::iequals(t.schema->id, kGroupSchemaUrn) &&
         util::iequals(t.attr->name, "members");
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

Result<json::Value> Engine::normalize(const AttributeDefinition& def, const json::Value& value,
                                      const std::string& path, bool single) const {
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
Result<void> Engine::settle_primary(const AttributeDefinition& def, json::Value& array,
                                    const std::set<size_t>& touched, const std::string& path) const {
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

// ---- one target -----------------------------------------------------------------

Result<void> Engine::apply_target(Op op, const Target& t, const json::Value& value, bool explicit_path) {
  if (is_members(t)) return apply_members(op, t, value);
  if (t.schema == nullptr && util::iequals(t.attr->name, "schemas")) return {};  // maintained from the data

  const AttributeDefinition& def = *t.attr;
  const AttributeDefinition* read_only = def.mutability == Mutability::kReadOnly ? &def : nullptr;
  if (read_only == nullptr && t.sub != nullptr && t.sub->mutability == Mutability::kReadOnly) read_only = t.sub;
  if (read_only != nullptr) {
    if (!explicit_path) return {};  // id, meta, groups sent back by the client: ignored
    return fail(Error::mutability(quoted(read_only->name) + " is readOnly and cannot be modified (RFC 7643 §7)"));
  }
  if (op == Op::kRemove && def.required && !t.filter && t.sub == nullptr) {
    return fail(Error::mutability(quoted(def.name) + " is required and cannot be removed (RFC 7644 §3.5.2.2)"));
  }

  bool had_extension_data = t.in_extension && extension_has_data(*t.schema);
  json::Value before = current(t);
  before = before ? before.deep_copy() : json::Value();

  Result<void> result;
  if (op == Op::kRemove && !t.filter && t.sub == nullptr && value && !value.is_null() && def.multi_valued) {
    result = remove_listed(t, value);
  } else if (t.filter) {
    result = apply_filtered(op, t, value);
  } else if (t.sub != nullptr) {
    result = apply_sub(op, t, value);
  } else {
    result = apply_whole(op, t, value);
  }
  if (!result) return result;

  json::Value after = current(t);
  if (def.mutability == Mutability::kImmutable && !is_unassigned(before) && !values_equal(def, before, after)) {
    return fail(Error::mutability(quoted(def.name) + " is immutable and cannot be " +
                                  (is_unassigned(after) ? "removed" : "changed") + " once it has a value (ATT-17)"));
  }
  if (def.is_complex() && !def.multi_valued && before.is_object()) {
    if (auto r = check_element_update(def, before, after); !r) return r;
  }
  if (def.required && !is_unassigned(before) && (is_unassigned(after) || is_empty_string(after))) {
    return fail(Error::mutability(quoted(def.name) + " is required and cannot be left without a value (PAT-19)"));
  }
  if (t.in_extension) return sync_extension(*t.schema, had_extension_data);
  return {};
}

// add/replace/remove of a whole attribute (no sub-attribute, no filter).
Result<void> Engine::apply_whole(Op op, const Target& t, const json::Value& value) {
  const AttributeDefinition& def = *t.attr;
  if (op == Op::kRemove) {  // PAT-17
    store(t, json::Value());
    return {};
  }
  if (value.is_null()) {
    if (op == Op::kReplace) store(t, json::Value());  // null is unassigned (RFC 7643 §2.5)
    return {};
  }
  if (!def.multi_valued && is_empty_string(value)) {
    store(t, json::Value());  // "" clears, as Entra clears a manager
    return {};
  }

  if (def.multi_valued) {
    auto normalized = normalize(def, value, t.text, false);
    if (!normalized) return fail(normalized.error());
    if (is_unassigned(*normalized)) {
      if (op == Op::kReplace) store(t, json::Value());  // PAT-21: [] empties it
      return {};
    }
    json::Value array;
    std::set<size_t> touched;
    if (op == Op::kReplace) {  // PAT-21
      array = *normalized;
      for (size_t i = 0; i < array.size(); ++i) touched.insert(i);
    } else {  // PAT-14: append, skipping values already there (PAT-15)
      json::Value old = current(t);
      array = old.is_array() ? old : json::Value::array();
      AttributeDefinition element = element_definition(def);
      for (size_t i = 0; i < normalized->size(); ++i) {
        json::Value item = normalized->at(i);
        bool duplicate = false;
        for (size_t j = 0; j < array.size() && !duplicate; ++j) duplicate = values_equal(element, array.at(j), item);
        if (duplicate) continue;
        touched.insert(array.size());
        array.append(item);
      }
    }
    if (auto r = settle_primary(def, array, touched, t.text); !r) return r;
    store(t, array);
    return {};
  }

  if (!def.is_complex()) {  // PAT-14, PAT-21: single-valued is replaced
    auto normalized = normalize(def, value, t.text, false);
    if (!normalized) return fail(normalized.error());
    store(t, *normalized);
    return {};
  }

  // Complex: merge the sub-attributes given (PAT-14, PAT-23).  A sub-attribute
  // given as null or "" is cleared.  A bare scalar (Entra's manager id)
  // stands for the whole value, so it replaces rather than merges: a stale
  // "$ref" must not survive a change of manager.
  json::Value raw = value;
  if (raw.is_array() && raw.size() == 1) raw = raw.at(0);
  auto normalized = normalize(def, value, t.text, false);
  if (!normalized) return fail(normalized.error());
  json::Value old = current(t);
  json::Value merged = old.is_object() && raw.is_object() ? old : json::Value::object();
  if (raw.is_object()) {
    for (const auto& [key, sub_value] : raw.items()) {
      const AttributeDefinition* sub = def.find_sub_attribute(key);
      if (sub == nullptr || sub->mutability == Mutability::kReadOnly) continue;
      if (sub_value.is_null() || (is_empty_string(sub_value) && !sub->multi_valued)) erase_ci(merged, sub->name);
    }
  }
  if (normalized->is_object()) {
    for (const auto& [key, sub_value] : normalized->items()) {
      const AttributeDefinition* sub = def.find_sub_attribute(key);
      if (sub != nullptr && !sub->multi_valued && is_empty_string(sub_value)) {
        erase_ci(merged, sub->name);
        continue;
      }
      put_ci(merged, key, sub_value);
    }
  }
  store(t, merged);
  return {};
}

// A dotted path without a filter: "name.givenName", "manager.value",
// "emails.type" (every element of a multi-valued attribute).
Result<void> Engine::apply_sub(Op op, const Target& t, const json::Value& value) {
  const AttributeDefinition& def = *t.attr;
  const AttributeDefinition& sub = *t.sub;
  bool clear = op == Op::kRemove || value.is_null() || (is_empty_string(value) && !sub.multi_valued);
  if (op == Op::kAdd && value.is_null()) return {};
  json::Value normalized;
  if (!clear) {
    auto n = normalize(sub, value, t.text, false);
    if (!n) return fail(n.error());
    normalized = *n;
    clear = is_unassigned(normalized);
  }

  json::Value old = current(t);
  if (!def.multi_valued) {
    if (clear) {
      if (!old.is_object()) return {};
      erase_ci(old, sub.name);
      if (old.size() == 0) store(t, json::Value());
      return {};
    }
    json::Value object = old.is_object() ? old : json::Value::object();
    put_ci(object, sub.name, normalized);
    store(t, object);
    return {};
  }

  json::Value array = old.is_array() ? old : json::Value::array();
  std::set<size_t> touched;
  if (clear) {
    for (size_t i = array.size(); i-- > 0;) {
      json::Value element = array.at(i);
      json::Value before = element.deep_copy();
      erase_ci(element, sub.name);
      if (auto r = check_element_update(def, before, element); !r) return r;
      if (element.size() == 0) array.remove_at(i);
    }
  } else if (array.size() == 0) {
    json::Value element = json::Value::object();
    element.set(sub.name, normalized);
    array.append(element);
    touched.insert(0);
  } else {
    for (size_t i = 0; i < array.size(); ++i) {
      json::Value element = array.at(i);
      json::Value before = element.deep_copy();
      put_ci(element, sub.name, normalized);
      if (auto r = check_element_update(def, before, element); !r) return r;
      touched.insert(i);
    }
  }
  if (auto r = settle_primary(def, array, touched, t.text); !r) return r;
  store(t, array);
  return {};
}

// The eq comparisons a filter is made of, when it is `sub eq "x"` or an
// `and` of such (the filters an element can be created from); nullopt
// otherwise.
std::optional<std::vector<const Comparison*>> equalities(const Filter& filter) {
  std::vector<const Comparison*> out;
  auto take = [&](const Filter& f) {
    const Comparison* c = f.get_if<Comparison>();
    if (c == nullptr || c->op != CompareOp::kEq || c->value.is_null() || c->path.has_sub_attribute()) return false;
    out.push_back(c);
    return true;
  };
  if (const And* a = filter.get_if<And>()) {
    for (const auto& f : a->operands) {
      if (!take(f)) return std::nullopt;
    }
    return out;
  }
  if (!take(filter)) return std::nullopt;
  return out;
}

// `attr[filter]` and `attr[filter].sub` (PAT-18, PAT-24, PAT-25).
Result<void> Engine::apply_filtered(Op op, const Target& t, const json::Value& value) {
  const AttributeDefinition& def = *t.attr;
  json::Value old = current(t);
  json::Value array;
  if (def.multi_valued) {
    array = old.is_array() ? old : json::Value::array();
  } else {
    array = json::Value::array();
    if (old.is_object()) array.append(old);
  }
  CaseExactFn case_exact = [this](const AttributePath& p) { return registry_.is_case_exact(type_, p); };
  std::vector<size_t> matches;
  for (size_t i = 0; i < array.size(); ++i) {
    if (array.at(i).is_object() && matches_element(*t.filter, array.at(i), t.canonical, case_exact)) {
      matches.push_back(i);
    }
  }
  const AttributeDefinition* sub = t.sub;
  bool clear = op == Op::kRemove || value.is_null() ||
               (sub != nullptr && is_empty_string(value) && !sub->multi_valued);
  if (op == Op::kAdd && value.is_null()) return {};

  std::set<size_t> touched;
  if (clear) {  // PAT-18: no match is a no-op
    for (size_t k = matches.size(); k-- > 0;) {
      size_t i = matches[k];
      if (sub == nullptr) {
        array.remove_at(i);
        continue;
      }
      json::Value element = array.at(i);
      json::Value before = element.deep_copy();
      erase_ci(element, sub->name);
      if (def.multi_valued) {
        if (auto r = check_element_update(def, before, element); !r) return r;
      }
      if (element.size() == 0) array.remove_at(i);
    }
  } else if (sub != nullptr) {
    auto normalized = normalize(*sub, value, t.text, false);
    if (!normalized) return fail(normalized.error());
    if (is_unassigned(*normalized)) return {};
    if (matches.empty()) {
      // Entra's find-or-create: emails[type eq "work"].value on a user
      // without a work email creates {"type": "work", "value": …}.
      auto eqs = equalities(*t.filter);
      if (!eqs || (!def.multi_valued && array.size() > 0)) {
        return fail(Error::no_target("no value of " + quoted(def.name) + " matches the filter, and none can be "
                                     "created from it (RFC 7644 §3.5.2.3)"));
      }
      json::Value element = json::Value::object();
      for (const Comparison* c : *eqs) element.set(c->path.attribute, c->value.to_json());
      element.set(sub->name, *normalized);
      auto coerced = normalize(def, element, t.text, true);
      if (!coerced) return fail(coerced.error());
      touched.insert(array.size());
      array.append(*coerced);
    } else {
      for (size_t i : matches) {  // PAT-24
        json::Value element = array.at(i);
        json::Value before = element.deep_copy();
        put_ci(element, sub->name, *normalized);
        if (def.multi_valued) {
          if (auto r = check_element_update(def, before, element); !r) return r;
        }
        touched.insert(i);
      }
    }
  } else {
    json::Value given = value;
    if (given.is_array() && given.size() == 1) given = given.at(0);
    auto normalized = normalize(def, given, t.text, true);
    if (!normalized) return fail(normalized.error());
    if (matches.empty()) {
      return fail(Error::no_target("no value of " + quoted(def.name) + " matches the filter (RFC 7644 §3.5.2.3)"));
    }
    for (size_t i : matches) {
      json::Value element = array.at(i);
      json::Value before = element.deep_copy();
      if (op == Op::kReplace) {  // PAT-24: the matching values are replaced
        element.clear();
        if (normalized->is_object()) {
          for (const auto& [key, sub_value] : normalized->items()) element.set(key, sub_value.deep_copy());
        }
      } else if (normalized->is_object()) {
        for (const auto& [key, sub_value] : normalized->items()) put_ci(element, key, sub_value.deep_copy());
      }
      if (def.multi_valued) {
        if (auto r = check_element_update(def, before, element); !r) return r;
      }
      touched.insert(i);
    }
    for (size_t k = matches.size(); k-- > 0;) {
      if (array.at(matches[k]).size() == 0) array.remove_at(matches[k]);
    }
  }

  if (def.multi_valued) {
    if (auto r = settle_primary(def, array, touched, t.text); !r) return r;
    store(t, array);
  } else {
    store(t, array.size() > 0 ? array.at(0) : json::Value());
  }
  return {};
}

// remove "emails" with a value list: only the listed values go (the
// generalisation of PAT-26's members rule).  A listed complex value matches
// an element when every sub-attribute it gives is equal; a simple one when
// it is equal.
Result<void> Engine::remove_listed(const Target& t, const json::Value& value) {
  const AttributeDefinition& def = *t.attr;
  auto normalized = normalize(def, value, t.text, false);
  if (!normalized) return fail(normalized.error());
  json::Value old = current(t);
  if (!normalized->is_array() || !old.is_array()) return {};
  AttributeDefinition element_def = element_definition(def);
  json::Value array = old;
  for (size_t i = array.size(); i-- > 0;) {
    json::Value element = array.at(i);
    bool listed = false;
    for (size_t j = 0; j < normalized->size() && !listed; ++j) {
      json::Value pattern = normalized->at(j);
      if (!def.is_complex()) {
        listed = values_equal(element_def, element, pattern);
        continue;
      }
      if (!pattern.is_object() || pattern.size() == 0) continue;
      listed = true;
      for (const auto& [key, sub_value] : pattern.items()) {
        const AttributeDefinition* sub = def.find_sub_attribute(key);
        if (sub == nullptr || !values_equal(*sub, element.get_ci(key), sub_value)) listed = false;
      }
    }
    if (listed) array.remove_at(i);
  }
  store(t, array);
  return {};
}

// ---- group members ----------------------------------------------------------------

void Engine::add_member(Member member) {
  auto& removed = members_.remove;
  removed.erase(std::remove(removed.begin(), removed.end(), member.value), removed.end());
  for (const auto& m : members_.add) {
    if (m.value == member.value) return;
  }
  members_.add.push_back(std::move(member));
}

void Engine::remove_member(const std::string& id) {
  auto& added = members_.add;
  added.erase(std::remove_if(added.begin(), added.end(), [&](const Member& m) { return m.value == id; }),
              added.end());
  if (members_.remove_all) return;
  if (std::find(members_.remove.begin(), members_.remove.end(), id) == members_.remove.end()) {
    members_.remove.push_back(id);
  }
}

// The member ids a filter selects: `value eq "id"`, or several of them
// joined with `or`; nullopt for any other filter.
std::optional<std::vector<std::string>> member_ids(const Filter& filter) {
  std::vector<std::string> ids;
  auto take = [&](const Filter& f) {
    const Comparison* c = f.get_if<Comparison>();
    if (c == nullptr || c->op != CompareOp::kEq || !c->value.is_string() || c->path.has_urn() ||
        c->path.has_sub_attribute() || !util::iequals(c->path.attribute, "value")) {
      return false;
    }
    ids.push_back(c->value.text());
    return true;
  };
  if (const Or* o = filter.get_if<Or>()) {
    for (const auto& f : o->operands) {
      if (!take(f)) return std::nullopt;
    }
    return ids;
  }
  if (!take(filter)) return std::nullopt;
  return ids;
}

Result<void> Engine::apply_members(Op op, const Target& t, const json::Value& value) {
  const AttributeDefinition& def = *t.attr;
  if (t.sub != nullptr) {
    return fail(Error::mutability("the sub-attributes of members are immutable; add or remove whole members "
                                  "instead"));
  }
  if (t.filter) {
    if (op != Op::kRemove) {
      return fail(Error::invalid_path("a value filter on members can only be used with remove; add members "
                                      "with path \"members\" and a value list"));
    }
    auto ids = member_ids(*t.filter);
    if (!ids) {
      return fail(Error::invalid_filter("members can only be selected by id, as in members[value eq "
                                        "\"2819c223\"] (several joined with or), not by " +
                                        quoted(to_string(*t.filter))));
    }
    for (const auto& id : *ids) remove_member(id);
    return {};
  }

  if (op == Op::kRemove && (!value || value.is_null())) {  // the RFC's "remove all"
    members_.remove_all = true;
    members_.add.clear();
    members_.remove.clear();
    return {};
  }
  std::vector<Member> listed;
  if (!value.is_null()) {
    std::vector<json::Value> items;
    if (value.is_array()) {
      for (size_t i = 0; i < value.size(); ++i) items.push_back(value.at(i));
    } else {
      items.push_back(value);
    }
    for (size_t i = 0; i < items.size(); ++i) {
      std::string item_path = value.is_array() ? t.text + "[" + std::to_string(i) + "]" : t.text;
      if (items[i].is_null()) continue;
      auto normalized = normalize(def, items[i], item_path, true);  // a bare id becomes {"value": id}
      if (!normalized) return fail(normalized.error());
      auto id = normalized->get("value").as_string();
      if (!id || id->empty()) {
        return fail(Error::invalid_value(item_path + ": a member needs a \"value\" holding the member's id"));
      }
      Member member;
      member.value = std::string(*id);
      member.type = std::string(normalized->get("type").as_string().value_or(""));
      member.display = std::string(normalized->get("display").as_string().value_or(""));
      listed.push_back(std::move(member));
    }
  }
  switch (op) {
    case Op::kAdd:
      for (auto& m : listed) add_member(std::move(m));
      break;
    case Op::kRemove:  // PAT-26: only the members listed
      for (const auto& m : listed) remove_member(m.value);
      break;
    case Op::kReplace:  // PAT-21: the whole set
      members_.remove_all = true;
      members_.add.clear();
      members_.remove.clear();
      for (auto& m : listed) add_member(std::move(m));
      break;
  }
  return {};
}

}  // namespace

Result<PatchResult> apply_patch(const json::Value& document, const json::Value& patch_body, const ResourceType& type,
                                const SchemaRegistry& registry, const PatchOptions& options) {
  if (!patch_body.is_object()) return fail(Error::invalid_syntax("the PATCH body must be a JSON object"));
  json::Value schemas = patch_body.get_ci("schemas");
  bool is_patch_op = false;
  for (size_t i = 0; i < schemas.size() && schemas.is_array(); ++i) {
    if (auto s = schemas.at(i).as_string(); s && util::iequals(*s, kPatchOpSchemaUrn)) is_patch_op = true;
  }
  if (!is_patch_op) {
    return fail(Error::invalid_syntax("\"schemas\" must contain " + quoted(kPatchOpSchemaUrn) +
                                      " (RFC 7644 §3.5.2)"));
  }
  json::Value operations = patch_body.get_ci("Operations");
  if (!operations.is_array() || operations.size() == 0) {
    return fail(Error::invalid_syntax("\"Operations\" must be an array holding at least one operation "
                                      "(RFC 7644 §3.5.2)"));
  }
  if (registry.base_schema(type) == nullptr) {
    return fail(Error::internal("resource type " + quoted(type.name) + " has no schema"));
  }

  json::Value working = document.is_object() ? document.deep_copy() : json::Value::object();
  Engine engine(type, registry, options, working);
  for (size_t i = 0; i < operations.size(); ++i) {
    if (auto r = engine.apply(operations.at(i), i); !r) return fail(std::move(r).error());
  }

  PatchResult result;
  result.document = engine.document().deep_copy();  // shares no node with the request body
  result.changed = !result.document.equals(document.is_object() ? document : json::Value::object());
  result.members = std::move(engine.members());
  result.active_change = active_change(document, result.document);
  return result;
}

}  // namespace fastscim::scim
