#include "scim/extension_schema.h"

#include <string>
#include <vector>

#include "scim/core_schemas.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

bool is_urn_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '.' ||
         c == '-' || c == '_';
}

// `path` is "location" or "address.city".
void check_attribute(const AttributeDefinition& def, const std::string& path, std::vector<std::string>* problems) {
  std::string where = "attribute " + quoted(path);
  if (def.uniqueness != Uniqueness::kNone) {
    problems->push_back(where + ": uniqueness " + quoted(keyword(def.uniqueness)) +
                        " cannot be enforced on an extension attribute; use \"none\"");
  }
  if (def.mutability == Mutability::kWriteOnly && def.returned != Returned::kNever) {
    problems->push_back(where + ": a writeOnly attribute must have returned \"never\", not " +
                        quoted(keyword(def.returned)));
  }
  for (const auto& sub : def.sub_attributes) check_attribute(sub, path + "." + sub.name, problems);
}

}  // namespace

bool is_reserved_schema_urn(std::string_view urn) {
  static const std::string_view kReservedPrefixes[] = {
      "urn:ietf:params:scim:schemas:core:",
      "urn:ietf:params:scim:api:",
      "urn:ietf:params:scim:schemas:extension:enterprise:",
  };
  for (std::string_view prefix : kReservedPrefixes) {
    if (util::istarts_with(urn, prefix)) return true;
  }
  return util::iequals(urn, kUserSchemaUrn) || util::iequals(urn, kGroupSchemaUrn) ||
         util::iequals(urn, kEnterpriseUserSchemaUrn);
}

Result<void> check_extension_schema(const Schema& schema) {
  std::vector<std::string> problems;
  const std::string& id = schema.id;
  bool urn_syntax = util::istarts_with(id, "urn:") && id.size() > 4 && id.size() <= kMaxExtensionUrnLength &&
                    id.back() != ':';
  for (char c : id) urn_syntax = urn_syntax && is_urn_char(c);
  if (!urn_syntax) {
    problems.push_back("schema: \"id\" " + quoted(id) + " must be a URN of letters, digits and \":.-_\" (at most " +
                       std::to_string(kMaxExtensionUrnLength) +
                       " characters), such as urn:ietf:params:scim:schemas:extension:acme:2.0:User");
  } else if (is_reserved_schema_urn(id)) {
    problems.push_back("schema: \"id\" " + quoted(id) +
                       " is reserved for the SCIM specifications (a built-in schema or the core, api or "
                       "enterprise namespace); choose a URN of your own, such as "
                       "urn:ietf:params:scim:schemas:extension:acme:2.0:User");
  }
  if (schema.attributes.empty()) problems.emplace_back("schema: \"attributes\" must define at least one attribute");
  for (const auto& def : schema.attributes) check_attribute(def, def.name, &problems);
  if (problems.empty()) return {};
  std::string detail;
  for (const auto& p : problems) {
    if (!detail.empty()) detail += "; ";
    detail += p;
  }
  return fail(Error::invalid_value(std::move(detail)));
}

Result<Schema> extension_schema_from_json(const json::Value& value) {
  auto schema = Schema::from_json(value);
  if (!schema) return fail(schema.error());
  if (auto checked = check_extension_schema(*schema); !checked) return fail(checked.error());
  return std::move(schema.value());
}

}  // namespace fastscim::scim
