// scim::Service::create with creation templates (templates.h): the first
// matching template reaches the repository with the write, only for users.
#include <optional>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "scim/service.h"
#include "scim/templates.h"
#include "unit/scim/service_fixture.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using namespace fastscim::testing::service_fixture;

namespace {

constexpr const char* kDepartment = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";

struct TemplateFixture : Fixture {
  TemplateFixture() {
    std::vector<scim::Template> rules;
    for (const auto& [name, when] : std::vector<std::pair<std::string, std::string>>{
             {"sales", std::string(kDepartment) + " eq \"Sales\""}, {"all", "userName pr"}}) {
      auto t = scim::read_template(registry, users, name, when, parse(R"({"title":"T"})"));
      BOOST_REQUIRE(t.has_value());
      rules.push_back(std::move(t.value()));
    }
    service.set_templates(std::move(rules));
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(service_templates_test)

BOOST_FIXTURE_TEST_CASE(a_create_carries_the_first_matching_template, TemplateFixture) {
  create_user("sam@example.com", std::string("\"") + "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" +
                                     R"(":{"department":"Sales"})");
  BOOST_TEST(memory.events().back().template_name.value_or("") == "sales");
  create_user("eve@example.com");
  BOOST_TEST(memory.events().back().template_name.value_or("") == "all");
  // The SCIM answer is the provider's: templates are overrides (overrides.h).
  Outcome out = create_user("tim@example.com");
  BOOST_TEST(!out.body.get("title"));
}

BOOST_FIXTURE_TEST_CASE(groups_and_updates_take_no_template, TemplateFixture) {
  group_id("Team");
  BOOST_TEST(!memory.events().back().template_name.has_value());
  std::string id = user_id("ann@example.com");
  ok(service.patch(context, users, id, patch_body(R"({"op":"replace","path":"displayName","value":"Ann"})"), {}, {}));
  BOOST_TEST(memory.events().back().type == "user.updated");
  BOOST_TEST(!memory.events().back().template_name.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
