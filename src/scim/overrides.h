// scim::Override — a value the product set for one attribute path of a
// user, on top of what the identity provider set ("unlinked" fields and
// the values of a creation template; doc/policies.md, "Overrides").
//
// Two views of one user: SCIM shows the stored document (what the provider
// set, so it never sees a difference it would keep "fixing"); the product
// (the management API, the events) sees the effective record, the
// provider's representation with every override written over it.  Both come
// from the stored document plus the user's override rows; while an override
// exists the provider's writes to its path are stored as usual but change
// nothing the product sees, and removing it (relinking) shows the
// provider's latest value again.
//
// Paths name one attribute or one sub-attribute of a single-valued complex
// attribute, in schema spelling ("title", "name.givenName",
// "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");
// a multi-valued attribute is overridden whole (its value an array).  Value
// filters ("emails[type eq \"work\"]") are not paths here.
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_OVERRIDES_H_
#define FASTSCIM_SCIM_OVERRIDES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "scim/error.h"
#include "scim/event.h"
#include "scim/override.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

// The source of an override an admin set.
inline constexpr char kAdminSource[] = "admin";

// `text` as a canonical override path of `type`: the attribute (and
// sub-attribute) in schema spelling, an extension attribute with its URN.
// 400 invalidPath for a path that does not parse, names no attribute of
// the type, names a sub-attribute of a multi-valued attribute, or names an
// attribute the product may not override (id, externalId, meta, schemas,
// userName, groups, password: readOnly, writeOnly or the provider's key).
Result<std::string> override_path(const SchemaRegistry& registry, const ResourceType& type, std::string_view text);

// 400 invalidValue unless `value` has the shape the attribute at the
// canonical `path` holds: an array for a multi-valued attribute (of objects
// when complex), an object for a single-valued complex one, else a string,
// boolean, integer or number as its type says.  null is refused: removing
// an override is how a path is relinked.
Result<void> check_override_value(const SchemaRegistry& registry, const ResourceType& type, const std::string& path,
                                  const json::Value& value);

// The key of a resource's top level that holds `path`: its extension URN,
// or the attribute ("name" for "name.givenName").
std::string top_level_key(const std::string& path);

// Writes every override over `resource` (an object: a stored document or
// the representation a client reads), creating the extension object or the
// complex parent a path needs.  It changes `resource` itself and copies of
// the objects under it, never a value it holds: those may be shared with
// the stored document (Representation::view).
void apply_overrides(const Overrides& overrides, json::Value* resource);

// The paths, in order.
std::vector<std::string> override_paths(const Overrides& overrides);

// Turns the event of a provider's write into the product's: `data` gets the
// overrides written over it and `overridden` their paths; an update drops
// each changed attribute whose effective value did not change (and gives
// the others their effective previous value); a deactivation or
// reactivation whose `active` is overridden becomes an update.  Returns
// false when an update is left with nothing the product sees (the event is
// then not recorded).  Requires: the overrides were the same before and
// after the write.
bool effective_event(const Overrides& overrides, Event* event);

// The event of a change to the overrides themselves: `user.updated` with
// the effective record after (`provider_view`, the representation of the
// stored user, with `after` over it), the attributes whose effective value
// changed and their effective values before (`before` over the view).
// nullopt when none changed.
std::optional<Event> override_change_event(const SchemaRegistry& registry, const ResourceType& type,
                                           const StoredResource& user, const json::Value& provider_view,
                                           const Overrides& before, const Overrides& after);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_OVERRIDES_H_
