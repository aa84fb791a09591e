#include "scim/identifiers.h"

#include <algorithm>
#include <utility>

#include "util/strings.h"

namespace fastscim::scim {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The multi-valued attribute `name` of a user, found as the schema spells
// it or in any case (the validator keeps the client's spelling of keys it
// does not know, and a stored document may predate a rename).
json::Value multi_valued(const json::Value& user, std::string_view name) {
  json::Value list = user.get_ci(name);
  return list.is_array() ? list : json::Value::array();
}

}  // namespace

const char* identifier_kind_name(IdentifierKind kind) { return kind == IdentifierKind::kEmail ? "email" : "mobile"; }

std::optional<IdentifierScope> parse_identifier_scope(std::string_view text, std::string* error) {
  IdentifierScope scope;
  std::string_view whole = util::trim(text);
  if (util::iequals(whole, "off")) return scope;
  for (std::string_view part : util::split(whole, ',')) {
    std::string_view item = util::trim(part);
    if (util::iequals(item, "emails")) {
      scope.emails = true;
    } else if (util::iequals(item, "mobile")) {
      scope.mobile = true;
    } else {
      *error = "unique-across-tenants takes \"off\" or a comma list of \"emails\" and \"mobile\", not \"" +
               std::string(item) + "\"";
      return std::nullopt;
    }
  }
  if (!scope.any()) {
    *error = "unique-across-tenants takes \"off\" or a comma list of \"emails\" and \"mobile\"";
    return std::nullopt;
  }
  return scope;
}

std::string to_string(const IdentifierScope& scope) {
  if (scope.emails && scope.mobile) return "emails,mobile";
  if (scope.emails) return "emails";
  if (scope.mobile) return "mobile";
  return "off";
}

std::string normalize_email(std::string_view address) { return util::to_lower(util::trim(address)); }

std::string normalize_phone(std::string_view number) {
  std::string key;
  key.reserve(number.size());
  for (char c : number) {
    if (is_blank(c) || c == '-' || c == '(' || c == ')' || c == '[' || c == ']') continue;
    key.push_back(c);
  }
  return key;
}

std::vector<Identifier> claimed_identifiers(const json::Value& user, const IdentifierScope& scope) {
  std::vector<Identifier> found;
  auto add = [&](IdentifierKind kind, std::string key, std::string_view value) {
    if (!key.empty()) found.push_back({kind, std::move(key), std::string(value)});
  };
  if (scope.emails) {
    json::Value emails = multi_valued(user, "emails");
    for (size_t i = 0; i < emails.size(); ++i) {
      if (auto value = emails.at(i).get_ci("value").as_string())
        add(IdentifierKind::kEmail, normalize_email(*value), *value);
    }
  }
  if (scope.mobile) {
    json::Value phones = multi_valued(user, "phoneNumbers");
    for (size_t i = 0; i < phones.size(); ++i) {
      json::Value entry = phones.at(i);
      auto type = entry.get_ci("type").as_string();
      auto value = entry.get_ci("value").as_string();
      if (type && value && util::iequals(*type, "mobile"))
        add(IdentifierKind::kMobile, normalize_phone(*value), *value);
    }
  }
  // Stable: the first spelling of a key is the one kept.
  std::stable_sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

}  // namespace fastscim::scim
