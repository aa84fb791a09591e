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
// database cannot be reached (nothing was written).
//
// Events (scim/event.h).  Each write is one transaction, and it records its
// events in the same transaction, each completed from the EventDraft the
// caller passes (the draft turns the stored record into the event's data;
// the repository adds position, id, tenant, time and version):
//   * create: `<type>.created`; for a group created with members, one
//     `group.member_added` per member after it; `user.linked` instead when
//     the tenant's link-existing policy adopts a local user (the result is
//     that user, with its id);
//   * replace: `<type>.updated` (or `.deactivated` / `.reactivated` per
//     `kind`) with the draft's changed attributes and previous values; for
//     a group whose member set changes, one member event per member added
//     or removed — then the `group.updated` is left out when `kind` is
//     kUpdated and the draft names no changed attribute;
//   * modify_members: one member event per member actually added or
//     removed (a member removed and added back in one call: none); nothing
//     when nothing changed;
//   * remove: for each group the resource was a direct member of, its
//     version advances and `group.member_removed` names the resource; then
//     `<type>.deleted`, whose data is the last record.
// Data never carries a group's members: membership travels only in member
// events, so a 100,000-member group never makes a 100,000-member event.
// Each write that changes whether a user takes a seat (its `active` is not
// false) updates the tenant's seat count in the same transaction.
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

// Group membership changes in combined form (what a PATCH's member
// operations add up to, patch.h; a PUT's new member list is remove_all plus
// `add`).  Applying them as
//   1. remove_all: delete every member;  2. delete each id in `remove`;
//   3. add each entry of `add` (an existing member is kept, not duplicated)
// gives the same result as applying the request's operations one by one:
// `add` and `remove` never share an id, each id appears at most once in
// either list, and both keep the order of first mention.
struct MemberChanges {
  std::vector<Member> add;
  std::vector<std::string> remove;
  bool remove_all = false;

  bool empty() const { return add.empty() && remove.empty() && !remove_all; }
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
  // The store's own key for the resource, which a write of what was read
  // hands back (Repository::replace); opaque here, 0 when there is none.
  long long row = 0;
};

struct Page {
  std::vector<StoredResource> resources;
  long long total_results = 0;
  std::optional<std::string> next_cursor;  // cursor paging: absent on the last page
};

// What a change means for the event feed (scim/event.h names the events).
// kLinked: a provider's create adopted a user the product imported
// (the link-existing policy, doc/policies.md).
enum class ChangeKind {
  kCreated,
  kUpdated,
  kDeactivated,
  kReactivated,
  kDeleted,
  kMemberAdded,
  kMemberRemoved,
  kLinked,
};

struct EventDraft;

class Repository {
 public:
  virtual ~Repository() = default;

  // Stores a new resource.  The repository assigns the id (a UUID), the
  // timestamps and version 1.  For groups, `members` are stored too (each
  // must exist in the tenant: 400 invalid_value naming the missing ids).
  virtual Result<StoredResource> create(long long tenant_id, const std::string& resource_type,
                                        const json::Value& document, const std::vector<Member>& members,
                                        const EventDraft& draft) = 0;

  // The resource, or 404.  `load_memberships` false skips the membership
  // table: neither a group's members nor a user's groups (User.groups) are
  // read, as a write that reads first and then writes needs neither.
  virtual Result<StoredResource> get(long long tenant_id, const std::string& resource_type, const std::string& id,
                                     bool load_memberships) = 0;

  // Replaces the document of `current`, the resource as get() read it,
  // and, for groups, when `members` is given, applies those membership
  // changes in the same transaction (each added member must exist in the
  // tenant: 400 invalid_value naming the missing ids).  The write applies
  // only while the resource is still at current.version: otherwise 412
  // (kVersionConflict, a lost race) or 404 when it is gone.  Only the
  // membership rows that change are written: remove_all with a new list (a
  // PUT) removes the members not in it and adds those not yet in the
  // group, so a 100,000-member group whose list stays the same costs no
  // membership write.  Returns the stored result with its new version
  // (members not loaded).
  virtual Result<StoredResource> replace(long long tenant_id, const StoredResource& current,
                                         const json::Value& document, const std::optional<MemberChanges>& members,
                                         ChangeKind kind, const EventDraft& draft) = 0;

  // Group membership changes touching only the rows named (a group of
  // 100,000 members costs the same as one of 2).  Adding an existing member
  // or removing an absent one is a no-op.  The group's version advances
  // when anything changed.
  virtual Result<StoredResource> modify_members(long long tenant_id, const std::string& group_id,
                                                const std::vector<Member>& add, const std::vector<std::string>& remove,
                                                bool remove_all, std::optional<long long> expected_version,
                                                const EventDraft& draft) = 0;

  // Deletes the resource and its memberships; 404 if absent.
  virtual Result<void> remove(long long tenant_id, const std::string& resource_type, const std::string& id,
                              std::optional<long long> expected_version, const EventDraft& draft) = 0;

  // The page of resources of `resource_type` matching `query`.  Filters are
  // evaluated by the store (never by loading rows into memory); members are
  // loaded within Query::max_members.  Cursors are opaque: they reveal
  // nothing beyond the page they continue, and only the tenant and
  // resource type they were issued for can use them.
  // 400 invalid_filter for a filter the store cannot evaluate; 400
  // invalid_cursor for a cursor it did not issue (changed, made up, or
  // issued to another tenant or for another resource type).
  virtual Result<Page> search(long long tenant_id, const std::string& resource_type, const Query& query) = 0;
};

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_REPOSITORY_H_
