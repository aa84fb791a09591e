#include "scim/filter_resolver.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "scim/core_schemas.h"
#include "scim/filter_parser.h"
#include "scim/text.h"
#include "scim/validator.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

// The whole path a target names, for messages: "emails.type" even inside
// emails[type eq "work"].
std::string shown(const ResolvedPath& target) { return to_string(target.canonical_path()); }

bool is_orderable(AttributeType type) { return type != AttributeType::kBoolean && type != AttributeType::kBinary; }

bool is_substring_match(CompareOp op) { return op == CompareOp::kCo || op == CompareOp::kSw || op == CompareOp::kEw; }

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (util::iequals(name, n)) return true;
  }
  return false;
}

bool is_common_meta(const ResolvedAttribute& ra) {
  return ra.schema == nullptr && util::iequals(ra.attribute->name, "meta");
}

// meta.location and meta.version are computed for each response, never
// stored, so nothing can match them.
bool is_filterable_meta(const AttributeDefinition& sub) {
  return one_of(sub.name, {"created", "lastModified", "resourceType"});
}

constexpr char kMetaHint[] = "use meta.created, meta.lastModified or meta.resourceType";

Error wrong_operator(CompareOp op, const ResolvedPath& target) {
  return Error::invalid_filter(std::string(to_string(op)) + " cannot be used with " + quoted(shown(target)) +
                               ", which is " + std::string(keyword(target.definition().type)));
}

// Whether `value` may be compared with `op` to the attribute `target` names.
Result<void> check_comparison(const ResolvedPath& target, CompareOp op, const CompValue& value) {
  const AttributeType type = target.definition().type;
  if (is_ordering(op) && !is_orderable(type)) return fail(wrong_operator(op, target));  // FLT-07
  if (value.is_null()) {
    // RFC 7643 §2.5: null is "unassigned", which is present or not.
    if (op == CompareOp::kEq || op == CompareOp::kNe) return {};
    return fail(Error::invalid_filter("null can only be compared with eq or ne (" + shown(target) + ")"));
  }
  switch (type) {
    case AttributeType::kBoolean:
      if (is_substring_match(op)) return fail(wrong_operator(op, target));
      if (!value.is_boolean()) {
        return fail(Error::invalid_filter(quoted(shown(target)) + " is a boolean; compare it with true or false"));
      }
      return {};
    case AttributeType::kInteger:
    case AttributeType::kDecimal:
      if (is_substring_match(op)) return fail(wrong_operator(op, target));
      if (!value.is_number()) {
        return fail(Error::invalid_filter(quoted(shown(target)) + " is a number; compare it with a number"));
      }
      return {};
    case AttributeType::kDateTime:
      if (is_substring_match(op)) return fail(wrong_operator(op, target));
      if (!value.is_string()) {
        return fail(
            Error::invalid_filter(quoted(shown(target)) + " is a dateTime; compare it with a quoted xsd:dateTime"));
      }
      if (!is_valid_date_time(value.text())) {
        return fail(Error::invalid_filter(quoted(value.text()) + " is not an xsd:dateTime such as " +
                                          "2011-05-13T04:42:34Z (" + shown(target) + ")"));
      }
      return {};
    case AttributeType::kString:
    case AttributeType::kReference:
    case AttributeType::kBinary:
    case AttributeType::kComplex:
      if (!value.is_string()) {
        return fail(Error::invalid_filter(quoted(shown(target)) + " is a string; compare it with a quoted value"));
      }
      return {};
  }
  return {};
}

}  // namespace

// Builds the resolved tree bottom-up, each node beside its Filter in schema
// spelling.
class FilterResolver {
 public:
  FilterResolver(const SchemaRegistry& registry, const ResourceType& type) : registry_(registry), type_(type) {}

  // `element` is the value path's attribute when resolving inside one.
  Result<ResolvedFilter> resolve(const Filter& filter, const ResolvedPath* element) {
    return std::visit([&](const auto& node) { return resolve_node(node, element); }, filter.node());
  }

