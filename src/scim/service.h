// scim::Service — the SCIM operations on resources (RFC 7644 §3.3–§3.6):
// create, get, replace, patch, remove, list and search, for any resource
// type of the registry (User and Group), one tenant per call.
//
// It is written against repository.h only: the service validates and
// normalises bodies (validator.h), applies PATCH (patch.h), turns query
// parameters into a Query, hashes passwords, and assembles the resource a
// client sees from what the repository stored (id, schemas, attributes,
// meta, Group members, User groups) before projecting it
// (attributes/excludedAttributes, projection.h).  HTTP stays outside: every
// operation returns an Outcome (status, body, ETag, Location) or a
// scim::Error, and http/ turns both into responses.
//
// Decisions (each written where it is implemented, summarised here):
//   * PATCH answers 204 No Content with the new ETag, unless the request
//     names `attributes` or `excludedAttributes`: then 200 with the
//     resource so projected (PAT-11).  Entra asks groups to answer 204 and
//     Microsoft's conformance tests expect 204 for every PATCH they check;
//     no group response serialises 100,000 members unasked.
//   * PUT replaces every readWrite attribute: an omitted one is cleared
//     (PUT-04), immutable ones that hold a value keep it (validator.h), and
//     a Group's members become exactly the list sent (none when omitted).
//     `password` is the exception: it is writeOnly and never returned, so a
//     client cannot echo it back; omitted, the stored hash is kept;
//     `"password": null` clears it.
//   * Optimistic concurrency: every document write carries the version the
//     service read.  When that write fails with 412 because someone else
//     wrote in between, the whole operation (read, validate or patch,
//     write) is retried, up to ServiceConfig::max_write_attempts times, so
//     concurrent PATCHes never lose a change; then 409.  Only a client
//     If-Match (other than `*`) that no longer matches yields 412.
//     Membership-only PATCHes of a group go to modify_members without a
//     version (unless the client sent If-Match): adding or removing named
//     members commutes, so 32 concurrent additions all land without retries.
//   * A PATCH that changes both a group's document and its members loads
//     the member list once and writes both in one replace(), so the request
//     stays atomic (PAT-07).  Membership-only and document-only PATCHes touch
//     only what they change.
//   * If-Match / If-None-Match compare with the weak function (VER-08):
//     W/"3" matches "3"; `*` matches any existing resource; a list of tags
//     matches when one does.
//   * Paging: index paging by default (CUR-10); `count` above
//     max_page_size is reduced to it (PAG-03), below 0 read as 0 (PAG-02);
//     with `cursor` (RFC 9865) a count above max_page_size is 400
//     invalidCount (CUR-06); startIndex and cursor together are 400.
//   * Filters are resolved against the schemas before they reach the
//     repository: unknown attributes, value filters on simple attributes,
//     gt/ge/lt/le on boolean or binary attributes (FLT-07) and attributes
//     that are never returned (password) are 400 invalidFilter naming the
//     attribute.  Paths are rewritten in schema spelling, and a comparison
//     on a complex attribute with a `value` sub-attribute compares that
//     sub-attribute (`emails co "x"`, FLT-10).
//
// Thread-safety: a Service belongs to one thread, like the Repository it
// uses.  The registry must outlive it and stay unchanged.
#ifndef FASTSCIM_SCIM_SERVICE_H_
#define FASTSCIM_SCIM_SERVICE_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json/value.h"
#include "scim/error.h"
#include "scim/filter.h"
#include "scim/projection.h"
#include "scim/query.h"
#include "scim/repository.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"
#include "scim/validator.h"

namespace fastscim::scim {

inline constexpr std::string_view kListResponseUrn = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
inline constexpr std::string_view kSearchRequestUrn = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

// Turns a cleartext password into the self-describing salted hash that is
// stored (app passes auth::hash_password; scim never links OpenSSL).
using PasswordHasher = std::function<std::string(std::string_view password)>;

// Decoded query parameters in request order; names match ignoring case.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct ServiceConfig {
  // The absolute URL of the SCIM base, without a trailing '/', e.g.
  // "https://scim.example.com/scim/v2"; meta.location and $ref values start
  // with it.  A Context may override it per request.
  std::string base_url;
  // Index and cursor paging: the page size when `count` is absent, and the
  // largest page served (advertised as filter.maxResults).
  long long default_page_size = 100;
  long long max_page_size = 1000;
  // Required before any password can be written: without it a body that
  // sets a password fails with 500 rather than store cleartext.
  PasswordHasher hash_password;
  // What the validator and the PATCH engine do with unknown attributes and
  // with data of undeclared extensions (validator.h).
  UnknownAttributePolicy unknown_attributes = UnknownAttributePolicy::kIgnore;
  UnknownAttributePolicy unknown_extensions = UnknownAttributePolicy::kReject;
  // How many times a write that lost a race with a concurrent writer is
  // tried in all (read, apply, write) before answering 409.
  int max_write_attempts = 5;
};

// Who is calling: the tenant every repository call is confined to, and the
// base URL this request was addressed to ("" = ServiceConfig::base_url).
struct Context {
  long long tenant_id = 0;
  std::string base_url;
};

// The conditional request headers (RFC 7232), as received; "" = absent.
struct Preconditions {
  std::string if_match;
  std::string if_none_match;
};

