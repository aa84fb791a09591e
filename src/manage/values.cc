#include "manage/values.h"

#include <cstdio>

#include "scim/account_linking.h"

namespace fastscim::manage {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

long long number(std::string_view s) {
  long long n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

// Howard Hinnant's days_from_civil: no dependence on the process's time
// zone, unlike mktime().
long long days_from_civil(long long y, long long m, long long d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  long long year, month, day, hour, minute, second;
};

Civil civil_from_unix(long long t) {
  long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  long long rest = t - days * 86400;
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const long long doe = days - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp + (mp < 10 ? 3 : -9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d, rest / 3600, rest % 3600 / 60, rest % 60};
}

// "YYYY-MM-DD<separator>HH:MM:SS<suffix>"
std::string format(long long t, char separator, const char* suffix) {
  Civil c = civil_from_unix(t);
  char out[160];
  std::snprintf(out, sizeof out, "%04lld-%02lld-%02lld%c%02lld:%02lld:%02lld%s", c.year, c.month, c.day, separator,
                c.hour, c.minute, c.second, suffix);
  return out;
}

}  // namespace

std::optional<long long> parse_whole(std::string_view text) {
  if (text.size() > 18 || !all_digits(text)) return std::nullopt;
  return number(text);
}

std::optional<std::string> parse_log_time(std::string_view text) {
  if (text.size() >= 6 && text.substr(text.size() - 6) == "+00:00") {
    text.remove_suffix(6);
  } else if (!text.empty() && (text.back() == 'Z' || text.back() == 'z')) {
    text.remove_suffix(1);
  }
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto year = parse_whole(text.substr(0, 4)), month = parse_whole(text.substr(5, 2)),
       day = parse_whole(text.substr(8, 2));
  if (!year || !month || !day || text.substr(0, 4).size() != 4) return std::nullopt;
  long long hour = 0, minute = 0, second = 0;
  std::string fraction = "000";
  if (text.size() > 10) {
    if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
    std::string_view clock = text.substr(11);
    if (size_t dot = clock.find('.'); dot != std::string_view::npos) {
      std::string_view digits = clock.substr(dot + 1);
      if (digits.size() > 6 || !all_digits(digits)) return std::nullopt;
      fraction = (std::string(digits) + "000").substr(0, 3);
      clock = clock.substr(0, dot);
    }
    if (clock.size() != 5 && clock.size() != 8) return std::nullopt;
    if (clock[2] != ':' || (clock.size() == 8 && clock[5] != ':')) return std::nullopt;
    auto h = parse_whole(clock.substr(0, 2)), m = parse_whole(clock.substr(3, 2));
    auto sec = clock.size() == 8 ? parse_whole(clock.substr(6, 2)) : std::optional<long long>(0);
    if (!h || !m || !sec || clock.substr(0, 2).size() != 2) return std::nullopt;
    hour = *h;
    minute = *m;
    second = *sec;
  }
  // The same checks as a full timestamp: a real day, a real time of day.
  char canonical[32];
  std::snprintf(canonical, sizeof canonical, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", *year, *month, *day, hour,
                minute, second);
  if (!parse_timestamp(canonical)) return std::nullopt;
  return std::string(canonical, 10) + " " + std::string(canonical + 11, 8) + "." + fraction;
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.';
    if (!ok) return false;
  }
  return true;
}

std::optional<long long> parse_duration(std::string_view text) {
  if (text.size() < 2 || text.size() > 12) return std::nullopt;
  std::string_view digits = text.substr(0, text.size() - 1);
  if (!all_digits(digits)) return std::nullopt;
  long long unit = 0;
  switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    default: return std::nullopt;
  }
  long long n = number(digits);
  if (n > kMaxDurationSeconds / unit) return std::nullopt;
  return n * unit;
}

std::optional<long long> parse_timestamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS then optional .fraction then Z or +00:00
  if (text.size() < 20) return std::nullopt;
  auto field = [&](size_t at, size_t n) -> std::optional<long long> {
    std::string_view s = text.substr(at, n);
    if (!all_digits(s)) return std::nullopt;
    return number(s);
  };
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  auto year = field(0, 4), month = field(5, 2), day = field(8, 2);
  auto hour = field(11, 2), minute = field(14, 2), second = field(17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 1) return std::nullopt;
    rest.remove_prefix(n);
  }
  if (rest != "Z" && rest != "z" && rest != "+00:00") return std::nullopt;
  if (*year < 1970 || *month < 1 || *month > 12 || *day < 1 || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
  long long month_days = kDays[*month - 1] + (*month == 2 && leap ? 1 : 0);
  if (*day > month_days) return std::nullopt;
  return days_from_civil(*year, *month, *day) * 86400 + *hour * 3600 + *minute * 60 + *second;
}

std::string format_timestamp(long long unix_seconds) { return format(unix_seconds, 'T', "Z"); }

std::string format_sql_time(long long unix_seconds) { return format(unix_seconds, ' ', ""); }

