#include "scim/patch.h"

#include <optional>
#include <utility>

#include "scim/patch_internal.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim {

Result<PatchResult> apply_patch(const json::Value& document, const json::Value& patch_body, const ResourceType& type,
                                const SchemaRegistry& registry, const PatchOptions& options) {
  if (!patch_body.is_object()) return fail(Error::invalid_syntax("the PATCH body must be a JSON object"));
  json::Value schemas = patch_body.get_ci("schemas");
  bool is_patch_op = false;
  for (size_t i = 0; i < schemas.size() && schemas.is_array(); ++i) {
    if (auto s = schemas.at(i).as_string(); s && util::iequals(*s, kPatchOpSchemaUrn)) is_patch_op = true;
  }
  if (!is_patch_op) {
    return fail(Error::invalid_syntax("\"schemas\" must contain " + quoted(kPatchOpSchemaUrn) + " (RFC 7644 §3.5.2)"));
  }
  json::Value operations = patch_body.get_ci("Operations");
  if (!operations.is_array() || operations.size() == 0) {
    return fail(
        Error::invalid_syntax("\"Operations\" must be an array holding at least one operation "
                              "(RFC 7644 §3.5.2)"));
  }
  if (options.max_operations > 0 && operations.size() > options.max_operations) {
    return fail(Error::too_many("The request has " + std::to_string(operations.size()) + " operations; at most " +
                                std::to_string(options.max_operations) + " are accepted in one PATCH. Split it."));
  }
  if (registry.base_schema(type) == nullptr) {
    return fail(Error::internal("resource type " + quoted(type.name) + " has no schema"));
  }

  json::Value working = document.is_object() ? document.deep_copy() : json::Value::object();
  patch_internal::Engine engine(type, registry, options, working);
  for (size_t i = 0; i < operations.size(); ++i) {
    if (auto r = engine.apply(operations.at(i), i); !r) return fail(std::move(r).error());
  }

  PatchResult result;
  result.document = engine.document().deep_copy();  // shares no node with the request body
  result.changed = !result.document.equals(document.is_object() ? document : json::Value::object());
  result.members = engine.take_members();
  result.active_change = active_change(document, result.document);
  return result;
}

}  // namespace fastscim::scim
