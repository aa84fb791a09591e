// scim::Query — what a list request asks for: filter, order and page.
//
// Built by the service from query parameters or a SearchRequest body
// (RFC 7644 §3.4.2, §3.4.3) and handed to the Repository, which turns it
// into SQL.  The filter and sortBy are already resolved and checked
// (filter_resolver.h): their nodes carry the attribute definitions, so a
// repository never resolves a name again.
//
// Thread-safety: a plain value.
#ifndef FASTSCIM_SCIM_QUERY_H_
#define FASTSCIM_SCIM_QUERY_H_

#include <optional>
#include <string>

#include "scim/attribute_path.h"
#include "scim/filter_resolver.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

struct Query {
  // The schemas the paths below were resolved against (the tenant's
  // registry) and the resource type being queried.  Both must outlive the
  // search call; the resolved nodes point into the registry.
  const SchemaRegistry* registry = nullptr;
  const ResourceType* type = nullptr;
  std::optional<ResolvedFilter> filter;
  std::optional<ResolvedPath> sort_by;  // nullopt = stable creation order
  bool descending = false;
  // Index paging (RFC 7644 §3.4.2.4): 1-based start, count >= 0.
  long long start_index = 1;
  long long count = 100;
  // Cursor paging (RFC 9865): set (possibly empty, for the first page) when
  // the client asked for it.  Opaque to everyone but the repository.
  std::optional<std::string> cursor;
  // Whether the page's memberships must be loaded: a group's members, a
  // user's groups (false when the projection leaves them out, PRJ-08).
  bool load_memberships = true;
  // With load_memberships, for groups: the most members one page carries,
  // all its groups together (0 = no limit; ServiceConfig::list_max_members).
  // A group that would take the page past it ends the page early (fewer
  // resources than `count`, itemsPerPage saying so, the next page starting
  // with that group); a group that alone has more is listed without its
  // members (StoredResource::members left unset; GET /Groups/{id} has them
  // all).
  long long max_members = 0;
};

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_QUERY_H_
