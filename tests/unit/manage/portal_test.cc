#include "manage/portal.h"

#include <map>
#include <string>

#include <boost/test/unit_test.hpp>

#include "manage/values.h"
#include "support/error_print.h"
#include "support/memory_management_repository.h"

namespace manage = fastscim::manage;
namespace scim = fastscim::scim;
using fastscim::testing::MemoryManagementRepository;

namespace {

constexpr long long kStart = 1900000000;  // 2030-03-17T17:46:40Z

long long unix_of(const std::string& sql_time) {
  std::string iso = sql_time;
  iso[10] = 'T';
  return *manage::parse_timestamp(iso + "Z");
}

// Links and sessions in maps keyed by digest, with the claim's rules.
class MemoryPortalStore : public manage::PortalStore {
 public:
  struct Link {
    long long tenant_id;
    std::string expires;
    bool used = false;
  };
  std::map<fastscim::auth::Digest, Link> links;
  std::map<fastscim::auth::Digest, Session> sessions;

  scim::Result<void> insert_link(long long tenant_id, const manage::NewSecret& link) override {
    links[link.hash] = Link{tenant_id, link.expires_at};
    return {};
  }
  scim::Result<Claim> open_link(const fastscim::auth::Digest& hash, const std::string& now,
                                const manage::NewSecret& session) override {
    auto it = links.find(hash);
    if (it == links.end()) return Claim{};
    if (it->second.used) return Claim{LinkState::kUsed, 0};
    if (it->second.expires <= now) return Claim{LinkState::kExpired, 0};
    it->second.used = true;
    sessions[session.hash] = Session{static_cast<long long>(sessions.size() + 1), it->second.tenant_id, unix_of(now),
                                     unix_of(session.expires_at)};
    return Claim{LinkState::kOpened, it->second.tenant_id};
  }
  scim::Result<std::optional<Session>> find_session(const fastscim::auth::Digest& hash) override {
    auto it = sessions.find(hash);
    if (it == sessions.end()) return std::optional<Session>();
    return std::optional<Session>(it->second);
  }
  scim::Result<void> touch_session(long long tenant_id, long long id, const std::string& now) override {
    for (auto& [hash, s] : sessions) {
      if (s.id == id && s.tenant_id == tenant_id) s.last_seen = unix_of(now);
    }
    return {};
  }
  scim::Result<void> delete_session(const fastscim::auth::Digest& hash) override {
    sessions.erase(hash);
    return {};
  }
};

struct Fixture {
  long long now = kStart;
  MemoryManagementRepository repo;
  MemoryPortalStore store;
  manage::Api api{repo, {}, [this] { return now; }};
  manage::Portal portal{store, api, [this] { return now; }};
  manage::Scope op = manage::Api::operator_scope();

  Fixture() {
    BOOST_REQUIRE(api.create_tenant(op, "acme"));
    BOOST_REQUIRE(api.create_tenant(op, "globex"));
  }

