#include <algorithm>
#include <utility>
#include <vector>

#include "scim/patch_internal.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim::patch_internal {

namespace {

// The member ids a filter selects: `value eq "id"`, or several of them
// joined with `or`; nullopt for any other filter.
std::optional<std::vector<std::string>> member_ids(const Filter& filter) {
  std::vector<std::string> ids;
  auto take = [&](const Filter& f) {
    const Comparison* c = f.get_if<Comparison>();
    if (c == nullptr || c->op != CompareOp::kEq || !c->value.is_string() || c->path.has_urn() ||
        c->path.has_sub_attribute() || !util::iequals(c->path.attribute, "value")) {
      return false;
    }
    ids.push_back(c->value.text());
    return true;
  };
  if (const Or* o = filter.get_if<Or>()) {
    for (const auto& f : o->operands) {
      if (!take(f)) return std::nullopt;
    }
    return ids;
  }
  if (!take(filter)) return std::nullopt;
  return ids;
}

}  // namespace

void Engine::add_member(Member member) {
  if (auto it = removed_at_.find(member.value); it != removed_at_.end()) {
    removed_[it->second].clear();
    removed_at_.erase(it);
  }
  if (added_at_.count(member.value) > 0) return;
  added_at_.emplace(member.value, added_.size());
  added_.push_back(std::move(member));
}

void Engine::remove_member(const std::string& id) {
  if (auto it = added_at_.find(id); it != added_at_.end()) {
    added_[it->second].value.clear();
    added_at_.erase(it);
  }
  if (remove_all_ || removed_at_.count(id) > 0) return;
  removed_at_.emplace(id, removed_.size());
  removed_.push_back(id);
}

void Engine::remove_all_members() {
  remove_all_ = true;
  added_.clear();
  added_at_.clear();
  removed_.clear();
  removed_at_.clear();
}

MemberChanges Engine::take_members() {
  MemberChanges changes;
  changes.remove_all = remove_all_;
  for (Member& m : added_) {
    if (!m.value.empty()) changes.add.push_back(std::move(m));
  }
  for (std::string& id : removed_) {
    if (!id.empty()) changes.remove.push_back(std::move(id));
  }
  return changes;
}

Result<void> Engine::count_members(size_t named) {
  members_named_ += named;
  if (options_.max_members > 0 && members_named_ > options_.max_members) {
    return fail(Error::too_many("The request names more than " + std::to_string(options_.max_members) +
                                " members; send them in several PATCH requests."));
  }
  return {};
}

Result<void> Engine::apply_members(Op op, const Target& t, const json::Value& value) {
  const AttributeDefinition& def = *t.attr;
  if (t.sub != nullptr) {
    return fail(
        Error::mutability("the sub-attributes of members are immutable; add or remove whole members "
                          "instead"));
  }
  if (t.filter) {
    if (op != Op::kRemove) {
      return fail(
          Error::invalid_path("a value filter on members can only be used with remove; add members "
                              "with path \"members\" and a value list"));
    }
    auto ids = member_ids(*t.filter);
    if (!ids) {
      return fail(
          Error::invalid_filter("members can only be selected by id, as in members[value eq "
                                "\"2819c223\"] (several joined with or), not by " +
                                quoted(to_string(*t.filter))));
    }
    if (auto counted = count_members(ids->size()); !counted) return counted;
    for (const auto& id : *ids) remove_member(id);
    return {};
  }

  if (op == Op::kRemove && (!value || value.is_null())) {  // the RFC's "remove all"
    remove_all_members();
    return {};
  }
  std::vector<Member> listed;
  if (!value.is_null()) {
    std::vector<json::Value> items;
    if (value.is_array()) {
      for (size_t i = 0; i < value.size(); ++i) items.push_back(value.at(i));
    } else {
      items.push_back(value);
    }
    if (auto counted = count_members(items.size()); !counted) return counted;
    for (size_t i = 0; i < items.size(); ++i) {
      std::string item_path = value.is_array() ? t.text + "[" + std::to_string(i) + "]" : t.text;
      if (items[i].is_null()) continue;
      auto normalized = normalize(def, items[i], item_path, true);  // a bare id becomes {"value": id}
      if (!normalized) return fail(normalized.error());
      auto id = normalized->get("value").as_string();
      if (!id || id->empty()) {
        return fail(Error::invalid_value(item_path + ": a member needs a \"value\" holding the member's id"));
      }
      Member member;
      member.value = std::string(*id);
      member.type = std::string(normalized->get("type").as_string().value_or(""));
      member.display = std::string(normalized->get("display").as_string().value_or(""));
      listed.push_back(std::move(member));
    }
  }
  switch (op) {
    case Op::kAdd:
      for (auto& m : listed) add_member(std::move(m));
      break;
    case Op::kRemove:  // PAT-26: only the members listed
      for (const auto& m : listed) remove_member(m.value);
      break;
    case Op::kReplace:  // PAT-21: the whole set
      remove_all_members();
      for (auto& m : listed) add_member(std::move(m));
      break;
  }
  return {};
}

}  // namespace fastscim::scim::patch_internal
