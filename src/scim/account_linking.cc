#include "scim/account_linking.h"

#include <utility>

#include "scim/core_schemas.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

bool is_extension_urn(std::string_view key) { return util::istarts_with(key, "urn:"); }

}  // namespace

std::optional<LinkKeys> parse_link_keys(std::string_view text, std::string* error) {
  LinkKeys keys;
  std::string_view whole = util::trim(text);
  if (util::iequals(whole, "off")) return keys;
  for (std::string_view part : util::split(whole, ',')) {
    std::string_view item = util::trim(part);
    if (util::iequals(item, "email")) {
      keys.email = true;
    } else if (util::iequals(item, "employeeNumber")) {
      keys.employee_number = true;
    } else {
      *error = "link-existing takes \"off\" or a comma list of \"email\" and \"employeeNumber\", not \"" +
               std::string(item) + "\"";
      return std::nullopt;
    }
  }
  if (!keys.any()) {
    *error = "link-existing takes \"off\" or a comma list of \"email\" and \"employeeNumber\"";
    return std::nullopt;
  }
  return keys;
}

std::string to_string(const LinkKeys& keys) {
  if (keys.email && keys.employee_number) return "email,employeeNumber";
  if (keys.email) return "email";
  if (keys.employee_number) return "employeeNumber";
  return "off";
}

LinkProbe link_probe(const json::Value& user, const LinkKeys& keys) {
  LinkProbe probe;
  if (keys.email) {
    json::Value emails = user.get_ci("emails");
    std::vector<std::string> work;
    std::string primary, first;
    for (size_t i = 0; emails.is_array() && i < emails.size(); ++i) {
      json::Value entry = emails.at(i);
      auto value = entry.get_ci("value").as_string();
      if (!value || util::trim(*value).empty()) continue;
      std::string address(util::trim(*value));
      auto type = entry.get_ci("type").as_string();
      if (type && util::iequals(*type, "work")) work.push_back(address);
      auto is_primary = entry.get_ci("primary").as_bool();
      if (is_primary && *is_primary && primary.empty()) primary = address;
      if (first.empty()) first = address;
    }
    if (!work.empty()) {
      probe.emails = std::move(work);
    } else if (!primary.empty()) {
      probe.emails.push_back(primary);
    } else if (!first.empty()) {
      probe.emails.push_back(first);
    }
  }
  if (keys.employee_number) {
    json::Value enterprise = user.get_ci(kEnterpriseUserSchemaUrn);
    if (auto number = enterprise.get_ci("employeeNumber").as_string()) {
      probe.employee_number = std::string(util::trim(*number));
    }
  }
  return probe;
}

json::Value adopted_document(const json::Value& local, const json::Value& provider) {
  json::Value merged = local.is_object() ? local.deep_copy() : json::Value::object();
  if (!provider.is_object()) return merged;
  for (const auto& [key, value] : provider.items()) {
    std::string local_key;
    json::Value mine = merged.get_ci(key, &local_key);
    if (!local_key.empty() && local_key != key) merged.erase(local_key);
    if (util::iequals(key, "schemas") && mine.is_array() && value.is_array()) {
      json::Value schemas = value.deep_copy();
      for (size_t i = 0; i < mine.size(); ++i) {
        auto urn = mine.at(i).as_string();
        bool listed = false;
        for (size_t j = 0; urn && j < schemas.size(); ++j) {
          auto other = schemas.at(j).as_string();
          listed = listed || (other && util::iequals(*other, *urn));
        }
        if (urn && !listed) schemas.append(mine.at(i).deep_copy());
      }
      merged.set(key, schemas);
    } else if (is_extension_urn(key) && mine.is_object() && value.is_object()) {
      json::Value extension = mine.deep_copy();
      for (const auto& [sub, sub_value] : value.items()) {
        std::string local_sub;
        extension.get_ci(sub, &local_sub);
        if (!local_sub.empty() && local_sub != sub) extension.erase(local_sub);
        extension.set(sub, sub_value.deep_copy());
      }
      merged.set(key, extension);
    } else {
      merged.set(key, value.deep_copy());
    }
  }
  return merged;
}

}  // namespace fastscim::scim
