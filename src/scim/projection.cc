#include "scim/projection.h"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "scim/core_schemas.h"
#include "scim/projection_values.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

std::vector<std::string_view> split_names(std::string_view csv, Dialect dialect) {
  if (dialect == Dialect::kLenient) return split_lenient_names(csv);
  std::vector<std::string_view> out;
  for (std::string_view part : util::split(csv, ',')) out.push_back(part);
  return out;
}

bool all_blank(const std::vector<std::string_view>& names) {
  for (std::string_view name : names) {
    if (!util::trim(name).empty()) return false;
  }
  return true;
}

// What a list of names selects, resolved against one resource type.
struct AttributeSelection {
  bool whole = false;
  std::set<const AttributeDefinition*> subs;
};

class Selection {
 public:
  void add(const ResourceType& type, const SchemaRegistry& registry, std::string_view text,
           const std::optional<AttributePath>& path) {
    if (const Schema* schema = registry.schema_of(type, text)) {
      schemas_.insert(schema);
      return;
    }
    if (!path) return;
    auto resolved = registry.resolve(type, *path);
    if (!resolved) return;  // unknown names are ignored
    AttributeSelection& selection = attributes_[resolved->attribute];
    if (resolved->sub_attribute != nullptr) {
      selection.subs.insert(resolved->sub_attribute);
    } else {
      selection.whole = true;
    }
  }

  bool schema_selected(const Schema* schema) const { return schema != nullptr && schemas_.count(schema) != 0; }
  const AttributeSelection* find(const AttributeDefinition* def) const {
    auto it = attributes_.find(def);
    return it == attributes_.end() ? nullptr : &it->second;
  }

 private:
  std::set<const Schema*> schemas_;
  std::map<const AttributeDefinition*, AttributeSelection> attributes_;
};

struct Context {
  Projection::Mode mode;
  const Selection& named;
  const Selection* requested;
};

enum class Keep { kNothing, kWhole, kNamedSubs };

Keep decide(const AttributeDefinition& def, const Schema* owner, const Context& ctx) {
  if (def.returned == Returned::kNever) return Keep::kNothing;  // ATT-20, PRJ-05
  if (def.returned == Returned::kAlways) return Keep::kWhole;   // ATT-19
  const AttributeSelection* named = ctx.named.find(&def);
  bool named_whole = (named != nullptr && named->whole) || ctx.named.schema_selected(owner);
  bool requested = ctx.requested != nullptr && ctx.requested->find(&def) != nullptr;
  bool by_default = def.returned == Returned::kDefault || requested;  // ATT-21, ATT-22
  switch (ctx.mode) {
    case Projection::Mode::kDefault: return by_default ? Keep::kWhole : Keep::kNothing;
    case Projection::Mode::kExclude: return by_default && !named_whole ? Keep::kWhole : Keep::kNothing;
    case Projection::Mode::kInclude:
      if (named_whole) return Keep::kWhole;
      return named != nullptr && !named->subs.empty() ? Keep::kNamedSubs : Keep::kNothing;
  }
  return Keep::kNothing;
}

bool keep_sub(const AttributeDefinition& def, const AttributeDefinition& sub, Keep keep, const Context& ctx) {
  if (sub.returned == Returned::kNever) return false;
  if (sub.returned == Returned::kAlways) return true;
  const AttributeSelection* named = ctx.named.find(&def);
  bool sub_named = named != nullptr && named->subs.count(&sub) != 0;
  if (keep == Keep::kNamedSubs) return sub_named;
  if (ctx.mode == Projection::Mode::kExclude && sub_named) return false;
  if (sub.returned == Returned::kRequest) {
    const AttributeSelection* requested = ctx.requested ? ctx.requested->find(&def) : nullptr;
    return (ctx.mode == Projection::Mode::kInclude && sub_named) ||
           (requested != nullptr && requested->subs.count(&sub) != 0);
  }
  return true;
}

// The projection shares the values it keeps with the resource it reads
// (apply()'s contract): a value kept whole is the resource's own, and an
// object or array only is new when something in it is left out.
json::Value project_object(const AttributeDefinition& def, const json::Value& object, Keep keep, const Context& ctx) {
  if (!object.is_object()) return keep == Keep::kWhole ? object : json::Value();
  json::Value out = json::Value::object();
  bool every_key_kept = true;
  for (const auto& [key, value] : object.items()) {
    const AttributeDefinition* sub = def.find_sub_attribute(key);
    bool kept = sub != nullptr ? keep_sub(def, *sub, keep, ctx) : keep == Keep::kWhole;
    if (kept) {
      out.set(key, value);
    } else {
      every_key_kept = false;
    }
  }
  if (out.size() == 0) return json::Value();
  return every_key_kept ? object : out;
}

