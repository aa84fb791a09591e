#include "scim/projection_values.h"

#include <map>
#include <string>
#include <utility>

#include "scim/filter_eval.h"
#include "scim/filter_parser.h"

namespace fastscim::scim {

std::vector<std::string_view> split_lenient_names(std::string_view csv) {
  std::vector<std::string_view> out;
  size_t start = 0;
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      if (depth > 0) --depth;
    } else if (c == ',' && depth == 0) {
      out.push_back(csv.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(csv.substr(start));
  return out;
}

Result<Projection::Name> filtered_name(std::string_view text, bool included, const char* parameter) {
  if (!included) {
    return fail(Error::invalid_syntax(std::string(parameter) + ": \"" + std::string(text) +
                                      "\" has a value filter, which only \"attributes\" accepts"));
  }
  auto parsed = parse_patch_path(text);
  if (!parsed) {
    return fail(Error::invalid_syntax(std::string(parameter) + ": \"" + std::string(text) +
                                      "\" is not an attribute name or a value path: " + parsed.error().detail()));
  }
  Projection::Name name;
  name.text = std::string(text);
  name.path = parsed->path;
  name.value_filter = std::move(parsed->value_filter);
  return name;
}

namespace {

// Where an attribute lives in a resource: the extension object's key ("" for
// the base schema and common attributes) and the attribute's name.
using Location = std::pair<std::string, std::string>;

struct Narrowing {
  bool keep_all = false;
  AttributePath parent;  // canonical, for the case-exactness of the filter's paths
  std::vector<const Filter*> filters;
};

}  // namespace

json::Value keep_matching_values(const json::Value& resource, const ResourceType& type, const SchemaRegistry& registry,
                                 const Projection& projection) {
  std::map<Location, Narrowing> narrowings;
  for (const auto& name : projection.names()) {
    if (!name.path) continue;
    AttributePath whole = *name.path;
    whole.sub_attribute.clear();
    auto resolved = registry.resolve(type, whole);
    if (!resolved) continue;
    Location where{resolved->in_extension ? resolved->schema->id : "", resolved->attribute->name};
    Narrowing& narrowing = narrowings[where];
    narrowing.parent = resolved->canonical_path();
    if (name.value_filter) {
      narrowing.filters.push_back(&*name.value_filter);
    } else {
      narrowing.keep_all = true;
    }
  }
  json::Value out = resource.deep_copy();
  CaseExactFn case_exact = [&](const AttributePath& path) { return registry.is_case_exact(type, path); };
  for (const auto& entry : narrowings) {
    const Location& where = entry.first;
    const Narrowing& narrowing = entry.second;
    if (narrowing.keep_all || narrowing.filters.empty()) continue;
    json::Value holder = where.first.empty() ? out : out.get_ci(where.first);
    if (!holder.is_object()) continue;
    std::string key;
    json::Value values = holder.get_ci(where.second, &key);
    if (!values) continue;
    auto matches_one = [&](const json::Value& element) {
      for (const Filter* filter : narrowing.filters) {
        if (matches_element(*filter, element, narrowing.parent, case_exact)) return true;
      }
      return false;
    };
    if (values.is_array()) {
      json::Value kept = json::Value::array();
      for (size_t i = 0; i < values.size(); ++i) {
        if (matches_one(values.at(i))) kept.append(values.at(i));
      }
      holder.set(key, std::move(kept));
    } else if (!matches_one(values)) {
      holder.erase(key);
    }
  }
  return out;
}

}  // namespace fastscim::scim
