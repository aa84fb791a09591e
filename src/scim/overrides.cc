#include "scim/overrides.h"

#include <utility>

#include "scim/attribute_path.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

// Attributes that are the provider's key to the user, or not data at all:
// overriding them would break matching or the resource itself.
bool refused_attribute(std::string_view name) {
  for (const char* fixed : {"id", "externalId", "meta", "schemas", "userName", "groups", "password"}) {
    if (util::iequals(name, fixed)) return true;
  }
  return false;
}

bool fits(const AttributeDefinition& definition, const json::Value& value) {
  switch (definition.type) {
    case AttributeType::kComplex: return value.is_object();
    case AttributeType::kBoolean: return value.is_bool();
    case AttributeType::kInteger: return value.is_integer();
    case AttributeType::kDecimal: return value.is_number();
    default: return value.is_string();
  }
}

// The object that holds `path`'s attribute inside `resource` (the resource
// itself, or its extension object, made when absent).
// `parent`'s object `key` for writing: a copy of the object it holds (it
// may be shared with another document), or a new one.
json::Value writable_object(json::Value* parent, const std::string& key) {
  json::Value held = parent->get(key);
  json::Value object = held.is_object() ? held.copy() : json::Value::object();
  parent->set(key, object);
  return object;
}

json::Value container_of(const AttributePath& path, json::Value* resource) {
  if (!path.has_urn()) return *resource;
  return writable_object(resource, path.urn);
}

}  // namespace

Result<std::string> override_path(const SchemaRegistry& registry, const ResourceType& type, std::string_view text) {
  auto parsed = parse_attribute_path(text);
  if (!parsed) return fail(parsed.error());
  auto resolved = registry.resolve(type, *parsed);
  if (!resolved) return fail(Error::invalid_path(quoted(text) + " names no attribute of a " + type.name));
  if (resolved->schema == nullptr || refused_attribute(resolved->attribute->name)) {
    return fail(Error::invalid_path(quoted(resolved->attribute->name) +
                                    " cannot be overridden: it is the identity provider's key or not user data"));
  }
  const AttributeDefinition& definition = resolved->definition();
  if (definition.mutability == Mutability::kReadOnly || definition.mutability == Mutability::kWriteOnly) {
    return fail(Error::invalid_path(quoted(text) + " is " + std::string(keyword(definition.mutability)) +
                                    " and cannot be overridden"));
  }
  if (resolved->sub_attribute != nullptr && resolved->attribute->multi_valued) {
    return fail(Error::invalid_path("a sub-attribute of the multi-valued " + quoted(resolved->attribute->name) +
                                    " cannot be overridden alone; override " + quoted(resolved->attribute->name) +
                                    " whole"));
  }
  return to_string(resolved->canonical_path());
}

Result<void> check_override_value(const SchemaRegistry& registry, const ResourceType& type, const std::string& path,
                                  const json::Value& value) {
  auto resolved = registry.resolve(type, path);
  if (!resolved) return fail(Error::invalid_path(quoted(path) + " names no attribute of a " + type.name));
  const AttributeDefinition& definition = resolved->definition();
  std::string expected;
  if (!value || value.is_null()) {
    return fail(Error::invalid_value("an override needs a value; DELETE the override to relink " + quoted(path)));
  }
  if (definition.multi_valued && resolved->sub_attribute == nullptr) {
    bool ok = value.is_array();
    for (size_t i = 0; ok && i < value.size(); ++i) ok = fits(definition, value.at(i));
    if (ok) return {};
    expected = "an array of " + std::string(definition.is_complex() ? "objects" : keyword(definition.type));
  } else {
    if (fits(definition, value)) return {};
    expected = definition.is_complex() ? "an object" : "a " + std::string(keyword(definition.type));
  }
  return fail(Error::invalid_value("the value of " + quoted(path) + " must be " + expected));
}

std::string top_level_key(const std::string& path) {
  auto parsed = parse_attribute_path(path);
  if (!parsed) return path;
  return parsed->has_urn() ? parsed->urn : parsed->attribute;
}

void apply_overrides(const Overrides& overrides, json::Value* resource) {
  if (!resource->is_object()) return;
  for (const Override& o : overrides) {
    auto parsed = parse_attribute_path(o.path);
    if (!parsed) continue;
    json::Value container = container_of(*parsed, resource);
    if (!parsed->has_sub_attribute()) {
      container.set(parsed->attribute, o.value.deep_copy());
      continue;
    }
    writable_object(&container, parsed->attribute).set(parsed->sub_attribute, o.value.deep_copy());
  }
}

std::vector<std::string> override_paths(const Overrides& overrides) {
  std::vector<std::string> paths;
  paths.reserve(overrides.size());
  for (const Override& o : overrides) paths.push_back(o.path);
  return paths;
}

bool effective_event(const Overrides& overrides, Event* event) {
  if (overrides.empty()) return true;
  apply_overrides(overrides, &event->data);
  event->overridden = override_paths(overrides);
  const bool activity = event->type == "user.deactivated" || event->type == "user.reactivated";
  const bool update = activity || event->type == "user.updated";
  if (!update || event->changed.empty()) return true;

  std::vector<std::string> kept;
  json::Value previous = json::Value::object();
  bool active_kept = false;
  for (const std::string& key : event->changed) {
    Overrides touching;
    for (const Override& o : overrides) {
      if (util::iequals(top_level_key(o.path), key)) touching.push_back(o);
    }
    json::Value before = event->previous.get(key);
    if (touching.empty()) {
      kept.push_back(key);
      if (before) previous.set(key, before);
      active_kept = active_kept || key == "active";
      continue;
    }
    // The product saw the provider's previous value with the same
    // overrides on top.
    json::Value holder = json::Value::object();
    if (before && !before.is_null()) holder.set(key, before.deep_copy());
    apply_overrides(touching, &holder);
    json::Value effective_before = holder.get(key);
    json::Value effective_after = event->data.get(key);
    bool same = effective_before ? (effective_after && effective_before.equals(effective_after)) : !effective_after;
    if (same) continue;
    kept.push_back(key);
    previous.set(key, effective_before ? effective_before : json::Value::null());
    active_kept = active_kept || key == "active";
  }
  event->changed = std::move(kept);
  event->previous = previous;
  if (activity && !active_kept) event->type = "user.updated";
  return !event->changed.empty();
}

std::optional<Event> override_change_event(const SchemaRegistry& registry, const ResourceType& type,
                                           const StoredResource& user, const json::Value& provider_view,
                                           const Overrides& before, const Overrides& after) {
  json::Value was = provider_view.deep_copy();
  apply_overrides(before, &was);
  json::Value now = provider_view.deep_copy();
  apply_overrides(after, &now);
  EventDraft changes;
  attribute_changes(registry, type, was, now, &changes);
  if (changes.changed.empty()) return std::nullopt;
  Event event;
  event.type = event_type(type.name, ChangeKind::kUpdated);
  event.resource_type = type.name;
  event.resource_id = user.id;
  event.version = user.version;
  event.data = now;
  event.changed = std::move(changes.changed);
  event.previous = changes.previous;
  event.overridden = override_paths(after);
  return event;
}

}  // namespace fastscim::scim
