#include "manage/values.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

namespace manage = fastscim::manage;
namespace data = boost::unit_test::data;

BOOST_AUTO_TEST_SUITE(values_test)

BOOST_AUTO_TEST_CASE(durations_take_one_unit_of_seconds_minutes_hours_or_days) {
  BOOST_TEST(*manage::parse_duration("90s") == 90);
  BOOST_TEST(*manage::parse_duration("15m") == 900);
  BOOST_TEST(*manage::parse_duration("24h") == 86400);
  BOOST_TEST(*manage::parse_duration("30d") == 30 * 86400);
  BOOST_TEST(*manage::parse_duration("0s") == 0);
}

BOOST_DATA_TEST_CASE(rejects_malformed_and_oversized_durations,
                     data::make({"", "s", "24", "24H", "1w", "-5m", "1.5h", " 1h", "1h ", "99999999999d", "4000d"}),
                     text) {
  BOOST_TEST(!manage::parse_duration(text).has_value());
}

BOOST_AUTO_TEST_CASE(timestamps_are_utc_and_round_trip) {
  BOOST_TEST(*manage::parse_timestamp("1970-01-01T00:00:00Z") == 0);
  BOOST_TEST(*manage::parse_timestamp("2000-03-01T00:00:00Z") == 951868800);
  BOOST_TEST(*manage::parse_timestamp("2030-01-31T12:34:56.789Z") == *manage::parse_timestamp("2030-01-31T12:34:56Z"));
  BOOST_TEST(*manage::parse_timestamp("2030-01-31T12:34:56+00:00") == *manage::parse_timestamp("2030-01-31T12:34:56Z"));
  long long t = *manage::parse_timestamp("2024-02-29T23:59:59Z");
  BOOST_TEST(manage::format_timestamp(t) == "2024-02-29T23:59:59Z");
  BOOST_TEST(manage::format_sql_time(t) == "2024-02-29 23:59:59");
}

BOOST_DATA_TEST_CASE(rejects_impossible_or_zoned_timestamps,
                     data::make({"2023-02-29T00:00:00Z", "2030-13-01T00:00:00Z", "2030-01-01T24:00:00Z",
                                 "2030-01-01T00:00:00", "2030-01-01T00:00:00+02:00", "2030-01-01 00:00:00Z", "tomorrow",
                                 "2030-01-01T00:00:00.Z", "1969-12-31T23:59:59Z"}),
                     text) {
  BOOST_TEST(!manage::parse_timestamp(text).has_value());
}

BOOST_AUTO_TEST_CASE(names_are_short_and_plain) {
  BOOST_TEST(manage::valid_name("acme-corp_1.eu"));
  BOOST_TEST(!manage::valid_name(""));
  BOOST_TEST(!manage::valid_name("bad name"));
  BOOST_TEST(!manage::valid_name(std::string(65, 'a')));
}

BOOST_AUTO_TEST_CASE(settings_take_only_their_own_values) {
  using manage::Setting;
  BOOST_TEST((*manage::setting_named("provisioning") == Setting::kProvisioning));
  BOOST_TEST((*manage::setting_named("unknownAttributes") == Setting::kUnknownAttributes));
  BOOST_TEST(!manage::setting_named("strictness").has_value());
  BOOST_TEST(*manage::setting_value(Setting::kUnknownExtensions, "default") == "");
  BOOST_TEST(*manage::setting_value(Setting::kProvisioning, "off") == "off");
  BOOST_TEST(!manage::setting_value(Setting::kProvisioning, "reject").has_value());
  BOOST_TEST(*manage::setting_value(Setting::kInvitations, "on-create") == "on-create");
  BOOST_TEST(!manage::setting_value(Setting::kInvitations, "on").has_value());
  BOOST_TEST(manage::setting_values_text(Setting::kInvitations) == "off or on-create");
}

