#include "scim/schema.h"

#include <iterator>
#include <ostream>
#include <string>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/core_schemas.h"
#include "scim/resource_type.h"
#include "support/error_print.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using scim::AttributeDefinition;
using scim::AttributeType;
using scim::Mutability;
using scim::Returned;
using scim::Schema;
using scim::Uniqueness;

namespace {

json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

const AttributeDefinition& attr(const Schema& schema, std::string_view name) {
  const AttributeDefinition* def = schema.find_attribute(name);
  BOOST_REQUIRE_MESSAGE(def != nullptr, "no attribute " << name << " in " << schema.id);
  return *def;
}

const AttributeDefinition& sub(const AttributeDefinition& parent, std::string_view name) {
  const AttributeDefinition* def = parent.find_sub_attribute(name);
  BOOST_REQUIRE_MESSAGE(def != nullptr, "no sub-attribute " << name << " in " << parent.name);
  return *def;
}

struct InvalidCase {
  const char* what;
  const char* json;
  const char* detail;  // a substring the Error detail must contain
};

std::ostream& operator<<(std::ostream& os, const InvalidCase& c) { return os << c.what; }

constexpr const char* kUrn = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

const InvalidCase kInvalidCases[] = {
    {"not_an_object", R"(["x"])", "schema: must be a JSON object"},
    {"missing_id", R"({"attributes": []})", "schema: missing \"id\""},
    {"id_not_a_uri", R"({"id": "acme user", "attributes": []})", "\"id\" must be an absolute URI"},
    {"id_not_a_string", R"({"id": 7, "attributes": []})", "\"id\" must be an absolute URI"},
    {"missing_attributes", R"({"id": "urn:x:y"})", "schema: missing \"attributes\""},
    {"attributes_not_an_array", R"({"id": "urn:x:y", "attributes": {}})", "\"attributes\" must be an array"},
    {"unknown_schema_member", R"({"id": "urn:x:y", "attributes": [], "attribute": []})",
     "schema: unknown member \"attribute\""},
    {"name_not_a_string", R"({"id": "urn:x:y", "name": 3, "attributes": []})", "\"name\" must be a string"},
    {"attribute_not_an_object", R"({"id": "urn:x:y", "attributes": ["location"]})", "attributes[0]: must be an object"},
    {"attribute_without_name", R"({"id": "urn:x:y", "attributes": [{"type": "string"}]})",
     "attributes[0]: missing \"name\""},
    {"attribute_name_not_attrname", R"({"id": "urn:x:y", "attributes": [{"name": "1st"}]})",
     "attribute \"1st\": invalid attribute name"},
    {"unknown_type", R"({"id": "urn:x:y", "attributes": [{"name": "location", "type": "strin"}]})",
     "attribute \"location\": unknown type \"strin\""},
    {"type_not_a_string", R"({"id": "urn:x:y", "attributes": [{"name": "location", "type": 1}]})",
     "attribute \"location\": \"type\" must be a string"},
    {"multivalued_not_boolean", R"({"id": "urn:x:y", "attributes": [{"name": "a", "multiValued": "yes"}]})",
     "attribute \"a\": \"multiValued\" must be true or false"},
    {"required_not_boolean", R"({"id": "urn:x:y", "attributes": [{"name": "a", "required": 1}]})",
     "attribute \"a\": \"required\" must be true or false"},
    {"caseexact_not_boolean", R"({"id": "urn:x:y", "attributes": [{"name": "a", "caseExact": "false"}]})",
     "attribute \"a\": \"caseExact\" must be true or false"},
    {"unknown_mutability", R"({"id": "urn:x:y", "attributes": [{"name": "a", "mutability": "readonly!"}]})",
     "attribute \"a\": unknown mutability \"readonly!\""},
    {"unknown_returned", R"({"id": "urn:x:y", "attributes": [{"name": "a", "returned": "sometimes"}]})",
     "attribute \"a\": unknown returned \"sometimes\""},
    {"unknown_uniqueness", R"({"id": "urn:x:y", "attributes": [{"name": "a", "uniqueness": "tenant"}]})",
     "attribute \"a\": unknown uniqueness \"tenant\""},
    {"canonical_values_not_strings", R"({"id": "urn:x:y", "attributes": [{"name": "a", "canonicalValues": [1]}]})",
     "attribute \"a\": \"canonicalValues\" must be an array of strings"},
    {"reference_types_on_a_string", R"({"id": "urn:x:y", "attributes": [{"name": "a", "referenceTypes": ["User"]}]})",
     "attribute \"a\": \"referenceTypes\" applies only to type \"reference\""},
    {"complex_without_sub_attributes", R"({"id": "urn:x:y", "attributes": [{"name": "a", "type": "complex"}]})",
     "attribute \"a\": a complex attribute needs a non-empty \"subAttributes\" array"},
    {"complex_inside_complex",
     R"({"id": "urn:x:y", "attributes": [{"name": "a", "type": "complex",
         "subAttributes": [{"name": "b", "type": "complex", "subAttributes": [{"name": "c"}]}]}]})",
     "attribute \"a.b\": a sub-attribute cannot be complex"},
    {"sub_attributes_on_a_string",
     R"({"id": "urn:x:y", "attributes": [{"name": "a", "subAttributes": [{"name": "b"}]}]})",
     "attribute \"a\": \"subAttributes\" applies only to type \"complex\""},
    {"duplicate_names_ignoring_case", R"({"id": "urn:x:y", "attributes": [{"name": "badge"}, {"name": "Badge"}]})",
     "attribute \"Badge\": defined more than once"},
    {"unknown_characteristic", R"({"id": "urn:x:y", "attributes": [{"name": "a", "multivalue": true}]})",
     "attribute \"a\": unknown characteristic \"multivalue\""},
    {"bad_sub_attribute_names_its_parent",
     R"({"id": "urn:x:y", "attributes": [{"name": "name", "type": "complex",
         "subAttributes": [{"name": "givenName", "type": "text"}]}]})",
     "attribute \"name.givenName\": unknown type \"text\""},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(schema_test)

