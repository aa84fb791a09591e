#include "scim/filter_eval.h"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/strings.h"

namespace fastscim::scim {

namespace {

constexpr char kCoreSchemaPrefix[] = "urn:ietf:params:scim:schemas:core:";

bool non_empty(const json::Value& v) {
  switch (v.type()) {
    case json::Type::kAbsent:
    case json::Type::kNull: return false;
    case json::Type::kString: return !v.as_string()->empty();
    case json::Type::kArray:
      for (size_t i = 0; i < v.size(); ++i) {
        if (non_empty(v.at(i))) return true;
      }
      return false;
    case json::Type::kObject:
      for (const auto& item : v.items()) {
        if (non_empty(item.second)) return true;
      }
      return false;
    default: return true;
  }
}

// Evaluation of one filter against one JSON object: a resource (parent_ is
// null) or an element of the multi-valued attribute *parent_.
class Evaluator {
 public:
  Evaluator(const AttributePath* parent, const CaseExactFn& case_exact) : parent_(parent), case_exact_(case_exact) {}

  // std::visit over the node: a kind of node without an eval_node()
  // overload does not compile.
  bool eval(const Filter& filter, const json::Value& node) const {
    return std::visit([&](const auto& n) { return eval_node(n, node); }, filter.node());
  }

 private:
  bool eval_node(const Comparison& c, const json::Value& node) const { return compare(c, node); }

  bool eval_node(const Presence& p, const json::Value& node) const {
    return present(attribute(p.path, node), p.path.sub_attribute);
  }

  bool eval_node(const And& a, const json::Value& node) const {
    for (const Filter& f : a.operands) {
      if (!eval(f, node)) return false;
    }
    return true;
  }

  bool eval_node(const Or& o, const json::Value& node) const {
    for (const Filter& f : o.operands) {
      if (eval(f, node)) return true;
    }
    return false;
  }

  bool eval_node(const Not& n, const json::Value& node) const { return !eval(n.operand, node); }

  bool eval_node(const ValuePath& vp, const json::Value& node) const { return value_path(vp, node); }

  // The value of path.urn/path.attribute in `node` (sub-attribute not applied).
  json::Value attribute(const AttributePath& path, const json::Value& node) const {
    if (!path.has_urn() || parent_) return node.get_ci(path.attribute);
    json::Value extension = node.get_ci(path.urn);
    if (extension.is_object()) {
      if (json::Value v = extension.get_ci(path.attribute)) return v;
    }
    // Core attributes sit at top level whether or not the URN is written
    // (RFC 7644 §3.10).
    if (util::istarts_with(path.urn, kCoreSchemaPrefix)) return node.get_ci(path.attribute);
    return json::Value();
  }

  bool present(const json::Value& attr, const std::string& sub) const {
    if (sub.empty()) return non_empty(attr);
    if (attr.is_array()) {
      for (size_t i = 0; i < attr.size(); ++i) {
        if (non_empty(attr.at(i).get_ci(sub))) return true;
      }
      return false;
    }
    return non_empty(attr.get_ci(sub));
  }

  bool case_exact(const AttributePath& path) const {
    if (!case_exact_) return false;
    if (!parent_) return case_exact_(path);
    return case_exact_(AttributePath{parent_->urn, parent_->attribute, path.attribute});
  }

  static bool is_complex_array(const json::Value& v) {
    if (!v.is_array()) return false;
    for (size_t i = 0; i < v.size(); ++i) {
      if (v.at(i).is_object()) return true;
    }
    return false;
  }

  static void append_values(const json::Value& v, std::vector<json::Value>* out) {
    if (v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i) out->push_back(v.at(i));
    } else if (v && !v.is_null()) {
      out->push_back(v);
    }
  }

  bool compare(const Comparison& c, const json::Value& node) const {
    if (c.value.is_null()) {
      bool is_present = present(attribute(c.path, node), c.path.sub_attribute);
      return c.op == CompareOp::kEq ? !is_present : is_present;
    }
    json::Value attr = attribute(c.path, node);
    AttributePath effective = c.path;
    if (effective.sub_attribute.empty() && is_complex_array(attr)) {
      effective.sub_attribute = "value";  // FLT-10
    }
    std::vector<json::Value> values;
    if (effective.sub_attribute.empty()) {
      append_values(attr, &values);
    } else if (attr.is_array()) {
      for (size_t i = 0; i < attr.size(); ++i) {
        append_values(attr.at(i).get_ci(effective.sub_attribute), &values);
      }
    } else if (attr.is_object()) {
      append_values(attr.get_ci(effective.sub_attribute), &values);
    }
    bool exact = case_exact(effective);
    if (c.op == CompareOp::kNe) {
      for (const json::Value& v : values) {
        if (test(CompareOp::kEq, v, c.value, exact)) return false;
      }
      return true;
    }
    for (const json::Value& v : values) {
      if (test(c.op, v, c.value, exact)) return true;
    }
    return false;
  }

