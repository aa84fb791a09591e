// scim::ResolvedFilter — a filter (RFC 7644 §3.4.2.2) and a sortBy path
// (§3.4.2.3) resolved once against one resource type, with every semantic
// check done.
//
// The parser (filter_parser.h) checks the grammar; resolve_filter() checks
// the meaning, in one place and with one wording, and returns a tree whose
// nodes carry the definitions their paths name, so that what consumes it —
// the SQL translation in src/store, the in-memory repository of the tests —
// never looks a name up again.  A ResolvedFilter has the shape of its
// Filter (same node kinds, same nesting), and filter() gives that Filter in
// schema spelling: `emails co "x"` resolves to `emails.value co "x"`
// (FLT-10), `NAME.familyname` to `name.familyName`.
//
// Checks, all 400 invalidFilter (FLT-02, FLT-14):
//   * a path must name an attribute of the type (ATT-01: any case), and
//     inside a value filter a sub-attribute of the value path's attribute;
//   * attributes that are never returned (password) cannot be filtered;
//   * a value filter needs a complex attribute, and cannot nest another;
//   * comparing a complex attribute compares its "value" sub-attribute
//     (FLT-10); a complex attribute without one must name a sub-attribute;
//   * gt/ge/lt/le need an orderable type: not boolean, not binary (FLT-07);
//     co/sw/ew need a string: not boolean, number or dateTime;
//   * the literal must suit the attribute: true/false for a boolean, a
//     number for integer and decimal, a quoted string otherwise, and an
//     xsd:dateTime for a dateTime; null compares with eq or ne only;
//   * of meta, only created, lastModified and resourceType can be filtered;
//   * Group members are filtered by value, type and display only, a User's
//     groups by value and display only (memberships are not documents).
//
// Thread-safety: plain immutable values, like Filter; the definitions the
// nodes point to belong to the SchemaRegistry, which must outlive them.
#ifndef FASTSCIM_SCIM_FILTER_RESOLVER_H_
#define FASTSCIM_SCIM_FILTER_RESOLVER_H_

#include <memory>
#include <string_view>
#include <variant>
#include <vector>

#include "scim/attribute_path.h"
#include "scim/error.h"
#include "scim/filter.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

// What one path of a filter or sortBy names.  The ResolvedAttribute part
// is always the whole attribute: inside a value filter `attribute` is the
// value path's attribute and `sub_attribute` the element's, so a consumer
// reads schema, extension, attribute and sub-attribute the same way at any
// depth.
struct ResolvedPath : ResolvedAttribute {
  // The path in schema spelling as the filter's normal form writes it:
  // "name.familyName", "urn:…:enterprise:2.0:User:employeeNumber", or,
  // inside a value filter, the element's sub-attribute alone ("type").
  AttributePath canonical;
  // True inside a value filter (`canonical` is relative to one element).
  bool in_element = false;
};

struct ResolvedComparison;
struct ResolvedPresence;
struct ResolvedAnd;
struct ResolvedOr;
struct ResolvedNot;
struct ResolvedValuePath;

class ResolvedFilter {
 public:
  // Alternatives in the order of Filter::Node.  Consumers visit with
  // std::visit, so a new kind of node is a compile error wherever it is
  // not handled.
  using Node =
      std::variant<ResolvedComparison, ResolvedPresence, ResolvedAnd, ResolvedOr, ResolvedNot, ResolvedValuePath>;

  const Node& node() const;
  // The filter in schema spelling (normal form of filter.h).
  const Filter& filter() const { return filter_; }

 private:
  friend class FilterResolver;
  ResolvedFilter(std::shared_ptr<const Node> node, Filter filter)
      : node_(std::move(node)), filter_(std::move(filter)) {}

  std::shared_ptr<const Node> node_;  // never null
  Filter filter_;
};

struct ResolvedComparison {
  ResolvedPath target;  // definition() is never complex (FLT-10 applied)
  CompareOp op;
  CompValue value;  // suits definition().type (checked)
};

struct ResolvedPresence {
  ResolvedPath target;  // may be complex or multi-valued: "emails pr", "name pr"
};

struct ResolvedAnd {
  std::vector<ResolvedFilter> operands;
};

struct ResolvedOr {
  std::vector<ResolvedFilter> operands;
};

struct ResolvedNot {
  ResolvedFilter operand;
};

struct ResolvedValuePath {
  ResolvedPath target;    // a complex attribute, no sub-attribute
  ResolvedFilter filter;  // its targets are in_element
};

inline const ResolvedFilter::Node& ResolvedFilter::node() const { return *node_; }

// Resolves `filter` (as parsed) against `type` in `registry`.  Returns the
// resolved tree, or 400 invalidFilter naming the path and the rule broken
// (see the list above).  Requires: `type` is registered in `registry`.
Result<ResolvedFilter> resolve_filter(const SchemaRegistry& registry, const ResourceType& type, const Filter& filter);

// Resolves a sortBy parameter (SRT-01): an attribute path, in any case.  A
// complex attribute sorts by its "value" sub-attribute (SRT-02).  400
// invalidValue when the text is not a path, names nothing in `type`, names
// a never-returned attribute, a complex attribute without "value", or a
// meta sub-attribute other than created, lastModified and resourceType.
Result<ResolvedPath> resolve_sort_by(const SchemaRegistry& registry, const ResourceType& type, std::string_view text);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_FILTER_RESOLVER_H_