json::Value project_attribute(const AttributeDefinition& def, const Schema* owner, const json::Value& value,
                              const Context& ctx) {
  Keep keep = decide(def, owner, ctx);
  if (keep == Keep::kNothing) return json::Value();
  if (!def.is_complex()) return value;
  if (!def.multi_valued || !value.is_array()) return project_object(def, value, keep, ctx);
  json::Value out = json::Value::array();
  bool every_element_whole = true;
  for (size_t i = 0; i < value.size(); ++i) {
    json::Value original = value.at(i);
    json::Value element = project_object(def, original, keep, ctx);
    if (element.get_raw() != original.get_raw()) every_element_whole = false;
    if (element) out.append(std::move(element));
  }
  if (out.size() == 0) return json::Value();
  return every_element_whole ? value : out;
}

Selection select(const std::vector<Projection::Name>& names, const ResourceType& type, const SchemaRegistry& registry) {
  Selection selection;
  for (const auto& name : names) selection.add(type, registry, name.text, name.path);
  return selection;
}

void add_requested(const std::string& prefix, const AttributeDefinition& def, const json::Value& value,
                   std::set<std::string>* out) {
  out->insert(prefix);
  if (!def.is_complex()) return;
  auto add_subs = [&](const json::Value& object) {
    for (const auto& [key, sub_value] : object.items()) {
      if (const AttributeDefinition* sub = def.find_sub_attribute(key)) out->insert(prefix + "." + sub->name);
    }
  };
  if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) add_subs(value.at(i));
  } else {
    add_subs(value);
  }
}

}  // namespace

Result<Projection> Projection::parse(std::string_view attributes, std::string_view excluded_attributes,
                                     Dialect dialect) {
  return build(split_names(attributes, dialect), split_names(excluded_attributes, dialect), dialect);
}

Result<Projection> Projection::parse(const std::vector<std::string>& attributes,
                                     const std::vector<std::string>& excluded_attributes, Dialect dialect) {
  std::vector<std::string_view> included(attributes.begin(), attributes.end());
  std::vector<std::string_view> excluded(excluded_attributes.begin(), excluded_attributes.end());
  return build(included, excluded, dialect);
}

Result<Projection> Projection::build(const std::vector<std::string_view>& attributes,
                                     const std::vector<std::string_view>& excluded, Dialect dialect) {
  bool has_included = !all_blank(attributes);
  bool has_excluded = !all_blank(excluded);
  if (has_included && has_excluded) {
    return fail(Error::invalid_syntax("attributes and excludedAttributes exclude each other; send only one"));
  }
  Projection projection;
  if (!has_included && !has_excluded) return projection;
  projection.mode_ = has_included ? Mode::kInclude : Mode::kExclude;
  const char* parameter = has_included ? "attributes" : "excludedAttributes";
  for (std::string_view raw : has_included ? attributes : excluded) {
    std::string_view text = util::trim(raw);
    if (text.empty()) continue;
    Name name{std::string(text), std::nullopt, std::nullopt};
    if (dialect == Dialect::kLenient && text.find('[') != std::string_view::npos) {
      auto filtered = filtered_name(text, has_included, parameter);
      if (!filtered) return fail(filtered.error());
      projection.names_.push_back(std::move(filtered.value()));
      continue;
    }
    auto path = scan_attribute_path(text);
    if (path) {
      name.path = std::move(path).value();
    } else if (!util::istarts_with(text, "urn:")) {  // may still be a bare schema URN
      return fail(Error::invalid_syntax(std::string(parameter) + ": \"" + std::string(text) +
                                        "\" is not an attribute name: " + path.error().message));
    }
    projection.names_.push_back(std::move(name));
  }
  return projection;
}

bool Projection::has_value_filters() const {
  return std::any_of(names_.begin(), names_.end(), [](const Name& name) { return name.value_filter.has_value(); });
}

Projection Projection::without_value_filters() const {
  Projection plain = *this;
  for (auto& name : plain.names_) name.value_filter.reset();
  return plain;
}

bool Projection::needs(std::string_view attribute) const {
  if (mode_ == Mode::kDefault) return true;
  const AttributeDefinition* common = find_common_attribute(attribute);
  if (common != nullptr && common->returned == Returned::kAlways) return true;
  for (const auto& name : names_) {
    if (mode_ == Mode::kExclude) {
      // Only an unqualified exclusion of the whole attribute proves it is
      // not wanted: a URN-qualified one may name another type's schema,
      // which apply() ignores.
      if (name.path && !name.path->has_urn() && !name.path->has_sub_attribute() &&
          util::iequals(name.path->attribute, attribute)) {
        return false;
      }
    } else {
      if (!name.path) return true;
      if (util::iequals(name.path->attribute, attribute)) return true;
      // "urn:…:2.0:User" parses as attribute "User" of urn "urn:…:2.0": it
      // may name a whole schema.
      if (name.path->has_urn() && !name.path->has_sub_attribute()) return true;
    }
  }
  return mode_ == Mode::kExclude;
}

