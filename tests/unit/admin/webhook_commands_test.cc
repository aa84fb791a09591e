#include "admin/webhook_commands.h"

#include <boost/test/unit_test.hpp>

namespace admin = fastscim::admin;

BOOST_AUTO_TEST_SUITE(webhook_commands_test)

BOOST_AUTO_TEST_CASE(add_reads_tenant_url_and_starts_at_the_current_position_by_default) {
  auto r = admin::parse_webhook_add({"--tenant", "acme", "https://app.example/hooks"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->tenant == "acme");
  BOOST_TEST(r->url == "https://app.example/hooks");
  BOOST_TEST(!r->from.has_value());
}

BOOST_AUTO_TEST_CASE(add_from_zero_replays_the_whole_feed) {
  auto r = admin::parse_webhook_add({"--from", "0", "--tenant", "acme", "http://127.0.0.1:9000/"});
  BOOST_REQUIRE(r.has_value());
  BOOST_REQUIRE(r->from.has_value());
  BOOST_TEST(*r->from == 0u);
}

BOOST_AUTO_TEST_CASE(add_rejects_other_schemes_and_names_the_rule) {
  auto r = admin::parse_webhook_add({"--tenant", "acme", "ftp://app.example/"});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "only http:// and https:// URLs are accepted");
  BOOST_TEST(r.error().usage == "webhook add --tenant NAME [--from POSITION] URL");
}

BOOST_AUTO_TEST_CASE(add_rejects_missing_tenant_missing_url_and_a_bad_position) {
  BOOST_TEST(admin::parse_webhook_add({"https://a.example/"}).error().message == "--tenant is required");
  BOOST_TEST(admin::parse_webhook_add({"--tenant", "acme"}).error().message == "give exactly one URL");
  auto position = admin::parse_webhook_add({"--tenant", "acme", "--from", "-1", "https://a.example/"});
  BOOST_REQUIRE(!position.has_value());
  BOOST_TEST(position.error().message.find("--from is an event position") == 0u);
}

BOOST_AUTO_TEST_CASE(id_commands_need_a_positive_id) {
  auto ok = admin::parse_webhook_id({"--tenant", "acme", "12"}, "webhook enable --tenant NAME ID");
  BOOST_REQUIRE(ok.has_value());
  BOOST_TEST(ok->id == 12);
  auto bad = admin::parse_webhook_id({"--tenant", "acme", "twelve"}, "webhook enable --tenant NAME ID");
  BOOST_REQUIRE(!bad.has_value());
  BOOST_TEST(bad.error().message == "\"twelve\" is not a webhook id (see `webhook list`)");
  BOOST_TEST(!admin::parse_webhook_id({"--tenant", "acme", "0"}, "u").has_value());
  BOOST_TEST(!admin::parse_webhook_id({"--tenant", "acme"}, "u").has_value());
}

BOOST_AUTO_TEST_CASE(redeliver_requires_from) {
  auto r = admin::parse_webhook_redeliver({"--tenant", "acme", "3", "--from", "40"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->id == 3);
  BOOST_TEST(*r->from == 40u);
  auto missing = admin::parse_webhook_redeliver({"--tenant", "acme", "3"});
  BOOST_REQUIRE(!missing.has_value());
  BOOST_TEST(missing.error().message == "--from POSITION is required (0 = the start of the feed)");
}

BOOST_AUTO_TEST_CASE(deliveries_take_an_optional_id_and_a_bounded_limit) {
  auto all = admin::parse_webhook_deliveries({"--tenant", "acme"});
  BOOST_REQUIRE(all.has_value());
  BOOST_TEST(all->id == 0);
  BOOST_TEST(all->limit == 20);
  auto one = admin::parse_webhook_deliveries({"--tenant", "acme", "4", "--limit", "5"});
  BOOST_REQUIRE(one.has_value());
  BOOST_TEST(one->id == 4);
  BOOST_TEST(one->limit == 5);
  BOOST_TEST(!admin::parse_webhook_deliveries({"--tenant", "acme", "--limit", "0"}).has_value());
  BOOST_TEST(!admin::parse_webhook_deliveries({"--tenant", "acme", "--limit", "1001"}).has_value());
}

BOOST_AUTO_TEST_CASE(events_deliver_takes_only_max_seconds) {
  BOOST_TEST(admin::parse_events_deliver({}).value().max_seconds == 50);
  BOOST_TEST(admin::parse_events_deliver({"--max-seconds", "5"}).value().max_seconds == 5);
  BOOST_TEST(!admin::parse_events_deliver({"--loop"}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
