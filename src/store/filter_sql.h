// store::filter_sql — the only place dynamic SQL is written: a resolved
// SCIM filter (scim/filter_resolver.h) and sort order become a WHERE /
// ORDER BY text with '?' placeholders and the values to bind, in order.
//
// The resolver has already named every attribute and checked every
// operator and literal; this translation only maps.  Each attribute goes,
// by the resource type's ColumnTable (column_table.h), to an indexed
// column (userName, externalId, id, displayName, active, meta.created /
// lastModified / resourceType, enterprise employeeNumber), an indexed side
// table (emails.value/type, Group members, User groups), or a JSON path
// into the stored document (any other attribute: a scan within the
// tenant).  Only names from the schema definitions — never request text —
// appear in the SQL; every value is bound.  Every WHERE starts with the
// tenant and type.
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
// alias r (resources).  Requires: query.type is set and query.filter was
// resolved against it.  400 invalid_filter only for what the resolver
// cannot know: a schema name unsafe in SQL text, or a sub-attribute a
// membership table does not hold.
scim::Result<SqlFragment> where_clause(long long tenant_id, const scim::Query& query);

// "ORDER BY ..." for the query: the sort attribute (nulls last when
// ascending, first when descending, SRT-04) then r.seq, or r.seq alone.
// Requires: query.type is set.  400 invalid_value only for a schema name
// unsafe in SQL text.
scim::Result<std::string> order_by_clause(const scim::Query& query);

// An xsd:dateTime ("2011-05-13T04:42:34Z", offsets allowed) as a UTC
// DATETIME literal value "2011-05-13 04:42:34.000"; false if malformed.
bool to_sql_datetime(std::string_view text, std::string* out);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_FILTER_SQL_H_