// What a projection resolves to for one resource type: the names (and the
// attributes sent in a body) looked up once, not once per resource.
struct PreparedProjection::State {
  const ResourceType& type;
  const SchemaRegistry& registry;
  Projection::Mode mode;
  const Schema* base;
  Selection named;
  std::optional<Selection> requested;
  // Set when a lenient `attributes` name carries a value filter (DIA-02):
  // the resource is narrowed to the matching values before it is projected.
  std::optional<Projection> value_filters;
};

PreparedProjection::PreparedProjection(const Projection& projection, const ResourceType& type,
                                       const SchemaRegistry& registry, const std::set<std::string>* requested_in_body) {
  // A name's value filter narrows values (apply()); it selects the
  // attribute like the same name without one.
  const bool filtered = projection.has_value_filters();
  Selection named = select(filtered ? projection.without_value_filters().names() : projection.names(), type, registry);
  auto state = std::make_shared<State>(State{type, registry, projection.mode(), registry.base_schema(type),
                                             std::move(named), std::nullopt, std::nullopt});
  if (filtered) state->value_filters = projection;
  if (requested_in_body != nullptr) {
    state->requested.emplace();
    for (const auto& text : *requested_in_body) {
      auto path = scan_attribute_path(text);
      state->requested->add(type, registry, text, path ? std::optional<AttributePath>(path.value()) : std::nullopt);
    }
  }
  state_ = std::move(state);
}

json::Value PreparedProjection::apply(const json::Value& resource) const {
  const State& st = *state_;
  if (st.value_filters)
    return apply_unfiltered(keep_matching_values(resource, st.type, st.registry, *st.value_filters));
  return apply_unfiltered(resource);
}

json::Value PreparedProjection::apply_unfiltered(const json::Value& resource) const {
  json::Value out = json::Value::object();
  if (!resource.is_object()) return out;
  const State& st = *state_;
  Context ctx{st.mode, st.named, st.requested ? &*st.requested : nullptr};

  for (const auto& [key, value] : resource.items()) {
    if (const Schema* schema = st.registry.schema_of(st.type, key); schema != nullptr && schema != st.base) {
      json::Value object = json::Value::object();
      for (const auto& [ext_key, ext_value] : value.items()) {
        const AttributeDefinition* def = schema->find_attribute(ext_key);
        if (def == nullptr) continue;
        json::Value projected = project_attribute(*def, schema, ext_value, ctx);
        if (projected) object.set(ext_key, std::move(projected));
      }
      if (object.size() > 0) out.set(key, std::move(object));
      continue;
    }
    const Schema* owner = nullptr;
    const AttributeDefinition* def = find_common_attribute(key);
    if (def == nullptr && st.base != nullptr) {
      def = st.base->find_attribute(key);
      owner = st.base;
    }
    if (def == nullptr) {
      // Not defined by any schema of the type: nothing can name it.
      if (st.mode != Projection::Mode::kInclude) out.set(key, value);
      continue;
    }
    json::Value projected = project_attribute(*def, owner, value, ctx);
    if (projected) out.set(key, std::move(projected));
  }
  return out;
}

json::Value apply(const json::Value& resource, const ResourceType& type, const SchemaRegistry& registry,
                  const Projection& projection, const std::set<std::string>* requested_in_body) {
  return PreparedProjection(projection, type, registry, requested_in_body).apply(resource);
}

std::set<std::string> requested_paths(const json::Value& body, const ResourceType& type,
                                      const SchemaRegistry& registry) {
  std::set<std::string> out;
  const Schema* base = registry.base_schema(type);
  for (const auto& [key, value] : body.items()) {
    if (util::iequals(key, "schemas")) continue;
    if (const Schema* schema = registry.schema_of(type, key); schema != nullptr && schema != base) {
      for (const auto& [ext_key, ext_value] : value.items()) {
        if (const AttributeDefinition* def = schema->find_attribute(ext_key)) {
          add_requested(schema->id + ":" + def->name, *def, ext_value, &out);
        }
      }
      continue;
    }
    auto resolved = registry.resolve(type, std::string_view(key));
    if (!resolved || resolved->sub_attribute != nullptr) continue;
    add_requested(to_string(resolved->canonical_path()), *resolved->attribute, value, &out);
  }
  return out;
}

}  // namespace fastscim::scim
