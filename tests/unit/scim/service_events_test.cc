// The events scim::Service asks the repository to record (scim/event.h,
// scim/repository.h), seen through the in-memory repository, which
// completes them as the MySQL store does.
#include <string>

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/event.h"
#include "scim/service.h"
#include "support/memory_repository.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;

using fastscim::testing::MemoryRepository;

namespace {

constexpr const char* kBase = "https://scim.example.com/scim/v2";

json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

std::string str(const json::Value& v) { return std::string(v.as_string().value_or("<not a string>")); }

json::Value patch_body(const std::string& operations) {
  return parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[)" + operations + "]}");
}

struct Fixture {
  scim::SchemaRegistry registry;
  MemoryRepository memory{&registry};
  scim::Service service{memory, registry, config()};
  scim::Context context{1, kBase};
  const scim::ResourceType& users = *service.find_resource_type("Users");
  const scim::ResourceType& groups = *service.find_resource_type("Groups");

  static scim::ServiceConfig config() {
    scim::ServiceConfig c;
    c.base_url = kBase;
    c.hash_password = [](std::string_view password) { return "hashed:" + std::string(password); };
    return c;
  }

  std::string create(const scim::ResourceType& type, const std::string& body) {
    auto created = service.create(context, type, parse(body), {});
    BOOST_REQUIRE_MESSAGE(created.has_value(), (created ? "" : created.error().detail()));
    return str(created->body.get("id"));
  }
  std::string user(const std::string& user_name, const std::string& extra = "") {
    return create(users, R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + user_name +
                             "\"" + extra + "}");
  }
  std::string group(const std::string& name) {
    return create(groups,
                  R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":")" + name + "\"}");
  }
  void patch(const scim::ResourceType& type, const std::string& id, const std::string& operations) {
    auto patched = service.patch(context, type, id, patch_body(operations), {}, {});
    BOOST_REQUIRE_MESSAGE(patched.has_value(), (patched ? "" : patched.error().detail()));
  }
  const scim::Event& last() {
    BOOST_REQUIRE(!memory.events().empty());
    return memory.events().back();
  }
  long long version_of(const std::string& type, const std::string& id) {
    auto stored = memory.get(1, type, id, false);
    BOOST_REQUIRE(stored.has_value());
    return stored->version;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(service_events_test, Fixture)

BOOST_AUTO_TEST_CASE(a_created_user_is_described_as_a_client_reads_it) {
  std::string id = user("bjensen", R"(,"displayName":"Babs","password":"secret1!")");
  const scim::Event& e = last();
  BOOST_TEST(e.type == "user.created");
  BOOST_TEST(e.resource_type == "User");
  BOOST_TEST(e.resource_id == id);
  BOOST_TEST(e.version == 1);
  BOOST_TEST(e.position == 1);
  BOOST_TEST(str(e.data.get("id")) == id);
  BOOST_TEST(str(e.data.get("displayName")) == "Babs");
  BOOST_TEST(str(e.data.get("meta").get("location")) == std::string(kBase) + "/Users/" + id);
  BOOST_TEST(str(e.data.get("meta").get("version")) == "W/\"1\"");
  BOOST_TEST(!e.data.get("password"));  // ATT-18: never returned, never in an event
  BOOST_TEST(e.changed.empty());
  BOOST_REQUIRE(e.invitations.has_value());
  BOOST_TEST(*e.invitations == "off");
}

BOOST_AUTO_TEST_CASE(an_update_names_the_changed_attributes_and_their_previous_values) {
  std::string id = user("bjensen", R"(,"displayName":"Babs","title":"Tour guide")");
  patch(users, id,
        R"({"op":"replace","path":"displayName","value":"Barbara"},{"op":"remove","path":"title"},)"
        R"({"op":"add","path":"nickName","value":"B"})");
  const scim::Event& e = last();
  BOOST_TEST(e.type == "user.updated");
  BOOST_TEST(e.version == 2);
  BOOST_TEST(e.changed.size() == 3U);
  BOOST_TEST(str(e.previous.get("displayName")) == "Babs");
  BOOST_TEST(str(e.previous.get("title")) == "Tour guide");
  BOOST_TEST(e.previous.get("nickName").is_null());
  BOOST_TEST(str(e.data.get("displayName")) == "Barbara");
  BOOST_TEST(!e.data.get("title"));
}

BOOST_AUTO_TEST_CASE(a_password_change_is_named_without_any_value) {
  std::string id = user("bjensen", R"(,"password":"first-1!")");
  patch(users, id, R"({"op":"replace","path":"password","value":"second-2!"})");
  const scim::Event& e = last();
  BOOST_REQUIRE(e.changed.size() == 1U);
  BOOST_TEST(e.changed[0] == "password");
  BOOST_TEST(!e.previous.get("password"));
  BOOST_TEST(json::dump(scim::to_json(e)).find("hashed:") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(deactivating_and_reactivating_are_their_own_events) {
  std::string id = user("bjensen", R"(,"active":true)");
  patch(users, id, R"({"op":"replace","path":"active","value":false})");
  BOOST_TEST(last().type == "user.deactivated");
  BOOST_TEST(last().previous.get("active").as_bool().value_or(false));
  BOOST_TEST(memory.active_users(1) == 0);
  auto put = service.replace(context, users, id,
                             parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],)"
                                   R"("userName":"bjensen","active":true})"),
                             {}, {});
  BOOST_REQUIRE(put.has_value());
  BOOST_TEST(last().type == "user.reactivated");
  BOOST_TEST(memory.active_users(1) == 1);
}

