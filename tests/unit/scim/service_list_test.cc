// scim::Service::list and ::search (GET and POST /.search): filters, index and
// cursor paging, sorting, projection.
#include <optional>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "scim/service.h"
#include "unit/scim/service_fixture.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using namespace fastscim::testing::service_fixture;

BOOST_AUTO_TEST_SUITE(service_list_test)

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
  BOOST_TEST(!memory.last_query()->load_memberships);
  BOOST_TEST(memory.member_loads() == 0);
  json::Value full = ok(service.list(context, groups, {{"filter", "members[value eq \"" + a + "\"]"}})).body;
  BOOST_TEST(memory.last_query()->load_memberships);
  BOOST_TEST(has_member(full.get("Resources").at(0), a));
}

// PRJ-08, SCH-05: a user query whose projection leaves out groups never
// reads them; one that shows them reads and lists them.
BOOST_FIXTURE_TEST_CASE(user_query_leaving_out_groups_never_loads_them, Fixture) {
  std::string a = user_id("a");
  std::string team = group_id("Procurement Team", R"("members":[{"value":")" + a + "\"}]");
  for (const QueryParams& narrowed : {QueryParams{{"excludedAttributes", "groups"}, {"filter", "userName eq \"a\""}},
                                      QueryParams{{"attributes", "userName"}, {"filter", "userName eq \"a\""}}}) {
    json::Value list = ok(service.list(context, users, narrowed)).body;
    BOOST_TEST(list.get("totalResults").as_integer() == std::optional<long long>(1));
    BOOST_TEST(!list.get("Resources").at(0).get("groups"));
    BOOST_TEST(!memory.last_query()->load_memberships);
  }
  BOOST_TEST(memory.groups_loads() == 0);
  json::Value full = ok(service.list(context, users, {{"filter", "userName eq \"a\""}})).body;
  BOOST_TEST(memory.last_query()->load_memberships);
  BOOST_TEST(memory.groups_loads() == 1);
  BOOST_TEST(full.get("Resources").at(0).get("groups").at(0).get("value").as_string().value_or("") == team);
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

BOOST_AUTO_TEST_SUITE_END()
