#include "store/resource_rows.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <utility>

#include "store/statements.h"
#include "store/user_policies.h"
#include "util/log.h"

namespace fastscim::store {

std::string iso_time(const std::string& sql_datetime) {
  // "2026-11-22 13:46:34.123000" (UTC session; the connector writes a
  // DATETIME(3) out to microseconds, and leaves a zero fraction out:
  // "2026-11-22 13:46:34") → "2026-11-22T13:46:34.123Z" and
  // "2026-11-22T13:46:34.000Z", as the time a write bound (write_time_now).
  constexpr size_t kSeconds = 19;  // "YYYY-MM-DD HH:MM:SS"
  std::string out = sql_datetime.substr(0, kSeconds + 4);
  if (out.size() >= kSeconds) {
    if (out.size() == kSeconds) out.push_back('.');
    out.resize(kSeconds + 4, '0');
  }
  if (out.size() > 10 && out[10] == ' ') out[10] = 'T';
  return out + "Z";
}

WriteTime write_time_now() {
  const auto now = std::chrono::system_clock::now();
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const auto seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis % 1000));
  WriteTime time;
  time.column = text;
  time.iso = iso_time(time.column);
  return time;
}

namespace {

// resources.member_of (statements.cc): per group, its 36-character id, its
// name's length in bytes as 4 digits, the name.
std::vector<scim::Member> stored_groups(sql::ResultSet& rows, int column, const std::string& what) {
  constexpr size_t kId = 36, kLength = 4;
  std::vector<scim::Member> groups;
  if (rows.isNull(column)) return groups;
  const std::string text = rows.getString(column);
  size_t at = 0;
  while (at + kId + kLength <= text.size()) {
    size_t length = 0;
    const size_t digits = at + kId;
    for (size_t i = digits; i < digits + kLength && length != std::string::npos; ++i) {
      length = text[i] >= '0' && text[i] <= '9' ? length * 10 + static_cast<size_t>(text[i] - '0') : std::string::npos;
    }
    if (length == std::string::npos || digits + kLength + length > text.size()) break;
    groups.push_back({text.substr(at, kId), "direct", text.substr(digits + kLength, length)});
    at = digits + kLength + length;
  }
  if (at == text.size()) return groups;
  util::log::error("stored groups of " + what + " are not in member_of's form (at byte " + std::to_string(at) + ")");
  throw AbortTransaction{scim::Error::internal("A stored resource could not be read; nothing was changed.")};
}

}  // namespace

scim::StoredResource read_row(sql::ResultSet& rows, long long* seq, bool with_groups) {
  scim::StoredResource r;
  *seq = rows.getInt64(1);
  r.row = *seq;
  r.id = rows.getString(2);
  r.resource_type = rows.getString(3);
  r.document = stored_document(rows, 4, r.resource_type + " " + r.id);
  r.version = rows.getInt64(5);
  r.created = iso_time(rows.getString(6));
  r.last_modified = iso_time(rows.getString(7));
  if (with_groups) r.groups = stored_groups(rows, 8, r.resource_type + " " + r.id);
  return r;
}

Members read_members(Database& db, long long group_seq, std::optional<long long> limit) {
  Members out;
  auto& s = db.prepare(limit ? sql_text::kSelectMembersUpTo : sql_text::kSelectMembers);
  s.setInt64(1, group_seq);
  // One more than asked tells whether the group has more.
  if (limit) s.setInt64(2, *limit + 1);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  while (rows->next()) {
    if (limit && static_cast<long long>(out.members.size()) == *limit) {
      out.complete = false;
      break;
    }
    out.members.push_back({rows->getString(1), rows->getString(2), string_or_empty(*rows, 3)});
  }
  return out;
}

UserUpdateReads read_after_user_update(Database& db, long long user_seq, const std::string& setting) {
  auto& s = db.prepare(sql_text::kSelectAfterUserUpdate);
  s.setString(1, setting);
  s.setInt64(2, user_seq);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  UserUpdateReads read;
  const std::string what = "resource " + std::to_string(user_seq);
  if (!rows->next()) return read;
  read.groups = stored_groups(*rows, 1, what);
  read.setting = string_or_empty(*rows, 2);
  // In the order set, as read_overrides() lists them: by set_at (a
  // template's are set at one instant), then by path as its column
  // compares (ascii_general_ci: each letter as its capital, so "_" sorts
  // after the letters).
  std::vector<std::pair<std::string, scim::Override>> set;
  do {
    if (!rows->isNull(3)) set.emplace_back(rows->getString(6), override_at(*rows, 3, what));
  } while (rows->next());
  auto capital = [](unsigned char c) { return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c; };
  std::sort(set.begin(), set.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const std::string& x = a.second.path;
    const std::string& y = b.second.path;
    return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end(),
                                        [&](char l, char r) { return capital(l) < capital(r); });
  });
  for (auto& [set_at, o] : set) read.overrides.push_back(std::move(o));
  return read;
}

}  // namespace fastscim::store
