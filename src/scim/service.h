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
// operation returns an Outcome (what happened, body, version, location;
// outcome.h) or a scim::Error, and http/ turns both into responses.
//
// The service's helpers each have their own file: query_params.h and
// search_request.h read what a request asks for, representation.h builds
// what a client sees, preconditions.h holds optimistic concurrency,
// active_change.h decides the event a write records, and event.h is the
// draft each write hands the repository: the event's data is the resource
// as a client would read it (without a group's members), and an update
// names the attributes it changes with their previous values.
//
// Decisions (each written where it is implemented, summarised here):
//   * PATCH answers no content with the new version, unless the request
//     names `attributes` or `excludedAttributes`: then ok with the
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
//     service read.  When that write fails with a version conflict because
//     someone else wrote in between, the whole operation (read, validate or
//     patch, write) is retried, up to ServiceConfig::max_write_attempts
//     times, so concurrent PATCHes never lose a change; then kConflict.
//     Only a client If-Match (other than `*`) that no longer matches is a
//     kVersionConflict for the client.
//     Membership-only PATCHes of a group go to modify_members without a
//     version (unless the client sent If-Match): adding or removing named
//     members commutes, so 32 concurrent additions all land without retries.
//   * A PATCH that changes both a group's document and its members writes
//     both in one replace(), so the request stays atomic (PAT-07); like
//     membership-only and document-only PATCHes it touches only the
//     membership rows it changes, whatever the group's size.
//   * Bounds (issue 12): more than max_patch_operations operations or
//     max_members_per_request members in one request is 400 tooMany; a
//     list page carries at most max_members_per_page members (Query).
//   * If-Match / If-None-Match arrive parsed (preconditions.h) and compare
//     weakly (VER-08): W/"3" matches "3"; `*` matches any existing
//     resource; a list of tags matches when one does.
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
#include "scim/dialect.h"
#include "scim/error.h"
#include "scim/event.h"
#include "scim/filter.h"
#include "scim/outcome.h"
#include "scim/preconditions.h"
#include "scim/projection.h"
#include "scim/query.h"
#include "scim/query_params.h"
#include "scim/repository.h"
#include "scim/representation.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"
#include "scim/search_request.h"
#include "scim/templates.h"
#include "scim/validator.h"

namespace fastscim::scim {

// Turns a cleartext password into the self-describing salted hash that is
// stored (app passes auth::hash_password; scim never links OpenSSL).
using PasswordHasher = std::function<std::string(std::string_view password)>;

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
  // sets a password fails with kInternal rather than store cleartext.
  PasswordHasher hash_password;
  // What the validator and the PATCH engine do with unknown attributes and
  // with data of undeclared extensions (validator.h).
  UnknownAttributePolicy unknown_attributes = UnknownAttributePolicy::kIgnore;
  UnknownAttributePolicy unknown_extensions = UnknownAttributePolicy::kReject;
  // How many times a write that lost a race with a concurrent writer is
  // tried in all (read, apply, write) before failing with kConflict.
  int max_write_attempts = 5;  // Bounds on one request (400 tooMany beyond them; 0 = none): the
  // operations of a PATCH, and the members one POST, PUT or PATCH names.
  size_t max_patch_operations = 1000;
  size_t max_members_per_request = 10000;
  // The most group members one list page carries, all its groups together
  // (Query::max_members; 0 = no limit): a list of big groups is cut short
  // or lists a group too big for any page without its members.
  long long max_members_per_page = 10000;
  // How strictly filters and `attributes` are read (dialect.h; a tenant
  // setting).
  Dialect dialect = Dialect::kStrict;
};

// Who is calling: the tenant every repository call is confined to, and the
// base URL this request was addressed to ("" = ServiceConfig::base_url).
struct Context {
  long long tenant_id = 0;
  std::string base_url;
  // Where a successful write records its provisioning-log entry (nullptr:
  // it records none); see WriteLog.
  WriteLog* log = nullptr;
  // The product's own import (POST /manage/v1/tenants/{t}/users,
  // fastscim-admin user import): a create stores a locally owned user
  // that a provider's create may later adopt (doc/policies.md).
  bool local_owner = false;
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
  // The tenant's creation templates for Users, in order (templates.h):
  // create() gives a new user the values of the first that matches.
  void set_templates(std::vector<Template> templates) { templates_ = std::move(templates); }
  const SchemaRegistry& registry() const { return registry_; }

  // POST /{endpoint} (RFC 7644 §3.3).  kCreated with the stored resource
  // (projected by `attributes`/`excludedAttributes` in `params`, PRJ-01),
  // its location = meta.location (CRT-02) and version.  Errors: kInvalid
  // from the validator (invalidSyntax, invalidValue) or for bad projection
  // parameters; kUniqueness; kUnavailable from the repository.
  Result<Outcome> create(const Context& context, const ResourceType& type, const json::Value& body,
                         const QueryParams& params);

