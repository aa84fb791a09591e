// libFuzzer target: the PATCH path parser (RFC 7644 §3.5.2) and the PATCH
// engine.  An input that is JSON is a PatchOp body applied to a stored user
// and a stored group with the core schemas; any input is also parsed as a
// path.  Invariants: a parsed path's canonical form parses back to the same
// path; the engine leaves its inputs as they were.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.h"
#include "json/io.h"
#include "scim/filter_parser.h"
#include "scim/patch.h"

namespace {

using fastscim::json::Value;

const Value& stored(const char* type) {
  static const Value kUser = fastscim::json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId": "mira", "userName": "mira.okafor@acme.example", "active": true,
    "displayName": "Mira Okafor", "name": {"givenName": "Mira", "familyName": "Okafor"},
    "emails": [{"value": "mira@acme.example", "type": "work", "primary": true},
               {"value": "mira@home.example", "type": "home"}],
    "addresses": [{"type": "work", "streetAddress": "1 Harbor Way", "country": "US"}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
      {"employeeNumber": "701984", "manager": {"value": "26118915"}}})")
                                 .value();
  static const Value kGroup = fastscim::json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Procurement Team"})")
                                  .value();
  return std::string(type) == "User" ? kUser : kGroup;
}

}  // namespace

// libFuzzer calls this name.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const uint8_t* data, size_t size) {
  using namespace fastscim;  // NOLINT(google-build-using-namespace)
  const auto text = fuzz::as_text(data, size);
  if (auto path = scim::parse_patch_path(text)) {
    auto again = scim::parse_patch_path(scim::to_string(*path));
    fuzz::check(again.has_value(), "the canonical form of a PATCH path parses");
    fuzz::check(again.has_value() && *again == *path, "the canonical form parses back to the same path");
  }
  auto body = json::parse(text);
  if (!body) return 0;
  const auto& registry = fuzz::core_registry();
  for (const char* type : {"User", "Group"}) {
    const Value& document = stored(type);
    const std::string before = json::dump(document);
    const std::string body_before = json::dump(*body);
    auto result = scim::apply_patch(document, *body, *registry.find_resource_type(type), registry);
    fuzz::check(json::dump(document) == before, "apply_patch leaves the stored document unchanged");
    fuzz::check(json::dump(*body) == body_before, "apply_patch leaves the request unchanged");
    if (result) (void)json::dump(result->document);
  }
  return 0;
}
