#include "scim/service.h"

#include <optional>
#include <ostream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "support/error_print.h"
#include "support/faulty_repository.h"
#include "support/memory_repository.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;

namespace fastscim::scim {
std::ostream& operator<<(std::ostream& os, ScimType t) { return os << '"' << scim_type_keyword(t) << '"'; }
std::ostream& operator<<(std::ostream& os, ChangeKind k) { return os << static_cast<int>(k); }
std::ostream& operator<<(std::ostream& os, OutcomeKind k) { return os << static_cast<int>(k); }
}  // namespace fastscim::scim

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<bool>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<long long>)

using fastscim::testing::FaultyRepository;
using fastscim::testing::MemoryRepository;
using scim::Error;
using scim::Outcome;
using scim::OutcomeKind;
using scim::Preconditions;
using scim::QueryParams;
using scim::ScimType;
using Op = FaultyRepository::Operation;

namespace {

constexpr const char* kBase = "https://scim.example.com/scim/v2";
constexpr const char* kUserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
constexpr const char* kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

std::string user_json(const std::string& user_name, const std::string& extra = "") {
  return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + user_name + "\"" +
         (extra.empty() ? "" : "," + extra) + "}";
}

std::string group_json(const std::string& display_name, const std::string& extra = "") {
  return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":")" + display_name + "\"" +
         (extra.empty() ? "" : "," + extra) + "}";
}

json::Value patch_body(const std::string& operations) {
  return parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[)" + operations + "]}");
}

std::string str(const json::Value& v) { return std::string(v.as_string().value_or("<not a string>")); }

// The Outcome, failing the test with the error's detail otherwise.
Outcome ok(const scim::Result<Outcome>& result) {
  BOOST_REQUIRE_MESSAGE(result.has_value(), "expected success, got "
                                                << (result ? scim::ErrorKind::kInternal : result.error().kind()) << " "
                                                << (result ? "" : result.error().detail()));
  return result.value();
}

// The Error, failing the test if the call succeeded.
Error err(const scim::Result<Outcome>& result) {
  BOOST_REQUIRE_MESSAGE(!result.has_value(),
                        "expected an error, got outcome " << (result ? static_cast<int>(result->kind) : -1));
  return result.error();
}

struct Fixture {
  scim::SchemaRegistry registry;
  MemoryRepository memory{&registry};
  FaultyRepository repository{memory};
  scim::Service service{repository, registry, config()};
  scim::Context context{1, kBase};
  scim::Context other_tenant{2, kBase};
  const scim::ResourceType& users = *service.find_resource_type("Users");
  const scim::ResourceType& groups = *service.find_resource_type("/Groups");

  static scim::ServiceConfig config() {
    scim::ServiceConfig c;
    c.base_url = "https://unused.example.com/scim/v2";
    c.default_page_size = 10;
    c.max_page_size = 50;
    c.hash_password = [](std::string_view password) { return "hashed:" + std::string(password); };
    return c;
  }

  Outcome create_user(const std::string& user_name, const std::string& extra = "") {
    return ok(service.create(context, users, parse(user_json(user_name, extra)), {}));
  }
  std::string user_id(const std::string& user_name, const std::string& extra = "") {
    return str(create_user(user_name, extra).body.get("id"));
  }
  std::string group_id(const std::string& display_name, const std::string& extra = "") {
    return str(ok(service.create(context, groups, parse(group_json(display_name, extra)), {})).body.get("id"));
  }
  json::Value get_user(const std::string& id, const QueryParams& params = {}) {
    return ok(service.get(context, users, id, params, {})).body;
  }
  json::Value get_group(const std::string& id, const QueryParams& params = {}) {
    return ok(service.get(context, groups, id, params, {})).body;
  }
  json::Value list_users(const QueryParams& params) { return ok(service.list(context, users, params)).body; }
  long long stored_version(const std::string& type, const std::string& id) {
    auto stored = memory.get(1, type, id, false);
    BOOST_REQUIRE(stored.has_value());
    return stored->version;
  }
  // A write by "someone else", straight to the memory store.
  void concurrent_set(const std::string& type, const std::string& id, const char* key, const char* value) {
    auto stored = memory.get(1, type, id, false);
    BOOST_REQUIRE(stored.has_value());
    json::Value doc = stored->document.deep_copy();
    doc.set(key, json::Value::string(value));
    auto written = memory.replace(1, type, id, doc, std::nullopt, std::nullopt, scim::ChangeKind::kUpdated, {});
    BOOST_REQUIRE(written.has_value());
  }
};

// The preconditions http/ parses from If-Match and If-None-Match
// (http/preconditions.h owns the header syntax and its weak comparison).
scim::VersionSet versions(long long version) {
  return scim::VersionSet{false, {version}, scim::etag_for_version(version)};
}
scim::VersionSet any_version() { return scim::VersionSet{true, {}, "*"}; }
Preconditions if_match(long long version) { return Preconditions{versions(version), std::nullopt}; }
Preconditions if_match_any() { return Preconditions{any_version(), std::nullopt}; }
Preconditions if_none_match(long long version) { return Preconditions{std::nullopt, versions(version)}; }
Preconditions if_none_match_any() { return Preconditions{std::nullopt, any_version()}; }

