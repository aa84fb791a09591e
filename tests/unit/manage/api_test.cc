#include "manage/api.h"

#include <boost/test/unit_test.hpp>

#include "manage/values.h"
#include "support/error_print.h"
#include "support/memory_management_repository.h"

namespace manage = fastscim::manage;
namespace scim = fastscim::scim;
using fastscim::testing::MemoryManagementRepository;

namespace {

constexpr long long kNow = 1900000000;  // 2030-03-17T17:46:40Z

struct Fixture {
  MemoryManagementRepository repo;
  manage::Api api{repo, {}, [] { return kNow; }};
  manage::Scope op = manage::Api::operator_scope();

  Fixture() {
    BOOST_REQUIRE(api.create_tenant(op, "acme"));
    BOOST_REQUIRE(api.create_tenant(op, "globex"));
  }

  manage::Scope key_scope(const std::optional<std::string>& tenant) {
    auto issued = api.issue_api_key(op, "key-" + tenant.value_or("all"), tenant);
    BOOST_REQUIRE(issued);
    auto scope = api.authenticate("Bearer " + issued->secret);
    BOOST_REQUIRE(scope);
    return *scope;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(api_test)

BOOST_FIXTURE_TEST_CASE(a_tenant_key_sees_its_tenant_and_no_other, Fixture) {
  manage::Scope acme = key_scope("acme");
  auto listed = api.list_tenants(acme);
  BOOST_REQUIRE(listed);
  BOOST_REQUIRE(listed->size() == 1u);
  BOOST_TEST(listed->front().name == "acme");
  BOOST_TEST(api.tenant(acme, "acme").has_value());
  auto other = api.tenant(acme, "globex");
  auto nobody = api.tenant(acme, "initech");
  BOOST_REQUIRE(!other);
  BOOST_REQUIRE(!nobody);
  BOOST_TEST(other.error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(other.error().detail() == "no tenant named \"globex\"");
  BOOST_TEST(nobody.error().detail() == "no tenant named \"initech\"");
  BOOST_TEST(api.issue_token(acme, "globex", "", std::nullopt).error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(api.seats(acme, "globex").error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(api.change_settings(acme, "globex", {{manage::Setting::kProvisioning, "off"}}).error().kind() ==
             scim::ErrorKind::kNotFound);
  BOOST_TEST(repo.settings_of[1].provisioning);
}

BOOST_FIXTURE_TEST_CASE(only_operators_create_and_delete_tenants_and_manage_keys, Fixture) {
  manage::Scope acme = key_scope("acme");
  BOOST_TEST(api.create_tenant(acme, "new").error().kind() == scim::ErrorKind::kForbidden);
  BOOST_TEST(api.delete_tenant(acme, "acme").error().kind() == scim::ErrorKind::kForbidden);
  // Another tenant is not found before it is forbidden: nothing leaks.
  BOOST_TEST(api.delete_tenant(acme, "globex").error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(api.list_api_keys(acme).error().kind() == scim::ErrorKind::kForbidden);
  manage::Scope all = key_scope(std::nullopt);
  BOOST_TEST(!all.tenant_id.has_value());
  BOOST_TEST(api.list_tenants(all)->size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(authentication_refuses_scim_tokens_junk_and_revoked_keys, Fixture) {
  auto token = api.issue_token(op, "acme", "entra", std::nullopt);
  BOOST_REQUIRE(token);
  auto scim_token = api.authenticate("Bearer " + token->secret);
  BOOST_REQUIRE(!scim_token);
  BOOST_TEST(scim_token.error().kind() == scim::ErrorKind::kUnauthorized);
  BOOST_TEST(scim_token.error().detail().find("SCIM token") != std::string::npos);
  BOOST_TEST(!api.authenticate(""));
  BOOST_TEST(!api.authenticate("Basic abc"));
  BOOST_TEST(!api.authenticate("Bearer fsmk_" + std::string(43, 'A')));
  auto key = api.issue_api_key(op, "k", std::nullopt);
  BOOST_REQUIRE(key);
  BOOST_TEST(key->secret.rfind("fsmk_", 0) == 0u);
  BOOST_TEST(api.authenticate("bearer " + key->secret).has_value());
  BOOST_REQUIRE(api.revoke_api_key(op, "k"));
  BOOST_TEST(!api.authenticate("Bearer " + key->secret));
}

BOOST_FIXTURE_TEST_CASE(secrets_are_stored_only_as_digests, Fixture) {
  auto token = api.issue_token(op, "acme", "", std::nullopt);
  BOOST_REQUIRE(token);
  BOOST_TEST(token->name == "token-1");
  const auto& stored = repo.tokens.back().secret;
  BOOST_TEST(stored.hash == fastscim::auth::sha256(token->secret));
  BOOST_TEST(token->secret.rfind(stored.prefix, 0) == 0u);
  BOOST_TEST(stored.prefix.size() < token->secret.size() / 2);
}

BOOST_FIXTURE_TEST_CASE(expiries_must_lie_in_the_future, Fixture) {
  auto past = api.issue_token(op, "acme", "t", kNow - 1);
  BOOST_REQUIRE(!past);
  BOOST_TEST(past.error().kind() == scim::ErrorKind::kInvalid);
  auto future = api.issue_token(op, "acme", "t", kNow + 3600);
  BOOST_REQUIRE(future);
  BOOST_TEST(future->expires == manage::format_timestamp(kNow + 3600));
  BOOST_TEST(repo.tokens.back().secret.expires_at == manage::format_sql_time(kNow + 3600));
  BOOST_TEST(api.issue_token(op, "acme", "bad name", std::nullopt).error().kind() == scim::ErrorKind::kInvalid);
}

BOOST_FIXTURE_TEST_CASE(rotation_ends_the_old_secret_after_the_chosen_overlap, Fixture) {
  BOOST_REQUIRE(api.issue_token(op, "acme", "entra", std::nullopt));
  auto by_default = api.rotate_token(op, "acme", "entra", manage::Overlap{});
  BOOST_REQUIRE(by_default);
  BOOST_TEST(repo.last_rotation_expiry == manage::format_sql_time(kNow + manage::kDefaultOverlapSeconds));
  BOOST_TEST(by_default->previous_expires == manage::format_timestamp(kNow + manage::kDefaultOverlapSeconds));
  BOOST_REQUIRE(api.rotate_token(op, "acme", "entra", manage::Overlap{0, std::nullopt}));
  BOOST_TEST(repo.last_rotation_expiry == manage::format_sql_time(kNow));
  BOOST_REQUIRE(api.rotate_token(op, "acme", "entra", manage::Overlap{std::nullopt, kNow + 60}));
  BOOST_TEST(repo.last_rotation_expiry == manage::format_sql_time(kNow + 60));
  auto past = api.rotate_token(op, "acme", "entra", manage::Overlap{std::nullopt, kNow - 60});
  BOOST_REQUIRE(!past);
  BOOST_TEST(past.error().kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(repo.tokens.size() == 4u);
}

BOOST_FIXTURE_TEST_CASE(the_event_feed_pages_by_cursor_within_one_tenant, Fixture) {
  long long acme = api.tenant(op, "acme")->id, globex = api.tenant(op, "globex")->id;
  for (long long p = 1; p <= 3; ++p) repo.feed.push_back({acme, {p, "{\"position\":" + std::to_string(p) + "}"}});
  repo.feed.push_back({globex, {1, "{}"}});
  auto first = api.events(op, "acme", "", "2");
  BOOST_REQUIRE(first);
  BOOST_TEST(first->events.size() == 2u);
  BOOST_TEST(first->cursor == 2);
  auto rest = api.events(op, "acme", std::to_string(first->cursor), "");
  BOOST_REQUIRE(rest);
  BOOST_TEST(rest->events.size() == 1u);
  BOOST_TEST(rest->events[0].position == 3);
  // Nothing new keeps the cursor where it was.
  auto idle = api.events(op, "acme", "3", "");
  BOOST_REQUIRE(idle);
  BOOST_TEST(idle->events.empty());
  BOOST_TEST(idle->cursor == 3);
  BOOST_TEST(api.events(key_scope("globex"), "acme", "", "").error().kind() == scim::ErrorKind::kNotFound);
}

BOOST_FIXTURE_TEST_CASE(the_event_feed_refuses_a_malformed_cursor_or_limit, Fixture) {
  for (const char* after : {"-1", "x", "1.5", " 2"}) {
    BOOST_TEST(api.events(op, "acme", after, "").error().kind() == scim::ErrorKind::kInvalid, after);
  }
  for (const char* limit : {"0", "1001", "ten"}) {
    BOOST_TEST(api.events(op, "acme", "", limit).error().kind() == scim::ErrorKind::kInvalid, limit);
  }
}

BOOST_FIXTURE_TEST_CASE(a_long_poll_answers_when_an_event_arrives_during_the_wait, Fixture) {
  manage::LongPolls polls(1);
  manage::Api waiting(
      repo, {}, [] { return kNow; }, &polls);
  long long acme = api.tenant(op, "acme")->id;
  // The event commits between the first read and the second.
  repo.on_event_read = [&](int reads) {
    if (reads == 2) repo.feed.push_back({acme, {1, "{}"}});
  };
  auto page = waiting.events(op, "acme", "0", "", "30");
  BOOST_REQUIRE(page);
  BOOST_TEST(page->events.size() == 1u);
  BOOST_TEST(page->cursor == 1);
  BOOST_TEST(repo.event_reads == 2);
}

BOOST_FIXTURE_TEST_CASE(a_full_waiting_room_answers_429_and_a_stopping_one_at_once, Fixture) {
  manage::LongPolls polls(1);
  manage::Api waiting(
      repo, {}, [] { return kNow; }, &polls);
  {
    manage::LongPolls::Slot taken = polls.enter();
    BOOST_REQUIRE(static_cast<bool>(taken));
    auto refused = waiting.events(op, "acme", "0", "", "10");
    BOOST_REQUIRE(!refused);
    BOOST_TEST(refused.error().kind() == scim::ErrorKind::kTooManyRequests);
    BOOST_TEST(refused.error().retry_after_seconds() == 1);
    // Without a wait nothing is refused.
    BOOST_TEST(waiting.events(op, "acme", "0", "", "0").has_value());
  }
  polls.stop();
  auto drained = waiting.events(op, "acme", "0", "", "30");
  BOOST_REQUIRE(drained);
  BOOST_TEST(drained->events.empty());
  BOOST_TEST(repo.event_reads == 3);  // read once each, never polled
}

BOOST_FIXTURE_TEST_CASE(wait_is_bounded_and_a_room_for_none_never_waits, Fixture) {
  for (const char* wait : {"31", "-1", "x", "1.5"}) {
    BOOST_TEST(api.events(op, "acme", "", "", wait).error().kind() == scim::ErrorKind::kInvalid, wait);
  }
  manage::LongPolls none(0);
  manage::Api single(
      repo, {}, [] { return kNow; }, &none);
  auto page = single.events(op, "acme", "0", "", "30");
  BOOST_REQUIRE(page);
  BOOST_TEST(repo.event_reads == 1);
}

BOOST_FIXTURE_TEST_CASE(a_webhook_secret_is_made_here_shown_once_and_never_listed, Fixture) {
  auto added = api.add_webhook(op, "acme", "https://app.example/hooks", std::nullopt);
  BOOST_REQUIRE(added);
  BOOST_TEST(added->secret.rfind("whsec_", 0) == 0u);
  BOOST_TEST(added->tenant == "acme");
  BOOST_TEST(repo.webhooks.back().secret == added->secret);
  auto rotated = api.rotate_webhook_secret(op, "acme", std::to_string(added->webhook.id));
  BOOST_REQUIRE(rotated);
  BOOST_TEST(rotated->secret != added->secret);
  BOOST_TEST(repo.webhooks.back().secret == rotated->secret);
  auto bad = api.add_webhook(op, "acme", "ftp://app.example/", std::nullopt);
  BOOST_REQUIRE(!bad);
  BOOST_TEST(bad.error().kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(bad.error().detail().find("only http:// and https:// URLs are accepted") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(another_tenants_webhook_answers_like_none, Fixture) {
  auto added = api.add_webhook(op, "globex", "https://globex.example/", 0);
  BOOST_REQUIRE(added);
  const std::string id = std::to_string(added->webhook.id);
  manage::Scope acme = key_scope("acme");
  BOOST_TEST(api.webhook(acme, "globex", id).error().detail() == "no tenant named \"globex\"");
  auto wrong_tenant = api.webhook(op, "acme", id);
  BOOST_REQUIRE(!wrong_tenant);
  BOOST_TEST(wrong_tenant.error().detail() == "tenant \"acme\" has no webhook " + id);
  BOOST_TEST(api.webhook(op, "globex", "abc").error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(api.webhook_deliveries(op, "acme", id, "", "").error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(api.remove_webhook(acme, "globex", id).error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(repo.webhooks.back().tenant_id == api.tenant(op, "globex")->id);
}

BOOST_FIXTURE_TEST_CASE(webhooks_are_disabled_enabled_and_rewound, Fixture) {
  auto added = api.add_webhook(op, "acme", "https://app.example/", 5);
  BOOST_REQUIRE(added);
  const std::string id = std::to_string(added->webhook.id);
  BOOST_TEST(added->webhook.cursor == 5);
  auto disabled = api.enable_webhook(key_scope("acme"), "acme", id, false);
  BOOST_REQUIRE(disabled);
  BOOST_TEST(!disabled->disabled.empty());
  BOOST_TEST(disabled->disabled_reason == "disabled by API key \"key-acme\"");
  auto enabled = api.enable_webhook(op, "acme", id, true);
  BOOST_REQUIRE(enabled);
  BOOST_TEST(enabled->disabled.empty());
  auto rewound = api.redeliver_webhook(op, "acme", id, 2);
  BOOST_REQUIRE(rewound);
  BOOST_TEST(rewound->cursor == 2);
  for (const char* limit : {"0", "1001", "x"}) {
    BOOST_TEST(api.webhook_deliveries(op, "acme", id, "", limit).error().kind() == scim::ErrorKind::kInvalid);
  }
  BOOST_TEST(api.webhook_deliveries(op, "acme", id, "0", "").error().kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(api.webhook_deliveries(op, "acme", "", "", "").has_value());
}

BOOST_FIXTURE_TEST_CASE(the_provisioning_log_pages_with_a_cursor_within_one_tenant, Fixture) {
  long long acme = api.tenant(op, "acme")->id, globex = api.tenant(op, "globex")->id;
  for (long long seq = 1; seq <= 3; ++seq) {
    manage::LogEntry e;
    e.seq = seq;
    e.status = seq == 2 ? 409 : 201;
    repo.log.emplace_back(acme, e);
  }
  repo.log.emplace_back(globex, manage::LogEntry{4, "", "POST", "User", "", "", 201, "", "", ""});
  manage::LogQuery query;
  query.limit = 2;
  auto first = api.provisioning_log(op, "acme", query);
  BOOST_REQUIRE(first);
  BOOST_REQUIRE(first->entries.size() == 2u);
  BOOST_TEST(first->entries[0].seq == 3);
  BOOST_TEST(first->next_before == 2);
  query.before = first->next_before;
  auto rest = api.provisioning_log(op, "acme", query);
  BOOST_REQUIRE(rest);
  BOOST_TEST(rest->entries.size() == 1u);
  BOOST_TEST(rest->next_before == 0);
  BOOST_TEST(api.provisioning_log(key_scope("globex"), "acme", query).error().kind() == scim::ErrorKind::kNotFound);
}

BOOST_FIXTURE_TEST_CASE(seats_take_a_range_of_real_days, Fixture) {
  BOOST_REQUIRE(api.seats(op, "acme"));
  BOOST_TEST(repo.last_seat_days == "1970-01-01..9999-12-31");
  BOOST_REQUIRE(api.seats(op, "acme", "2026-01-01", "2026-01-31"));
  BOOST_TEST(repo.last_seat_days == "2026-01-01..2026-01-31");
  BOOST_TEST(api.seats(op, "acme", "2026-02-30").error().kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(api.seats(op, "acme", "2026-02-02", "2026-02-01").error().kind() == scim::ErrorKind::kInvalid);
}

BOOST_FIXTURE_TEST_CASE(users_and_groups_need_a_service, Fixture) {
  auto listed = api.list_resources(op, "acme", "Users", {}, "https://example.com/scim/v2");
  BOOST_REQUIRE(!listed);
  BOOST_TEST(listed.error().kind() == scim::ErrorKind::kNotImplemented);
}

BOOST_AUTO_TEST_SUITE_END()
