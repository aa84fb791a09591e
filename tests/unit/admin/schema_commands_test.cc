#include "admin/schema_commands.h"

#include <boost/test/unit_test.hpp>

namespace admin = fastscim::admin;

namespace {

const char kAddUsage[] = "schema add --tenant NAME|--all-tenants [--resource-type User|Group] [--required] FILE.json";

}  // namespace

BOOST_AUTO_TEST_SUITE(schema_commands_test)

BOOST_AUTO_TEST_CASE(add_defaults_to_an_optional_user_extension) {
  auto r = admin::parse_schema_add({"--tenant", "acme", "badge.json"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->tenant == "acme");
  BOOST_TEST(r->resource_type == "User");
  BOOST_TEST(!r->required);
  BOOST_TEST(r->file == "badge.json");
}

BOOST_AUTO_TEST_CASE(add_reads_resource_type_required_and_stdin) {
  auto r = admin::parse_schema_add({"-", "--required", "--resource-type", "group", "--tenant=acme"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->resource_type == "Group");  // EXT-01: in the registry's spelling
  BOOST_TEST(r->required);
  BOOST_TEST(r->file == "-");
}

BOOST_AUTO_TEST_CASE(add_rejects_an_unknown_resource_type) {
  auto r = admin::parse_schema_add({"--tenant", "acme", "--resource-type", "Device", "d.json"});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "unknown resource type \"Device\"; use User or Group");
  BOOST_TEST(r.error().usage == kAddUsage);
}

BOOST_AUTO_TEST_CASE(add_needs_the_tenant_and_exactly_one_file) {
  auto tenant = admin::parse_schema_add({"badge.json"});
  BOOST_REQUIRE(!tenant.has_value());
  BOOST_TEST(tenant.error().message == "--tenant or --all-tenants is required");
  auto both = admin::parse_schema_add({"--tenant", "acme", "--all-tenants", "badge.json"});
  BOOST_REQUIRE(!both.has_value());
  BOOST_TEST(both.error().message == "give --tenant or --all-tenants, not both");
  for (const admin::Args& args : {admin::Args{"--tenant", "acme"}, admin::Args{"--tenant", "acme", "a", "b"}}) {
    auto r = admin::parse_schema_add(args);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message == "give exactly one schema file (- reads stdin)");
  }
}

BOOST_AUTO_TEST_CASE(list_needs_only_the_tenant) {
  BOOST_TEST(admin::parse_schema_list({"--tenant", "acme"})->tenant == "acme");
  auto r = admin::parse_schema_list({"--tenant", "acme", "urn:x"});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "unexpected argument \"urn:x\"");
  BOOST_TEST(r.error().usage == "schema list --tenant NAME|--all-tenants");
}

BOOST_AUTO_TEST_CASE(issue11_all_tenants_adds_and_lists_deployment_wide_extensions) {
  auto add = admin::parse_schema_add({"--all-tenants", "--required", "vendor.json"});
  BOOST_REQUIRE(add.has_value());
  BOOST_TEST(add->all_tenants);
  BOOST_TEST(add->tenant.empty());
  BOOST_TEST(add->required);
  BOOST_TEST(add->file == "vendor.json");
  auto list = admin::parse_schema_list({"--all-tenants"});
  BOOST_REQUIRE(list.has_value());
  BOOST_TEST(list->all_tenants);
  BOOST_TEST(!admin::parse_schema_list({"--all-tenants", "--tenant", "acme"}).has_value());
}

BOOST_AUTO_TEST_CASE(show_takes_one_urn) {
  auto r = admin::parse_schema_show({"urn:acme:2.0:User", "--tenant", "acme"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->urn == "urn:acme:2.0:User");
  auto none = admin::parse_schema_show({"--tenant", "acme"});
  BOOST_REQUIRE(!none.has_value());
  BOOST_TEST(none.error().message == "give exactly one schema URN");
  BOOST_TEST(none.error().usage == "schema show --tenant NAME URN");
}

BOOST_AUTO_TEST_CASE(set_reads_required_true_or_false) {
  auto on = admin::parse_schema_set({"--tenant", "acme", "urn:x", "required", "true"});
  BOOST_REQUIRE(on.has_value());
  BOOST_TEST(on->urn == "urn:x");
  BOOST_TEST(on->required);
  auto off = admin::parse_schema_set({"--tenant", "acme", "urn:x", "required", "false"});
  BOOST_REQUIRE(off.has_value());
  BOOST_TEST(!off->required);
}

BOOST_AUTO_TEST_CASE(set_rejects_other_properties_and_values) {
  for (const admin::Args& args :
       {admin::Args{"--tenant", "acme", "urn:x", "required", "yes"},
        admin::Args{"--tenant", "acme", "urn:x", "optional", "true"}, admin::Args{"--tenant", "acme", "urn:x"}}) {
    auto r = admin::parse_schema_set(args);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message == "give a schema URN, \"required\" and true or false");
    BOOST_TEST(r.error().usage == "schema set --tenant NAME URN required true|false");
  }
}

BOOST_AUTO_TEST_CASE(remove_reads_force) {
  auto plain = admin::parse_schema_remove({"--tenant", "acme", "urn:x"});
  BOOST_REQUIRE(plain.has_value());
  BOOST_TEST(!plain->force);
  auto forced = admin::parse_schema_remove({"--force", "--tenant", "acme", "urn:x"});
  BOOST_REQUIRE(forced.has_value());
  BOOST_TEST(forced->force);
  BOOST_TEST(forced->urn == "urn:x");
  auto none = admin::parse_schema_remove({"--tenant", "acme", "--force"});
  BOOST_REQUIRE(!none.has_value());
  BOOST_TEST(none.error().usage == "schema remove --tenant NAME URN [--force] | --all-tenants URN");
}

BOOST_AUTO_TEST_SUITE_END()
