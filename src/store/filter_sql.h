// store::filter_sql — the only place dynamic SQL is written: a SCIM filter
// AST and sort order become a WHERE / ORDER BY text with '?' placeholders
// and the values to bind, in order.
//
// Attribute paths are resolved through the tenant's SchemaRegistry and then
// mapped, by a fixed table, to an indexed column (userName, externalId, id,
// displayName, active, meta.*, enterprise employeeNumber), an indexed side
// table (emails.value/type, Group members.value), or a JSON path into the
// stored document (any other attribute: a scan within the tenant).  Only
// names from the schema definitions — never request text — appear in the
// SQL; every value is bound.  Every WHERE starts with the tenant and type.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_STORE_FILTER_SQL_H_
#define FASTSCIM_STORE_FILTER_SQL_H_

#include <string>
#include <vector>

#include "scim/error.h"
#include "scim/query.h"

namespace fastscim::store {

struct SqlParam {
  enum class Kind { kString, kInt };
  Kind kind = Kind::kString;
  std::string text;
  long long integer = 0;

  static SqlParam string(std::string s) { return {Kind::kString, std::move(s), 0}; }
  static SqlParam number(long long n) { return {Kind::kInt, {}, n}; }
};

struct SqlFragment {
  std::string text;
  std::vector<SqlParam> params;
};

// "r.tenant_id = ? AND r.resource_type = ? [AND (<filter>)]" for the table
// alias r (resources).  400 invalid_filter for a path that names nothing in
// the resource type, or an operator the attribute's type cannot take
// (FLT-07, FLT-15).
scim::Result<SqlFragment> where_clause(long long tenant_id, const scim::Query& query);

// "ORDER BY ..." for the query: the sort attribute (nulls last when
// ascending, first when descending, SRT-04) then r.seq, or r.seq alone.
scim::Result<std::string> order_by_clause(const scim::Query& query);

// An xsd:dateTime ("2011-05-13T04:42:34Z", offsets allowed) as a UTC
// DATETIME literal value "2011-05-13 04:42:34.000"; false if malformed.
bool to_sql_datetime(std::string_view text, std::string* out);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_FILTER_SQL_H_