bool has_member(const json::Value& group, const std::string& id) {
  json::Value members = group.get("members");
  for (size_t i = 0; i < members.size(); ++i) {
    if (str(members.at(i).get("value")) == id) return true;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(service_test)

// ---- preconditions -------------------------------------------------------------

// RES-10, VER-03: meta.version and the ETag are weak; VER-08: "*" matches
// any version, a list matches when one member does.
BOOST_AUTO_TEST_CASE(version_sets_match_any_or_a_listed_version) {
  BOOST_TEST(scim::etag_for_version(3) == "W/\"3\"");
  BOOST_TEST(any_version().matches(3));
  BOOST_TEST(versions(3).matches(3));
  BOOST_TEST(!versions(33).matches(3));
  BOOST_TEST((scim::VersionSet{false, {1, 3}, "W/\"1\", W/\"3\""}.matches(3)));
  BOOST_TEST(!scim::VersionSet{}.matches(3));
  BOOST_TEST(if_match(3).pins_version());
  BOOST_TEST(!if_match_any().pins_version());
  BOOST_TEST(!Preconditions{}.pins_version());
}

// ---- create ------------------------------------------------------------------------

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

// ---- get ---------------------------------------------------------------------------

// GET-01, GET-02, VER-02.
BOOST_FIXTURE_TEST_CASE(get_returns_the_resource_with_its_etag, Fixture) {
  std::string id = user_id("a", R"("title":"Buyer")");
  Outcome out = ok(service.get(context, users, id, {}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kOk);
  BOOST_TEST(out.version == 1);
  BOOST_TEST(str(out.body.get("title")) == "Buyer");
  BOOST_TEST(str(out.body.get("meta").get("version")) == scim::etag_for_version(*out.version));  // RES-10
}

// GET-01, SEC-14: unknown ids and other tenants' ids get the same 404.
BOOST_FIXTURE_TEST_CASE(get_of_an_unknown_or_foreign_id_is_404, Fixture) {
  std::string foreign = str(ok(service.create(other_tenant, users, parse(user_json("a")), {})).body.get("id"));
  Error unknown = err(service.get(context, users, "00000000-0000-4000-8000-999999999999", {}, {}));
  Error other = err(service.get(context, users, foreign, {}, {}));
  BOOST_TEST(unknown.kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(other.kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(err(service.get(context, groups, user_id("b"), {}, {})).kind() ==
             scim::ErrorKind::kNotFound);  // a user is not a group
}

// VER-05: a matching If-None-Match gives 304 without body.
BOOST_FIXTURE_TEST_CASE(get_with_a_matching_if_none_match_is_304_without_body, Fixture) {
  std::string id = user_id("a");
  Outcome same = ok(service.get(context, users, id, {}, if_none_match(1)));
  BOOST_TEST(same.kind == OutcomeKind::kNotModified);
  BOOST_TEST(!same.body);
  BOOST_TEST(same.version == 1);
  BOOST_TEST(ok(service.get(context, users, id, {}, if_none_match_any())).kind == OutcomeKind::kNotModified);
  BOOST_TEST(ok(service.get(context, users, id, {}, if_none_match(0))).kind == OutcomeKind::kOk);
}

BOOST_FIXTURE_TEST_CASE(get_with_a_stale_if_match_is_412, Fixture) {
  std::string id = user_id("a");
  Error stale = err(service.get(context, users, id, {}, if_match(7)));
  BOOST_TEST(stale.kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(stale.detail() ==
             "If-Match W/\"7\" does not match the current version W/\"1\" of this User; fetch it again.");
  BOOST_TEST(ok(service.get(context, users, id, {}, if_match(1))).kind == OutcomeKind::kOk);
}

// PRJ-08: excludedAttributes=members (Entra's group lookup) never loads members.
BOOST_FIXTURE_TEST_CASE(get_with_excluded_members_never_loads_members, Fixture) {
  std::string alice = user_id("alice");
  std::string team = group_id("Team", R"("members":[{"value":")" + alice + "\"}]");
  int before = memory.member_loads();
  json::Value group = get_group(team, {{"excludedAttributes", "members"}});
  BOOST_TEST(memory.member_loads() == before);
  BOOST_TEST(!group.get("members"));
  BOOST_TEST(str(group.get("displayName")) == "Team");
  get_group(team, {{"attributes", "id,displayName"}});
  BOOST_TEST(memory.member_loads() == before);
  BOOST_TEST(has_member(get_group(team), alice));
  BOOST_TEST(memory.member_loads() == before + 1);
}

// SCH-05: User.groups is computed from memberships, type "direct".
BOOST_FIXTURE_TEST_CASE(user_groups_are_computed_from_memberships, Fixture) {
  std::string alice = user_id("alice");
  std::string team = group_id("Team", R"("members":[{"value":")" + alice + "\"}]");
  json::Value user = get_user(alice);
  BOOST_REQUIRE(user.get("groups").size() == 1u);
  json::Value g = user.get("groups").at(0);
  BOOST_TEST(str(g.get("value")) == team);
  BOOST_TEST(str(g.get("$ref")) == std::string(kBase) + "/Groups/" + team);
  BOOST_TEST(str(g.get("display")) == "Team");
  BOOST_TEST(str(g.get("type")) == "direct");
}

// ---- replace (PUT) -----------------------------------------------------------------

// PUT-03, PUT-04, PUT-09: supplied values replace, omitted ones are cleared.
BOOST_FIXTURE_TEST_CASE(put_replaces_the_resource_and_clears_omitted_attributes, Fixture) {
  std::string id = user_id("a", R"("title":"Buyer","nickName":"Al")");
  Outcome out = ok(service.replace(context, users, id, parse(user_json("a2", R"("title":"Senior Buyer")")), {}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kOk);
  BOOST_TEST(str(out.body.get("userName")) == "a2");
  BOOST_TEST(str(out.body.get("title")) == "Senior Buyer");
  BOOST_TEST(!out.body.get("nickName"));
  BOOST_TEST(out.version == 2);
  BOOST_TEST(str(out.body.get("meta").get("lastModified")) != str(out.body.get("meta").get("created")));  // RES-08
}

// PUT-07, CV-11: readOnly values (id, meta, groups) are ignored, not rejected.
BOOST_FIXTURE_TEST_CASE(put_ignores_read_only_values, Fixture) {
  std::string id = user_id("a");
  Outcome out = ok(service.replace(
      context, users, id,
      parse(user_json("a", R"("id":"other","meta":{"version":"W/\"42\""},"groups":[{"value":"g"}])")), {}, {}));
  BOOST_TEST(str(out.body.get("id")) == id);
  BOOST_TEST(!out.body.get("groups"));
}

// PUT-08: a PUT without a required attribute is 400 and changes nothing.
BOOST_FIXTURE_TEST_CASE(put_without_user_name_is_400_and_writes_nothing, Fixture) {
  std::string id = user_id("a");
  Error e = err(service.replace(context, users, id,
                                parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userame":"x"})"),
                                {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(e.scim_type() == ScimType::kInvalidValue);
  BOOST_TEST(stored_version("User", id) == 1);
}

// PUT-02: PUT never creates.
BOOST_FIXTURE_TEST_CASE(put_to_an_unknown_id_is_404, Fixture) {
  BOOST_TEST(err(service.replace(context, users, "nope", parse(user_json("a")), {}, {})).kind() ==
             scim::ErrorKind::kNotFound);
  BOOST_TEST(memory.size(1) == 0u);
}

// PUT-10: a uniqueness clash is 409.
BOOST_FIXTURE_TEST_CASE(put_taking_another_users_name_is_409, Fixture) {
  user_id("taken");
  std::string id = user_id("a");
  Error e = err(service.replace(context, users, id, parse(user_json("TAKEN")), {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kUniqueness);
  BOOST_TEST(e.scim_type() == ScimType::kUniqueness);
}

// VER-06, VER-08, PUT-10.
BOOST_FIXTURE_TEST_CASE(put_checks_if_match_weakly, Fixture) {
  std::string id = user_id("a");
  Error stale = err(service.replace(context, users, id, parse(user_json("b")), {}, if_match(5)));
  BOOST_TEST(stale.kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(stored_version("User", id) == 1);
  BOOST_TEST(ok(service.replace(context, users, id, parse(user_json("b")), {}, if_match(1))).version == 2);
  BOOST_TEST(ok(service.replace(context, users, id, parse(user_json("c")), {}, if_match_any())).version == 3);
}

// SEC-09: an omitted password keeps its hash (a client cannot echo it); null clears it.
BOOST_FIXTURE_TEST_CASE(put_keeps_the_password_unless_it_is_given_or_nulled, Fixture) {
  std::string id = user_id("a", R"("password":"one")");
  ok(service.replace(context, users, id, parse(user_json("a", R"("title":"x")")), {}, {}));
  BOOST_TEST(str(memory.document_for_testing(1, id).get("password")) == "hashed:one");
  ok(service.replace(context, users, id, parse(user_json("a", R"("password":"two")")), {}, {}));
  BOOST_TEST(str(memory.document_for_testing(1, id).get("password")) == "hashed:two");
  ok(service.replace(context, users, id, parse(user_json("a", R"("password":null)")), {}, {}));
  BOOST_TEST(!memory.document_for_testing(1, id).get("password"));
}

// VER-04: a PUT that changes nothing keeps the version.
BOOST_FIXTURE_TEST_CASE(put_that_changes_nothing_keeps_the_version, Fixture) {
  std::string id = user_id("a", R"("title":"T")");
  Outcome out = ok(service.replace(context, users, id, parse(user_json("a", R"("title":"T")")), {}, {}));
  BOOST_TEST(out.version == 1);
  BOOST_TEST(memory.replace_calls() == 0);
}

// A group PUT sets exactly the members sent (Microsoft's "Put replace group").
BOOST_FIXTURE_TEST_CASE(put_on_a_group_replaces_its_members, Fixture) {
  std::string a = user_id("a"), b = user_id("b"), c = user_id("c");
  std::string team = group_id("Team", R"("members":[{"value":")" + a + R"("},{"value":")" + b + "\"}]");
  Outcome out = ok(service.replace(
      context, groups, team,
      parse(group_json("Renamed", R"("members":[{"value":")" + b + R"("},{"value":")" + c + "\"}]")), {}, {}));
  BOOST_TEST(str(out.body.get("displayName")) == "Renamed");
  BOOST_TEST(!has_member(out.body, a));
  BOOST_TEST(has_member(out.body, b));
  BOOST_TEST(has_member(out.body, c));
  ok(service.replace(context, groups, team, parse(group_json("Renamed")), {}, {}));
  BOOST_TEST(!get_group(team).get("members"));
}

// Deactivation through PUT is recorded as such for the event outbox.
BOOST_FIXTURE_TEST_CASE(put_that_sets_active_false_records_a_deactivation, Fixture) {
  std::string id = user_id("a", R"("active":true)");
  ok(service.replace(context, users, id, parse(user_json("a", R"("active":false)")), {}, {}));
  BOOST_TEST(memory.events().back().type == "user.deactivated");
  ok(service.replace(context, users, id, parse(user_json("a", R"("active":true)")), {}, {}));
  BOOST_TEST(memory.events().back().type == "user.reactivated");
}

// A concurrent write between read and write makes the service start over.
BOOST_FIXTURE_TEST_CASE(put_is_retried_after_losing_a_race, Fixture) {
  std::string id = user_id("a");
  repository.before_write(Op::kReplace, [&] { concurrent_set("User", id, "nickName", "racer"); });
  Outcome out = ok(service.replace(context, users, id, parse(user_json("a", R"("title":"T")")), {}, {}));
  BOOST_TEST(repository.calls(Op::kReplace) == 2);
  BOOST_TEST(out.version == 3);
  BOOST_TEST(str(out.body.get("title")) == "T");
}

// ---- patch -------------------------------------------------------------------------

// PAT-11: 204 with the new ETag unless the client asks for the resource.
BOOST_FIXTURE_TEST_CASE(patch_answers_204_with_the_new_etag, Fixture) {
  std::string id = user_id("a");
  Outcome out = ok(service.patch(context, users, id,
                                 patch_body(R"({"op":"Replace","path":"userName","value":"newusername"})"), {}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kNoContent);
  BOOST_TEST(!out.body);
  BOOST_TEST(out.version == 2);
  BOOST_TEST(str(get_user(id).get("userName")) == "newusername");
}

// PAT-11, PRJ-01: with attributes (or excludedAttributes) the answer is 200 with the projected resource.
BOOST_FIXTURE_TEST_CASE(patch_with_attributes_answers_200_with_the_projected_resource, Fixture) {
  std::string id = user_id("a", R"("title":"T")");
  Outcome out = ok(service.patch(context, users, id, patch_body(R"({"op":"replace","path":"active","value":"False"})"),
                                 {{"attributes", "active"}}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kOk);
  BOOST_TEST(out.body.get("active").as_bool() == std::optional<bool>(false));
  BOOST_TEST(!out.body.get("title"));
  BOOST_TEST(str(out.body.get("id")) == id);
  BOOST_TEST(out.version == 2);
  Outcome excluded = ok(service.patch(context, users, id, patch_body(R"({"op":"add","path":"nickName","value":"N"})"),
                                      {{"excludedAttributes", "title"}}, {}));
  BOOST_TEST(excluded.kind == OutcomeKind::kOk);
  BOOST_TEST(str(excluded.body.get("nickName")) == "N");
  BOOST_TEST(!excluded.body.get("title"));
}

// PAT-15, VER-04: a PATCH that changes nothing writes nothing.
BOOST_FIXTURE_TEST_CASE(patch_that_changes_nothing_writes_nothing, Fixture) {
  std::string id = user_id("a", R"("title":"T")");
  int writes = memory.writes();
  Outcome out = ok(
      service.patch(context, users, id, patch_body(R"({"op":"replace","path":"title","value":"T"})"), {}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kNoContent);
  BOOST_TEST(out.version == 1);
  BOOST_TEST(memory.writes() == writes);
}

// VER-06: a stale If-Match is 412 and nothing is written; VER-08: "*" and weak tags match.
BOOST_FIXTURE_TEST_CASE(patch_checks_if_match, Fixture) {
  std::string id = user_id("a");
  json::Value body = patch_body(R"({"op":"replace","path":"title","value":"T"})");
  BOOST_TEST(err(service.patch(context, users, id, body, {}, if_match(9))).kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(stored_version("User", id) == 1);
  BOOST_TEST(ok(service.patch(context, users, id, body, {}, if_match(1))).version == 2);
  BOOST_TEST(ok(service.patch(context, users, id, patch_body(R"({"op":"replace","path":"title","value":"U"})"), {},
                              if_match_any()))
                 .version == 3);
}

BOOST_FIXTURE_TEST_CASE(patch_of_an_unknown_id_is_404, Fixture) {
  BOOST_TEST(
      err(service.patch(context, users, "nope", patch_body(R"({"op":"add","path":"title","value":"T"})"), {}, {}))
          .kind() == scim::ErrorKind::kNotFound);
}

// PAT-02, PAT-07: an invalid request is the engine's 400, and nothing is written.
BOOST_FIXTURE_TEST_CASE(patch_errors_come_from_the_engine_and_write_nothing, Fixture) {
  std::string id = user_id("a");
  Error e = err(service.patch(context, users, id, parse(R"({"Operations":[]})"), {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  e = err(service.patch(context, users, id,
                        patch_body(R"({"op":"replace","path":"title","value":"T"},{"op":"remove","path":"userName"})"),
                        {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(e.scim_type() == ScimType::kMutability);
  BOOST_TEST(!get_user(id).get("title"));
  BOOST_TEST(stored_version("User", id) == 1);
}

// Optimistic concurrency: a PATCH that loses a race is re-applied to the new
// version, so neither change is lost.
BOOST_FIXTURE_TEST_CASE(patch_losing_a_race_is_retried_and_loses_no_change, Fixture) {
  std::string id = user_id("a");
  repository.before_write(Op::kReplace, [&] { concurrent_set("User", id, "nickName", "racer"); });
  Outcome out = ok(service.patch(context, users, id, patch_body(R"({"op":"add","path":"title","value":"T"})"), {}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kNoContent);
  BOOST_TEST(repository.calls(Op::kReplace) == 2);
  json::Value user = get_user(id);
  BOOST_TEST(str(user.get("title")) == "T");
  BOOST_TEST(str(user.get("nickName")) == "racer");
  BOOST_TEST(out.version == 3);
}

// With the client's own If-Match a lost race is the client's 412, not a retry.
BOOST_FIXTURE_TEST_CASE(patch_with_if_match_that_loses_a_race_is_412, Fixture) {
  std::string id = user_id("a");
  repository.before_write(Op::kReplace, [&] { concurrent_set("User", id, "nickName", "racer"); });
  Error e = err(
      service.patch(context, users, id, patch_body(R"({"op":"add","path":"title","value":"T"})"), {}, if_match(1)));
  BOOST_TEST(e.kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(repository.calls(Op::kReplace) == 1);
  BOOST_TEST(!get_user(id).get("title"));
}

// After max_write_attempts lost races the service gives up with 409 and writes nothing.
BOOST_FIXTURE_TEST_CASE(patch_gives_up_with_409_after_repeated_races, Fixture) {
  std::string id = user_id("a");
  repository.before_write(
      Op::kReplace, [&] { concurrent_set("User", id, "nickName", "racer"); }, -1);
  Error e = err(service.patch(context, users, id, patch_body(R"({"op":"add","path":"title","value":"T"})"), {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kConflict);
  BOOST_TEST(repository.calls(Op::kReplace) == 5);
  BOOST_TEST(!get_user(id).get("title"));
}

// SEC-09: a patched password is hashed; other PATCHes leave the hash alone.
BOOST_FIXTURE_TEST_CASE(patch_hashes_a_new_password_and_keeps_an_untouched_one, Fixture) {
  std::string id = user_id("a", R"("password":"one")");
  ok(service.patch(context, users, id, patch_body(R"({"op":"replace","path":"title","value":"T"})"), {}, {}));
  BOOST_TEST(str(memory.document_for_testing(1, id).get("password")) == "hashed:one");
  Outcome out = ok(service.patch(context, users, id, patch_body(R"({"op":"replace","path":"password","value":"two"})"),
                                 {{"attributes", "password,userName"}}, {}));
  BOOST_TEST(str(memory.document_for_testing(1, id).get("password")) == "hashed:two");
  BOOST_TEST(!out.body.get("password"));
}

// Entra's deactivation (entra-provisioning.md §6.6) is recorded for the outbox.
BOOST_FIXTURE_TEST_CASE(patch_active_false_records_a_deactivation, Fixture) {
  std::string id = user_id("a", R"("active":true)");
  ok(service.patch(context, users, id, patch_body(R"({"op":"Replace","path":"active","value":"False"})"), {}, {}));
  BOOST_TEST(memory.events().back().type == "user.deactivated");
  BOOST_TEST(get_user(id).get("active").as_bool() == std::optional<bool>(false));
  ok(service.patch(context, users, id, patch_body(R"({"op":"Replace","path":"active","value":"True"})"), {}, {}));
  BOOST_TEST(memory.events().back().type == "user.reactivated");
}

// Membership PATCHes go to modify_members and never rewrite the document.
BOOST_FIXTURE_TEST_CASE(patch_of_members_only_touches_the_members, Fixture) {
  std::string a = user_id("a"), b = user_id("b");
  std::string team = group_id("Team");
  Outcome out = ok(service.patch(
      context, groups, team,
      patch_body(R"({"op":"Add","path":"members","value":[{"value":")" + a + R"("},{"value":")" + b + "\"}]}"), {},
      {}));
  BOOST_TEST(out.kind == OutcomeKind::kNoContent);
  BOOST_TEST(memory.modify_members_calls() == 1);
  BOOST_TEST(memory.replace_calls() == 0);
  BOOST_TEST(has_member(get_group(team), a));
  ok(service.patch(context, groups, team, patch_body(R"({"op":"remove","path":"members[value eq \")" + a + R"(\"]"})"),
                   {}, {}));
  json::Value group = get_group(team);
  BOOST_TEST(!has_member(group, a));
  BOOST_TEST(has_member(group, b));
  ok(service.patch(context, groups, team, patch_body(R"({"op":"remove","path":"members"})"), {}, {}));
  BOOST_TEST(!get_group(team).get("members"));
  BOOST_TEST(memory.replace_calls() == 0);
}

// Concurrent membership additions commute: no version is required, nothing is retried or lost.
BOOST_FIXTURE_TEST_CASE(concurrent_member_additions_are_not_retried_and_all_land, Fixture) {
  std::string a = user_id("a"), b = user_id("b");
  std::string team = group_id("Team");
  repository.before_write(Op::kModifyMembers, [&] {
    auto r = memory.modify_members(1, team, {scim::Member{b, "", ""}}, {}, false, std::nullopt, {});
    BOOST_REQUIRE(r.has_value());
  });
  ok(service.patch(context, groups, team,
                   patch_body(R"({"op":"add","path":"members","value":[{"value":")" + a + "\"}]}"), {}, {}));
  BOOST_TEST(repository.calls(Op::kModifyMembers) == 1);
  json::Value group = get_group(team);
  BOOST_TEST(has_member(group, a));
  BOOST_TEST(has_member(group, b));
}

// With If-Match the membership change is conditional too (VER-06).
BOOST_FIXTURE_TEST_CASE(member_patch_with_a_stale_if_match_is_412, Fixture) {
  std::string a = user_id("a");
  std::string team = group_id("Team");
  repository.before_write(Op::kModifyMembers, [&] { concurrent_set("Group", team, "externalId", "x"); });
  Error e = err(service.patch(context, groups, team,
                              patch_body(R"({"op":"add","path":"members","value":[{"value":")" + a + "\"}]}"), {},
                              if_match(1)));
  BOOST_TEST(e.kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(!get_group(team).get("members"));
}

// PAT-07: a PATCH renaming a group and adding a member is written at once.
BOOST_FIXTURE_TEST_CASE(patch_of_document_and_members_is_one_atomic_write, Fixture) {
  std::string a = user_id("a"), b = user_id("b");
  std::string team = group_id("Team", R"("members":[{"value":")" + a + "\"}]");
  Outcome out = ok(service.patch(
      context, groups, team,
      patch_body(
          R"({"op":"replace","path":"displayName","value":"Sourcing"},{"op":"add","path":"members","value":[{"value":")" +
          b + "\"}]}"),
      {}, {}));
  BOOST_TEST(out.version == 2);
  BOOST_TEST(memory.replace_calls() == 1);
  BOOST_TEST(memory.modify_members_calls() == 0);
  json::Value group = get_group(team);
  BOOST_TEST(str(group.get("displayName")) == "Sourcing");
  BOOST_TEST(has_member(group, a));
  BOOST_TEST(has_member(group, b));
  // An unknown member fails the whole request: the rename is not applied either.
  Error e = err(service.patch(
      context, groups, team,
      patch_body(R"({"op":"replace","path":"displayName","value":"X"},{"op":"add","path":"members","value":"nobody"})"),
      {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(str(get_group(team).get("displayName")) == "Sourcing");
}

// PAT-11 for groups: 200 with members only when asked; excludedAttributes=members never loads them.
BOOST_FIXTURE_TEST_CASE(group_patch_returns_members_only_when_asked, Fixture) {
  std::string a = user_id("a");
  std::string team = group_id("Team");
  json::Value add = patch_body(R"({"op":"add","path":"members","value":[{"value":")" + a + "\"}]}");
  Outcome with = ok(service.patch(context, groups, team, add, {{"attributes", "members"}}, {}));
  BOOST_TEST(with.kind == OutcomeKind::kOk);
  BOOST_TEST(has_member(with.body, a));
  int loads = memory.member_loads();
  Outcome without = ok(service.patch(context, groups, team,
                                     patch_body(R"({"op":"replace","path":"displayName","value":"T2"})"),
                                     {{"excludedAttributes", "members"}}, {}));
  BOOST_TEST(without.kind == OutcomeKind::kOk);
  BOOST_TEST(!without.body.get("members"));
  BOOST_TEST(str(without.body.get("displayName")) == "T2");
  BOOST_TEST(memory.member_loads() == loads);
}

// ---- remove ------------------------------------------------------------------------

// DEL-01, DEL-02, DEL-04, CRT-09.
BOOST_FIXTURE_TEST_CASE(delete_answers_204_then_404_and_frees_the_user_name, Fixture) {
  std::string id = user_id("a");
  Outcome out = ok(service.remove(context, users, id, {}));
  BOOST_TEST(out.kind == OutcomeKind::kNoContent);
  BOOST_TEST(!out.body);
  BOOST_TEST(err(service.get(context, users, id, {}, {})).kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(err(service.remove(context, users, id, {})).kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(create_user("a").kind == OutcomeKind::kCreated);
  BOOST_TEST(memory.events().back().type == "user.created");
}

// DEL-05.
BOOST_FIXTURE_TEST_CASE(delete_with_a_stale_if_match_is_412_and_keeps_the_resource, Fixture) {
  std::string id = user_id("a");
  BOOST_TEST(err(service.remove(context, users, id, if_match(2))).kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(memory.size(1) == 1u);
  BOOST_TEST(ok(service.remove(context, users, id, if_match(1))).kind == OutcomeKind::kNoContent);
}

// DEL-06: a deleted user leaves every group.
BOOST_FIXTURE_TEST_CASE(deleting_a_user_removes_it_from_groups, Fixture) {
  std::string a = user_id("a"), b = user_id("b");
  std::string team = group_id("Team", R"("members":[{"value":")" + a + R"("},{"value":")" + b + "\"}]");
  ok(service.remove(context, users, a, {}));
  json::Value group = get_group(team);
  BOOST_TEST(!has_member(group, a));
  BOOST_TEST(has_member(group, b));
}

// ---- list and search -----------------------------------------------------------------

// GET-04, Entra's Test Connection: no match is 200 with an empty ListResponse.
BOOST_FIXTURE_TEST_CASE(a_query_without_matches_is_an_empty_list_response, Fixture) {
  json::Value list = list_users({{"filter", "userName eq \"c0b5f8f2-1c7e-4a55-9b0e-6d2f4e3a7c11\""}});
  BOOST_TEST(str(list.get("schemas").at(0)) == "urn:ietf:params:scim:api:messages:2.0:ListResponse");
  BOOST_TEST(list.get("totalResults").as_integer() == std::optional<long long>(0));
  BOOST_TEST(list.get("itemsPerPage").as_integer() == std::optional<long long>(0));
  BOOST_TEST(list.get("startIndex").as_integer() == std::optional<long long>(1));
  BOOST_TEST(list.get("Resources").is_array());
  BOOST_TEST(list.get("Resources").size() == 0u);
}

// GET-03, GET-07, FLT-08: userName matches ignoring case; each resource is complete.
BOOST_FIXTURE_TEST_CASE(filter_matches_user_name_ignoring_case, Fixture) {
  std::string id = user_id("Mira.Okafor@acme.example");
  user_id("someone.else");
  json::Value list = list_users({{"filter", "USERNAME eq \"mira.okafor@ACME.example\""}});
  BOOST_TEST(list.get("totalResults").as_integer() == std::optional<long long>(1));
  json::Value r = list.get("Resources").at(0);
  BOOST_TEST(str(r.get("id")) == id);
  BOOST_TEST(str(r.get("schemas").at(0)) == kUserUrn);
  BOOST_TEST(str(r.get("meta").get("location")) == std::string(kBase) + "/Users/" + id);
}

// Query paths reach the repository resolved and in schema spelling (query.h).
BOOST_FIXTURE_TEST_CASE(filter_paths_reach_the_repository_in_schema_spelling, Fixture) {
  list_users({{"filter",
               "NAME.familyname eq \"x\" and EMAILS co \"@example.com\" and "
               "emails[TYPE eq \"work\"].VALUE eq \"a\" and urn:ietf:params:scim:schemas:extension:"
               "enterprise:2.0:User:EMPLOYEENUMBER eq \"1\" and meta.LASTMODIFIED gt \"2020-01-01T00:00:00Z\""}});
  BOOST_REQUIRE(memory.last_query().has_value());
  const scim::Query& q = *memory.last_query();
  BOOST_TEST(q.registry == &registry);
  BOOST_TEST(q.type == &users);
  BOOST_REQUIRE(q.filter.has_value());
  BOOST_TEST(scim::to_string(q.filter->filter()) ==
             "name.familyName eq \"x\" and emails.value co \"@example.com\" and "
             "emails[type eq \"work\" and value eq \"a\"] and "
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"1\" and "
             "meta.lastModified gt \"2020-01-01T00:00:00Z\"");
}

// FLT-02, FLT-14: unknown attributes and malformed filters are 400 invalidFilter naming the problem.
BOOST_FIXTURE_TEST_CASE(bad_filters_are_400_invalid_filter, Fixture) {
  struct Case {
    const char* filter;
    const char* named;
  };
  for (const Case& c : {Case{"nosuch eq \"x\"", "nosuch"}, Case{"name.nosuch eq \"x\"", "name.nosuch"},
                        Case{"emails[nosuch eq \"x\"]", "emails.nosuch"}, Case{"userName regex \"x\"", "regex"},
                        Case{"userName eq", "position"}, Case{"title[value eq \"x\"]", "title"},
                        Case{"name eq \"x\"", "name"}, Case{"password eq \"x\"", "password"}}) {
    BOOST_TEST_CONTEXT(c.filter) {
      Error e = err(service.list(context, users, {{"filter", c.filter}}));
      BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
      BOOST_TEST(e.scim_type() == ScimType::kInvalidFilter);
      BOOST_TEST(e.detail().find(c.named) != std::string::npos, e.detail());
    }
  }
}

// FLT-07: gt/ge/lt/le on a boolean attribute is 400 invalidFilter.
BOOST_FIXTURE_TEST_CASE(ordering_a_boolean_attribute_is_400_invalid_filter, Fixture) {
  for (const char* f : {"active gt \"x\"", "emails[primary lt \"x\"]", "emails.primary ge \"x\""}) {
    BOOST_TEST_CONTEXT(f) {
      Error e = err(service.list(context, users, {{"filter", f}}));
      BOOST_TEST(e.scim_type() == ScimType::kInvalidFilter);
    }
  }
}

// Deactivated users stay filterable (entra-provisioning.md §3, §7).
BOOST_FIXTURE_TEST_CASE(inactive_users_are_found_by_active_eq_false, Fixture) {
  std::string off = user_id("off", R"("active":false)");
  user_id("on", R"("active":true)");
  json::Value list = list_users({{"filter", "active eq false"}});
  BOOST_TEST(list.get("totalResults").as_integer() == std::optional<long long>(1));
  BOOST_TEST(str(list.get("Resources").at(0).get("id")) == off);
}

// PAG-01..PAG-05, PAG-07: index paging.
BOOST_FIXTURE_TEST_CASE(index_paging_follows_rfc7644, Fixture) {
  for (int i = 0; i < 5; ++i) user_id("user" + std::to_string(i));
  json::Value page = list_users({{"startIndex", "2"}, {"count", "2"}});
  BOOST_TEST(page.get("totalResults").as_integer() == std::optional<long long>(5));
  BOOST_TEST(page.get("itemsPerPage").as_integer() == std::optional<long long>(2));
  BOOST_TEST(page.get("startIndex").as_integer() == std::optional<long long>(2));
  BOOST_TEST(str(page.get("Resources").at(0).get("userName")) == "user1");
  // PAG-01: below 1 reads as 1.
  page = list_users({{"startIndex", "-3"}, {"count", "1"}});
  BOOST_TEST(page.get("startIndex").as_integer() == std::optional<long long>(1));
  BOOST_TEST(str(page.get("Resources").at(0).get("userName")) == "user0");
  // PAG-02: 0 gives the total only; negative reads as 0.
  for (const char* count : {"0", "-1"}) {
    page = list_users({{"count", count}});
    BOOST_TEST(page.get("totalResults").as_integer() == std::optional<long long>(5));
    BOOST_TEST(page.get("Resources").size() == 0u);
  }
  // PAG-07: past the end.
  page = list_users({{"startIndex", "99"}});
  BOOST_TEST(page.get("totalResults").as_integer() == std::optional<long long>(5));
  BOOST_TEST(page.get("Resources").size() == 0u);
  // GEN-08: unknown parameters are ignored.
  BOOST_TEST(list_users({{"aadOptscim062020", ""}}).get("totalResults").as_integer() == std::optional<long long>(5));
}

// PAG-03: the default page size applies without count; count is capped at the maximum.
BOOST_FIXTURE_TEST_CASE(page_size_defaults_and_is_capped, Fixture) {
  for (int i = 0; i < 12; ++i) user_id("user" + std::to_string(i));
  BOOST_TEST(list_users({}).get("itemsPerPage").as_integer() == std::optional<long long>(10));
  list_users({{"count", "100000"}});
  BOOST_TEST(memory.last_query()->count == 50);
  Error e = err(service.list(context, users, {{"count", "ten"}}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(e.scim_type() == ScimType::kInvalidValue);
}

// SRT-02, SRT-03: sortBy and sortOrder.
BOOST_FIXTURE_TEST_CASE(sorting_by_an_attribute_in_either_order, Fixture) {
  user_id("b");
  user_id("C");
  user_id("a");
  json::Value asc = list_users({{"sortBy", "USERNAME"}});
  BOOST_TEST(str(asc.get("Resources").at(0).get("userName")) == "a");
  BOOST_TEST(str(asc.get("Resources").at(2).get("userName")) == "C");  // SRT-05: ignoring case
  BOOST_TEST(to_string(memory.last_query()->sort_by->canonical) == "userName");
  json::Value desc = list_users({{"sortBy", "userName"}, {"sortOrder", "Descending"}});
  BOOST_TEST(str(desc.get("Resources").at(0).get("userName")) == "C");
  list_users({{"sortBy", "emails"}});
  BOOST_TEST(to_string(memory.last_query()->sort_by->canonical) == "emails.value");
  BOOST_TEST(err(service.list(context, users, {{"sortBy", "nosuch"}})).scim_type() == ScimType::kInvalidValue);
  BOOST_TEST(err(service.list(context, users, {{"sortBy", "userName"}, {"sortOrder", "up"}})).kind() ==
             scim::ErrorKind::kInvalid);
}

// CUR-01, CUR-03: cursor paging walks every resource once; nextCursor is absent on the last page.
BOOST_FIXTURE_TEST_CASE(cursor_paging_walks_every_resource_once, Fixture) {
  for (int i = 0; i < 5; ++i) user_id("user" + std::to_string(i));
  std::string cursor;
  std::vector<std::string> seen;
  for (int pages = 0; pages < 10; ++pages) {
    json::Value page = list_users({{"cursor", cursor}, {"count", "2"}});
    BOOST_TEST(!page.get("startIndex"));
    BOOST_TEST(page.get("totalResults").as_integer() == std::optional<long long>(5));
    for (size_t i = 0; i < page.get("Resources").size(); ++i) {
      seen.push_back(str(page.get("Resources").at(i).get("userName")));
    }
    if (!page.get("nextCursor")) break;
    cursor = str(page.get("nextCursor"));
  }
  BOOST_TEST(seen.size() == 5u);
  BOOST_TEST(seen.front() == "user0");
  BOOST_TEST(seen.back() == "user4");
}

// CUR-06, CUR-08, ERR-15: cursor paging errors.
BOOST_FIXTURE_TEST_CASE(cursor_paging_rejects_bad_parameters, Fixture) {
  Error too_many = err(service.list(context, users, {{"cursor", ""}, {"count", "51"}}));
  BOOST_TEST(too_many.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(too_many.scim_type() == ScimType::kInvalidCount);
  Error both = err(service.list(context, users, {{"cursor", ""}, {"startIndex", "1"}}));
  BOOST_TEST(both.kind() == scim::ErrorKind::kInvalid);
  Error forged = err(service.list(context, users, {{"cursor", "forged!"}}));
  BOOST_TEST(forged.scim_type() == ScimType::kInvalidCursor);
}

// PRJ-08: excludedAttributes=members on a group query never loads members.
BOOST_FIXTURE_TEST_CASE(group_query_excluding_members_never_loads_them, Fixture) {
  std::string a = user_id("a");
  group_id("Procurement Team", R"("members":[{"value":")" + a + "\"}]");
  json::Value list = ok(service.list(
                            context, groups,
                            {{"excludedAttributes", "members"}, {"filter", "displayName eq \"procurement team\""}}))
                         .body;
  BOOST_TEST(list.get("totalResults").as_integer() == std::optional<long long>(1));
  BOOST_TEST(!list.get("Resources").at(0).get("members"));
  BOOST_TEST(!memory.last_query()->load_members);
  BOOST_TEST(memory.member_loads() == 0);
  json::Value full = ok(service.list(context, groups, {{"filter", "members[value eq \"" + a + "\"]"}})).body;
  BOOST_TEST(memory.last_query()->load_members);
  BOOST_TEST(has_member(full.get("Resources").at(0), a));
}

// PRJ-03, GET-07: attributes narrows each resource but keeps id and schemas.
BOOST_FIXTURE_TEST_CASE(attributes_narrow_listed_resources, Fixture) {
  user_id("a", R"("title":"T","emails":[{"value":"a@example.com","type":"work"}])");
  json::Value r = list_users({{"attributes", "userName,emails"}}).get("Resources").at(0);
  BOOST_TEST(str(r.get("userName")) == "a");
  BOOST_TEST(str(r.get("emails").at(0).get("value")) == "a@example.com");
  BOOST_TEST(!r.get("title"));
  BOOST_TEST(!str(r.get("id")).empty());
  BOOST_TEST(r.get("schemas").is_array());
}

// PRJ-06: attributes and excludedAttributes together are 400.
BOOST_FIXTURE_TEST_CASE(attributes_and_excluded_attributes_together_are_400, Fixture) {
  std::string id = user_id("a");
  BOOST_TEST(
      err(service.get(context, users, id, {{"attributes", "userName"}, {"excludedAttributes", "title"}}, {})).kind() ==
      scim::ErrorKind::kInvalid);
  BOOST_TEST(err(service.list(context, users, {{"attributes", "userName"}, {"excludedAttributes", "title"}})).kind() ==
             scim::ErrorKind::kInvalid);
}

// SRCH-01..SRCH-04: POST /.search answers like the GET query.
BOOST_FIXTURE_TEST_CASE(search_request_answers_like_the_query, Fixture) {
  user_id("alice", R"("title":"T")");
  user_id("bob");
  json::Value body = parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
      "filter":"userName sw \"a\"","attributes":["userName"],"sortBy":"userName","sortOrder":"descending",
      "startIndex":1,"count":5})");
  Outcome out = ok(service.search(context, users, body));
  BOOST_TEST(out.kind == OutcomeKind::kOk);
  BOOST_TEST(out.body.get("totalResults").as_integer() == std::optional<long long>(1));
  json::Value r = out.body.get("Resources").at(0);
  BOOST_TEST(str(r.get("userName")) == "alice");
  BOOST_TEST(!r.get("title"));
  BOOST_TEST(memory.last_query()->descending);
  BOOST_TEST(memory.size(1) == 2u);  // a query, never a create
  // CUR-11: cursor in the body.
  json::Value cursor = parse(
      R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"cursor":"","count":1})");
  BOOST_TEST(str(ok(service.search(context, users, cursor)).body.get("nextCursor")) == "1");
}

// SRCH-02: the body must be a SearchRequest.
BOOST_FIXTURE_TEST_CASE(search_request_without_its_schema_or_with_wrong_types_is_400, Fixture) {
  BOOST_TEST(err(service.search(context, users, parse(R"({"filter":"userName eq \"a\""})"))).scim_type() ==
             ScimType::kInvalidSyntax);
  BOOST_TEST(err(service.search(context, users, parse("[]"))).scim_type() == ScimType::kInvalidSyntax);
  Error e = err(service.search(
      context, users, parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":true})")));
  BOOST_TEST(e.scim_type() == ScimType::kInvalidValue);
  BOOST_TEST(e.detail().find("count") != std::string::npos);
}

// ---- faults --------------------------------------------------------------------------

// A lost database is 503 with Retry-After, and nothing is half-written.
BOOST_FIXTURE_TEST_CASE(database_outages_pass_through_as_503, Fixture) {
  repository.fail(Op::kCreate, Error::unavailable("database unavailable", 5));
  Error e = err(service.create(context, users, parse(user_json("a")), {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kUnavailable);
  BOOST_TEST(e.retry_after_seconds() == 5);
  BOOST_TEST(memory.size(1) == 0u);
  repository.fail(Op::kSearch, Error::unavailable("database unavailable", 5));
  BOOST_TEST(err(service.list(context, users, {})).kind() == scim::ErrorKind::kUnavailable);
  std::string id = user_id("a");
  repository.fail(Op::kReplace, Error::unavailable("database unavailable", 5));
  BOOST_TEST(
      err(service.patch(context, users, id, patch_body(R"({"op":"add","path":"title","value":"T"})"), {}, {})).kind() ==
      scim::ErrorKind::kUnavailable);
  BOOST_TEST(!get_user(id).get("title"));
}

// A duplicate key found by the store on a write is 409 uniqueness, never retried.
BOOST_FIXTURE_TEST_CASE(store_uniqueness_conflicts_pass_through_as_409, Fixture) {
  std::string id = user_id("a");
  repository.fail(Op::kReplace, Error::uniqueness("userName \"b\" is already taken"));
  Error e = err(
      service.patch(context, users, id, patch_body(R"({"op":"replace","path":"userName","value":"b"})"), {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kUniqueness);
  BOOST_TEST(e.scim_type() == ScimType::kUniqueness);
  BOOST_TEST(repository.calls(Op::kReplace) == 1);
}

BOOST_AUTO_TEST_SUITE_END()
