// The PATCH engine's internals, shared by the files that implement
// scim::apply_patch (scim/patch.h has the contract).  Not for use outside
// src/scim/patch*.cc.
//
// One Engine applies the operations of one request, in order, to its own
// working copy of the document.  Its work is split by job:
//   patch_operation.cc  an operation's op, path and value; the path-less
//                       and extension-object shapes identity providers send
//   patch_target.cc     resolving a path to a Target (attribute, sub-
//                       attribute, value filter)
//   patch_document.cc   reading and writing the working document: schema
//                       spelling, extension objects and "schemas", value
//                       normalisation, immutable and primary rules
//   patch_attribute.cc  add/replace/remove of a whole attribute or of a
//                       sub-attribute, and the mutability checks around
//                       every target
//   patch_filtered.cc   attr[filter] and attr[filter].sub, and remove with
//                       a value list
//   patch_members.cc    Group members, collected as MemberChanges
//
// Thread-safety: an Engine is used by one thread for one request.
#ifndef FASTSCIM_SCIM_PATCH_INTERNAL_H_
#define FASTSCIM_SCIM_PATCH_INTERNAL_H_

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "json/value.h"
#include "scim/attribute_path.h"
#include "scim/error.h"
#include "scim/filter.h"
#include "scim/filter_parser.h"
#include "scim/patch.h"
#include "scim/resource_type.h"
#include "scim/schema.h"
#include "scim/schema_registry.h"
#include "scim/validator.h"

namespace fastscim::scim::patch_internal {

enum class Op { kAdd, kRemove, kReplace };

// "add", "remove" or "replace", as error details spell the op.
std::string_view op_name(Op op);

// True for a missing value, null, [] and {} (RFC 7643 §2.5).
bool is_unassigned(const json::Value& v);

bool is_empty_string(const json::Value& v);

// The same error with `context` in front of its detail.
Error with_context(const Error& e, const std::string& context);

// An error of one key of a path-less value: with the key in front, except
// for invalidValue and mutability, whose details name the attribute already.
Error in_key(const Error& e, std::string_view key);

// Object keys are matched ignoring case (ATT-01) but written in schema
// spelling, so a stored document never holds two spellings of one name.
// erase_ci removes every spelling of `name`; put_ci replaces them all with
// `name` itself.
void erase_ci(json::Value& object, std::string_view name);
void put_ci(json::Value& object, std::string_view name, json::Value value);

// The single-valued view of a multi-valued attribute, so that
// values_equal() compares one element with another.
AttributeDefinition element_definition(const AttributeDefinition& def);

// What an operation (or one key of a path-less value) addresses.
struct Target {
  const Schema* schema = nullptr;  // nullptr for the common attributes
  bool in_extension = false;
  const AttributeDefinition* attr = nullptr;
  const AttributeDefinition* sub = nullptr;  // after '.' or after "]."
  std::optional<Filter> filter;
  AttributePath canonical;  // attr only, URN kept for extensions
  std::string text;         // as written, for messages
};

class Engine {
 public:
  // Requires: `type` is registered in `registry` and has a base schema.
  // `type`, `registry` and `options` must outlive the Engine.
  Engine(const ResourceType& type, const SchemaRegistry& registry, const PatchOptions& options, json::Value doc);

  // Applies Operations[`index`]; on error the working document may be
  // half-changed and must be dropped.
  Result<void> apply(const json::Value& operation, size_t index);

  json::Value& document() { return doc_; }
  // The membership operations applied so far, in combined form (patch.h);
  // call once, at the end.
  MemberChanges take_members();

 private:
  // patch_operation.cc
  Result<void> apply_pathless(Op op, const json::Value& value);
  Result<void> apply_schema_object(Op op, const Schema& schema, const json::Value& object);
  Result<void> clear_extension(const Schema& schema);
  Result<void> unknown_key(std::string detail);

  // patch_target.cc
  Result<Target> resolve(const PatchPath& path, std::string_view text) const;
  bool is_members(const Target& t) const;

  // patch_attribute.cc
  Result<void> apply_target(Op op, const Target& t, const json::Value& value, bool explicit_path);
  Result<void> apply_whole(Op op, const Target& t, const json::Value& value);
  Result<void> apply_sub(Op op, const Target& t, const json::Value& value);

  // patch_filtered.cc
  Result<void> apply_filtered(Op op, const Target& t, const json::Value& value);
  Result<void> remove_listed(const Target& t, const json::Value& value);

  // patch_members.cc
  Result<void> apply_members(Op op, const Target& t, const json::Value& value);
  void add_member(Member member);
  void remove_member(const std::string& id);
  void remove_all_members();
  // Counts `named` more member values; tooMany past PatchOptions::max_members.
  Result<void> count_members(size_t named);

  // patch_document.cc
  json::Value container(const Target& t, bool create);
  json::Value current(const Target& t) { return container(t, false).get_ci(t.attr->name); }
  void store(const Target& t, json::Value value);
  Result<void> sync_extension(const Schema& schema, bool had_data);
  bool extension_has_data(const Schema& schema) const;
  Result<json::Value> normalize(const AttributeDefinition& def, const json::Value& value, const std::string& path,
                                bool single) const;
  Result<void> check_element_update(const AttributeDefinition& def, const json::Value& before,
                                    const json::Value& after) const;
  Result<void> settle_primary(const AttributeDefinition& def, json::Value& array, const std::set<size_t>& touched,
                              const std::string& path) const;

  const ResourceType& type_;
  const SchemaRegistry& registry_;
  const PatchOptions& options_;
  ValueOptions value_options_;
  const Schema* base_ = nullptr;
  json::Value doc_;
  // Membership operations, combined as they come.  Ids are indexed so that
  // a request naming n members costs O(n), not O(n^2); an entry cancelled
  // by a later operation is cleared (its id "") and dropped by take_members.
  std::vector<Member> added_;
  std::unordered_map<std::string, size_t> added_at_;
  std::vector<std::string> removed_;
  std::unordered_map<std::string, size_t> removed_at_;
  bool remove_all_ = false;
  size_t members_named_ = 0;  // member values named so far (PatchOptions::max_members)
};

}  // namespace fastscim::scim::patch_internal

#endif  // FASTSCIM_SCIM_PATCH_INTERNAL_H_