std::optional<long long> parse_rate(std::string_view text) {
  if (text.size() < 3 || text[text.size() - 2] != '/') return std::nullopt;
  std::string_view digits = text.substr(0, text.size() - 2);
  if (!all_digits(digits) || digits.size() > 9 || digits[0] == '0') return std::nullopt;
  long long n = number(digits);
  switch (text.back()) {
    case 's':
      if (n > kMaxRatePerSecond) return std::nullopt;
      return n * 60;
    case 'm':
      if (n > kMaxRatePerSecond * 60) return std::nullopt;
      return n;
    default: return std::nullopt;
  }
}

std::string format_rate(long long per_minute) {
  if (per_minute % 60 == 0) return std::to_string(per_minute / 60) + "/s";
  return std::to_string(per_minute) + "/m";
}

std::optional<Setting> setting_named(std::string_view name) {
  if (name == "unknown-attributes" || name == "unknownAttributes") return Setting::kUnknownAttributes;
  if (name == "unknown-extensions" || name == "unknownExtensions") return Setting::kUnknownExtensions;
  if (name == "provisioning") return Setting::kProvisioning;
  if (name == "invitations") return Setting::kInvitations;
  if (name == "rate-limit" || name == "rateLimit") return Setting::kRateLimit;
  if (name == "rate-burst" || name == "rateBurst") return Setting::kRateBurst;
  if (name == "max-concurrent" || name == "maxConcurrent") return Setting::kMaxConcurrent;
  if (name == "dialect") return Setting::kDialect;
  if (name == scim::kLinkExisting || name == "linkExisting") return Setting::kLinkExisting;
  if (name == "deleted-retention" || name == "deletedRetention") return Setting::kDeletedRetention;
  if (name == "deprovision-guard" || name == "deprovisionGuard") return Setting::kDeprovisionGuard;
  return std::nullopt;
}

std::optional<std::string> setting_value(Setting setting, std::string_view text) {
  switch (setting) {
    case Setting::kUnknownAttributes:
    case Setting::kUnknownExtensions:
      if (text == "reject" || text == "ignore") return std::string(text);
      if (text == "default") return std::string();
      return std::nullopt;
    case Setting::kProvisioning:
      if (text == "on" || text == "off") return std::string(text);
      return std::nullopt;
    case Setting::kInvitations:
      if (text == "off" || text == "on-create") return std::string(text);
      return std::nullopt;
    case Setting::kDialect:
      if (text == "strict" || text == "lenient") return std::string(text);
      return std::nullopt;
    case Setting::kRateLimit: {
      if (text == "default") return std::string();
      auto per_minute = parse_rate(text);
      if (!per_minute) return std::nullopt;
      return std::to_string(*per_minute);
    }
    case Setting::kRateBurst:
    case Setting::kMaxConcurrent: {
      if (text == "default") return std::string();
      long long most = setting == Setting::kRateBurst ? kMaxBurst : kMaxConcurrent;
      if (!all_digits(text) || text.size() > 9 || text[0] == '0' || number(text) > most) return std::nullopt;
      return std::string(text);
    }
    case Setting::kLinkExisting: {
      std::string ignored;
      auto keys = scim::parse_link_keys(text, &ignored);
      if (!keys) return std::nullopt;
      return scim::to_string(*keys);
    }
    case Setting::kDeletedRetention:
      if (text == "default") return std::string();
      if (!all_digits(text) || text.size() > 4 || number(text) > kMaxDeletedRetentionDays) return std::nullopt;
      return std::to_string(number(text));
    case Setting::kDeprovisionGuard:
      if (text == "off") return std::string();
      if (!all_digits(text) || text.size() > 7 || number(text) < 1 || number(text) > kMaxDeprovisionGuard) {
        return std::nullopt;
      }
      return std::to_string(number(text));
  }
  return std::nullopt;
}

std::string setting_values_text(Setting setting) {
  switch (setting) {
    case Setting::kUnknownAttributes:
    case Setting::kUnknownExtensions: return "reject, ignore or default";
    case Setting::kProvisioning: return "on or off";
    case Setting::kInvitations: return "off or on-create";
    case Setting::kDialect: return "strict or lenient";
    case Setting::kRateLimit: return "N/s, N/m or default";
    case Setting::kRateBurst: return "a number from 1 to " + std::to_string(kMaxBurst) + " or default";
    case Setting::kMaxConcurrent: return "a number from 1 to " + std::to_string(kMaxConcurrent) + " or default";
    case Setting::kLinkExisting: return "off or a comma list of email and employeeNumber";
    case Setting::kDeletedRetention:
      return "days from 0 to " + std::to_string(kMaxDeletedRetentionDays) + " or default (30)";
    case Setting::kDeprovisionGuard:
      return "deactivations and deletions an hour, 1 to " + std::to_string(kMaxDeprovisionGuard) + ", or off";
  }
  return "";
}

}  // namespace fastscim::manage