BOOST_AUTO_TEST_CASE(member_changes_are_one_event_per_member_actually_changed) {
  std::string a = user("a"), b = user("b"), g = group("Team");
  size_t before = memory.events().size();
  patch(groups, g, R"({"op":"add","path":"members","value":[{"value":")" + a + R"("},{"value":")" + b + R"("}]})");
  BOOST_REQUIRE(memory.events().size() == before + 2);
  const scim::Event& added = memory.events()[before];
  BOOST_TEST(added.type == "group.member_added");
  BOOST_TEST(added.resource_id == g);
  BOOST_TEST(added.version == 2);
  BOOST_TEST(str(added.data.get("group").get("displayName")) == "Team");
  BOOST_TEST(str(added.data.get("member").get("value")) == a);
  BOOST_TEST(str(added.data.get("member").get("type")) == "User");
  // Adding a present member and removing an absent one change nothing.
  patch(groups, g, R"({"op":"add","path":"members","value":[{"value":")" + a + R"("}]})");
  patch(groups, g, R"({"op":"remove","path":"members[value eq \"nobody\"]"})");
  BOOST_TEST(memory.events().size() == before + 2);
  patch(groups, g, R"({"op":"remove","path":"members[value eq \")" + b + R"(\"]"})");
  BOOST_TEST(memory.events().size() == before + 3);
  BOOST_TEST(last().type == "group.member_removed");
  BOOST_TEST(str(last().data.get("member").get("value")) == b);
}

BOOST_AUTO_TEST_CASE(a_put_that_only_changes_members_records_only_member_events) {
  std::string a = user("a"), b = user("b"), g = group("Team");
  patch(groups, g, R"({"op":"add","path":"members","value":[{"value":")" + a + R"("}]})");
  size_t before = memory.events().size();
  auto put = service.replace(context, groups, g,
                             parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],)"
                                   R"("displayName":"Team","members":[{"value":")" +
                                   b + R"("}]})"),
                             {}, {});
  BOOST_REQUIRE(put.has_value());
  BOOST_REQUIRE(memory.events().size() == before + 2);
  BOOST_TEST(memory.events()[before].type == "group.member_removed");
  BOOST_TEST(memory.events()[before + 1].type == "group.member_added");
  BOOST_TEST(!memory.events()[before].data.get("members"));
}

BOOST_AUTO_TEST_CASE(deleting_a_user_removes_it_from_its_groups_with_events_and_new_versions) {
  std::string a = user("a", R"(,"active":true)"), g1 = group("One"), g2 = group("Two");
  for (const auto& g : {g1, g2})
    patch(groups, g, R"({"op":"add","path":"members","value":[{"value":")" + a + R"("}]})");
  long long v1 = version_of("Group", g1), v2 = version_of("Group", g2);
  size_t before = memory.events().size();
  BOOST_REQUIRE(service.remove(context, users, a, {}).has_value());
  BOOST_REQUIRE(memory.events().size() == before + 3);
  BOOST_TEST(memory.events()[before].type == "group.member_removed");
  BOOST_TEST(memory.events()[before + 1].type == "group.member_removed");
  BOOST_TEST(version_of("Group", g1) == v1 + 1);
  BOOST_TEST(version_of("Group", g2) == v2 + 1);
  const scim::Event& deleted = last();
  BOOST_TEST(deleted.type == "user.deleted");
  BOOST_TEST(str(deleted.data.get("userName")) == "a");  // the last record
  BOOST_TEST(memory.active_users(1) == 0);
}

BOOST_AUTO_TEST_CASE(positions_are_dense_per_tenant) {
  user("a");
  user("b");
  scim::Context other{2, kBase};
  BOOST_REQUIRE(service
                    .create(other, users,
                            parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"c"})"), {})
                    .has_value());
  user("d");
  const auto& events = memory.events();
  BOOST_REQUIRE(events.size() == 4U);
  BOOST_TEST(events[0].position == 1);
  BOOST_TEST(events[1].position == 2);
  BOOST_TEST(events[2].position == 1);
  BOOST_TEST(events[2].tenant == "2");
  BOOST_TEST(events[3].position == 3);
}

BOOST_AUTO_TEST_SUITE_END()
