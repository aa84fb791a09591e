// libFuzzer target: a POST or PUT body through the Validator with the core
// schemas (User with the enterprise extension, Group), as the service does
// before a write.  Invariant: what the Validator returns for a create is
// accepted again unchanged (normalising is idempotent), and a replace of the
// stored user with it succeeds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.h"
#include "json/io.h"
#include "scim/validator.h"

// libFuzzer calls this name.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const uint8_t* data, size_t size) {
  using namespace fastscim;  // NOLINT(google-build-using-namespace)
  auto body = json::parse(fuzz::as_text(data, size));
  if (!body) return 0;
  const auto& registry = fuzz::core_registry();
  static const json::Value kStoredUser = json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "mira", "active": true,
    "emails": [{"value": "mira@acme.example", "type": "work", "primary": true}]})")
                                             .value();
  static const json::Value kStoredGroup = json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Procurement"})")
                                              .value();
  for (const char* type : {"User", "Group"}) {
    const scim::Validator validator(registry, *registry.find_resource_type(type));
    const json::Value& existing = std::string(type) == "User" ? kStoredUser : kStoredGroup;
    auto created = validator.validate_create(*body);
    (void)validator.validate_replace(*body, existing);
    if (!created) continue;
    const std::string normalised = json::dump(*created);
    auto again = validator.validate_create(*created);
    fuzz::check(again.has_value(), "a normalised resource validates again");
    fuzz::check(again.has_value() && json::dump(*again) == normalised, "normalising is idempotent");
  }
  return 0;
}