  // GET /{endpoint}/{id} (§3.4.1).  kOk with the projected resource and
  // version; kNotModified without body when If-None-Match matches (VER-05);
  // kVersionConflict when an If-Match does not; kNotFound for an id
  // unknown in this tenant.
  // excludedAttributes=members (or attributes not naming members) never
  // loads a group's members (PRJ-08).
  Result<Outcome> get(const Context& context, const ResourceType& type, const std::string& id,
                      const QueryParams& params, const Preconditions& preconditions);

  // PUT /{endpoint}/{id} (§3.5.1).  kOk with the projected resource and
  // the new version.  kInvalid (validator; mutability for a changed
  // immutable value), kNotFound, kUniqueness, kConflict after repeated lost
  // races, kVersionConflict for an If-Match mismatch (VER-06).
  Result<Outcome> replace(const Context& context, const ResourceType& type, const std::string& id,
                          const json::Value& body, const QueryParams& params, const Preconditions& preconditions);

  // PATCH /{endpoint}/{id} (§3.5.2).  kNoContent with the version, or kOk
  // with the projected resource when `attributes`/`excludedAttributes` is
  // given (PAT-11).  A PATCH that changes nothing writes nothing (PAT-15).
  // Errors: those of apply_patch (patch.h), kNotFound, kUniqueness,
  // kConflict, kVersionConflict.
  Result<Outcome> patch(const Context& context, const ResourceType& type, const std::string& id,
                        const json::Value& body, const QueryParams& params, const Preconditions& preconditions);

  // DELETE /{endpoint}/{id} (§3.6).  kNoContent (DEL-01); kNotFound;
  // kVersionConflict when If-Match does not match (DEL-05).
  Result<Outcome> remove(const Context& context, const ResourceType& type, const std::string& id,
                         const Preconditions& preconditions);

  // GET /{endpoint} with filter, sortBy, sortOrder, startIndex, count,
  // cursor, attributes, excludedAttributes (§3.4.2).  kOk with a
  // ListResponse (representation.h): schemas, totalResults, itemsPerPage,
  // startIndex (index paging) or nextCursor (cursor paging, absent on the
  // last page), Resources (always present, [] when empty).  kInvalid with
  // invalidFilter, invalidValue (bad number, sortBy, sortOrder),
  // invalidCursor, invalidCount.  Unknown parameters are ignored (GEN-08).
  Result<Outcome> list(const Context& context, const ResourceType& type, const QueryParams& params);

  // POST /{endpoint}/.search with a SearchRequest body (§3.4.3): the same
  // answer as list() (SRCH-04).  invalidSyntax when the body is not an
  // object or its "schemas" lacks the SearchRequest URN (SRCH-02),
  // invalidValue for a member of the wrong type (search_request.h).
  Result<Outcome> search(const Context& context, const ResourceType& type, const json::Value& body);

  // POST /.search at the root (§3.4.3, §3.4.2.1; root_search.cc): one
  // query over every resource type of the registry, listed type after type
  // in the registry's order (Users, then Groups), each type sorted by
  // sortBy when it has that attribute (else in creation order); paging
  // counts across the boundary and totalResults is the sum.  Each resource
  // carries its own schemas and meta.resourceType.  The filter applies per
  // type, an attribute a type lacks being unassigned there (FLT-16,
  // filter_scope.h).  Errors as search(); a sortBy no type has is
  // invalidValue; cursor paging is not offered at the root (invalidValue).
  Result<Outcome> search_root(const Context& context, const json::Value& body);

 private:
  const Validator& validator(const ResourceType& type);
  std::string base_url(const Context& context) const;
  Representation representation(const Context& context) const;
  bool has_members(const ResourceType& type) const;
  // What each write tells the repository for its events (event.h).
  // The draft of a write whose success is answered with `outcome`.
  EventDraft draft(const Context& context, const ResourceType& type, OutcomeKind outcome) const;
  EventDraft update_draft(const Context& context, const ResourceType& type, OutcomeKind outcome,
                          const json::Value& before, const json::Value& after) const;
  Result<Outcome> run_search(const Context& context, const ResourceType& type, const SearchRequest& request);
  // `scoped`, when given, is the filter to use instead of parsing request.filter.
  Result<Query> build_query(const ResourceType& type, const SearchRequest& request,
                            const Filter* scoped = nullptr) const;
  Result<StoredResource> with_members_if_needed(const Context& context, const ResourceType& type, StoredResource stored,
                                                const Projection& projection);
  // Whether an answer in `projection` shows what the membership table holds:
  // a group's members, a user's groups (Repository::get's load_memberships).
  bool shows_memberships(const ResourceType& type, const Projection& projection) const;
  Result<void> hash_password(json::Value* document, const json::Value& previous, bool keep_previous) const;
  // 400 tooMany when `count` members are more than one request may name.
  Result<void> check_member_count(size_t count) const;

  Repository& repository_;
  const SchemaRegistry& registry_;
  ServiceConfig config_;
  std::map<const ResourceType*, std::unique_ptr<Validator>> validators_;
  std::vector<Template> templates_;
};

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_SERVICE_H_
