// store::ColumnTable — where one resource type keeps, besides its JSON
// document, the attributes identity providers match on (DESIGN: "filters
// that identity providers use to match must hit an index").
//
// One declarative table per resource type says which attribute lives in
// which indexed column of `resources` (userName and Group displayName in
// name_key, externalId, id, User displayName and active, meta.created /
// lastModified / resourceType, the enterprise employeeNumber) and which in
// a side table (User emails in resource_emails; Group members and User
// groups in group_members), with the column's storage kind and, for the
// columns and rows the writer fills, where in the document the value comes
// from.  The writer (resource_repository.cc) and the filter translation
// (filter_sql.cc) both read it, so a column is declared once.  The layout
// itself is sql/002_resources.sql; doc/storage.md describes both.
//
// Thread-safety: the tables are immutable statics built on first use.
#ifndef FASTSCIM_STORE_COLUMN_TABLE_H_
#define FASTSCIM_STORE_COLUMN_TABLE_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "scim/schema_registry.h"

namespace fastscim::store {

// How a column holds its value, which decides how it is compared.
enum class ColumnKind {
  kText,      // VARCHAR in the attribute's collation (ci, or bin for caseExact)
  kBoolean,   // TINYINT(1): 1, 0 or NULL
  kDateTime,  // DATETIME(3), UTC
};

// The indexed columns of a `resources` row the writer fills from the
// document, in the order statements.cc's kInsertResource and
// kUpdateResource bind them.
enum class WrittenColumn { kNameKey, kDisplayName, kExternalId, kActive, kEmployeeNumber };
inline constexpr size_t kWrittenColumnCount = 5;

// One single-valued attribute held in a column of `resources` (alias r).
struct ColumnMapping {
  std::string_view schema;         // its schema URN; "" for the common attributes (RES-02)
  bool in_extension = false;       // kept in the document under the schema URN (EXT-02)
  std::string_view attribute;      // schema spelling
  std::string_view sub_attribute;  // "" when the attribute itself
  std::string_view sql;            // "r.name_key"
  ColumnKind kind = ColumnKind::kText;
  // Filled by the writer from the document; nullopt for the columns the
  // SQL itself maintains (id, resource_type, created, last_modified).
  std::optional<WrittenColumn> written;
  // The most characters the column holds (its VARCHAR(n) in sql/); 0 for
  // the columns that are not text the writer fills.
  size_t max_chars = 0;
};

// One multi-valued attribute whose elements are rows of a side table.
struct SideTable {
  enum class Kind {
    kEmails,        // resource_emails, copied from the document by the writer
    kGroupMembers,  // group_members seen from the group: Group.members
    kMemberOf,      // group_members seen from the member: User.groups (SCH-05)
  };
  struct Column {
    std::string_view sub_attribute;  // schema spelling
    std::string_view sql;            // text in the attribute's collation
    size_t max_chars = 0;            // VARCHAR(n) of a table the writer fills; 0 otherwise
  };

  Kind kind;
  std::string_view schema;  // the base schema URN defining the attribute
  std::string_view attribute;
  // "r.seq IN (SELECT … WHERE <alias>.tenant_id = ? AND ": the condition on
  // one element and ")" complete it; the tenant id is its one parameter.
  std::string_view select_prefix;
  std::vector<Column> columns;  // the sub-attributes it holds; the first is "value"
  // Whether the document keeps the attribute as well (emails) or the side
  // table is its only home (memberships).
  bool in_document = false;

  const Column* find_column(std::string_view sub_attribute) const;
};

// The values the writer puts in the written columns of a row: strings, a
// boolean for kActive, absent (NULL) when the document has none.
using RowValues = std::array<json::Value, kWrittenColumnCount>;

// One element of a side table copied from the document (emails): the
// value of each Column, in order; the first ("value") is always a string.
using SideRow = std::vector<std::optional<std::string>>;

class ColumnTable {
 public:
  // The table of the resource type named `resource_type` (the User and
  // Group tables for the built-in types; any other type has only the
  // common columns: id, externalId, meta.*).  Never fails.
  static const ColumnTable& for_type(std::string_view resource_type);

  const std::vector<ColumnMapping>& columns() const { return columns_; }
  const std::vector<SideTable>& side_tables() const { return side_tables_; }

  // The column holding the attribute `ra` names (attribute and
  // sub-attribute), or nullptr when it lives only in the document.
  const ColumnMapping* column_for(const scim::ResolvedAttribute& ra) const;
  // The written column `column`, or nullptr when this type has none.
  const ColumnMapping* column(WrittenColumn column) const;
  // The side table holding the multi-valued attribute `ra` names (its
  // sub-attribute is ignored), or nullptr.
  const SideTable* side_table_for(const scim::ResolvedAttribute& ra) const;
  // The side table of kind `kind`, or nullptr when this type has none.
  const SideTable* side_table(SideTable::Kind kind) const;

  // The written columns' values for `document` (a normalised resource).
  RowValues row_values(const json::Value& document) const;
  // The rows of the side table `kind` for `document` (empty when the type
  // has no such table or it is not copied from the document): one per
  // element whose "value" is a string.
  std::vector<SideRow> side_rows(SideTable::Kind kind, const json::Value& document) const;

  // The values of `document` (a normalised resource) too long for their
  // column or side-table row, counted in characters as the database does:
  // one entry per attribute, "userName has 300 characters (at most 255)",
  // the attribute in schema spelling (URN-qualified for an extension's,
  // "emails.value" for a side table's); empty when everything fits.  The
  // writer checks this before it writes anything.
  std::vector<std::string> too_long(const json::Value& document) const;

 private:
  ColumnTable(std::vector<ColumnMapping> columns, std::vector<SideTable> side_tables)
      : columns_(std::move(columns)), side_tables_(std::move(side_tables)) {}

  std::vector<ColumnMapping> columns_;
  std::vector<SideTable> side_tables_;
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_COLUMN_TABLE_H_
