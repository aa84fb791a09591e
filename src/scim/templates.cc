#include "scim/templates.h"

#include <utility>

#include "scim/filter_eval.h"
#include "scim/filter_parser.h"
#include "scim/filter_resolver.h"
#include "scim/overrides.h"
#include "scim/text.h"

namespace fastscim::scim {

namespace {

constexpr size_t kMaxNameLength = 64;

// Adds the override for `path` = `value` (checked) to `out`.
Result<void> add_value(const SchemaRegistry& registry, const ResourceType& type, const std::string& path,
                       const json::Value& value, const std::string& source, Overrides* out) {
  auto canonical = override_path(registry, type, path);
  if (!canonical) return fail(Error::invalid_value("template: " + canonical.error().detail()));
  if (auto checked = check_override_value(registry, type, *canonical, value); !checked) {
    return fail(Error::invalid_value("template: " + checked.error().detail()));
  }
  out->push_back({*canonical, value.deep_copy(), source});
  return {};
}

// The attributes of one schema's object in the body ("" prefix: the core).
Result<void> add_object(const SchemaRegistry& registry, const ResourceType& type, const std::string& prefix,
                        const json::Value& object, const std::string& source, Overrides* out) {
  for (const auto& [key, value] : object.items()) {
    std::string path = prefix.empty() ? key : prefix + ":" + key;
    auto resolved = registry.resolve(type, path);
    if (resolved && resolved->attribute->is_complex() && !resolved->attribute->multi_valued && value.is_object()) {
      for (const auto& [sub, sub_value] : value.items()) {
        if (auto added = add_value(registry, type, path + "." + sub, sub_value, source, out); !added) return added;
      }
      continue;
    }
    if (auto added = add_value(registry, type, path, value, source, out); !added) return added;
  }
  return {};
}

}  // namespace

std::string template_source(std::string_view name) { return "template:" + std::string(name); }

bool is_template_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.';
    if (!ok) return false;
  }
  return true;
}

Result<Template> read_template(const SchemaRegistry& registry, const ResourceType& type, std::string_view name,
                               std::string_view when, const json::Value& body) {
  if (!is_template_name(name)) {
    return fail(
        Error::invalid_value("a template name is 1 to 64 letters, digits, '-', '_' or '.', not " + quoted(name)));
  }
  auto parsed = parse_filter(when);
  if (!parsed) return fail(parsed.error());
  if (auto resolved = resolve_filter(registry, type, parsed.value()); !resolved) return fail(resolved.error());
  if (!body.is_object() || body.size() == 0) {
    return fail(Error::invalid_value("a template is a JSON object of the attributes it sets, with at least one"));
  }
  Template t;
  t.name = std::string(name);
  t.when = std::string(when);
  t.filter = std::make_shared<const Filter>(std::move(parsed.value()));
  const std::string source = template_source(name);
  Overrides core;
  for (const auto& [key, value] : body.items()) {
    if (registry.schema_of(type, key) != nullptr && value.is_object()) {
      if (auto added = add_object(registry, type, key, value, source, &t.values); !added) return fail(added.error());
      continue;
    }
    json::Value one = json::Value::object();
    one.set(key, value);
    if (auto added = add_object(registry, type, "", one, source, &t.values); !added) return fail(added.error());
  }
  return t;
}

const Template* first_matching(const SchemaRegistry& registry, const ResourceType& type,
                               const std::vector<Template>& templates, const json::Value& user) {
  CaseExactFn case_exact = [&](const AttributePath& path) { return registry.is_case_exact(type, path); };
  for (const Template& t : templates) {
    if (t.filter && matches(*t.filter, user, case_exact)) return &t;
  }
  return nullptr;
}

}  // namespace fastscim::scim