// ATT-03: an omitted characteristic takes the RFC 7643 §2.2 default.
BOOST_AUTO_TEST_CASE(from_json_applies_att03_defaults) {
  auto schema = Schema::from_json(parse(R"({"id": "urn:ietf:params:scim:schemas:extension:acme:2.0:User",
      "attributes": [{"name": "location"}]})"));
  BOOST_REQUIRE(schema.has_value());
  BOOST_TEST(schema->id == kUrn);
  BOOST_TEST(schema->name == "");
  const AttributeDefinition& location = attr(*schema, "location");
  BOOST_TEST((location.type == AttributeType::kString));
  BOOST_TEST(!location.multi_valued);
  BOOST_TEST(!location.required);
  BOOST_TEST(!location.case_exact);
  BOOST_TEST((location.mutability == Mutability::kReadWrite));
  BOOST_TEST((location.returned == Returned::kDefault));
  BOOST_TEST((location.uniqueness == Uniqueness::kNone));
  BOOST_TEST(location.canonical_values.empty());
  BOOST_TEST(location.reference_types.empty());
}

BOOST_AUTO_TEST_CASE(from_json_reads_every_characteristic) {
  auto schema = Schema::from_json(parse(R"({
      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
      "id": "urn:ietf:params:scim:schemas:extension:acme:2.0:User",
      "name": "AcmeUser", "description": "Acme additions",
      "meta": {"resourceType": "Schema"},
      "attributes": [
        {"name": "badge", "type": "integer", "multiValued": true, "required": true, "caseExact": true,
         "mutability": "immutable", "returned": "request", "uniqueness": "global",
         "canonicalValues": ["1", "2"], "description": "Badge numbers"},
        {"name": "sponsor", "type": "complex", "subAttributes": [
          {"name": "value", "mutability": "readOnly", "returned": "always"},
          {"name": "$ref", "type": "reference", "referenceTypes": ["User", "external"]}]}]})"));
  BOOST_REQUIRE_MESSAGE(schema.has_value(), (schema ? "" : schema.error().detail()));
  BOOST_TEST(schema->name == "AcmeUser");
  BOOST_TEST(schema->description == "Acme additions");
  const AttributeDefinition& badge = attr(*schema, "BADGE");
  BOOST_TEST(badge.name == "badge");
  BOOST_TEST((badge.type == AttributeType::kInteger));
  BOOST_TEST(badge.multi_valued);
  BOOST_TEST(badge.required);
  BOOST_TEST(badge.case_exact);
  BOOST_TEST((badge.mutability == Mutability::kImmutable));
  BOOST_TEST((badge.returned == Returned::kRequest));
  BOOST_TEST((badge.uniqueness == Uniqueness::kGlobal));
  BOOST_TEST(badge.canonical_values.size() == 2u);
  BOOST_TEST(badge.description == "Badge numbers");
  const AttributeDefinition& sponsor = attr(*schema, "sponsor");
  BOOST_TEST(sponsor.is_complex());
  BOOST_TEST((sub(sponsor, "VALUE").mutability == Mutability::kReadOnly));
  BOOST_TEST((sub(sponsor, "value").returned == Returned::kAlways));
  BOOST_TEST(sub(sponsor, "$ref").reference_types.size() == 2u);
}

