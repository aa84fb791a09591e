#include "scim/active_change.h"

#include <optional>

namespace fastscim::scim {

ActiveChange active_change(const json::Value& before, const json::Value& after) {
  std::optional<bool> was = before.get_ci("active").as_bool();
  std::optional<bool> now = after.get_ci("active").as_bool();
  if (now == false && was != false) return ActiveChange::kDeactivated;
  if (now == true && was == false) return ActiveChange::kReactivated;
  return ActiveChange::kNone;
}

ChangeKind change_kind(ActiveChange change) {
  switch (change) {
    case ActiveChange::kDeactivated: return ChangeKind::kDeactivated;
    case ActiveChange::kReactivated: return ChangeKind::kReactivated;
    case ActiveChange::kNone: break;
  }
  return ChangeKind::kUpdated;
}

}  // namespace fastscim::scim
