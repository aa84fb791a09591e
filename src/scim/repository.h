// scim::Repository — the storage the SCIM core needs, in SCIM terms.
//
// Declared here by its consumer (scim::Service); implemented by
// store::ResourceRepository on MySQL, and in tests by an in-memory double.
// Every call is confined to one tenant: no call can see, match, count or
// collide with another tenant's resources, and the errors for "another
// tenant's id" and "no such id" are identical.
//
// Documents.  A resource is stored as its normalised JSON document (what
// the validator and PATCH engine produce: schemas, externalId, every
// attribute; never id or meta, which the repository owns, and never a
// Group's members, which live in their own table).
//
// Versions.  Every stored resource has a version that increases with each
// change; `expected_version`, when given, makes a write conditional
// (kVersionConflict, precondition_failed, when the stored version differs).
//
// Errors (by ErrorKind).  kNotFound for an unknown id; kUniqueness when a
// unique attribute (userName, Group displayName) collides within the
// tenant; kVersionConflict on a version mismatch; kUnavailable when the
// database cannot be reached (nothing was written).  Each write is one transaction, and it
// records its change event in the same transaction.
//
// Thread-safety: an instance is used by one thread at a time.
#ifndef FASTSCIM_SCIM_REPOSITORY_H_
#define FASTSCIM_SCIM_REPOSITORY_H_

#include <optional>
#include <string>
#include <vector>

#include "json/value.h"
#include "scim/error.h"
#include "scim/query.h"

namespace fastscim::scim {

// One member of a group (RFC 7643 §4.2).
struct Member {
  std::string value;  // the member's id
  std::string type;   // "User" or "Group"
  std::string display;
};

struct StoredResource {
  std::string id;
  std::string resource_type;  // "User", "Group"
  json::Value document;
  long long version = 0;
  std::string created;        // xsd:dateTime, UTC
  std::string last_modified;  // xsd:dateTime, UTC
  // Groups only, and only when loaded.
  std::optional<std::vector<Member>> members;
  // Users only: the groups the user is a direct member of (User.groups).
  std::vector<Member> groups;
};

struct Page {
  std::vector<StoredResource> resources;
  long long total_results = 0;
  std::optional<std::string> next_cursor;  // cursor paging: absent on the last page
};

// What a change means for the event outbox.
enum class ChangeKind { kCreated, kUpdated, kDeactivated, kReactivated, kDeleted };

class Repository {
 public:
  virtual ~Repository() = default;

  // Stores a new resource.  The repository assigns the id (a UUID), the
  // timestamps and version 1.  For groups, `members` are stored too (each
  // must exist in the tenant: 400 invalid_value naming the missing ids).
  virtual Result<StoredResource> create(long long tenant_id, const std::string& resource_type,
                                        const json::Value& document, const std::vector<Member>& members) = 0;

  // The resource, or 404.  `load_members` false skips the membership table.
  virtual Result<StoredResource> get(long long tenant_id, const std::string& resource_type, const std::string& id,
                                     bool load_members) = 0;

  // Replaces the document (and, for groups, when `members` is given, the
  // whole member set).  Returns the stored result with its new version.
  virtual Result<StoredResource> replace(long long tenant_id, const std::string& resource_type, const std::string& id,
                                         const json::Value& document, const std::optional<std::vector<Member>>& members,
                                         std::optional<long long> expected_version, ChangeKind kind) = 0;

  // Group membership changes touching only the rows named (a group of
  // 100,000 members costs the same as one of 2).  Adding an existing member
  // or removing an absent one is a no-op.  The group's version advances
  // when anything changed.
  virtual Result<StoredResource> modify_members(long long tenant_id, const std::string& group_id,
                                                const std::vector<Member>& add, const std::vector<std::string>& remove,
                                                bool remove_all, std::optional<long long> expected_version) = 0;

  // Deletes the resource and its memberships; 404 if absent.
  virtual Result<void> remove(long long tenant_id, const std::string& resource_type, const std::string& id,
                              std::optional<long long> expected_version) = 0;

  // The page of resources of `resource_type` matching `query`.  Filters are
  // evaluated by the store (never by loading rows into memory).
  // 400 invalid_filter for a filter the store cannot evaluate; 400
  // invalid_cursor for a cursor it did not issue.
  virtual Result<Page> search(long long tenant_id, const std::string& resource_type, const Query& query) = 0;
};

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_REPOSITORY_H_
