// scim::apply_patch — the one PATCH engine (RFC 7644 §3.5.2).
//
// apply_patch() takes a stored resource document and a PatchOp request body
// and returns the new document, or the one Error of the first operation that
// failed.  It is pure: no storage, no HTTP, no shared state.  Operations are
// applied in order, each on the result of the one before (PAT-06), to a deep
// copy of the document; on any error the copy is dropped, so nothing is ever
// half-applied (PAT-07).
//
// The document is the normalised resource as the Validator produces it:
// "schemas", "externalId" and the attributes in schema spelling, extension
// data in the object keyed by the extension URN, no "id" or "meta".  Group
// "members" are not part of it: a group may have 100,000 of them and they
// live in their own table, so membership operations are reported as
// MemberChanges for the repository to apply (Repository::modify_members).
//
// What is accepted, beyond the RFC's letter, because identity providers
// send it (checklist PAT-26, entra-provisioning.md §6):
//   * "op" in any case ("Add", "Replace", "Remove");
//   * unknown members of the body or of an operation ("id", "name") are
//     ignored;
//   * path-less add/replace whose value keys are paths: dotted
//     ("name.givenName"), URN-qualified ("urn:…:enterprise:2.0:User:
//     employeeNumber"), extension-URN objects, even value paths; each key is
//     applied as its own operation, in the order written.  readOnly keys (id,
//     meta, groups, manager.displayName) are skipped there, and so is
//     "schemas", which the engine maintains; unknown keys follow the
//     UnknownAttributePolicy, as in the Validator (unknown attributes
//     ignored, undeclared extension URNs rejected by default);
//   * values are coerced and checked by the Validator's normalize_value /
//     normalize_single_value: "True"/"False" for booleans, numeric strings,
//     a bare string for a complex attribute with a "value" sub-attribute
//     (Entra's manager), a one-element array for a single-valued attribute;
//   * "" given to a single-valued attribute or sub-attribute clears it, like
//     null (Microsoft's validation suite clears with both; Entra clears a
//     manager with ""); an add of null is a no-op;
//   * add/replace on `attr[sub eq "x"].sub2` when no element matches creates
//     {"sub": "x", "sub2": value} (Entra's emails[type eq "work"].value); the
//     same for a filter that is an `and` of eq comparisons.  Two operations
//     with the same filter therefore update one element;
//   * boolean literals written as strings inside value filters
//     (roles[primary eq "True"]) are compared as booleans;
//   * members: add with a value array, one object or a bare id string;
//     remove with members[value eq "id"] (or several joined with `or`);
//     remove "members" with a value list removes only those (PAT-26), and
//     an empty list removes nothing; remove "members" without a value
//     removes all; replace "members" is remove all, then add.  A remove with
//     a value list works the same way on other multi-valued attributes (a
//     complex element matches when it equals every sub-attribute given).
//
// What is rejected (all 400):
//   invalidSyntax  the body is not an object; "schemas" lacks the PatchOp URN
//                  or "Operations" is not a non-empty array (PAT-02); an
//                  operation is not an object, has no "op", an op other than
//                  add/remove/replace (PAT-03), a non-string path, an add or
//                  replace without "value", or a path-less one whose value is
//                  not an object;
//   invalidPath    a malformed path, or one naming no attribute of the
//                  resource type (PAT-04); a value filter on a simple
//                  attribute; a value filter on members used with add or
//                  replace; an unknown key of a path-less value, or one
//                  holding data of an undeclared extension, under
//                  UnknownAttributePolicy::kReject (PatchOptions);
//   invalidFilter  a malformed filter inside [ ] (PAT-04); a filter naming
//                  an unknown sub-attribute; a members filter other than
//                  value eq "id" joined with or;
//   noTarget       remove without a path (PAT-16); add/replace with a value
//                  filter that matches nothing and cannot be created from
//                  the filter (PAT-25);
//   mutability     targeting a readOnly attribute or sub-attribute with a
//                  path (PAT-08, ATT-16); changing or clearing an immutable
//                  value that is assigned (ATT-17); leaving a required
//                  attribute or a required extension unassigned (PAT-19,
//                  ATT-14); a members sub-attribute (they are immutable);
//   tooMany        more operations, or more member values in all, than
//                  PatchOptions allows;
//   invalidValue   a value of the wrong type or format, as the Validator
//                  decides, naming the path; more than one primary=true
//                  left after an operation that did not single one out.
// Every detail starts with the operation it concerns, e.g.
//   Operations[1] (replace "emails[type eq \"work\"].value"): …
//
// Thread-safety: a pure function; the registry and resource type are only
// read.
#ifndef FASTSCIM_SCIM_PATCH_H_
#define FASTSCIM_SCIM_PATCH_H_

#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "scim/active_change.h"
#include "scim/error.h"
#include "scim/repository.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"
#include "scim/validator.h"

namespace fastscim::scim {

// The URN a PATCH body's "schemas" must contain (RFC 7644 §3.5.2).
inline constexpr std::string_view kPatchOpSchemaUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

struct PatchResult {
  // The new document: a deep copy, never shared with the input.
  json::Value document;
  // False when every operation left the document as it was (PAT-15): the
  // version must not advance for the document.  Membership changes are
  // reported separately, in `members`: whether they change anything is
  // known only to the repository.
  bool changed = false;
  ActiveChange active_change = ActiveChange::kNone;  // active_change.h
  // Groups only: membership operations, in combined form.
  MemberChanges members;
};

struct PatchOptions {
  // What to do with a key of a path-less add/replace value that names no
  // attribute, and with one that holds data for an undeclared extension
  // (validator.h tells the two apart).  Under kReject both are invalidPath.
  // An explicit "path" naming nothing is always invalidPath.
  UnknownAttributePolicy unknown_attributes = UnknownAttributePolicy::kIgnore;
  UnknownAttributePolicy unknown_extensions = UnknownAttributePolicy::kReject;
  // The most operations, and the most member values named by all member
  // operations together, one request may carry: beyond them apply_patch
  // fails with tooMany before (operations) or while (members) applying.
  // 0 = no limit.
  size_t max_operations = 0;
  size_t max_members = 0;
};

// Applies the PatchOp request `patch_body` to `document`, a stored resource
// of `type` (see the top of this file for its shape).
//
// Requires: `type` is registered in `registry`.  Neither `document` nor
// `patch_body` is modified; the result shares nothing with them.
// Returns the PatchResult, or the Error of the first failing operation
// (the kinds listed at the top of this file); nothing else is returned on
// error.
Result<PatchResult> apply_patch(const json::Value& document, const json::Value& patch_body, const ResourceType& type,
                                const SchemaRegistry& registry, const PatchOptions& options = {});

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_PATCH_H_
