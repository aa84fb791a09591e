#include "store/column_table.h"

#include <algorithm>

#include "scim/core_schemas.h"
#include "scim/resource_type.h"
#include "util/strings.h"

namespace fastscim::store {

namespace {

using scim::kEnterpriseUserSchemaUrn;
using scim::kGroupSchemaUrn;
using scim::kUserSchemaUrn;

// The VARCHAR(n) of the text columns the writer fills (sql/002_resources.sql).
constexpr size_t kVarchar = 255;
constexpr size_t kEmailTypeVarchar = 64;

// The common attributes every type stores the same way (RES-02).
std::vector<ColumnMapping> common_columns() {
  return {
      {"", false, "id", "", "r.id", ColumnKind::kText, std::nullopt},
      {"", false, "externalId", "", "r.external_id", ColumnKind::kText, WrittenColumn::kExternalId, kVarchar},
      {"", false, "meta", "created", "r.created", ColumnKind::kDateTime, std::nullopt},
      {"", false, "meta", "lastModified", "r.last_modified", ColumnKind::kDateTime, std::nullopt},
      {"", false, "meta", "resourceType", "r.resource_type", ColumnKind::kText, std::nullopt},
  };
}

bool same_schema(std::string_view declared, const scim::ResolvedAttribute& ra) {
  if (ra.schema == nullptr) return declared.empty();
  return !declared.empty() && util::iequals(declared, ra.schema->id);
}

std::string_view sub_name(const scim::ResolvedAttribute& ra) {
  return ra.sub_attribute != nullptr ? std::string_view(ra.sub_attribute->name) : std::string_view();
}

}  // namespace

const SideTable::Column* SideTable::find_column(std::string_view sub_attribute) const {
  for (const Column& c : columns) {
    if (util::iequals(c.sub_attribute, sub_attribute)) return &c;
  }
  return nullptr;
}

const ColumnTable& ColumnTable::for_type(std::string_view resource_type) {
  static const ColumnTable kUser = [] {
    std::vector<ColumnMapping> columns = common_columns();
    columns.push_back(
        {kUserSchemaUrn, false, "userName", "", "r.name_key", ColumnKind::kText, WrittenColumn::kNameKey, kVarchar});
    columns.push_back({kUserSchemaUrn, false, "displayName", "", "r.display_name", ColumnKind::kText,
                       WrittenColumn::kDisplayName, kVarchar});
    columns.push_back({kUserSchemaUrn, false, "active", "", "r.active", ColumnKind::kBoolean, WrittenColumn::kActive});
    columns.push_back({kEnterpriseUserSchemaUrn, true, "employeeNumber", "", "r.employee_number", ColumnKind::kText,
                       WrittenColumn::kEmployeeNumber, kVarchar});
    std::vector<SideTable> sides;
    sides.push_back({SideTable::Kind::kEmails,
                     kUserSchemaUrn,
                     "emails",
                     "r.seq IN (SELECT e.resource_seq FROM resource_emails e WHERE e.tenant_id = ? AND ",
                     {{"value", "e.value", kVarchar}, {"type", "e.type", kEmailTypeVarchar}},
                     true});
    sides.push_back({SideTable::Kind::kMemberOf,
                     kUserSchemaUrn,
                     "groups",
                     "r.seq IN (SELECT m.member_seq FROM resources g JOIN group_members m ON m.group_seq = g.seq"
                     " WHERE g.tenant_id = ? AND ",
                     {{"value", "g.id"}, {"display", "g.name_key"}},
                     false});
    return ColumnTable(std::move(columns), std::move(sides));
  }();
  static const ColumnTable kGroup = [] {
    std::vector<ColumnMapping> columns = common_columns();
    columns.push_back({kGroupSchemaUrn, false, "displayName", "", "r.name_key", ColumnKind::kText,
                       WrittenColumn::kNameKey, kVarchar});
    std::vector<SideTable> sides;
    sides.push_back(
        {SideTable::Kind::kGroupMembers,
         kGroupSchemaUrn,
         "members",
         "r.seq IN (SELECT m.group_seq FROM resources mr JOIN group_members m ON m.member_seq = mr.seq"
         " WHERE mr.tenant_id = ? AND ",
         {{"value", "mr.id"}, {"type", "mr.resource_type"}, {"display", "COALESCE(mr.display_name, mr.name_key)"}},
         false});
    return ColumnTable(std::move(columns), std::move(sides));
  }();
  static const ColumnTable kCommon(common_columns(), {});
  if (resource_type == scim::user_resource_type().name) return kUser;
  if (resource_type == scim::group_resource_type().name) return kGroup;
  return kCommon;
}

const ColumnMapping* ColumnTable::column_for(const scim::ResolvedAttribute& ra) const {
  for (const ColumnMapping& c : columns_) {
    if (same_schema(c.schema, ra) && c.in_extension == ra.in_extension &&
        util::iequals(c.attribute, ra.attribute->name) && util::iequals(c.sub_attribute, sub_name(ra))) {
      return &c;
    }
  }
  return nullptr;
}

const ColumnMapping* ColumnTable::column(WrittenColumn column) const {
  for (const ColumnMapping& c : columns_) {
    if (c.written == column) return &c;
  }
  return nullptr;
}

const SideTable* ColumnTable::side_table_for(const scim::ResolvedAttribute& ra) const {
  if (ra.in_extension) return nullptr;
  for (const SideTable& s : side_tables_) {
    if (same_schema(s.schema, ra) && util::iequals(s.attribute, ra.attribute->name)) return &s;
  }
  return nullptr;
}

const SideTable* ColumnTable::side_table(SideTable::Kind kind) const {
  for (const SideTable& s : side_tables_) {
    if (s.kind == kind) return &s;
  }
  return nullptr;
}

RowValues ColumnTable::row_values(const json::Value& document) const {
  RowValues values;
  for (const ColumnMapping& c : columns_) {
    if (!c.written) continue;
    json::Value holder = c.in_extension ? document.get(c.schema) : document;
    json::Value v = holder.get(c.attribute);
    if (!c.sub_attribute.empty()) v = v.get(c.sub_attribute);
    bool fits = c.kind == ColumnKind::kBoolean ? v.is_bool() : v.is_string();
    if (fits) values[static_cast<size_t>(*c.written)] = v;
  }
  return values;
}

std::vector<SideRow> ColumnTable::side_rows(SideTable::Kind kind, const json::Value& document) const {
  std::vector<SideRow> rows;
  const SideTable* table = side_table(kind);
  if (table == nullptr || !table->in_document) return rows;
  json::Value elements = document.get(table->attribute);
  for (size_t i = 0; i < elements.size(); ++i) {
    json::Value element = elements.at(i);
    SideRow row;
    for (const SideTable::Column& c : table->columns) {
      auto text = element.get(c.sub_attribute).as_string();
      row.push_back(text ? std::optional<std::string>(std::string(*text)) : std::nullopt);
    }
    if (!row.empty() && row.front()) rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> ColumnTable::too_long(const json::Value& document) const {
  std::vector<std::string> problems;
  auto check = [&](const std::string& attribute, std::string_view text, size_t limit) {
    size_t length = util::utf8_length(text);
    if (limit > 0 && length > limit) {
      problems.push_back(attribute + " has " + std::to_string(length) + " characters (at most " +
                         std::to_string(limit) + ")");
    }
  };
  RowValues values = row_values(document);
  for (const ColumnMapping& c : columns_) {
    if (!c.written || c.max_chars == 0) continue;
    auto text = values[static_cast<size_t>(*c.written)].as_string();
    if (!text) continue;
    std::string name = c.in_extension ? std::string(c.schema) + ":" + std::string(c.attribute)
                                      : std::string(c.attribute);
    if (!c.sub_attribute.empty()) name += "." + std::string(c.sub_attribute);
    check(name, *text, c.max_chars);
  }
  for (const SideTable& table : side_tables_) {
    if (!table.in_document) continue;
    std::vector<std::string> reported;  // one problem per sub-attribute, however many elements
    for (const SideRow& row : side_rows(table.kind, document)) {
      for (size_t i = 0; i < row.size() && i < table.columns.size(); ++i) {
        std::string name = std::string(table.attribute) + "." + std::string(table.columns[i].sub_attribute);
        if (!row[i] || std::find(reported.begin(), reported.end(), name) != reported.end()) continue;
        size_t before = problems.size();
        check(name, *row[i], table.columns[i].max_chars);
        if (problems.size() > before) reported.push_back(name);
      }
    }
  }
  return problems;
}

}  // namespace fastscim::store