 private:
  static ResolvedFilter make(ResolvedFilter::Node node, Filter filter) {
    return ResolvedFilter(std::make_shared<const ResolvedFilter::Node>(std::move(node)), std::move(filter));
  }

  Error unknown(const std::string& path) const {
    return Error::invalid_filter("unknown attribute " + quoted(path) + " in filter for " + type_.name + " resources");
  }

  // The attribute `path` names, at the top level or inside `element`, with
  // the checks that hold for every use of a path.
  Result<ResolvedPath> target(const AttributePath& path, const ResolvedPath* element) const {
    ResolvedPath out;
    if (element != nullptr) {
      // Inner paths name sub-attributes of the element (filter.h normal form).
      const AttributeDefinition* sub = element->attribute->find_sub_attribute(path.attribute);
      if (sub == nullptr || path.has_urn() || path.has_sub_attribute()) {
        return fail(unknown(to_string(element->canonical) + "." + to_string(path)));
      }
      static_cast<ResolvedAttribute&>(out) = *element;
      out.sub_attribute = sub;
      out.canonical = AttributePath{"", sub->name, ""};
      out.in_element = true;
    } else {
      auto resolved = registry_.resolve(type_, path);
      if (!resolved) return fail(unknown(to_string(path)));
      static_cast<ResolvedAttribute&>(out) = *resolved;
      out.canonical = resolved->canonical_path();
    }
    const AttributeDefinition& def = out.definition();
    if (def.returned == Returned::kNever) {
      return fail(Error::invalid_filter("attribute " + quoted(def.name) + " cannot be used in a filter"));
    }
    if (out.sub_attribute != nullptr && is_common_meta(out) && !is_filterable_meta(*out.sub_attribute)) {
      return fail(Error::invalid_filter(quoted(shown(out)) + " cannot be filtered; " + kMetaHint));
    }
    if (out.sub_attribute != nullptr && out.schema != nullptr && !out.in_extension) {
      if (util::iequals(out.schema->id, kGroupSchemaUrn) && util::iequals(out.attribute->name, "members") &&
          !one_of(out.sub_attribute->name, {"value", "type", "display"})) {
        return fail(Error::invalid_filter("group members can be filtered by value, type and display only"));
      }
      if (util::iequals(out.schema->id, kUserSchemaUrn) && util::iequals(out.attribute->name, "groups") &&
          !one_of(out.sub_attribute->name, {"value", "display"})) {
        return fail(Error::invalid_filter("a user's groups can be filtered by value and display only"));
      }
    }
    return out;
  }

  Result<ResolvedFilter> resolve_node(const Comparison& c, const ResolvedPath* element) {
    auto t = target(c.path, element);
    if (!t) return fail(t.error());
    if (t->definition().is_complex()) {
      // FLT-10: `emails co "x"` compares emails.value.
      const AttributeDefinition* value = t->definition().find_sub_attribute("value");
      if (value == nullptr) {
        return fail(
            Error::invalid_filter(quoted(shown(*t)) + " is a complex attribute; compare one of its sub-attributes"));
      }
      AttributePath whole = t->canonical_path();
      whole.sub_attribute = value->name;
      auto with_value = target(whole, nullptr);
      if (!with_value) return fail(with_value.error());
      t = std::move(with_value);
    }
    auto checked = check_comparison(*t, c.op, c.value);
    if (!checked) return fail(checked.error());
    Filter plain = Filter::comparison(t->canonical, c.op, c.value);
    return make(ResolvedComparison{std::move(t.value()), c.op, c.value}, std::move(plain));
  }

  Result<ResolvedFilter> resolve_node(const Presence& p, const ResolvedPath* element) {
    auto t = target(p.path, element);
    if (!t) return fail(t.error());
    Filter plain = Filter::presence(t->canonical);
    return make(ResolvedPresence{std::move(t.value())}, std::move(plain));
  }

  Result<std::vector<ResolvedFilter>> operands(const std::vector<Filter>& filters, const ResolvedPath* element) {
    std::vector<ResolvedFilter> out;
    out.reserve(filters.size());
    for (const Filter& f : filters) {
      auto r = resolve(f, element);
      if (!r) return fail(r.error());
      out.push_back(std::move(r.value()));
    }
    return out;
  }

