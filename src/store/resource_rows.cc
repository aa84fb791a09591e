#include "store/resource_rows.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <unordered_map>

#include "store/statements.h"

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

scim::StoredResource read_row(sql::ResultSet& rows, long long* seq) {
  scim::StoredResource r;
  *seq = rows.getInt64(1);
  r.row = *seq;
  r.id = rows.getString(2);
  r.resource_type = rows.getString(3);
  r.document = stored_document(rows, 4, r.resource_type + " " + r.id);
  r.version = rows.getInt64(5);
  r.created = iso_time(rows.getString(6));
  r.last_modified = iso_time(rows.getString(7));
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

std::vector<scim::Member> read_groups_of(Database& db, long long member_seq) {
  std::vector<scim::Member> out;
  auto& s = db.prepare(sql_text::kSelectGroupsOfMember);
  s.setInt64(1, member_seq);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  while (rows->next()) out.push_back({rows->getString(1), "direct", string_or_empty(*rows, 2)});
  return out;
}

std::vector<std::vector<scim::Member>> read_groups_of_all(Database& db, const std::vector<long long>& member_seqs) {
  std::vector<std::vector<scim::Member>> out(member_seqs.size());
  if (member_seqs.empty()) return out;
  // Padding repeats the last seq: a power of two of placeholders keeps the
  // prepared shapes few (1, 2, 4, … up to the page size).
  size_t slots = 1;
  while (slots < member_seqs.size()) slots *= 2;
  std::string sql = sql_text::kSelectGroupsOfMembersHead;
  for (size_t i = 0; i < slots; ++i) sql.append(i == 0 ? "?" : ", ?");
  sql.append(sql_text::kSelectGroupsOfMembersTail);
  auto& s = db.prepare_generated(sql);
  for (size_t i = 0; i < slots; ++i) {
    s.setInt64(static_cast<unsigned int>(i + 1), member_seqs[std::min(i, member_seqs.size() - 1)]);
  }
  std::unordered_map<long long, size_t> where;
  for (size_t i = 0; i < member_seqs.size(); ++i) where.emplace(member_seqs[i], i);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  while (rows->next()) {
    auto it = where.find(rows->getInt64(1));
    if (it == where.end()) continue;
    out[it->second].push_back({rows->getString(2), "direct", string_or_empty(*rows, 3)});
  }
  return out;
}

}  // namespace fastscim::store
