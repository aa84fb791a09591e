#include "scim/extension_schema.h"

#include <fstream>
#include <ostream>
#include <sstream>
#include <string>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/core_schemas.h"
#include "scim/discovery.h"
#include "scim/schema_registry.h"
#include "scim/validator.h"
#include "support/error_print.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;

namespace {

constexpr const char* kTeamApp = "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User";
constexpr const char* kWorkplace = "urn:ietf:params:scim:schemas:extension:workplace:2.0:User";
const std::string kBase = "https://scim.example.com/scim/v2";

json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

// A file shipped in examples/schemas/.
json::Value example(const std::string& file) {
  std::ifstream in(std::string(FASTSCIM_SRCDIR) + "/examples/schemas/" + file);
  BOOST_REQUIRE_MESSAGE(in, "cannot read examples/schemas/" << file);
  std::stringstream text;
  text << in.rdbuf();
  return parse(text.str());
}

scim::Schema load(std::string_view text) {
  auto schema = scim::extension_schema_from_json(parse(text));
  BOOST_REQUIRE_MESSAGE(schema.has_value(), (schema ? "" : schema.error().detail()));
  return schema.value();
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

struct InvalidCase {
  const char* what;
  const char* json;
  const char* detail;  // a substring the Error detail must contain
};

std::ostream& operator<<(std::ostream& os, const InvalidCase& c) { return os << c.what; }

// Each kind of file an operator may get wrong.  The first group fails
// Schema::from_json (RFC 7643 §7 syntax), the second the extension rules.
const InvalidCase kInvalidCases[] = {
    {"not_an_object", R"([])", "schema: must be a JSON object"},
    {"missing_id", R"({"attributes": [{"name": "location"}]})", "schema: missing \"id\""},
    {"missing_attributes", R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User"})",
     "schema: missing \"attributes\""},
    {"misspelt_type", R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User",
                          "attributes": [{"name": "location", "type": "strin"}]})",
     "attribute \"location\": unknown type \"strin\""},
    {"misspelt_characteristic", R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User",
                                    "attributes": [{"name": "company", "multivalued": "no"}]})",
     "attribute \"company\": \"multiValued\" must be true or false"},
    {"unknown_mutability", R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User",
                               "attributes": [{"name": "company", "mutability": "writable"}]})",
     "attribute \"company\": unknown mutability \"writable\""},
    {"invalid_attribute_name", R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User",
                                   "attributes": [{"name": "home office"}]})",
     "attribute \"home office\": invalid attribute name"},
    {"complex_without_sub_attributes", R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User",
                                           "attributes": [{"name": "desk", "type": "complex"}]})",
     "attribute \"desk\": a complex attribute needs a non-empty \"subAttributes\" array"},
    {"duplicate_attribute", R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User",
                                "attributes": [{"name": "location"}, {"name": "Location"}]})",
     "attribute \"Location\": defined more than once"},
    // Extension rules (extension_schema.h).
    {"id_is_an_http_uri", R"({"id": "https://acme.example/scim/User", "attributes": [{"name": "location"}]})",
     "\"id\" \"https://acme.example/scim/User\" must be a URN"},
    {"id_with_a_quote", R"({"id": "urn:acme:\"User\"", "attributes": [{"name": "location"}]})",
     "must be a URN of letters, digits and \":.-_\""},
    {"id_ending_in_a_colon", R"({"id": "urn:acme:User:", "attributes": [{"name": "location"}]})", "must be a URN"},
    {"id_is_the_core_user_schema",
     R"({"id": "urn:ietf:params:scim:schemas:core:2.0:User", "attributes": [{"name": "location"}]})",
     "is reserved for the SCIM specifications"},
    {"id_is_the_enterprise_extension",
     R"({"id": "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:User", "attributes": [{"name": "x"}]})",
     "is reserved for the SCIM specifications"},
    {"id_in_the_core_namespace",
     R"({"id": "urn:ietf:params:scim:schemas:core:2.0:Device", "attributes": [{"name": "serial"}]})",
     "is reserved for the SCIM specifications"},
    {"id_in_the_api_namespace",
     R"({"id": "urn:ietf:params:scim:api:messages:2.0:Acme", "attributes": [{"name": "x"}]})",
     "is reserved for the SCIM specifications"},
    {"no_attributes", R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User", "attributes": []})",
     "schema: \"attributes\" must define at least one attribute"},
    {"uniqueness_server", R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User",
                              "attributes": [{"name": "badge", "uniqueness": "server"}]})",
     "attribute \"badge\": uniqueness \"server\" cannot be enforced on an extension attribute"},
    {"uniqueness_global_on_a_sub_attribute",
     R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User",
         "attributes": [{"name": "desk", "type": "complex",
                         "subAttributes": [{"name": "number", "uniqueness": "global"}]}]})",
     "attribute \"desk.number\": uniqueness \"global\" cannot be enforced"},
    {"write_only_returned_by_default", R"({"id": "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User",
                                          "attributes": [{"name": "pin", "mutability": "writeOnly"}]})",
     "attribute \"pin\": a writeOnly attribute must have returned \"never\", not \"default\""},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(extension_schema_test)