  static bool test(CompareOp op, const json::Value& v, const CompValue& operand, bool exact) {
    if (operand.is_boolean()) {
      return op == CompareOp::kEq && v.is_bool() && *v.as_bool() == operand.boolean_value();
    }
    if (operand.is_number()) {
      if (!v.is_number()) return false;
      int order;
      std::optional<long long> a = v.as_integer();
      std::optional<long long> b = operand.integer_value();
      if (a && b) {
        order = *a < *b ? -1 : (*a > *b ? 1 : 0);
      } else {
        double x = *v.as_number();
        double y = operand.number_value();
        order = x < y ? -1 : (x > y ? 1 : 0);
      }
      return ordered(op, order);
    }
    std::optional<std::string_view> s = v.as_string();
    if (!s) return false;
    std::string folded_value;
    std::string folded_operand;
    std::string_view a = *s;
    std::string_view b = operand.text();
    if (!exact) {
      folded_value = util::to_lower(a);
      folded_operand = util::to_lower(b);
      a = folded_value;
      b = folded_operand;
    }
    switch (op) {
      case CompareOp::kCo: return a.find(b) != std::string_view::npos;
      case CompareOp::kSw: return util::starts_with(a, b);
      case CompareOp::kEw: return util::ends_with(a, b);
      default: {
        int order = a.compare(b);
        return ordered(op, order < 0 ? -1 : (order > 0 ? 1 : 0));
      }
    }
  }

  static bool ordered(CompareOp op, int order) {
    switch (op) {
      case CompareOp::kEq: return order == 0;
      case CompareOp::kNe: return order != 0;
      case CompareOp::kGt: return order > 0;
      case CompareOp::kGe: return order >= 0;
      case CompareOp::kLt: return order < 0;
      case CompareOp::kLe: return order <= 0;
      default: return false;  // co/sw/ew have no meaning for numbers
    }
  }

  bool value_path(const ValuePath& vp, const json::Value& node) const {
    json::Value attr = attribute(vp.path, node);
    AttributePath rooted = vp.path;
    if (parent_) rooted = AttributePath{parent_->urn, parent_->attribute, vp.path.attribute};
    Evaluator inner(&rooted, case_exact_);
    if (attr.is_object()) return inner.eval(vp.filter, attr);
    if (!attr.is_array()) return false;
    for (size_t i = 0; i < attr.size(); ++i) {
      json::Value element = attr.at(i);
      if (element.is_object() && inner.eval(vp.filter, element)) return true;
    }
    return false;
  }

  const AttributePath* parent_;
  const CaseExactFn& case_exact_;
};

}  // namespace

bool default_case_exact(const AttributePath& path) {
  if (path.has_urn() && !util::istarts_with(path.urn, kCoreSchemaPrefix)) {
    return util::iequals(path.sub_attribute, "$ref");
  }
  if (util::iequals(path.sub_attribute, "$ref") || util::iequals(path.attribute, "$ref")) {
    return true;
  }
  if (!path.has_sub_attribute()) {
    return util::iequals(path.attribute, "id") || util::iequals(path.attribute, "externalId");
  }
  return util::iequals(path.attribute, "meta") &&
         (util::iequals(path.sub_attribute, "resourceType") || util::iequals(path.sub_attribute, "location") ||
          util::iequals(path.sub_attribute, "version"));
}

bool matches(const Filter& filter, const json::Value& resource, const CaseExactFn& case_exact) {
  return Evaluator(nullptr, case_exact).eval(filter, resource);
}

bool matches_element(const Filter& element_filter, const json::Value& element, const AttributePath& parent,
                     const CaseExactFn& case_exact) {
  return Evaluator(&parent, case_exact).eval(element_filter, element);
}

}  // namespace fastscim::scim