  static std::vector<Filter> plain(const std::vector<ResolvedFilter>& resolved) {
    std::vector<Filter> out;
    out.reserve(resolved.size());
    for (const ResolvedFilter& r : resolved) out.push_back(r.filter());
    return out;
  }

  Result<ResolvedFilter> resolve_node(const And& a, const ResolvedPath* element) {
    auto resolved = operands(a.operands, element);
    if (!resolved) return fail(resolved.error());
    Filter f = Filter::logical_and(plain(*resolved));
    return make(ResolvedAnd{std::move(resolved.value())}, std::move(f));
  }

  Result<ResolvedFilter> resolve_node(const Or& o, const ResolvedPath* element) {
    auto resolved = operands(o.operands, element);
    if (!resolved) return fail(resolved.error());
    Filter f = Filter::logical_or(plain(*resolved));
    return make(ResolvedOr{std::move(resolved.value())}, std::move(f));
  }

  Result<ResolvedFilter> resolve_node(const Not& n, const ResolvedPath* element) {
    auto inner = resolve(n.operand, element);
    if (!inner) return fail(inner.error());
    Filter f = Filter::logical_not(inner->filter());
    return make(ResolvedNot{std::move(inner.value())}, std::move(f));
  }

  Result<ResolvedFilter> resolve_node(const ValuePath& vp, const ResolvedPath* element) {
    if (element != nullptr) return fail(Error::invalid_filter("value filters cannot be nested"));
    auto outer = registry_.resolve(type_, vp.path);
    if (!outer) return fail(unknown(to_string(vp.path)));
    if (!outer->definition().is_complex()) {
      return fail(Error::invalid_filter("a value filter needs a complex attribute, and " +
                                        quoted(outer->definition().name) + " is not one"));
    }
    ResolvedPath t;
    static_cast<ResolvedAttribute&>(t) = *outer;
    t.canonical = outer->canonical_path();
    auto inner = resolve(vp.filter, &t);
    if (!inner) return fail(inner.error());
    Filter f = Filter::value_path(t.canonical, inner->filter());
    return make(ResolvedValuePath{std::move(t), std::move(inner.value())}, std::move(f));
  }

  const SchemaRegistry& registry_;
  const ResourceType& type_;
};

Result<ResolvedFilter> resolve_filter(const SchemaRegistry& registry, const ResourceType& type, const Filter& filter) {
  return FilterResolver(registry, type).resolve(filter, nullptr);
}

Result<ResolvedPath> resolve_sort_by(const SchemaRegistry& registry, const ResourceType& type, std::string_view text) {
  auto path = parse_attribute_path(util::trim(text), &Error::invalid_value);
  if (!path) return fail(path.error());
  auto resolved = registry.resolve(type, path.value());
  if (!resolved) {
    return fail(Error::invalid_value("sortBy names no attribute of " + type.name + " resources: " + quoted(text)));
  }
  ResolvedPath out;
  static_cast<ResolvedAttribute&>(out) = *resolved;
  const AttributeDefinition* def = &resolved->definition();
  if (def->returned == Returned::kNever) return fail(Error::invalid_value("sortBy cannot use " + quoted(def->name)));
  if (def->is_complex()) {
    // SRT-02: a complex attribute sorts by its value sub-attribute.
    const AttributeDefinition* value = def->find_sub_attribute("value");
    if (value == nullptr) {
      return fail(Error::invalid_value("sortBy " + quoted(text) + " is a complex attribute; name a sub-attribute"));
    }
    out.sub_attribute = value;
  }
  if (out.sub_attribute != nullptr && is_common_meta(out) && !is_filterable_meta(*out.sub_attribute)) {
    return fail(Error::invalid_value("sortBy cannot use " + quoted(shown(out)) + "; " + kMetaHint));
  }
  out.canonical = out.canonical_path();
  return out;
}

}  // namespace fastscim::scim
