#include <set>
#include <vector>

#include "scim/filter_eval.h"
#include "scim/patch_internal.h"
#include "scim/text.h"

namespace fastscim::scim::patch_internal {

namespace {

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

}  // namespace

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
  bool clear = op == Op::kRemove || value.is_null() || (sub != nullptr && is_empty_string(value) && !sub->multi_valued);
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
        return fail(Error::no_target("no value of " + quoted(def.name) +
                                     " matches the filter, and none can be "
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

}  // namespace fastscim::scim::patch_internal
