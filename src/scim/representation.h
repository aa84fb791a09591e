// scim::Representation — the resources and list responses a client sees,
// assembled from what the repository stored (RFC 7643 §3, RFC 7644 §3.4.2).
//
// A stored resource becomes: schemas, id, externalId, every stored
// attribute except those never returned (the password hash, ATT-18), a
// Group's members and a User's groups with $ref, and meta (resourceType,
// created, lastModified, location, version); then the request's projection
// is applied (projection.h).  Every URL starts with the base URL the
// request was addressed to.
//
// Thread-safety: a Representation is immutable once built; the registry
// must outlive it.
#ifndef FASTSCIM_SCIM_REPRESENTATION_H_
#define FASTSCIM_SCIM_REPRESENTATION_H_

#include <set>
#include <string>
#include <string_view>

#include "json/value.h"
#include "scim/projection.h"
#include "scim/query.h"
#include "scim/repository.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

inline constexpr std::string_view kListResponseUrn = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

class Representation {
 public:
  // `base_url`: the absolute SCIM base, without a trailing '/'.
  Representation(const SchemaRegistry& registry, std::string base_url);

  // meta.location of resource `id` of `type` (RES-09; also the Location of
  // a 201, CRT-02).
  std::string location(const ResourceType& type, const std::string& id) const;

  // The full resource, before projection.
  json::Value assemble(const ResourceType& type, const StoredResource& stored) const;

  // The same, sharing the stored document's values instead of copying
  // them: for reading and writing out, or for changes that copy what they
  // change (apply_overrides).
  json::Value view(const ResourceType& type, const StoredResource& stored) const;

  // The resource as projected by `projection`; `requested` as apply() takes
  // it (projection.h), for the answer to a POST or PUT.  The result shares
  // values with `stored.document`, as apply()'s does: it is for sending.
  json::Value render(const ResourceType& type, const StoredResource& stored, const Projection& projection,
                     const std::set<std::string>* requested = nullptr) const;

  // The same with the projection prepared once for many resources.
  json::Value render(const ResourceType& type, const StoredResource& stored,
                     const PreparedProjection& projection) const;

  // The ListResponse for `page` of the search `query` (GET-03, PAG-04,
  // PAG-05): startIndex with index paging, nextCursor with cursor paging
  // when there is a next page (RFC 9865 §2), Resources always present.
  json::Value list_response(const ResourceType& type, const Page& page, const Query& query,
                            const Projection& projection) const;

 private:
  // assemble(); with `share`, the result holds the stored document's own
  // values instead of copies (for a view that is only read).
  json::Value build(const ResourceType& type, const StoredResource& stored, bool share) const;

  const SchemaRegistry& registry_;
  std::string base_url_;
};

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_REPRESENTATION_H_
