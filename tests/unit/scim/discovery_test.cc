#include "scim/discovery.h"

#include <set>
#include <string>

#include <boost/test/unit_test.hpp>

#include "support/error_print.h"

namespace scim = fastscim::scim;

namespace {
const std::string kBase = "https://scim.example.com/scim/v2";
}

BOOST_AUTO_TEST_SUITE(discovery_test)

// DSC-09, GEN-11: every supported schema, never the message schemas.
BOOST_AUTO_TEST_CASE(schemas_list_every_resource_schema_and_no_message_schema) {
  scim::SchemaRegistry registry;
  auto list = scim::list_schemas(registry, kBase);
  BOOST_TEST(list.get("schemas").at(0).as_string().value() == "urn:ietf:params:scim:api:messages:2.0:ListResponse");
  std::set<std::string> ids;
  auto resources = list.get("Resources");
  for (size_t i = 0; i < resources.size(); ++i) ids.insert(std::string(resources.at(i).get("id").as_string().value()));
  BOOST_TEST(ids.count("urn:ietf:params:scim:schemas:core:2.0:User") == 1u);
  BOOST_TEST(ids.count("urn:ietf:params:scim:schemas:core:2.0:Group") == 1u);
  BOOST_TEST(ids.count("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User") == 1u);
  for (const auto& id : ids) BOOST_TEST(id.find(":api:messages:") == std::string::npos);
  BOOST_TEST(list.get("totalResults").as_integer().value() == static_cast<long long>(ids.size()));
}

BOOST_AUTO_TEST_CASE(one_schema_by_urn_carries_its_location) {
  scim::SchemaRegistry registry;
  auto schema = scim::get_schema(registry, kBase, "urn:ietf:params:scim:schemas:core:2.0:User");
  BOOST_REQUIRE(schema.has_value());
  BOOST_TEST(schema->get("meta").get("location").as_string().value() ==
             kBase + "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
  BOOST_TEST(schema->get("attributes").size() > 10u);
}

BOOST_AUTO_TEST_CASE(unknown_schema_and_resource_type_are_not_found) {
  scim::SchemaRegistry registry;
  auto schema = scim::get_schema(registry, kBase, "urn:example:nothing");
  BOOST_REQUIRE(!schema.has_value());
  BOOST_TEST(schema.error().kind() == scim::ErrorKind::kNotFound);
  auto type = scim::get_resource_type(registry, kBase, "Printer");
  BOOST_REQUIRE(!type.has_value());
  BOOST_TEST(type.error().kind() == scim::ErrorKind::kNotFound);
}

// DSC-07, DSC-08: a ListResponse with User first, its endpoint and extensions.
BOOST_AUTO_TEST_CASE(resource_types_list_user_first_with_the_enterprise_extension) {
  scim::SchemaRegistry registry;
  auto list = scim::list_resource_types(registry, kBase);
  auto user = list.get("Resources").at(0);
  BOOST_TEST(user.get("name").as_string().value() == "User");
  BOOST_TEST(user.get("endpoint").as_string().value() == "/Users");
  BOOST_TEST(user.get("schemaExtensions").at(0).get("schema").as_string().value() ==
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
  auto group = scim::get_resource_type(registry, kBase, "group");
  BOOST_REQUIRE(group.has_value());
  BOOST_TEST(group->get("endpoint").as_string().value() == "/Groups");
}

BOOST_AUTO_TEST_SUITE_END()
