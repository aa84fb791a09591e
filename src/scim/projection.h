// scim::Projection — which attributes a response carries: the
// "attributes" / "excludedAttributes" parameters (RFC 7644 §3.4.2.5, §3.9)
// combined with each attribute's "returned" characteristic (RFC 7643 §7).
//
// The rules apply() follows (ATT-19..22, PRJ-01..07):
//   * returned=always (schemas, id) is in every response, whatever the
//     parameters say; returned=never (password) is in none, even if named;
//   * with neither parameter, the default set is returned: every
//     returned=default attribute, plus returned=request attributes the
//     client sent in a POST/PUT/PATCH body (`requested_in_body`);
//   * "attributes" replaces the default set: always attributes plus exactly
//     the named attributes and sub-attributes (PRJ-03);
//   * "excludedAttributes" is the default set minus the named ones (PRJ-04);
//   * naming a complex attribute means all its returnable sub-attributes;
//     naming "name.givenName" means only that one (plus any returned=always
//     sub-attribute); naming an extension URN means the whole extension
//     object, naming the base URN all base-schema attributes (PRJ-07);
//   * a returned=request attribute is output only when named in
//     "attributes", or when sent in the body and "attributes" is not
//     given (ATT-22);
//   * names ignore case and may carry their schema URN (PRJ-02, ATT-01);
//     names that resolve to nothing are ignored;
//   * "schemas" is copied as stored (it describes the resource, not the
//     view); "meta" is returned=default (RES-06) and follows the rules like
//     any complex attribute, so "attributes=userName" leaves it out;
//   * complex values left without sub-attributes, multi-valued attributes
//     left without values and extension objects left empty are omitted.
//
// Thread-safety: a Projection is an immutable value; apply() is a pure
// function.
#ifndef FASTSCIM_SCIM_PROJECTION_H_
#define FASTSCIM_SCIM_PROJECTION_H_

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "scim/attribute_path.h"
#include "scim/dialect.h"
#include "scim/error.h"
#include "scim/filter.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

class Projection {
 public:
  enum class Mode {
    kDefault,  // neither parameter
    kInclude,  // attributes=
    kExclude,  // excludedAttributes=
  };

  // One name as the client wrote it.  `path` is empty when the text is not
  // an attribute path; it may then still be a bare schema URN.
  // `value_filter` is set only for a lenient name such as
  // `emails[type eq "work"]` (DIA-02): the filter inside [ ], relative to
  // one value of path->attribute.
  struct Name {
    std::string text;
    std::optional<AttributePath> path;
    std::optional<Filter> value_filter;
  };

  // The default attribute set (GET-02).
  Projection() = default;

  // Parses the query parameters: comma-separated names, blanks around a
  // name ignored, empty parameters treated as absent.
  // Returns the Projection, or Error::invalid_syntax when both parameters
  // are non-empty (PRJ-06) or a name is neither an attribute path nor a
  // URN (the detail names it).  Under Dialect::kLenient an `attributes`
  // name may carry a value filter, `emails[type eq "work"]` (commas inside
  // [ ] do not separate names): the attribute is then projected with only
  // its values that match (DIA-02).
  static Result<Projection> parse(std::string_view attributes, std::string_view excluded_attributes,
                                  Dialect dialect = Dialect::kStrict);
  // The same for the arrays of a POST /.search body (SRCH-03).
  static Result<Projection> parse(const std::vector<std::string>& attributes,
                                  const std::vector<std::string>& excluded_attributes,
                                  Dialect dialect = Dialect::kStrict);

  Mode mode() const { return mode_; }
  const std::vector<Name>& names() const { return names_; }

  // Whether apply() may output any part of the top-level attribute
  // `attribute` (a name such as "members", any case), so that storage can
  // skip loading what will not be returned — above all the members of a
  // large group under excludedAttributes=members (PRJ-08).  Conservative:
  // true when unsure — a URN-qualified name (it may be a bare schema URN
  // under "attributes", or another type's URN under "excludedAttributes")
  // — and never false for an attribute apply() would return.  Common
  // attributes that are returned=always (id, schemas) are always needed.
  bool needs(std::string_view attribute) const;

  // Whether a name carries a value filter (lenient `attributes` only).
  bool has_value_filters() const;
  // This projection with each value filter dropped (the names kept).
  Projection without_value_filters() const;

 private:
  static Result<Projection> build(const std::vector<std::string_view>& attributes,
                                  const std::vector<std::string_view>& excluded, Dialect dialect);

  Mode mode_ = Mode::kDefault;
  std::vector<Name> names_;
};

// A Projection resolved against one resource type (and the attributes a
// request body named), to apply to many resources — a list page — without
// resolving its names again for each.  apply(resource) is the free apply()
// below with the arguments given here.  Requires: `type` and `registry`
// outlive it.  Thread-safety: immutable once built.
class PreparedProjection {
 public:
  PreparedProjection(const Projection& projection, const ResourceType& type, const SchemaRegistry& registry,
                     const std::set<std::string>* requested_in_body = nullptr);
  json::Value apply(const json::Value& resource) const;

 private:
  json::Value apply_unfiltered(const json::Value& resource) const;

  struct State;
  std::shared_ptr<const State> state_;
};

// Returns the part of `resource` (a stored resource of `type`, with id,
// meta and extension objects) that a response may carry under
// `projection`.  `requested_in_body` lists the attribute paths the client
// sent in a POST/PUT/PATCH body, in any form resolve() accepts
// ("nickName", "name.givenName", "urn:…:User:badge"); pass nullptr for
// GET and queries.  See requested_paths().  `resource` is not modified;
// the result shares the values it keeps with it (a value kept whole is
// the same JSON value), so change neither while the other is in use:
// deep_copy() the result to change it.
json::Value apply(const json::Value& resource, const ResourceType& type, const SchemaRegistry& registry,
                  const Projection& projection, const std::set<std::string>* requested_in_body = nullptr);

// The attribute paths present in a (normalised) request body, in the form
// apply() takes for `requested_in_body`: each top-level attribute, each
// sub-attribute as "attr.sub", extension ones URN-qualified.
std::set<std::string> requested_paths(const json::Value& body, const ResourceType& type,
                                      const SchemaRegistry& registry);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_PROJECTION_H_
