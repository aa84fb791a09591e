// scim::Service::create (POST): the 201 answer, what is ignored or refused,
// passwords, and groups with members.
#include <optional>
#include <string>

#include <boost/test/unit_test.hpp>

#include "scim/service.h"
#include "unit/scim/service_fixture.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using namespace fastscim::testing::service_fixture;

namespace {

constexpr const char* kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

}  // namespace

BOOST_AUTO_TEST_SUITE(service_create_test)

// CRT-01, CRT-02, CRT-05, RES-07..RES-10, VER-02.
BOOST_FIXTURE_TEST_CASE(create_answers_201_with_id_meta_location_and_etag, Fixture) {
  Outcome out = create_user("bjensen@example.com", R"("displayName":"Babs")");
  BOOST_TEST(out.kind == OutcomeKind::kCreated);
  std::string id = str(out.body.get("id"));
  BOOST_TEST(!id.empty());
  json::Value meta = out.body.get("meta");
  BOOST_TEST(str(meta.get("resourceType")) == "User");
  BOOST_TEST(str(meta.get("location")) == std::string(kBase) + "/Users/" + id);
  BOOST_TEST(out.location == str(meta.get("location")));
  BOOST_TEST(str(meta.get("version")) == "W/\"1\"");
  BOOST_TEST(out.version == 1);
  BOOST_TEST(str(meta.get("created")) == str(meta.get("lastModified")));
  BOOST_TEST(str(out.body.get("schemas").at(0)) == kUserUrn);
  BOOST_TEST(str(out.body.get("userName")) == "bjensen@example.com");
  BOOST_TEST(str(out.body.get("displayName")) == "Babs");
  BOOST_TEST(memory.events().back().type == "user.created");
}

// CRT-03, RES-04, RES-06: id and meta sent by the client are ignored.
BOOST_FIXTURE_TEST_CASE(create_ignores_id_and_meta_sent_by_the_client, Fixture) {
  Outcome out = create_user("a", R"("id":"chosen-by-client","meta":{"resourceType":"Group","version":"W/\"9\""})");
  BOOST_TEST(str(out.body.get("id")) != "chosen-by-client");
  BOOST_TEST(str(out.body.get("meta").get("resourceType")) == "User");
  BOOST_TEST(str(out.body.get("meta").get("version")) == "W/\"1\"");
}

// CRT-07, ATT-14: a missing required attribute is 400 invalidValue; nothing is written.
BOOST_FIXTURE_TEST_CASE(create_without_user_name_is_400_invalid_value, Fixture) {
  Error e = err(
      service.create(context, users, parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]})"), {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(e.scim_type() == ScimType::kInvalidValue);
  BOOST_TEST(e.detail().find("userName") != std::string::npos);
  BOOST_TEST(memory.size(1) == 0u);
}

