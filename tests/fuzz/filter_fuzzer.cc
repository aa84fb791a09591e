// libFuzzer target: the filter parser (RFC 7644 §3.4.2.2) and what a list
// request does next with a filter — resolve it against the User and Group
// schemas and evaluate it on a stored user.  Invariant: the canonical form
// of a parsed filter parses back to the same tree (convention 7).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.h"
#include "json/io.h"
#include "scim/filter.h"
#include "scim/filter_eval.h"
#include "scim/filter_parser.h"
#include "scim/filter_resolver.h"

namespace {

const fastscim::json::Value& stored_user() {
  static const fastscim::json::Value kUser = fastscim::json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "2819c223", "userName": "mira",
    "active": true, "name": {"givenName": "Mira"}, "meta": {"lastModified": "2024-05-01T10:00:00Z"},
    "emails": [{"value": "mira@acme.example", "type": "work", "primary": true}]})")
                                                 .value();
  return kUser;
}

}  // namespace

// libFuzzer calls this name.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const uint8_t* data, size_t size) {
  using namespace fastscim;  // NOLINT(google-build-using-namespace)
  auto filter = scim::parse_filter(fuzz::as_text(data, size));
  if (!filter) return 0;
  const std::string canonical = scim::to_string(*filter);
  auto again = scim::parse_filter(canonical);
  fuzz::check(again.has_value(), "the canonical form of a filter parses");
  fuzz::check(again.has_value() && *again == *filter, "the canonical form parses back to the same filter");
  fuzz::check(again.has_value() && scim::to_string(*again) == canonical, "the canonical form is a fixed point");
  (void)scim::matches(*filter, stored_user());
  const auto& registry = fuzz::core_registry();
  for (const char* type : {"User", "Group"}) {
    (void)scim::resolve_filter(registry, *registry.find_resource_type(type), *filter);
  }
  return 0;
}
