#include <vector>

#include "scim/core_schemas.h"
#include "scim/patch_internal.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim::patch_internal {

namespace {

// Every attribute a filter inside [ ] names must be a sub-attribute of `def`.
Result<void> check_filter_paths(const Filter& filter, const AttributeDefinition& def) {
  auto check = [&](const AttributePath& p) -> Result<void> {
    if (def.find_sub_attribute(p.attribute) == nullptr) {
      return fail(Error::invalid_filter("the value filter of " + quoted(def.name) + " names " + quoted(to_string(p)) +
                                        ", which is not one of its sub-attributes"));
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

}  // namespace

Result<Target> Engine::resolve(const PatchPath& path, std::string_view text) const {
  std::optional<ResolvedAttribute> resolved = registry_.resolve(type_, path.path);
  if (!resolved) {
    AttributePath parent = path.path;
    parent.sub_attribute.clear();
    std::optional<ResolvedAttribute> outer = path.path.has_sub_attribute() ? registry_.resolve(type_, parent)
                                                                           : std::nullopt;
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

}  // namespace fastscim::scim::patch_internal
