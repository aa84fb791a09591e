#include <set>

#include "scim/patch_internal.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim::patch_internal {

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

}  // namespace fastscim::scim::patch_internal