// CRT-06, SCH-01: userName is unique per tenant, ignoring case; SEC-08: only within the tenant.
BOOST_FIXTURE_TEST_CASE(create_with_a_taken_user_name_is_409_uniqueness_within_the_tenant_only, Fixture) {
  create_user("bjensen");
  Error e = err(service.create(context, users, parse(user_json("BJENSEN")), {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kUniqueness);
  BOOST_TEST(e.scim_type() == ScimType::kUniqueness);
  BOOST_TEST(ok(service.create(other_tenant, users, parse(user_json("bjensen")), {})).kind == OutcomeKind::kCreated);
}

// SEC-09, ATT-18, ATT-20: the password is stored hashed and never returned.
BOOST_FIXTURE_TEST_CASE(create_hashes_the_password_and_never_returns_it, Fixture) {
  Outcome out = create_user("a", R"("password":"s3cret")");
  std::string id = str(out.body.get("id"));
  BOOST_TEST(!out.body.get("password"));
  BOOST_TEST(str(memory.document_for_testing(1, id).get("password")) == "hashed:s3cret");
  BOOST_TEST(!get_user(id).get("password"));
  BOOST_TEST(!get_user(id, {{"attributes", "password"}}).get("password"));
  json::Value listed = list_users({});
  BOOST_TEST(!listed.get("Resources").at(0).get("password"));
}

// SEC-09: without a hasher a password is refused rather than stored in clear.
BOOST_FIXTURE_TEST_CASE(create_without_a_hasher_refuses_to_store_a_password, Fixture) {
  scim::ServiceConfig c = config();
  c.hash_password = nullptr;
  scim::Service bare(repository, registry, c);
  Error e = err(bare.create(context, users, parse(user_json("a", R"("password":"x")")), {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInternal);
  BOOST_TEST(memory.size(1) == 0u);
}

// PRJ-01, PRJ-03: attributes applies to the POST response; id and schemas stay.
BOOST_FIXTURE_TEST_CASE(create_response_honours_attributes, Fixture) {
  Outcome out = ok(service.create(context, users, parse(user_json("a", R"("displayName":"A","title":"T")")),
                                  {{"attributes", "displayName"}}));
  BOOST_TEST(str(out.body.get("displayName")) == "A");
  BOOST_TEST(!out.body.get("title"));
  BOOST_TEST(!out.body.get("userName"));
  BOOST_TEST(!str(out.body.get("id")).empty());
  BOOST_TEST(out.body.get("schemas").is_array());
  BOOST_TEST(!out.location.empty());
}

// Entra's POST: active as the string "True", an extension object, an
// unknown Microsoft schema URI on groups (entra-provisioning.md §4).
BOOST_FIXTURE_TEST_CASE(create_accepts_what_entra_sends, Fixture) {
  Outcome out = create_user(
      "mira@acme.example", std::string(R"("active":"True","roles":[],"meta":{"resourceType":"User"},")") + kEnterprise +
                               R"(":{"employeeNumber":"40117"})");
  BOOST_TEST(out.body.get("active").as_bool() == std::optional<bool>(true));
  BOOST_TEST(str(out.body.get(kEnterprise).get("employeeNumber")) == "40117");
  Outcome group = ok(service.create(context, groups, parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                 "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                "externalId":"5f0e","displayName":"Procurement","meta":{"resourceType":"Group"}})"),
                                    {}));
  BOOST_TEST(group.kind == OutcomeKind::kCreated);
  BOOST_TEST(str(group.body.get("meta").get("resourceType")) == "Group");
}

// SCH-06, RES-09: members come back with $ref and type.
BOOST_FIXTURE_TEST_CASE(create_group_returns_its_members_with_ref_and_type, Fixture) {
  std::string alice = user_id("alice");
  std::string admins = group_id("Admins");
  Outcome out = ok(service.create(
      context, groups,
      parse(group_json("Team",
                       R"("members":[{"value":")" + alice + R"(","display":"Alice"},{"value":")" + admins + R"("}])")),
      {}));
  json::Value members = out.body.get("members");
  BOOST_REQUIRE(members.size() == 2u);
  BOOST_TEST(str(members.at(0).get("value")) == alice);
  BOOST_TEST(str(members.at(0).get("$ref")) == std::string(kBase) + "/Users/" + alice);
  BOOST_TEST(str(members.at(0).get("type")) == "User");
  BOOST_TEST(str(members.at(0).get("display")) == "Alice");
  BOOST_TEST(str(members.at(1).get("$ref")) == std::string(kBase) + "/Groups/" + admins);  // nested group
  BOOST_TEST(str(members.at(1).get("type")) == "Group");
}

// The repository's answer for members that do not exist passes through.
BOOST_FIXTURE_TEST_CASE(create_group_with_an_unknown_member_is_400_naming_it, Fixture) {
  std::string foreign = str(ok(service.create(other_tenant, users, parse(user_json("x")), {})).body.get("id"));
  Error e = err(
      service.create(context, groups, parse(group_json("G", R"("members":[{"value":")" + foreign + "\"}]")), {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(e.scim_type() == ScimType::kInvalidValue);
  BOOST_TEST(e.detail().find(foreign) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
