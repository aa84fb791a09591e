#include "scim/event.h"

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/resource_type.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;

BOOST_AUTO_TEST_SUITE(event_test)

BOOST_AUTO_TEST_CASE(event_types_are_the_lower_case_resource_type_and_the_change) {
  BOOST_TEST(scim::event_type("User", scim::ChangeKind::kCreated) == "user.created");
  BOOST_TEST(scim::event_type("User", scim::ChangeKind::kDeactivated) == "user.deactivated");
  BOOST_TEST(scim::event_type("User", scim::ChangeKind::kReactivated) == "user.reactivated");
  BOOST_TEST(scim::event_type("Group", scim::ChangeKind::kDeleted) == "group.deleted");
  BOOST_TEST(scim::event_type("Group", scim::ChangeKind::kMemberAdded) == "group.member_added");
  BOOST_TEST(scim::event_type("Group", scim::ChangeKind::kMemberRemoved) == "group.member_removed");
  BOOST_TEST(scim::event_type("User", scim::ChangeKind::kLinked) == "user.linked");
}

BOOST_AUTO_TEST_CASE(issue11_the_policies_a_write_applied_travel_with_its_event_only_when_there_are_some) {
  scim::Event e;
  e.id = "e3";
  e.type = "user.linked";
  e.occurred_at = "2026-12-01T10:00:00.123Z";
  e.resource_type = "User";
  e.resource_id = "u3";
  e.version = 2;
  e.data = json::Value::object();
  BOOST_TEST(json::dump(scim::to_json(e)).find("policies") == std::string::npos);
  e.policies = json::Value::array();
  BOOST_TEST(json::dump(scim::to_json(e)).find("policies") == std::string::npos);
  json::Value applied = json::Value::object();
  applied.set("policy", json::Value::string("link-existing"));
  e.policies.append(applied);
  BOOST_TEST(json::dump(scim::to_json(e)).find(R"("policies":[{"policy":"link-existing"}])") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(issue11_a_template_and_overrides_are_listed_as_policies_like_the_others) {
  scim::Event e;
  e.id = "e4";
  e.type = "user.created";
  e.resource_type = "User";
  e.resource_id = "u4";
  e.data = json::Value::object();
  json::Value applied = json::Value::object();
  applied.set("policy", json::Value::string("link-existing"));
  e.policies = json::Value::array();
  e.policies.append(applied);
  e.template_name = "sales";
  e.overridden = {"title"};
  std::string text = json::dump(scim::to_json(e));
  BOOST_TEST(text.find(R"("policies":[{"policy":"link-existing"},{"policy":"template","name":"sales"},)"
                       R"({"policy":"overrides","paths":["title"]}])") != std::string::npos);
  BOOST_TEST(text.find(R"("template":)") == std::string::npos);
  BOOST_TEST(text.find(R"("overridden":)") == std::string::npos);
  BOOST_TEST(e.policies.size() == 1u);  // the event itself is left as it was
}

BOOST_AUTO_TEST_CASE(the_wire_form_carries_cursor_resource_and_changes) {
  scim::Event e;
  e.id = "e1";
  e.tenant = "acme";
  e.type = "user.updated";
  e.occurred_at = "2026-12-01T10:00:00.123Z";
  e.position = 17;
  e.resource_type = "User";
  e.resource_id = "u1";
  e.version = 4;
  e.data = json::Value::object();
  e.changed = {"displayName"};
  e.previous = json::Value::object();
  e.previous.set("displayName", json::Value::string("Old"));
  std::string text = json::dump(scim::to_json(e));
  BOOST_TEST(text == R"({"tenant":"acme","position":17,"cursor":"17","id":"e1","type":"user.updated",)"
                     R"("occurred_at":"2026-12-01T10:00:00.123Z","resource":{"type":"User","id":"u1","version":4},)"
                     R"("data":{},"changed":["displayName"],"previous":{"displayName":"Old"}})");
}

// A write stores the event without tenant and position; numbering adds
// them to the text, giving what to_json() gives for the numbered event.
BOOST_AUTO_TEST_CASE(the_numbered_text_of_a_stored_event_is_its_wire_form) {
  scim::Event e;
  e.id = "e2";
  e.type = "user.created";
  e.occurred_at = "2026-12-01T10:00:00.123Z";
  e.resource_type = "User";
  e.resource_id = "u2";
  e.version = 1;
  e.data = json::Value::object();
  e.data.set("userName", json::Value::string("Bj\u00f6rn \"B\""));
  e.invitations = "on-create";
  const std::string stored = json::dump(scim::to_json(e));
  BOOST_TEST(stored.find("position") == std::string::npos);
  BOOST_TEST(stored.find("tenant") == std::string::npos);
  e.tenant = "acme \"north\"";
  e.position = 42;
  BOOST_TEST(scim::numbered_event_text(stored, e.tenant, 42) == json::dump(scim::to_json(e)));
}

BOOST_AUTO_TEST_CASE(events_without_changes_have_no_changed_member) {
  scim::Event e;
  e.type = "group.member_added";
  e.data = scim::member_event_data("g1", "Team", scim::Member{"u1", "User", "Babs"});
  json::Value v = scim::to_json(e);
  BOOST_TEST(!v.get("changed"));
  BOOST_TEST(!v.get("invitations"));
  BOOST_TEST(json::dump(v.get("data")) ==
             R"({"group":{"id":"g1","displayName":"Team"},"member":{"value":"u1","type":"User","display":"Babs"}})");
}

BOOST_AUTO_TEST_CASE(attribute_changes_compare_top_level_attributes_only_once_ignoring_identity) {
  scim::SchemaRegistry registry;
  auto before = json::parse(R"({"schemas":["a"],"userName":"x","title":"t","emails":[{"value":"a@x"}]})");
  auto after = json::parse(R"({"schemas":["b"],"userName":"x","emails":[{"value":"b@x"}],"nickName":"n"})");
  BOOST_REQUIRE(before.has_value());
  BOOST_REQUIRE(after.has_value());
  scim::EventDraft draft;
  scim::attribute_changes(registry, scim::user_resource_type(), *before, *after, &draft);
  BOOST_TEST(draft.changed == (std::vector<std::string>{"emails", "nickName", "title"}));
  BOOST_TEST(json::dump(draft.previous) == R"({"emails":[{"value":"a@x"}],"nickName":null,"title":"t"})");
}

BOOST_AUTO_TEST_SUITE_END()