// The shipped team-app example: three optional readWrite strings (EXT-01).
BOOST_AUTO_TEST_CASE(team_app_example_loads_with_company_description_and_location) {
  auto schema = scim::extension_schema_from_json(example("team-app-user.json"));
  BOOST_REQUIRE_MESSAGE(schema.has_value(), (schema ? "" : schema.error().detail()));
  BOOST_TEST(schema->id == kTeamApp);
  BOOST_REQUIRE(schema->attributes.size() == 3u);
  for (const char* name : {"company", "description", "location"}) {
    const scim::AttributeDefinition* def = schema->find_attribute(name);
    BOOST_REQUIRE_MESSAGE(def != nullptr, name);
    BOOST_TEST((def->type == scim::AttributeType::kString));
    BOOST_TEST(!def->required);
    BOOST_TEST((def->mutability == scim::Mutability::kReadWrite));
  }
}

BOOST_AUTO_TEST_CASE(workplace_example_loads_with_every_kind_of_attribute) {
  auto schema = scim::extension_schema_from_json(example("workplace-user.json"));
  BOOST_REQUIRE_MESSAGE(schema.has_value(), (schema ? "" : schema.error().detail()));
  BOOST_TEST(schema->id == kWorkplace);
  BOOST_TEST((schema->find_attribute("badgeNumber")->mutability == scim::Mutability::kImmutable));
  BOOST_TEST(schema->find_attribute("badgeNumber")->case_exact);
  BOOST_TEST((schema->find_attribute("floor")->type == scim::AttributeType::kInteger));
  BOOST_TEST(schema->find_attribute("skills")->multi_valued);
  BOOST_TEST(schema->find_attribute("emergencyContact")->find_sub_attribute("name")->required);
}

// DSC-10, DSC-11: what is stored and published is what was loaded.
BOOST_AUTO_TEST_CASE(loaded_extension_round_trips_through_its_published_form) {
  for (const char* file : {"team-app-user.json", "workplace-user.json"}) {
    auto schema = scim::extension_schema_from_json(example(file));
    BOOST_REQUIRE(schema.has_value());
    auto again = scim::extension_schema_from_json(scim::to_json(*schema));
    BOOST_REQUIRE(again.has_value());
    BOOST_TEST((*again == *schema), file);
  }
}

BOOST_AUTO_TEST_CASE(minimal_extension_takes_the_att03_defaults) {
  scim::Schema schema = load(R"({"id": "urn:acme:2.0:User", "attributes": [{"name": "location"}]})");
  const scim::AttributeDefinition& location = schema.attributes.at(0);
  BOOST_TEST((location.type == scim::AttributeType::kString));
  BOOST_TEST((location.uniqueness == scim::Uniqueness::kNone));
  BOOST_TEST((location.returned == scim::Returned::kDefault));
}

BOOST_AUTO_TEST_CASE(write_only_attribute_returned_never_is_accepted) {
  load(R"({"id": "urn:acme:2.0:User",
           "attributes": [{"name": "pin", "mutability": "writeOnly", "returned": "never"}]})");
}

