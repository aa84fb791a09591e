#include "scim/filter_scope.h"

#include <utility>
#include <variant>
#include <vector>

namespace fastscim::scim {

namespace {

using Kind = ScopedFilter::Kind;

ScopedFilter constant(bool value) { return ScopedFilter{value ? Kind::kEverything : Kind::kNothing, std::nullopt}; }

ScopedFilter kept(Filter filter) { return ScopedFilter{Kind::kFilter, std::move(filter)}; }

class Scoper {
 public:
  Scoper(const SchemaRegistry& registry, const ResourceType& type) : registry_(registry), type_(type) {}

  ScopedFilter scope(const Filter& filter) const {
    return std::visit([&](const auto& node) { return scope_node(node, filter); }, filter.node());
  }

 private:
  bool defined(const AttributePath& path) const { return registry_.resolve(type_, path).has_value(); }

  ScopedFilter scope_node(const Comparison& node, const Filter& whole) const {
    return defined(node.path) ? kept(whole) : constant(false);
  }
  ScopedFilter scope_node(const Presence& node, const Filter& whole) const {
    return defined(node.path) ? kept(whole) : constant(false);
  }
  ScopedFilter scope_node(const ValuePath& node, const Filter& whole) const {
    return defined(node.path) ? kept(whole) : constant(false);
  }
  ScopedFilter scope_node(const Not& node, const Filter& /*whole*/) const {
    ScopedFilter inner = scope(node.operand);
    if (inner.kind != Kind::kFilter) return constant(inner.kind == Kind::kNothing);
    return kept(Filter::logical_not(std::move(*inner.filter)));
  }
  ScopedFilter scope_node(const And& node, const Filter& /*whole*/) const {
    return combine(node.operands, /*conjunction=*/true);
  }
  ScopedFilter scope_node(const Or& node, const Filter& /*whole*/) const {
    return combine(node.operands, /*conjunction=*/false);
  }

  // `and`: one false operand decides, true ones drop out; `or` the reverse.
  ScopedFilter combine(const std::vector<Filter>& operands, bool conjunction) const {
    std::vector<Filter> rest;
    for (const Filter& operand : operands) {
      ScopedFilter scoped = scope(operand);
      if (scoped.kind == Kind::kFilter) {
        rest.push_back(std::move(*scoped.filter));
      } else if ((scoped.kind == Kind::kEverything) != conjunction) {
        return scoped;  // false in an `and`, true in an `or`
      }
    }
    if (rest.empty()) return constant(conjunction);
    return kept(conjunction ? Filter::logical_and(std::move(rest)) : Filter::logical_or(std::move(rest)));
  }

  const SchemaRegistry& registry_;
  const ResourceType& type_;
};

}  // namespace

ScopedFilter scope_filter(const SchemaRegistry& registry, const ResourceType& type, const Filter& filter) {
  return Scoper(registry, type).scope(filter);
}

}  // namespace fastscim::scim