// What an operation produced, for http/ to send.
struct Outcome {
  int status = 200;
  json::Value body;      // absent: no body (204, 304)
  std::string etag;      // the ETag header, e.g. W/"3"; "" = none
  std::string location;  // the Location header (201 Created); "" = none
};

class Service {
 public:
  // Requires: `repository` and `registry` outlive the Service.
  Service(Repository& repository, const SchemaRegistry& registry, ServiceConfig config);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // The resource type served at `endpoint` ("Users" or "/Users", any
  // case), or nullptr.
  const ResourceType* find_resource_type(std::string_view endpoint) const;
  const ServiceConfig& config() const { return config_; }
  const SchemaRegistry& registry() const { return registry_; }

  // POST /{endpoint} (RFC 7644 §3.3).  201 with the stored resource
  // (projected by `attributes`/`excludedAttributes` in `params`, PRJ-01),
  // Location = meta.location (CRT-02) and ETag.  Errors: 400 from the
  // validator (invalidSyntax, invalidValue) or for bad projection
  // parameters; 409 uniqueness; 503 from the repository.
  Result<Outcome> create(const Context& context, const ResourceType& type, const json::Value& body,
                         const QueryParams& params);

  // GET /{endpoint}/{id} (§3.4.1).  200 with the projected resource and
  // ETag; 304 without body when If-None-Match matches (VER-05); 412 when an
  // If-Match does not; 404 for an id unknown in this tenant.
  // excludedAttributes=members (or attributes not naming members) never
  // loads a group's members (PRJ-08).
  Result<Outcome> get(const Context& context, const ResourceType& type, const std::string& id,
                      const QueryParams& params, const Preconditions& preconditions);

  // PUT /{endpoint}/{id} (§3.5.1).  200 with the projected resource and
  // the new ETag.  400 (validator; mutability for a changed immutable
  // value), 404, 409 uniqueness, 412 If-Match mismatch (VER-06).
  Result<Outcome> replace(const Context& context, const ResourceType& type, const std::string& id,
                          const json::Value& body, const QueryParams& params, const Preconditions& preconditions);

  // PATCH /{endpoint}/{id} (§3.5.2).  204 with the ETag, or 200 with the
  // projected resource when `attributes`/`excludedAttributes` is given
  // (PAT-11).  A PATCH that changes nothing writes nothing (PAT-15).
  // Errors: those of apply_patch (patch.h), 404, 409, 412.
  Result<Outcome> patch(const Context& context, const ResourceType& type, const std::string& id,
                        const json::Value& body, const QueryParams& params, const Preconditions& preconditions);

  // DELETE /{endpoint}/{id} (§3.6).  204 without body (DEL-01); 404; 412
  // when If-Match does not match (DEL-05).
  Result<Outcome> remove(const Context& context, const ResourceType& type, const std::string& id,
                         const Preconditions& preconditions);

  // GET /{endpoint} with filter, sortBy, sortOrder, startIndex, count,
  // cursor, attributes, excludedAttributes (§3.4.2).  200 with a
  // ListResponse: schemas, totalResults, itemsPerPage, startIndex (index
  // paging) or nextCursor (cursor paging, absent on the last page),
  // Resources (always present, [] when empty).  400 invalidFilter,
  // invalidValue (bad number, sortBy, sortOrder), invalidCursor,
  // invalidCount.  Unknown parameters are ignored (GEN-08).
  Result<Outcome> list(const Context& context, const ResourceType& type, const QueryParams& params);

  // POST /{endpoint}/.search with a SearchRequest body (§3.4.3): the same
  // answer as list() (SRCH-04).  400 invalidSyntax when the body is not an
  // object or its "schemas" lacks the SearchRequest URN (SRCH-02), 400
  // invalidValue for a member of the wrong type.
  Result<Outcome> search(const Context& context, const ResourceType& type, const json::Value& body);

 private:
  struct SearchRequest;

  const Validator& validator(const ResourceType& type);
  std::string base_url(const Context& context) const;
  std::string location(const Context& context, const ResourceType& type, const std::string& id) const;
  bool has_members(const ResourceType& type) const;
  Result<Outcome> run_search(const Context& context, const ResourceType& type, const SearchRequest& request);
  Result<Query> build_query(const ResourceType& type, const SearchRequest& request) const;
  json::Value assemble(const Context& context, const ResourceType& type, const StoredResource& stored) const;
  json::Value render(const Context& context, const ResourceType& type, const StoredResource& stored,
                     const Projection& projection, const std::set<std::string>* requested = nullptr) const;
  Result<StoredResource> with_members_if_needed(const Context& context, const ResourceType& type,
                                                StoredResource stored, const Projection& projection);
  Result<void> hash_password(json::Value* document, const json::Value& previous, bool keep_previous) const;

  Repository& repository_;
  const SchemaRegistry& registry_;
  ServiceConfig config_;
  std::map<const ResourceType*, std::unique_ptr<Validator>> validators_;
};

// A weak ETag for `version`: W/"<version>" (RES-10, VER-03).
std::string etag_for_version(long long version);

// Whether the If-Match / If-None-Match header value `header` matches the
// entity tag `etag`, comparing weakly (RFC 7232 §2.3.2, VER-08): "*"
// matches anything, and a comma-separated list matches when any member
// does.  An empty header matches nothing.
bool etag_matches(std::string_view header, std::string_view etag);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_SERVICE_H_
