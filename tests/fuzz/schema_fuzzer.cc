// libFuzzer target: a schema file as `fastscim-admin schema add` loads it —
// JSON text, extension_schema_from_json, then registration on the User
// resource type of the built-in registry.  Invariant: an accepted schema's
// published form (to_json, what /Schemas shows and the store keeps) loads
// back to the same schema, as a worker loads it from the database.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "json/io.h"
#include "scim/extension_schema.h"
#include "scim/schema.h"
#include "scim/schema_registry.h"

// libFuzzer calls this name.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const uint8_t* data, size_t size) {
  using namespace fastscim;  // NOLINT(google-build-using-namespace)
  auto parsed = json::parse(fuzz::as_text(data, size));
  if (!parsed) return 0;
  auto schema = scim::extension_schema_from_json(*parsed);
  if (!schema) return 0;
  scim::SchemaRegistry registry;
  if (!registry.add_extension("User", *schema, false)) return 0;
  auto stored = json::parse(json::dump(scim::to_json(*schema)));
  fuzz::check(stored.has_value(), "a published schema is valid JSON");
  auto reloaded = scim::extension_schema_from_json(*stored);
  fuzz::check(reloaded.has_value(), "a published schema loads again");
  fuzz::check(reloaded.has_value() && *reloaded == *schema, "a published schema loads back unchanged");
  return 0;
}