  std::string link_secret(std::optional<long long> seconds = std::nullopt) {
    auto link = portal.issue_link(op, "acme", seconds, "https://scim.example.com");
    BOOST_REQUIRE(link);
    return link->url.substr(link->url.find("#link=") + 6);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(portal_test)

BOOST_FIXTURE_TEST_CASE(a_link_carries_its_secret_in_the_fragment_of_the_page_url, Fixture) {
  auto link = portal.issue_link(op, "acme", std::nullopt, "https://scim.example.com");
  BOOST_REQUIRE(link);
  BOOST_TEST(link->url.rfind("https://scim.example.com/portal/#link=fspl_", 0) == 0u);
  BOOST_TEST(link->expires == manage::format_timestamp(kStart + manage::Portal::kDefaultLinkSeconds));
  BOOST_TEST(link->tenant == "acme");
  BOOST_TEST(manage::url_origin("https://scim.example.com:8443/scim/v2") == "https://scim.example.com:8443");
}

BOOST_FIXTURE_TEST_CASE(a_link_opens_one_session_of_its_tenant_once, Fixture) {
  std::string secret = link_secret();
  auto opened = portal.open(secret);
  BOOST_REQUIRE(opened);
  BOOST_TEST(opened->tenant == "acme");
  BOOST_TEST(opened->secret.rfind("fsps_", 0) == 0u);
  BOOST_TEST(opened->csrf_token == manage::Portal::csrf_token(opened->secret));
  auto scope = portal.authenticate(opened->secret, "", false);
  BOOST_REQUIRE(scope);
  BOOST_TEST(scope->portal);
  BOOST_TEST(api.tenant(*scope, "acme").has_value());
  BOOST_TEST(api.tenant(*scope, "globex").error().kind() == scim::ErrorKind::kNotFound);
  auto again = portal.open(secret);
  BOOST_REQUIRE(!again);
  BOOST_TEST(again.error().kind() == scim::ErrorKind::kForbidden);
  BOOST_TEST(again.error().detail().find("used already") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(an_expired_or_unknown_link_is_refused_and_says_which, Fixture) {
  std::string secret = link_secret(60);
  now += 60;
  auto expired = portal.open(secret);
  BOOST_REQUIRE(!expired);
  BOOST_TEST(expired.error().detail().find("expired") != std::string::npos);
  auto unknown = portal.open("fspl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  BOOST_REQUIRE(!unknown);
  BOOST_TEST(unknown.error().detail().find("not valid") != std::string::npos);
  BOOST_TEST(portal.open("junk").error().kind() == scim::ErrorKind::kForbidden);
}

BOOST_FIXTURE_TEST_CASE(a_session_ends_when_idle_and_at_its_end_however_busy, Fixture) {
  auto opened = portal.open(link_secret());
  BOOST_REQUIRE(opened);
  now += manage::Portal::kIdleSeconds - 1;
  BOOST_TEST(portal.authenticate(opened->secret, "", false).has_value());  // and it counts as activity
  now += manage::Portal::kIdleSeconds - 1;
  BOOST_TEST(portal.authenticate(opened->secret, "", false).has_value());
  now += manage::Portal::kIdleSeconds;
  auto idle = portal.authenticate(opened->secret, "", false);
  BOOST_REQUIRE(!idle);
  BOOST_TEST(idle.error().kind() == scim::ErrorKind::kUnauthorized);

  auto busy = portal.open(link_secret());
  BOOST_REQUIRE(busy);
  for (long long spent = 0; spent + 600 < manage::Portal::kSessionSeconds; spent += 600) {
    now += 600;
    BOOST_REQUIRE(portal.authenticate(busy->secret, "", false));
  }
  now += 600;
  BOOST_TEST(portal.authenticate(busy->secret, "", false).error().kind() == scim::ErrorKind::kUnauthorized);
}

BOOST_FIXTURE_TEST_CASE(a_change_needs_the_sessions_own_csrf_token, Fixture) {
  auto first = portal.open(link_secret());
  auto second = portal.open(link_secret());
  BOOST_REQUIRE(first);
  BOOST_REQUIRE(second);
  BOOST_TEST(first->csrf_token != second->csrf_token);
  for (const std::string& csrf : {std::string(), second->csrf_token, std::string(64, '0')}) {
    auto refused = portal.authenticate(first->secret, csrf, true);
    BOOST_REQUIRE(!refused);
    BOOST_TEST(refused.error().kind() == scim::ErrorKind::kForbidden);
  }
  BOOST_TEST(portal.authenticate(first->secret, first->csrf_token, true).has_value());
}

BOOST_FIXTURE_TEST_CASE(links_come_from_an_operator_or_the_tenants_key_never_from_a_session, Fixture) {
  auto key = api.issue_api_key(op, "acme-key", std::string("acme"));
  BOOST_REQUIRE(key);
  auto acme = api.authenticate("Bearer " + key->secret);
  BOOST_REQUIRE(acme);
  BOOST_TEST(portal.issue_link(*acme, "acme", std::nullopt, "https://h").has_value());
  BOOST_TEST(portal.issue_link(*acme, "globex", std::nullopt, "https://h").error().kind() ==
             scim::ErrorKind::kNotFound);
  auto opened = portal.open(link_secret());
  BOOST_REQUIRE(opened);
  auto session = portal.authenticate(opened->secret, opened->csrf_token, true);
  BOOST_REQUIRE(session);
  BOOST_TEST(portal.issue_link(*session, "acme", std::nullopt, "https://h").error().kind() ==
             scim::ErrorKind::kForbidden);
  BOOST_TEST(portal.issue_link(op, "acme", 0, "https://h").error().kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(portal.issue_link(op, "acme", manage::Portal::kMaxLinkSeconds + 1, "https://h").error().kind() ==
             scim::ErrorKind::kInvalid);
}

BOOST_FIXTURE_TEST_CASE(signing_out_ends_the_session, Fixture) {
  auto opened = portal.open(link_secret());
  BOOST_REQUIRE(opened);
  BOOST_REQUIRE(portal.close(opened->secret));
  BOOST_TEST(portal.authenticate(opened->secret, "", false).error().kind() == scim::ErrorKind::kUnauthorized);
  BOOST_TEST(portal.resume(opened->secret).error().kind() == scim::ErrorKind::kUnauthorized);
}

BOOST_AUTO_TEST_SUITE_END()
