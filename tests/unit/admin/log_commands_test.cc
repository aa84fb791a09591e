#include "admin/log_commands.h"

#include <boost/test/unit_test.hpp>

#include "admin/commands.h"

namespace admin = fastscim::admin;

BOOST_AUTO_TEST_SUITE(log_commands_test)

BOOST_AUTO_TEST_CASE(log_defaults_to_every_outcome_newest_hundred) {
  auto r = admin::parse_log({"--tenant", "acme"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->tenant == "acme");
  BOOST_TEST(r->query.since.empty());
  BOOST_TEST(r->query.until.empty());
  BOOST_TEST(r->query.status_low == 0);
  BOOST_TEST(r->query.status_high == 999);
  BOOST_TEST(r->query.before == 0);
  BOOST_TEST(r->query.limit == 100);
}

BOOST_AUTO_TEST_CASE(log_reads_times_as_utc_in_day_and_instant_forms) {
  auto r = admin::parse_log({"--tenant=acme", "--since", "2026-03-01", "--until=2026-03-02T10:15:30.25Z"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->query.since == "2026-03-01 00:00:00.000");
  BOOST_TEST(r->query.until == "2026-03-02 10:15:30.250");
  auto minutes = admin::parse_log({"--tenant", "acme", "--since", "2026-03-01 08:05"});
  BOOST_REQUIRE(minutes.has_value());
  BOOST_TEST(minutes->query.since == "2026-03-01 08:05:00.000");
}

BOOST_AUTO_TEST_CASE(log_rejects_times_that_are_not_real) {
  for (const char* bad : {"yesterday", "2026-02-30", "2026-03-01T25:00:00Z", "2026-03-01X10:00", "2026-3-1"}) {
    auto r = admin::parse_log({"--tenant", "acme", "--since", bad});
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message == std::string("\"since\" must be a UTC time such as \"2026-03-01\" or "
                                                "\"2026-03-01T10:15:00Z\", not \"") +
                                        bad + "\".");
  }
  auto backwards = admin::parse_log({"--tenant", "acme", "--since", "2026-03-02", "--until", "2026-03-01"});
  BOOST_REQUIRE(!backwards.has_value());
  BOOST_TEST(backwards.error().message == "\"since\" must be before \"until\".");
}

BOOST_AUTO_TEST_CASE(log_reads_outcome_as_success_failure_or_a_status) {
  for (const char* success : {"success", "ok"}) {
    auto r = admin::parse_log({"--tenant", "acme", "--outcome", success});
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(r->query.status_high == 399);
  }
  for (const char* failure : {"--outcome=failure", "--outcome=error"}) {
    auto r = admin::parse_log({"--tenant", "acme", failure});
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(r->query.status_low == 400);
  }
  for (const char* flag : {"--outcome", "--status"}) {
    auto conflict = admin::parse_log({"--tenant", "acme", flag, "409"});
    BOOST_REQUIRE(conflict.has_value());
    BOOST_TEST(conflict->query.status_low == 409);
    BOOST_TEST(conflict->query.status_high == 409);
  }
  auto bad = admin::parse_log({"--tenant", "acme", "--outcome", "fail"});
  BOOST_REQUIRE(!bad.has_value());
  BOOST_TEST(bad.error().message == "\"outcome\" must be \"success\" or \"failure\", not \"fail\".");
  for (const char* status : {"42", "700", "4099"}) {
    auto r = admin::parse_log({"--tenant", "acme", "--outcome", status});
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message.find("\"status\" must be an HTTP status") == 0u);
  }
}

BOOST_AUTO_TEST_CASE(log_checks_limit_cursor_tenant_and_extra_arguments) {
  auto page = admin::parse_log({"--tenant", "acme", "--limit", "5", "--before", "77"});
  BOOST_REQUIRE(page.has_value());
  BOOST_TEST(page->query.limit == 5);
  BOOST_TEST(page->query.before == 77);
  auto big = admin::parse_log({"--tenant", "acme", "--limit", "1001"});
  BOOST_REQUIRE(!big.has_value());
  BOOST_TEST(big.error().message == "\"limit\" must be a whole number from 1 to 1000, not \"1001\".");
  auto zero = admin::parse_log({"--tenant", "acme", "--before", "0"});
  BOOST_REQUIRE(!zero.has_value());
  auto missing = admin::parse_log({"--outcome", "ok"});
  BOOST_REQUIRE(!missing.has_value());
  BOOST_TEST(missing.error().message == "--tenant is required");
  auto extra = admin::parse_log({"--tenant", "acme", "purge"});
  BOOST_REQUIRE(!extra.has_value());
  BOOST_TEST(extra.error().message == "unexpected argument \"purge\"");
  BOOST_TEST(extra.error().usage ==
             "log --tenant NAME [--since TIME] [--until TIME] [--outcome success|failure] [--status NNN] [--limit N] "
             "[--before CURSOR]");
}

BOOST_AUTO_TEST_CASE(log_is_in_the_command_table) {
  auto d = admin::dispatch({"log", "--tenant", "acme"});
  BOOST_REQUIRE(d.command != nullptr);
  BOOST_TEST(d.command->name == "log");
}

BOOST_AUTO_TEST_SUITE_END()