// Each invalid file is refused with a message naming what is wrong.
BOOST_DATA_TEST_CASE(rejects_invalid_extension_file, boost::unit_test::data::make(kInvalidCases), c) {
  auto schema = scim::extension_schema_from_json(parse(c.json));
  BOOST_REQUIRE(!schema.has_value());
  BOOST_TEST(schema.error().kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST((schema.error().scim_type() == scim::ScimType::kInvalidValue));
  BOOST_TEST(contains(schema.error().detail(), c.detail), schema.error().detail());
}

BOOST_AUTO_TEST_CASE(every_extension_problem_is_reported_at_once) {
  auto schema = scim::extension_schema_from_json(parse(R"({
      "id": "urn:ietf:params:scim:schemas:core:2.0:Badge",
      "attributes": [{"name": "number", "uniqueness": "server"},
                     {"name": "pin", "mutability": "writeOnly"}]})"));
  BOOST_REQUIRE(!schema.has_value());
  const std::string& detail = schema.error().detail();
  BOOST_TEST(contains(detail, "is reserved"), detail);
  BOOST_TEST(contains(detail, "attribute \"number\": uniqueness"), detail);
  BOOST_TEST(contains(detail, "attribute \"pin\": a writeOnly attribute"), detail);
}

// EXT-09: the core namespace and the built-ins are reserved.
BOOST_AUTO_TEST_CASE(reserved_urns_are_the_builtins_and_the_specification_namespaces) {
  BOOST_TEST(scim::is_reserved_schema_urn(scim::kUserSchemaUrn));
  BOOST_TEST(scim::is_reserved_schema_urn(scim::kGroupSchemaUrn));
  BOOST_TEST(scim::is_reserved_schema_urn("urn:ietf:params:scim:schemas:extension:enterprise:2.0:user"));
  BOOST_TEST(scim::is_reserved_schema_urn("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"));
  BOOST_TEST(scim::is_reserved_schema_urn("urn:ietf:params:scim:api:messages:2.0:PatchOp"));
  BOOST_TEST(!scim::is_reserved_schema_urn(kTeamApp));
  BOOST_TEST(!scim::is_reserved_schema_urn("urn:acme:scim:2.0:User"));
}

// EXT-01, EXT-08, DSC-08, DSC-09: a tenant's registry publishes its
// extension in /Schemas and in the User type's schemaExtensions with its
// required flag; another tenant's registry knows nothing of it.
BOOST_AUTO_TEST_CASE(extension_is_published_only_by_the_registry_of_its_tenant) {
  scim::SchemaRegistry tenant_a;
  auto schema = scim::extension_schema_from_json(example("team-app-user.json"));
  BOOST_REQUIRE(schema.has_value());
  BOOST_REQUIRE(tenant_a.add_extension("User", std::move(schema.value()), true).has_value());
  scim::SchemaRegistry tenant_b;

  auto published = scim::get_schema(tenant_a, kBase, kTeamApp);
  BOOST_REQUIRE(published.has_value());
  BOOST_TEST(published->get("meta").get("location").as_string().value() == kBase + "/Schemas/" + kTeamApp);
  auto user = scim::get_resource_type(tenant_a, kBase, "User");
  BOOST_REQUIRE(user.has_value());
  json::Value extensions = user->get("schemaExtensions");
  BOOST_REQUIRE(extensions.size() == 2u);
  BOOST_TEST(extensions.at(1).get("schema").as_string().value() == kTeamApp);
  BOOST_TEST(extensions.at(1).get("required").as_bool().value());

  BOOST_TEST(scim::get_schema(tenant_b, kBase, kTeamApp).error().kind() == scim::ErrorKind::kNotFound);
  auto b_user = scim::get_resource_type(tenant_b, kBase, "User");
  BOOST_REQUIRE(b_user.has_value());
  BOOST_TEST(b_user->get("schemaExtensions").size() == 1u);
  const scim::ResourceType& b_type = *tenant_b.find_resource_type("User");
  BOOST_TEST(!tenant_b.resolve(b_type, std::string(kTeamApp) + ":location").has_value());
  BOOST_TEST(scim::is_undeclared_extension_key(b_type, kTeamApp));
}

BOOST_AUTO_TEST_SUITE_END()
