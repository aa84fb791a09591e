// scim/overrides.h: override paths and values, the effective record, and
// the product's view of a provider's change.
#include "scim/overrides.h"

#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/schema_registry.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;

namespace {

constexpr char kEnterprise[] = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

json::Value parse(const std::string& text) {
  auto v = json::parse(text);
  BOOST_REQUIRE(v.has_value());
  return v.value();
}

std::string text(const json::Value& v) { return std::string(v.as_string().value_or("<absent>")); }

struct Fixture {
  scim::SchemaRegistry registry;
  const scim::ResourceType& users = *registry.find_resource_type("User");

  scim::Override admin(const std::string& path, const std::string& value) {
    return scim::Override{path, parse(value), scim::kAdminSource};
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(overrides_test)

BOOST_FIXTURE_TEST_CASE(paths_are_canonical_in_schema_spelling, Fixture) {
  BOOST_TEST(scim::override_path(registry, users, "TITLE").value() == "title");
  BOOST_TEST(scim::override_path(registry, users, "name.givenname").value() == "name.givenName");
  BOOST_TEST(scim::override_path(registry, users, "department").value() == std::string(kEnterprise) + ":department");
  BOOST_TEST(scim::override_path(registry, users, "emails").value() == "emails");
}

BOOST_FIXTURE_TEST_CASE(keys_read_only_and_unknown_paths_are_refused, Fixture) {
  for (const char* path : {"userName", "id", "externalId", "meta", "groups", "password", "nosuch", "emails.value",
                           "emails[type eq \"work\"].value"}) {
    auto refused = scim::override_path(registry, users, path);
    BOOST_TEST(!refused, path);
  }
}

BOOST_FIXTURE_TEST_CASE(values_must_have_the_attribute_shape, Fixture) {
  BOOST_TEST(scim::check_override_value(registry, users, "title", parse("\"Boss\"")).has_value());
  BOOST_TEST(!scim::check_override_value(registry, users, "title", parse("7")).has_value());
  BOOST_TEST(!scim::check_override_value(registry, users, "title", json::Value::null()).has_value());
  BOOST_TEST(scim::check_override_value(registry, users, "active", parse("true")).has_value());
  BOOST_TEST(scim::check_override_value(registry, users, "emails", parse(R"([{"value":"a@b.c"}])")).has_value());
  BOOST_TEST(!scim::check_override_value(registry, users, "emails", parse(R"("a@b.c")")).has_value());
  BOOST_TEST(scim::check_override_value(registry, users, "name", parse(R"({"givenName":"A"})")).has_value());
}

BOOST_FIXTURE_TEST_CASE(apply_writes_over_and_creates_parents, Fixture) {
  json::Value user = parse(R"({"userName":"a","title":"Clerk"})");
  scim::apply_overrides({admin("title", "\"Boss\""), admin("name.givenName", "\"Al\""),
                         admin(std::string(kEnterprise) + ":department", "\"Sales\"")},
                        &user);
  BOOST_TEST(text(user.get("title")) == "Boss");
  BOOST_TEST(text(user.get("name").get("givenName")) == "Al");
  BOOST_TEST(text(user.get(kEnterprise).get("department")) == "Sales");
  BOOST_TEST(scim::top_level_key(std::string(kEnterprise) + ":department") == kEnterprise);
  BOOST_TEST(scim::top_level_key("name.givenName") == "name");
}

// An event's data shares its values with the stored document
// (Representation::view): overrides change the event, never the document.
BOOST_FIXTURE_TEST_CASE(apply_leaves_values_it_shares_with_another_document_alone, Fixture) {
  const json::Value stored = parse(std::string(R"({"userName":"a","name":{"givenName":"Ann","familyName":"Lee"},")") +
                                   kEnterprise + R"(":{"department":"R&D","costCenter":"7"}})");
  const std::string before = json::dump(stored);
  json::Value view = stored.copy();  // a new top level over the same values
  scim::apply_overrides({admin("name.givenName", "\"Al\""),
                         admin(std::string(kEnterprise) + ":department", "\"Sales\""), admin("userName", "\"b\"")},
                        &view);
  BOOST_TEST(json::dump(stored) == before);
  BOOST_TEST(text(view.get("name").get("givenName")) == "Al");
  BOOST_TEST(text(view.get("name").get("familyName")) == "Lee");
  BOOST_TEST(text(view.get(kEnterprise).get("department")) == "Sales");
  BOOST_TEST(text(view.get(kEnterprise).get("costCenter")) == "7");
  BOOST_TEST(text(view.get("userName")) == "b");
}

BOOST_FIXTURE_TEST_CASE(provider_change_to_an_overridden_path_is_not_seen, Fixture) {
  scim::Event e;
  e.type = "user.updated";
  e.data = parse(R"({"userName":"a","title":"Engineer","displayName":"A"})");
  e.changed = {"title"};
  e.previous = parse(R"({"title":"Clerk"})");
  BOOST_TEST(!scim::effective_event({admin("title", "\"Boss\"")}, &e));

  e.data = parse(R"({"userName":"a","title":"Engineer","displayName":"B"})");
  e.changed = {"title", "displayName"};
  e.previous = parse(R"({"title":"Clerk","displayName":"A"})");
  BOOST_TEST(scim::effective_event({admin("title", "\"Boss\"")}, &e));
  BOOST_TEST(e.changed == std::vector<std::string>{"displayName"}, boost::test_tools::per_element());
  BOOST_TEST(text(e.data.get("title")) == "Boss");
  BOOST_TEST(!e.previous.get("title"));
  BOOST_TEST(e.overridden == std::vector<std::string>{"title"}, boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(sub_attribute_override_keeps_other_sub_changes, Fixture) {
  scim::Event e;
  e.type = "user.updated";
  e.data = parse(R"({"name":{"givenName":"Bo","familyName":"New"}})");
  e.changed = {"name"};
  e.previous = parse(R"({"name":{"givenName":"Al","familyName":"Old"}})");
  BOOST_TEST(scim::effective_event({admin("name.givenName", "\"Ally\"")}, &e));
  BOOST_TEST(text(e.previous.get("name").get("familyName")) == "Old");
  BOOST_TEST(text(e.previous.get("name").get("givenName")) == "Ally");
  BOOST_TEST(text(e.data.get("name").get("givenName")) == "Ally");
}

BOOST_FIXTURE_TEST_CASE(deactivation_under_an_active_override_is_an_update_or_nothing, Fixture) {
  scim::Event e;
  e.type = "user.deactivated";
  e.data = parse(R"({"active":false,"title":"T2"})");
  e.changed = {"active", "title"};
  e.previous = parse(R"({"active":true,"title":"T1"})");
  BOOST_TEST(scim::effective_event({admin("active", "true")}, &e));
  BOOST_TEST(e.type == "user.updated");
  BOOST_TEST(*e.data.get("active").as_bool());

  e.type = "user.deactivated";
  e.data = parse(R"({"active":false})");
  e.changed = {"active"};
  e.previous = parse(R"({"active":true})");
  BOOST_TEST(!scim::effective_event({admin("active", "true")}, &e));
}

BOOST_FIXTURE_TEST_CASE(override_change_event_names_the_effective_difference, Fixture) {
  scim::StoredResource user;
  user.id = "u-1";
  user.version = 3;
  json::Value view = parse(R"({"id":"u-1","userName":"a","title":"Engineer"})");
  auto set = scim::override_change_event(registry, users, user, view, {}, {admin("title", "\"Boss\"")});
  BOOST_REQUIRE(set.has_value());
  BOOST_TEST(set->type == "user.updated");
  BOOST_TEST(set->changed == std::vector<std::string>{"title"}, boost::test_tools::per_element());
  BOOST_TEST(text(set->previous.get("title")) == "Engineer");
  BOOST_TEST(text(set->data.get("title")) == "Boss");
  BOOST_TEST(set->version == 3);
  auto relink = scim::override_change_event(registry, users, user, view, {admin("title", "\"Boss\"")}, {});
  BOOST_REQUIRE(relink.has_value());
  BOOST_TEST(text(relink->data.get("title")) == "Engineer");
  BOOST_TEST(relink->overridden.empty());
  auto same = scim::override_change_event(registry, users, user, view, {}, {admin("title", "\"Engineer\"")});
  BOOST_TEST(!same.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
