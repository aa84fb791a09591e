// scim::Override — one value the product set for an attribute path of a
// user (overrides.h says what overrides are and how they apply).
//
// Thread-safety: plain values.
#ifndef FASTSCIM_SCIM_OVERRIDE_H_
#define FASTSCIM_SCIM_OVERRIDE_H_

#include <string>
#include <vector>

#include "json/value.h"

namespace fastscim::scim {

struct Override {
  std::string path;  // canonical (overrides.h override_path())
  json::Value value;
  // "admin" (set through the management API) or "template:NAME" (a
  // creation template, templates.h).
  std::string source;
};
using Overrides = std::vector<Override>;

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_OVERRIDE_H_
