// The small values of the management surface, read and checked in one
// place for both fastscim-admin and /manage/v1: names, durations
// ("24h"), UTC timestamps ("2025-01-31T12:00:00Z") and tenant settings.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_MANAGE_VALUES_H_
#define FASTSCIM_MANAGE_VALUES_H_

#include <optional>
#include <string>
#include <string_view>

#include "manage/repository.h"

namespace fastscim::manage {

// The largest request limits a tenant can be given (doc/limits.md).
inline constexpr long long kMaxRatePerSecond = 1000000;
inline constexpr long long kMaxBurst = 1000000;
inline constexpr long long kMaxConcurrent = 10000;
// The longest a deleted user can be kept restorable (doc/policies.md).
inline constexpr long long kMaxDeletedRetentionDays = 3650;
// The deprovisioning guard's largest number (an hour's deactivations and
// deletions).
inline constexpr long long kMaxDeprovisionGuard = 1000000;

// The longest expiry or overlap accepted: ten years, in seconds.
inline constexpr long long kMaxDurationSeconds = 10LL * 366 * 24 * 3600;

// A count, cursor or id: plain decimal digits (no sign, no blanks), at
// most 18 of them.  nullopt for anything else.
std::optional<long long> parse_whole(std::string_view text);

// Tenant, token and key names: 1-64 ASCII letters, digits, '-', '_' or '.'.
bool valid_name(std::string_view name);

// A duration: a positive integer followed by one unit, s, m, h or d
// ("90s", "15m", "24h", "30d"), at most kMaxDurationSeconds; "0s" (or "0"
// with any unit) is zero.  nullopt for anything else.
std::optional<long long> parse_duration(std::string_view text);

// An RFC 3339 UTC time "YYYY-MM-DDTHH:MM:SSZ" (fractional seconds allowed
// and dropped; 'Z' or "+00:00" only) as seconds since the Unix epoch.
// nullopt for anything else, including impossible dates.
std::optional<long long> parse_timestamp(std::string_view text);

// A time as the provisioning log's filters take it (ISO 8601, UTC):
// "YYYY-MM-DD" (midnight), "YYYY-MM-DDTHH:MM[:SS[.fff]]" with an optional
// "Z" or "+00:00" (a space may replace the T).  Returns the store's
// "YYYY-MM-DD HH:MM:SS.fff", or nullopt when `text` is none of these or
// names no real time.
std::optional<std::string> parse_log_time(std::string_view text);

// Seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ".
std::string format_timestamp(long long unix_seconds);

// Seconds since the epoch as the store's UTC "YYYY-MM-DD HH:MM:SS".
std::string format_sql_time(long long unix_seconds);

// A request rate "N/s" or "N/m" (N from 1, at most kMaxRatePerSecond a
// second) in requests a minute; nullopt for anything else.
std::optional<long long> parse_rate(std::string_view text);

// Requests a minute as parse_rate reads them: "100/s" when whole seconds
// divide it, else "90/m".
std::string format_rate(long long per_minute);

// The setting a name designates: "unknown-attributes", "unknown-extensions",
// "provisioning", "invitations", "rate-limit", "rate-burst",
// "max-concurrent", "dialect" (the CLI's names) or their JSON names
// "unknownAttributes", "unknownExtensions", "rateLimit", "rateBurst",
// "maxConcurrent".  nullopt for any other.
std::optional<Setting> setting_named(std::string_view name);

// The value to store for `setting` given as `text`, or nullopt when the
// setting does not take it: unknown-*: "reject", "ignore", "default"
// (stored as ""); provisioning: "on", "off"; invitations: "off",
// "on-create"; rate-limit: a rate (parse_rate) or "default", stored as
// requests a minute; rate-burst: 1 to kMaxBurst; max-concurrent: 1 to
// kMaxConcurrent (both stored as given, "default" as ""); deleted-retention:
// 0 to kMaxDeletedRetentionDays days or "default" (""); deprovision-guard:
// 1 to kMaxDeprovisionGuard or "off" ("").
std::optional<std::string> setting_value(Setting setting, std::string_view text);

// The values `setting` takes, for messages: "reject, ignore or default".
std::string setting_values_text(Setting setting);

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_VALUES_H_
