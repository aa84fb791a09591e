// scim::Template — a tenant's rule for new users: when the incoming user
// matches a SCIM filter, the template's values are set on it as overrides
// (overrides.h), so they take precedence over the provider's values and
// stay until an admin changes them (doc/policies.md, "Templates").
//
// Rules are evaluated on the user as the provider creates it (the document
// the validator produced), in the tenant's order; the first match wins, and
// only creates are considered.  The filter is the SCIM filter language of
// filter_parser.h, evaluated by filter_eval.h with the tenant's caseExact
// rules, and is checked against the tenant's schemas when the template is
// added.
//
// A template's body is the attributes it sets, in the shape of a User
// ({"title": "Sales", "name": {"honorificPrefix": "Dr"},
//   "urn:…:enterprise:2.0:User": {"organization": "Acme"}}): each simple or
// multi-valued attribute and each sub-attribute of a single-valued complex
// one becomes one override, with the source "template:NAME".
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_TEMPLATES_H_
#define FASTSCIM_SCIM_TEMPLATES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "scim/error.h"
#include "scim/filter.h"
#include "scim/override.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

struct Template {
  std::string name;
  std::string when;                      // the filter as written
  std::shared_ptr<const Filter> filter;  // parsed
  Overrides values;                      // source "template:NAME"
};

// The source an override made by template `name` carries.
std::string template_source(std::string_view name);

// True when `name` is a template name: 1 to 64 characters of letters,
// digits, '-', '_' and '.'.
bool is_template_name(std::string_view name);

// Reads one template for `type`: 400 invalidValue for a bad name or body
// (not an object, an attribute the product may not override, a value of the
// wrong shape: overrides.h), 400 invalidFilter for a filter that does not
// parse or names what the tenant's schemas lack.
Result<Template> read_template(const SchemaRegistry& registry, const ResourceType& type, std::string_view name,
                               std::string_view when, const json::Value& body);

// The first template (in order) whose filter matches `user`, or nullptr.
const Template* first_matching(const SchemaRegistry& registry, const ResourceType& type,
                               const std::vector<Template>& templates, const json::Value& user);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_TEMPLATES_H_
