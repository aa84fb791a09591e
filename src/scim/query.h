// scim::Query — what a list request asks for: filter, order and page.
//
// Built by the service from query parameters or a SearchRequest body
// (RFC 7644 §3.4.2, §3.4.3) and handed to the Repository, which turns it
// into SQL.  Attribute paths are already resolved against the schemas and
// held in canonical spelling.
//
// Thread-safety: a plain value.
#ifndef FASTSCIM_SCIM_QUERY_H_
#define FASTSCIM_SCIM_QUERY_H_

#include <optional>
#include <string>

#include "scim/attribute_path.h"
#include "scim/filter.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

struct Query {
  // The schemas the paths below resolve against (the tenant's registry) and
  // the resource type being queried.  Required by the repository to map
  // attributes to storage; must outlive the search call.
  const SchemaRegistry* registry = nullptr;
  const ResourceType* type = nullptr;
  std::optional<Filter> filter;
  std::optional<AttributePath> sort_by;  // canonical path; nullopt = stable creation order
  bool descending = false;
  // Index paging (RFC 7644 §3.4.2.4): 1-based start, count >= 0.
  long long start_index = 1;
  long long count = 100;
  // Cursor paging (RFC 9865): set (possibly empty, for the first page) when
  // the client asked for it.  Opaque to everyone but the repository.
  std::optional<std::string> cursor;
  // Whether members of groups must be loaded (false for
  // excludedAttributes=members, PRJ-08).
  bool load_members = true;
};

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_QUERY_H_