// Keywords and member names are attribute names of the Schema schema, so
// case does not matter (ATT-01); values are written back in RFC spelling.
BOOST_AUTO_TEST_CASE(from_json_ignores_case_of_members_and_keywords) {
  auto schema = Schema::from_json(parse(R"({"ID": "urn:x:y", "Attributes": [
      {"Name": "since", "TYPE": "datetime", "MultiValued": false, "Mutability": "READONLY",
       "returned": "Always", "uniqueness": "SERVER"}]})"));
  BOOST_REQUIRE(schema.has_value());
  const AttributeDefinition& since = attr(*schema, "since");
  BOOST_TEST((since.type == AttributeType::kDateTime));
  BOOST_TEST((since.mutability == Mutability::kReadOnly));
  BOOST_TEST((since.returned == Returned::kAlways));
  BOOST_TEST((since.uniqueness == Uniqueness::kServer));
  BOOST_TEST(scim::keyword(since.type) == "dateTime");
}

BOOST_DATA_TEST_CASE(from_json_rejects_invalid_schema, boost::unit_test::data::make(kInvalidCases), c) {
  auto schema = Schema::from_json(parse(c.json));
  BOOST_REQUIRE(!schema.has_value());
  BOOST_TEST(schema.error().kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST((schema.error().scim_type() == scim::ScimType::kInvalidValue));
  BOOST_TEST(schema.error().detail().find(c.detail) != std::string::npos,
             "detail \"" << schema.error().detail() << "\" lacks \"" << c.detail << "\"");
}

BOOST_AUTO_TEST_CASE(from_json_reports_every_problem_at_once) {
  auto schema = Schema::from_json(parse(R"({"id": "urn:x:y", "attributes": [
      {"name": "location", "type": "strin"}, {"name": "floor", "returned": "often"}], "extra": 1})"));
  BOOST_REQUIRE(!schema.has_value());
  const std::string& detail = schema.error().detail();
  BOOST_TEST(detail.find("attribute \"location\": unknown type \"strin\"") != std::string::npos);
  BOOST_TEST(detail.find("attribute \"floor\": unknown returned \"often\"") != std::string::npos);
  BOOST_TEST(detail.find("schema: unknown member \"extra\"") != std::string::npos);
}

// to_json writes an empty referenceTypes / subAttributes array; from_json
// must accept what to_json writes.
BOOST_AUTO_TEST_CASE(from_json_tolerates_empty_arrays_on_types_they_do_not_apply_to) {
  auto schema = Schema::from_json(parse(R"({"id": "urn:x:y", "attributes": [
      {"name": "a", "referenceTypes": [], "subAttributes": []}]})"));
  BOOST_TEST(schema.has_value());
}

// DSC-10: every characteristic is present on every attribute.
BOOST_AUTO_TEST_CASE(to_json_writes_every_characteristic) {
  json::Value out = scim::to_json(scim::user_schema());
  BOOST_TEST(out.get("schemas").at(0).as_string().value_or("") == scim::kSchemaSchemaUrn);
  BOOST_TEST(out.get("id").as_string().value_or("") == scim::kUserSchemaUrn);
  BOOST_TEST(out.get("name").as_string().value_or("") == "User");
  BOOST_TEST(out.get("description").as_string().value_or("") == "User Account");
  BOOST_TEST(!out.get("meta"));
  json::Value attributes = out.get("attributes");
  BOOST_REQUIRE(attributes.size() == scim::user_schema().attributes.size());
  constexpr const char* kCharacteristics[] = {"name",     "type",       "multiValued",     "description",
                                              "required", "caseExact",  "canonicalValues", "mutability",
                                              "returned", "uniqueness", "referenceTypes"};
  for (size_t i = 0; i < attributes.size(); ++i) {
    json::Value a = attributes.at(i);
    for (const char* c : kCharacteristics) {
      BOOST_TEST(static_cast<bool>(a.get(c)), a.get("name").as_string().value_or("?") << " lacks " << c);
    }
    bool complex = a.get("type").as_string().value_or("") == "complex";
    BOOST_TEST(static_cast<bool>(a.get("subAttributes")) == complex);
  }
  json::Value emails = attributes.at(0);
  for (size_t i = 0; i < attributes.size(); ++i) {
    if (attributes.at(i).get("name").as_string().value_or("") == "emails") emails = attributes.at(i);
  }
  BOOST_TEST(emails.get("multiValued").as_bool().value_or(false));
  BOOST_TEST(emails.get("subAttributes").size() == 4u);
}

