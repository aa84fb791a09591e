// scim::Validator::validate_replace (PUT): required and immutable attributes,
// Group members, and Microsoft's PUT bodies.
#include <string>

#include <boost/test/unit_test.hpp>

#include "scim/validator.h"
#include "unit/scim/validator_fixture.h"

namespace scim = fastscim::scim;
using namespace fastscim::testing::validator_fixture;

BOOST_FIXTURE_TEST_SUITE(validator_replace_test, Fixture)

// PUT-08.
BOOST_AUTO_TEST_CASE(replace_without_required_attribute_is_invalid_value) {
  auto out = replace(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "displayName": "B"})",
                     R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "1", "userName": "b"})");
  BOOST_REQUIRE(!out.has_value());
  BOOST_TEST((out.error().scim_type() == ScimType::kInvalidValue));
  BOOST_TEST(contains(out.error().detail(), "userName: required attribute is missing"));
}

// PUT-06, ATT-17.
BOOST_AUTO_TEST_CASE(replace_enforces_immutable_attributes) {
  const char* existing = R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User"], "id": "1", "userName": "b",
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User": {"employeeId": "E-1", "costCode": "CC-9"}})";
  // Changed value: mutability.
  auto changed = replace(acme_with(R"("employeeId": "e-1")"), existing);
  BOOST_REQUIRE(!changed.has_value());
  BOOST_TEST((changed.error().scim_type() == ScimType::kMutability));
  BOOST_TEST(changed.error().kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(changed.error().detail() == std::string(kAcme) + ":employeeId: immutable attribute cannot be changed");
  // Same value (caseExact false compares ignoring case): accepted.
  auto same = replace(acme_with(R"("employeeId": "E-1", "costCode": "cc-9")"), existing);
  BOOST_REQUIRE_MESSAGE(same.has_value(), (same ? "" : same.error().detail()));
  // Omitted: keeps its value.
  auto omitted = replace(user_with(""), existing);
  BOOST_REQUIRE(omitted.has_value());
  BOOST_TEST(str(omitted->get(kAcme).get("employeeId")) == "E-1");
  BOOST_TEST(str(omitted->get(kAcme).get("costCode")) == "CC-9");
  BOOST_TEST(omitted->get("schemas").size() == 2u);
  // Cleared: mutability.
  auto cleared = replace(acme_with(R"("employeeId": null)"), existing);
  BOOST_REQUIRE(!cleared.has_value());
  BOOST_TEST(contains(cleared.error().detail(), "immutable attribute cannot be cleared"));
  // Unassigned before: may be set (ATT-17).
  auto set = replace(acme_with(R"("employeeId": "E-7")"),
                     R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "1", "userName": "b"})");
  BOOST_TEST(set.has_value());
}

BOOST_AUTO_TEST_CASE(replace_enforces_immutable_sub_attributes_of_single_valued_complex) {
  const char* existing = R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "b",
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User":
          {"sponsor": {"value": "s1", "since": "2020-01-01T00:00:00Z"}}})";
  auto changed = replace(acme_with(R"("sponsor": {"value": "s2", "since": "2021-01-01T00:00:00Z"})"), existing);
  BOOST_REQUIRE(!changed.has_value());
  BOOST_TEST(contains(changed.error().detail(), "sponsor.since: immutable sub-attribute cannot be changed"));
  auto kept = replace(acme_with(R"("sponsor": {"value": "s2"})"), existing);
  BOOST_REQUIRE(kept.has_value());
  BOOST_TEST(str(kept->get(kAcme).get("sponsor").get("since")) == "2020-01-01T00:00:00Z");
  BOOST_TEST(str(kept->get(kAcme).get("sponsor").get("value")) == "s2");
}

// SCH-06: member entries are whole values; PUT may replace the set
// (Microsoft's PutGroup3 replaces [] with two members sending "display").
BOOST_AUTO_TEST_CASE(replace_may_change_group_members) {
  Validator validator(registry, group());
  auto out = validator.validate_replace(parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      "id": "g3", "displayName": "putName",
      "members": [{"value": "u3", "display": "VP"}, {"value": "u4", "display": "SenorVP"}]})"),
                                        parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      "id": "g3", "displayName": "GroupDisplayName3", "externalId": "x1",
      "members": [{"value": "u1"}]})"));
  BOOST_REQUIRE_MESSAGE(out.has_value(), (out ? "" : out.error().detail()));
  BOOST_TEST(out->get("members").size() == 2u);
  BOOST_TEST(str(out->get("members").at(0).get("display")) == "VP");
  // PUT-04: omitted readWrite attributes are unassigned (the test expects
  // externalId gone).
  BOOST_TEST(!out->get("externalId"));
  BOOST_TEST(!out->get("id"));
}

// Microsoft's reference tests (SCIMReferenceCode): a PUT body with a typo,
// nulls, meta and "Primary" in capitals.
BOOST_AUTO_TEST_CASE(microsoft_put_with_misspelled_attribute_succeeds) {
  auto out = replace(R"({
      "id": "1", "userName": "OMalley", "active": false,
      "adreses": [{"country": "Germany", "type": "work", "primary": false}],
      "displayName": "Kimberly Baker",
      "emails": [{"type": "work", "primary": true, "value": "anna33@example.com"},
                 {"type": "other", "primary": false, "value": "anna33@gmail.com"}],
      "meta": {"created": "2019-09-18T18:15:26.5788954+00:00", "resourceType": "User"},
      "name": {"formatted": "Daniel Mcgee", "familyName": "OMalley", "givenName": "Darl",
               "honorificPrefix": null, "honorificSuffix": null},
      "roles": [], "title": "Site engineer", "externalId": "22fbc523",
      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]})",
                     R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "1", "userName": "x"})");
  BOOST_REQUIRE_MESSAGE(out.has_value(), (out ? "" : out.error().detail()));
  BOOST_TEST(str(out->get("userName")) == "OMalley");
  BOOST_TEST(out->get("active").as_bool().value_or(true) == false);
  BOOST_TEST(!out->get("adreses"));
  BOOST_TEST(!out->get("addresses"));
  BOOST_TEST(out->get("name").size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
