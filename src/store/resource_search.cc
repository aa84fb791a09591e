// ResourceRepository::search: one page of a tenant's resources, with its
// memberships within the page's budget and a sealed cursor to the next.
#include <algorithm>
#include <memory>
#include <utility>

#include <cppconn/resultset.h>

#include "store/column_table.h"
#include "store/filter_sql.h"
#include "store/resource_repository.h"
#include "store/resource_rows.h"
#include "store/statements.h"

namespace fastscim::store {

namespace {

using scim::Error;

void bind_all(sql::PreparedStatement& s, const std::vector<SqlParam>& params, int first = 1) {
  int i = first;
  for (const auto& p : params) {
    if (p.kind == SqlParam::Kind::kInt)
      s.setInt64(i++, p.integer);
    else
      s.setString(i++, p.text);
  }
}

// Loads the members of the groups of `page` (in order, rows `seqs`) within
// `max_members` all together (0 = no limit).  Returns how many resources
// keep their place on the page: a group that would take the page past the
// limit ends it there, unless it comes first — then it alone has more than
// a page may carry and is listed without its members.
size_t load_members(Database& db, scim::Page* page, const std::vector<long long>& seqs, long long max_members) {
  long long room = max_members;
  for (size_t i = 0; i < page->resources.size(); ++i) {
    if (max_members <= 0) {
      page->resources[i].members = read_members(db, seqs[i]).members;
      continue;
    }
    Members m = read_members(db, seqs[i], room);
    if (m.complete) {
      room -= static_cast<long long>(m.members.size());
      page->resources[i].members = std::move(m.members);
    } else if (i > 0) {
      return i;
    }
  }
  return page->resources.size();
}

}  // namespace

scim::Result<scim::Page> ResourceRepository::search(long long tenant_id, const std::string& type,
                                                    const scim::Query& query) {
  auto where = where_clause(tenant_id, query);
  if (!where) return scim::fail(where.error());
  auto order = order_by_clause(query);
  if (!order) return scim::fail(order.error());

  const long long count = std::max(0LL, query.count);
  const bool cursor_mode = query.cursor.has_value();
  // Cursors (RFC 9865) continue after a row's seq in the default order
  // (keyset: no OFFSET scan however deep the page) and at an offset under
  // sortBy; either way sealed (cursor_seal.h).
  const CursorSeal::Kind kind = query.sort_by ? CursorSeal::Kind::kOffset : CursorSeal::Kind::kAfterSeq;
  const ColumnTable& table = ColumnTable::for_type(type);
  const bool members = query.load_memberships && table.side_table(SideTable::Kind::kGroupMembers) != nullptr;
  const bool groups = query.load_memberships && table.side_table(SideTable::Kind::kMemberOf) != nullptr;

  scim::Page page;
  auto read = db_.run(Idempotence::kSearch, [&](sql::Connection&) {
    page = scim::Page();
    long long offset = cursor_mode ? 0 : std::max(1LL, query.start_index) - 1;
    std::string keyset;
    std::vector<SqlParam> keyset_params;
    if (cursor_mode && !query.cursor->empty()) {
      auto value = cursors_.open(tenant_id, type, kind, *query.cursor);
      if (!value) {
        throw AbortTransaction{Error::invalid_cursor(
            "The cursor was not issued for this query (or was changed); start again without a cursor.")};
      }
      if (kind == CursorSeal::Kind::kAfterSeq) {
        keyset = query.descending ? " AND r.seq < ?" : " AND r.seq > ?";
        keyset_params.push_back(SqlParam::number(*value));
      } else {
        offset = *value;
      }
    }
    bool more = false;
    bool need_count = true;
    if (count > 0) {
      // One row beyond the page tells whether another page exists.
      std::string sql = std::string("SELECT ") + sql_text::kResourceColumns + " FROM resources r WHERE " + where->text +
                        keyset + " " + *order + " LIMIT ? OFFSET ?";
      auto& s = db_.prepare_generated(sql);
      bind_all(s, where->params);
      bind_all(s, keyset_params, static_cast<int>(where->params.size()) + 1);
      int next = static_cast<int>(where->params.size() + keyset_params.size()) + 1;
      s.setInt64(next, count + 1);
      s.setInt64(next + 1, offset);
      std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
      std::vector<long long> seqs;
      while (rows->next()) {
        if (static_cast<long long>(page.resources.size()) == count) {
          more = true;
          break;
        }
        long long seq = 0;
        page.resources.push_back(read_row(*rows, &seq, groups));
        seqs.push_back(seq);
      }
      rows.reset();
      // Memberships are read once the page query has been consumed.
      if (members) {
        size_t kept = load_members(db_, &page, seqs, query.max_members);
        if (kept < page.resources.size()) {
          page.resources.resize(kept);
          seqs.resize(kept);
          more = true;
        }
      }
      if (cursor_mode && more) {
        long long position = kind == CursorSeal::Kind::kAfterSeq
                                 ? seqs.back()
                                 : offset + static_cast<long long>(page.resources.size());
        page.next_cursor = cursors_.seal(tenant_id, type, kind, position);
      }
      // The whole result fits on this first page: no need to count it again.
      if (!cursor_mode && offset == 0 && !more) {
        page.total_results = static_cast<long long>(page.resources.size());
        need_count = false;
      }
    }
    if (need_count) {
      std::string sql = "SELECT COUNT(*) FROM resources r WHERE " + where->text;
      auto& s = db_.prepare_generated(sql);
      bind_all(s, where->params);
      std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
      rows->next();
      page.total_results = rows->getInt64(1);
    }
  });
  if (!read) return scim::fail(read.error());
  return page;
}

}  // namespace fastscim::store