BOOST_AUTO_TEST_CASE(log_times_are_days_or_instants_in_utc) {
  BOOST_TEST(*manage::parse_log_time("2026-03-01") == "2026-03-01 00:00:00.000");
  BOOST_TEST(*manage::parse_log_time("2026-03-02T10:15:30.25Z") == "2026-03-02 10:15:30.250");
  BOOST_TEST(*manage::parse_log_time("2026-03-01 08:05") == "2026-03-01 08:05:00.000");
  BOOST_TEST(*manage::parse_log_time("2026-03-01T08:05:09+00:00") == "2026-03-01 08:05:09.000");
  for (const char* bad : {"yesterday", "2026-02-30", "2026-03-01T25:00:00Z", "2026-03-01X10:00", "2026-3-1",
                          "2026-03-01T10:00+02:00", "2026-03-01T10:00:00.1234567Z", ""}) {
    BOOST_TEST(!manage::parse_log_time(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(whole_numbers_are_plain_digits) {
  BOOST_TEST(*manage::parse_whole("0") == 0);
  BOOST_TEST(*manage::parse_whole("42") == 42);
  for (const char* bad : {"", "-1", "+1", " 1", "1.0", "1234567890123456789"}) {
    BOOST_TEST(!manage::parse_whole(bad).has_value(), bad);
  }
}

// Issue 12: a tenant's request limits, as the CLI and the API spell them.
BOOST_AUTO_TEST_CASE(rates_read_per_second_or_per_minute_and_print_back) {
  using manage::Setting;
  BOOST_TEST(*manage::parse_rate("100/s") == 6000);
  BOOST_TEST(*manage::parse_rate("90/m") == 90);
  BOOST_TEST(manage::format_rate(6000) == "100/s");
  BOOST_TEST(manage::format_rate(90) == "90/m");
  for (const char* bad : {"", "100", "/s", "0/s", "010/s", "-1/s", "1/h", "1.5/s", "1000001/s", "1 /s"}) {
    BOOST_TEST(!manage::parse_rate(bad).has_value(), bad);
  }
  BOOST_TEST((*manage::setting_named("rate-limit") == Setting::kRateLimit));
  BOOST_TEST((*manage::setting_named("maxConcurrent") == Setting::kMaxConcurrent));
  BOOST_TEST(*manage::setting_value(Setting::kRateLimit, "25/s") == "1500");
  BOOST_TEST(*manage::setting_value(Setting::kRateLimit, "default") == "");
  BOOST_TEST(*manage::setting_value(Setting::kRateBurst, "200") == "200");
  BOOST_TEST(!manage::setting_value(Setting::kRateBurst, "0").has_value());
  BOOST_TEST(!manage::setting_value(Setting::kMaxConcurrent, "10001").has_value());
  BOOST_TEST(*manage::setting_value(Setting::kMaxConcurrent, "default") == "");
}

BOOST_AUTO_TEST_CASE(issue11_link_existing_is_stored_in_its_canonical_spelling) {
  using manage::Setting;
  BOOST_TEST((*manage::setting_named("link-existing") == Setting::kLinkExisting));
  BOOST_TEST((*manage::setting_named("linkExisting") == Setting::kLinkExisting));
  BOOST_TEST(*manage::setting_value(Setting::kLinkExisting, "EmployeeNumber,email") == "email,employeeNumber");
  BOOST_TEST(*manage::setting_value(Setting::kLinkExisting, "off") == "off");
  BOOST_TEST(!manage::setting_value(Setting::kLinkExisting, "userName").has_value());
  BOOST_TEST(!manage::setting_value(Setting::kLinkExisting, "").has_value());
}

BOOST_AUTO_TEST_CASE(issue11_deprovision_guard_is_a_positive_number_an_hour_or_off) {
  using manage::Setting;
  BOOST_TEST((*manage::setting_named("deprovision-guard") == Setting::kDeprovisionGuard));
  BOOST_TEST((*manage::setting_named("deprovisionGuard") == Setting::kDeprovisionGuard));
  BOOST_TEST(*manage::setting_value(Setting::kDeprovisionGuard, "25") == "25");
  BOOST_TEST(*manage::setting_value(Setting::kDeprovisionGuard, "007") == "7");
  BOOST_TEST(*manage::setting_value(Setting::kDeprovisionGuard, "off") == "");
  for (const char* bad : {"0", "-1", "1000001", "ten", "", "default"}) {
    BOOST_TEST(!manage::setting_value(Setting::kDeprovisionGuard, bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_SUITE_END()
