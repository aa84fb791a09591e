#include "admin/events_commands.h"

#include <boost/test/unit_test.hpp>

#include "admin/commands.h"

namespace admin = fastscim::admin;

BOOST_AUTO_TEST_SUITE(events_commands_test)

BOOST_AUTO_TEST_CASE(list_defaults_to_the_beginning_and_a_hundred_events) {
  auto r = admin::parse_events_list({"--tenant", "acme"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->tenant == "acme");
  BOOST_TEST(r->after == 0);
  BOOST_TEST(r->limit == 100);
}

BOOST_AUTO_TEST_CASE(list_reads_cursor_and_limit_in_any_order_and_form) {
  auto r = admin::parse_events_list({"--limit=5", "--after", "17", "--tenant=acme"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->after == 17);
  BOOST_TEST(r->limit == 5);
}

BOOST_AUTO_TEST_CASE(list_rejects_bad_cursors_limits_and_extra_arguments) {
  auto negative = admin::parse_events_list({"--tenant", "acme", "--after", "-1"});
  BOOST_REQUIRE(!negative.has_value());
  BOOST_TEST(negative.error().message == "--after must be a whole number from 0 to 9223372036854775807, not \"-1\"");
  BOOST_TEST(negative.error().usage == "events list --tenant NAME [--after CURSOR] [--limit N]");
  auto text = admin::parse_events_list({"--tenant", "acme", "--after", "s12"});
  BOOST_REQUIRE(!text.has_value());
  auto big = admin::parse_events_list({"--tenant", "acme", "--limit", "1001"});
  BOOST_REQUIRE(!big.has_value());
  BOOST_TEST(big.error().message == "--limit must be a whole number from 1 to 1000, not \"1001\"");
  auto zero = admin::parse_events_list({"--tenant", "acme", "--limit", "0"});
  BOOST_REQUIRE(!zero.has_value());
  auto extra = admin::parse_events_list({"--tenant", "acme", "x"});
  BOOST_REQUIRE(!extra.has_value());
  BOOST_TEST(extra.error().message == "unexpected argument \"x\"");
  auto missing = admin::parse_events_list({});
  BOOST_REQUIRE(!missing.has_value());
  BOOST_TEST(missing.error().message == "--tenant is required");
}

BOOST_AUTO_TEST_CASE(follow_takes_a_cursor_but_no_limit) {
  auto r = admin::parse_events_follow({"--tenant", "acme", "--after", "3"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->after == 3);
  auto limit = admin::parse_events_follow({"--tenant", "acme", "--limit", "3"});
  BOOST_REQUIRE(!limit.has_value());
  BOOST_TEST(limit.error().message == "unexpected argument \"--limit\"");
  BOOST_TEST(limit.error().usage == "events follow --tenant NAME [--after CURSOR]");
}

BOOST_AUTO_TEST_CASE(purge_leaves_the_retention_to_the_configuration_unless_given) {
  auto none = admin::parse_events_purge({});
  BOOST_REQUIRE(none.has_value());
  BOOST_TEST(!none->days.has_value());
  auto seven = admin::parse_events_purge({"--days", "7"});
  BOOST_REQUIRE(seven.has_value());
  BOOST_TEST(*seven->days == 7);
  auto zero = admin::parse_events_purge({"--days", "0"});
  BOOST_REQUIRE(!zero.has_value());
  BOOST_TEST(zero.error().message == "--days must be a whole number from 1 to 36500, not \"0\"");
}

BOOST_AUTO_TEST_CASE(seats_reads_an_optional_range_of_days) {
  auto all = admin::parse_seats({"--tenant", "acme"});
  BOOST_REQUIRE(all.has_value());
  BOOST_TEST(all->from.empty());
  BOOST_TEST(all->to.empty());
  auto range = admin::parse_seats({"--tenant", "acme", "--from", "2026-11-01", "--to=2026-11-30"});
  BOOST_REQUIRE(range.has_value());
  BOOST_TEST(range->from == "2026-11-01");
  BOOST_TEST(range->to == "2026-11-30");
}

BOOST_AUTO_TEST_CASE(seats_rejects_impossible_days_and_reversed_ranges) {
  auto february = admin::parse_seats({"--tenant", "acme", "--from", "2026-02-30"});
  BOOST_REQUIRE(!february.has_value());
  BOOST_TEST(february.error().message == "\"2026-02-30\" is not a day; write YYYY-MM-DD");
  auto shape = admin::parse_seats({"--tenant", "acme", "--to", "1/12/2026"});
  BOOST_REQUIRE(!shape.has_value());
  auto reversed = admin::parse_seats({"--tenant", "acme", "--from", "2026-12-02", "--to", "2026-12-01"});
  BOOST_REQUIRE(!reversed.has_value());
  BOOST_TEST(reversed.error().message == "--from must not be after --to");
}

BOOST_AUTO_TEST_CASE(a_one_word_command_is_dispatched_with_all_its_arguments) {
  auto d = admin::dispatch({"seats", "--tenant", "acme"});
  BOOST_REQUIRE(d.command != nullptr);
  BOOST_TEST(d.command->name == "seats");
  BOOST_TEST(d.rest.size() == 2U);
  auto help = admin::dispatch({"seats", "--help"});
  BOOST_TEST(help.command == nullptr);
  BOOST_TEST(help.out.find("seats --tenant NAME") != std::string::npos);
  auto events = admin::dispatch({"events", "list", "--tenant", "acme"});
  BOOST_REQUIRE(events.command != nullptr);
  BOOST_TEST(events.command->name == "events list");
}

BOOST_AUTO_TEST_SUITE_END()