BOOST_AUTO_TEST_CASE(to_json_adds_meta_when_given_a_location) {
  json::Value out = scim::to_json(scim::group_schema(),
                                  "https://h/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group");
  BOOST_TEST(out.get("meta").get("resourceType").as_string().value_or("") == "Schema");
  BOOST_TEST(out.get("meta").get("location").as_string().value_or("").find("/Schemas/") != std::string::npos);
}

const Schema* const kCoreSchemas[] = {&scim::user_schema(), &scim::group_schema(), &scim::enterprise_user_schema()};

BOOST_DATA_TEST_CASE(to_json_round_trips_through_from_json, boost::unit_test::data::make(kCoreSchemas), schema) {
  json::Value text = scim::to_json(*schema, "https://h/Schemas/x");
  auto again = Schema::from_json(parse(json::dump(text)));
  BOOST_REQUIRE_MESSAGE(again.has_value(), (again ? "" : again.error().detail()));
  BOOST_TEST((again.value() == *schema));
}

BOOST_AUTO_TEST_CASE(core_schema_texts_are_the_loaded_schemas) {
  auto user = Schema::from_json(parse(scim::user_schema_json()));
  BOOST_REQUIRE(user.has_value());
  BOOST_TEST((user.value() == scim::user_schema()));
  BOOST_TEST(scim::group_schema().id == scim::kGroupSchemaUrn);
  BOOST_TEST(scim::enterprise_user_schema().id == scim::kEnterpriseUserSchemaUrn);
}

// RFC 7643 §4.1 and the SCH table of the checklist.
BOOST_AUTO_TEST_CASE(user_schema_has_every_rfc7643_attribute) {
  const Schema& user = scim::user_schema();
  constexpr const char* kNames[] = {"userName",        "name",         "displayName",  "nickName",
                                    "profileUrl",      "title",        "userType",     "preferredLanguage",
                                    "locale",          "timezone",     "active",       "password",
                                    "emails",          "phoneNumbers", "ims",          "photos",
                                    "addresses",       "groups",       "entitlements", "roles",
                                    "x509Certificates"};
  for (const char* name : kNames) BOOST_TEST(user.find_attribute(name) != nullptr, name);
  BOOST_TEST(user.attributes.size() == std::size(kNames));

  const AttributeDefinition& user_name = attr(user, "userName");
  BOOST_TEST(user_name.required);
  BOOST_TEST(!user_name.case_exact);
  BOOST_TEST((user_name.uniqueness == Uniqueness::kServer));

  const AttributeDefinition& name = attr(user, "name");
  for (const char* s : {"formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"}) {
    BOOST_TEST((sub(name, s).type == AttributeType::kString));
  }
  BOOST_TEST((attr(user, "profileUrl").type == AttributeType::kReference));
  BOOST_TEST((attr(user, "active").type == AttributeType::kBoolean));

  // SEC-09, ATT-18
  const AttributeDefinition& password = attr(user, "password");
  BOOST_TEST((password.mutability == Mutability::kWriteOnly));
  BOOST_TEST((password.returned == Returned::kNever));

  const AttributeDefinition& emails = attr(user, "emails");
  BOOST_TEST(emails.multi_valued);
  BOOST_TEST((sub(emails, "type").canonical_values == std::vector<std::string>{"work", "home", "other"}));
  BOOST_TEST((sub(emails, "primary").type == AttributeType::kBoolean));
  BOOST_TEST(sub(attr(user, "phoneNumbers"), "type").canonical_values.size() == 6u);
  BOOST_TEST(sub(attr(user, "ims"), "type").canonical_values.size() == 8u);
  BOOST_TEST((sub(attr(user, "photos"), "value").type == AttributeType::kReference));
  BOOST_TEST((sub(attr(user, "x509Certificates"), "value").type == AttributeType::kBinary));

  // addresses.primary is in every example though not in §8.7.1 (checklist §23).
  const AttributeDefinition& addresses = attr(user, "addresses");
  for (const char* s :
       {"formatted", "streetAddress", "locality", "region", "postalCode", "country", "type", "primary"}) {
    BOOST_TEST(addresses.find_sub_attribute(s) != nullptr, s);
  }

  // SCH-05: groups is computed by the server.
  const AttributeDefinition& groups = attr(user, "groups");
  BOOST_TEST((groups.mutability == Mutability::kReadOnly));
  for (const auto& s : groups.sub_attributes) BOOST_TEST((s.mutability == Mutability::kReadOnly), s.name);
  BOOST_TEST((sub(groups, "$ref").reference_types == std::vector<std::string>{"User", "Group"}));
}

// RFC 7643 §4.2, checklist §23 (displayName required; members.display kept).
BOOST_AUTO_TEST_CASE(group_schema_requires_display_name_and_has_immutable_members) {
  const Schema& group = scim::group_schema();
  BOOST_TEST(attr(group, "displayName").required);
  const AttributeDefinition& members = attr(group, "members");
  BOOST_TEST(members.multi_valued);
  BOOST_TEST((members.mutability == Mutability::kReadWrite));
  for (const char* s : {"value", "$ref", "type", "display"}) {
    BOOST_TEST((sub(members, s).mutability == Mutability::kImmutable), s);
    BOOST_TEST((sub(members, s).returned == Returned::kDefault), s);
  }
  BOOST_TEST((sub(members, "type").canonical_values == std::vector<std::string>{"User", "Group"}));
}

// RFC 7643 §4.3; SCH-08: manager.displayName is filled by the server.
BOOST_AUTO_TEST_CASE(enterprise_user_schema_has_manager_with_read_only_display_name) {
  const Schema& ent = scim::enterprise_user_schema();
  for (const char* name : {"employeeNumber", "costCenter", "organization", "division", "department", "manager"}) {
    BOOST_TEST(ent.find_attribute(name) != nullptr, name);
  }
  const AttributeDefinition& manager = attr(ent, "manager");
  BOOST_TEST((sub(manager, "value").mutability == Mutability::kReadWrite));
  BOOST_TEST((sub(manager, "$ref").reference_types == std::vector<std::string>{"User"}));
  BOOST_TEST((sub(manager, "displayName").mutability == Mutability::kReadOnly));
}

// RES-02..RES-06.
BOOST_AUTO_TEST_CASE(common_attributes_have_res_characteristics) {
  const AttributeDefinition* id = scim::find_common_attribute("ID");
  BOOST_REQUIRE(id != nullptr);
  BOOST_TEST((id->mutability == Mutability::kReadOnly));
  BOOST_TEST((id->returned == Returned::kAlways));
  BOOST_TEST(id->case_exact);
  const AttributeDefinition* external_id = scim::find_common_attribute("externalid");
  BOOST_REQUIRE(external_id != nullptr);
  BOOST_TEST((external_id->mutability == Mutability::kReadWrite));
  BOOST_TEST(external_id->case_exact);
  const AttributeDefinition* meta = scim::find_common_attribute("meta");
  BOOST_REQUIRE(meta != nullptr);
  BOOST_TEST((meta->mutability == Mutability::kReadOnly));
  BOOST_TEST((meta->returned == Returned::kDefault));
  for (const char* s : {"resourceType", "created", "lastModified", "location", "version"}) {
    BOOST_TEST((sub(*meta, s).mutability == Mutability::kReadOnly), s);
  }
  BOOST_TEST((sub(*meta, "created").type == AttributeType::kDateTime));
  const AttributeDefinition* schemas = scim::find_common_attribute("schemas");
  BOOST_REQUIRE(schemas != nullptr);
  BOOST_TEST((schemas->returned == Returned::kAlways));
  BOOST_TEST(scim::find_common_attribute("userName") == nullptr);
}

// DSC-08.
BOOST_AUTO_TEST_CASE(resource_type_to_json_lists_schema_extensions) {
  json::Value user = scim::to_json(scim::user_resource_type(), "https://h/ResourceTypes/User");
  BOOST_TEST(user.get("schemas").at(0).as_string().value_or("") == scim::kResourceTypeSchemaUrn);
  BOOST_TEST(user.get("id").as_string().value_or("") == "User");
  BOOST_TEST(user.get("endpoint").as_string().value_or("") == "/Users");
  BOOST_TEST(user.get("schema").as_string().value_or("") == scim::kUserSchemaUrn);
  json::Value ext = user.get("schemaExtensions").at(0);
  BOOST_TEST(ext.get("schema").as_string().value_or("") == scim::kEnterpriseUserSchemaUrn);
  BOOST_TEST(ext.get("required").as_bool().value_or(true) == false);
  BOOST_TEST(user.get("meta").get("resourceType").as_string().value_or("") == "ResourceType");
  json::Value group = scim::to_json(scim::group_resource_type());
  BOOST_TEST(!group.get("schemaExtensions"));
  BOOST_TEST(group.get("endpoint").as_string().value_or("") == "/Groups");
}

BOOST_AUTO_TEST_SUITE_END()
