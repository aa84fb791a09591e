#include "store/resource_repository.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <set>

#include <cppconn/exception.h>
#include <cppconn/resultset.h>

#include "auth/token.h"
#include "json/io.h"
#include "scim/resource_type.h"
#include "store/change_events.h"
#include "store/column_table.h"
#include "store/filter_sql.h"
#include "store/outbox.h"
#include "store/statements.h"
#include "util/strings.h"

namespace fastscim::store {

namespace {

using scim::Error;

std::string iso_time(const std::string& sql_datetime) {
  // "2026-11-22 13:46:34.123" (UTC session) → "2026-11-22T13:46:34.123Z"
  std::string out = sql_datetime;
  if (out.size() > 10 && out[10] == ' ') out[10] = 'T';
  return out + "Z";
}

void bind_optional(sql::PreparedStatement& s, int index, const std::optional<std::string>& value) {
  if (value)
    s.setString(index, *value);
  else
    s.setNull(index, sql::DataType::VARCHAR);
}

// The indexed copies of a document's attributes, as its type's column
// table declares them.
struct Indexed {
  const ColumnTable* table = nullptr;
  RowValues columns;
  std::vector<SideRow> emails;  // value, type

  std::optional<std::string> text(WrittenColumn column) const {
    auto v = columns[static_cast<size_t>(column)].as_string();
    return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
  }
};

Indexed index_of(const std::string& type, const json::Value& doc) {
  Indexed ix;
  ix.table = &ColumnTable::for_type(type);
  ix.columns = ix.table->row_values(doc);
  ix.emails = ix.table->side_rows(SideTable::Kind::kEmails, doc);
  return ix;
}

// The stored form: no id, meta, members or computed groups.
std::string stored_text(const json::Value& document) {
  json::Value copy = document.deep_copy();
  for (const char* key : {"id", "meta", "members", "groups"}) copy.erase(key);
  return json::dump(copy);
}

void check_lengths(const Indexed& ix) {
  auto too_long = [](const std::optional<std::string>& v) { return v && v->size() > 255; };
  if (too_long(ix.text(WrittenColumn::kNameKey))) {
    throw AbortTransaction{Error::invalid_value("userName/displayName is longer than 255 characters")};
  }
  if (too_long(ix.text(WrittenColumn::kExternalId))) {
    throw AbortTransaction{Error::invalid_value("externalId is longer than 255 characters")};
  }
  for (const auto& e : ix.emails) {
    if (too_long(e.front()))
      throw AbortTransaction{Error::invalid_value("an email value is longer than 255 characters")};
  }
}

// Binds the written columns from `first` on, in WrittenColumn order.
void bind_indexed(sql::PreparedStatement& s, int first, const Indexed& ix) {
  for (size_t i = 0; i < kWrittenColumnCount; ++i) {
    int index = first + static_cast<int>(i);
    const json::Value& v = ix.columns[i];
    if (v.is_bool())
      s.setInt(index, *v.as_bool() ? 1 : 0);
    else if (v.is_string())
      s.setString(index, std::string(*v.as_string()));
    else if (static_cast<WrittenColumn>(i) == WrittenColumn::kActive)
      s.setNull(index, sql::DataType::TINYINT);
    else
      s.setNull(index, sql::DataType::VARCHAR);
  }
}

// A duplicate key names the clashing value (CRT-06); other errors pass.
Error named_conflict(const Error& error, const std::string& type, const Indexed& ix) {
  if (error.kind() != scim::ErrorKind::kUniqueness) return error;
  const ColumnMapping* name_key = ix.table->column(WrittenColumn::kNameKey);
  std::string attribute = name_key ? std::string(name_key->attribute) : "name";
  return Error::uniqueness("A " + util::to_lower(type) + " with " + attribute + " \"" +
                           ix.text(WrittenColumn::kNameKey).value_or("") + "\" already exists.");
}

}  // namespace

// ---- helpers bound to a connection ---------------------------------------------

namespace {

class Session {
 public:
  explicit Session(Database& db) : db_(db) {}

  long long last_insert_id() {
    std::unique_ptr<sql::ResultSet> rows(db_.prepare(sql_text::kLastInsertId).executeQuery());
    rows->next();
    return rows->getInt64(1);
  }

  void write_emails(long long seq, long long tenant_id, const Indexed& ix, bool clear_first) {
    if (clear_first) {
      auto& del = db_.prepare(sql_text::kDeleteEmails);
      del.setInt64(1, seq);
      del.executeUpdate();
    }
    for (const SideRow& row : ix.emails) {
      auto& ins = db_.prepare(sql_text::kInsertEmail);
      ins.setInt64(1, seq);
      ins.setInt64(2, tenant_id);
      ins.setString(3, *row[0]);
      bind_optional(ins, 4, row[1]);
      ins.executeUpdate();
    }
  }

  // Adds members; returns those that were not members yet (type and
  // display as stored); throws Abort naming every id not found in the tenant.
  std::vector<scim::Member> add_members(long long tenant_id, long long group_seq,
                                        const std::vector<scim::Member>& members) {
    std::vector<scim::Member> added;
    std::vector<std::string> missing;
    for (const auto& m : members) {
      auto& lock = db_.prepare(sql_text::kLockMember);
      lock.setInt64(1, tenant_id);
      lock.setString(2, m.value);
      std::unique_ptr<sql::ResultSet> rows(lock.executeQuery());
      if (!rows->next()) {
        missing.push_back(m.value);
        continue;
      }
      auto& ins = db_.prepare(sql_text::kInsertMember);
      ins.setInt64(1, group_seq);
      ins.setInt64(2, rows->getInt64(1));
      ins.setInt64(3, tenant_id);
      if (ins.executeUpdate() > 0) added.push_back({m.value, rows->getString(2), string_or_empty(*rows, 3)});
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& id : missing) list += (list.empty() ? "\"" : ", \"") + id + "\"";
      throw AbortTransaction{
          Error::invalid_value("members must be existing users or groups of this tenant; not found: " + list)};
    }
    return added;
  }

  // Removes the member `member_id` from the group; the member removed, or
  // nullopt when it was not a member.
  std::optional<scim::Member> remove_member(long long tenant_id, long long group_seq, const std::string& member_id) {
    auto& find = db_.prepare(sql_text::kSelectMemberById);
    find.setInt64(1, tenant_id);
    find.setString(2, member_id);
    std::unique_ptr<sql::ResultSet> rows(find.executeQuery());
    if (!rows->next()) return std::nullopt;
    scim::Member member{member_id, rows->getString(2), string_or_empty(*rows, 3)};
    auto& del = db_.prepare(sql_text::kDeleteMember);
    del.setInt64(1, group_seq);
    del.setInt64(2, rows->getInt64(1));
    if (del.executeUpdate() == 0) return std::nullopt;
    return member;
  }

  struct Locked {
    long long seq = 0;
    long long version = 0;
    bool seat = false;  // a user that takes a seat (outbox.h)
  };

  // Locks the row; returns it or throws Abort 404/412.
  Locked lock(long long tenant_id, const std::string& type, const std::string& id,
              std::optional<long long> expected_version) {
    auto& s = db_.prepare(sql_text::kLockResource);
    s.setInt64(1, tenant_id);
    s.setString(2, type);
    s.setString(3, id);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    if (!rows->next()) throw AbortTransaction{Error::not_found(type + " " + id + " not found")};
    Locked locked;
    locked.seq = rows->getInt64(1);
    locked.version = rows->getInt64(2);
    locked.seat = type == scim::user_resource_type().name && takes_seat(rows->isNull(3), rows->getBoolean(3));
    if (expected_version && *expected_version != locked.version) {
      throw AbortTransaction{Error::precondition_failed("The " + type + " has changed (version W/\"" +
                                                        std::to_string(locked.version) +
                                                        "\"); fetch it again and retry.")};
    }
    return locked;
  }

  // The groups a user is a direct member of (User.groups, SCH-05).
  std::vector<scim::Member> groups_of(long long member_seq) {
    std::vector<scim::Member> out;
    auto& s = db_.prepare(sql_text::kSelectGroupsOfMember);
    s.setInt64(1, member_seq);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) out.push_back({rows->getString(1), "direct", string_or_empty(*rows, 2)});
    return out;
  }

  std::vector<scim::Member> members(long long group_seq) {
    std::vector<scim::Member> out;
    auto& s = db_.prepare(sql_text::kSelectMembers);
    s.setInt64(1, group_seq);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) out.push_back({rows->getString(1), rows->getString(2), string_or_empty(*rows, 3)});
    return out;
  }

 private:
  Database& db_;
};

// Reads a row selected with kResourceColumns.
scim::StoredResource read_row(sql::ResultSet& rows, long long* seq) {
  scim::StoredResource r;
  *seq = rows.getInt64(1);
  r.id = rows.getString(2);
  r.resource_type = rows.getString(3);
  auto doc = json::parse(std::string(rows.getString(4)));
  r.document = doc ? doc.value() : json::Value::object();
  r.version = rows.getInt64(5);
  r.created = iso_time(rows.getString(6));
  r.last_modified = iso_time(rows.getString(7));
  return r;
}

// The row `seq` as it stands in this transaction, with a user's groups;
// never a group's members (events describe membership one member at a time).
scim::StoredResource read_back(Database& db, long long tenant_id, long long seq) {
  auto& s = db.prepare(sql_text::kSelectResourceBySeq);
  s.setInt64(1, tenant_id);
  s.setInt64(2, seq);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  if (!rows->next()) throw AbortTransaction{Error::internal("a resource vanished inside its own transaction")};
  long long ignored = 0;
  scim::StoredResource r = read_row(*rows, &ignored);
  rows.reset();
  if (ColumnTable::for_type(r.resource_type).side_table(SideTable::Kind::kMemberOf))
    r.groups = Session(db).groups_of(seq);
  return r;
}

// Whether a document written for `type` takes a seat (outbox.h).
bool seat_of(const std::string& type, const Indexed& ix) {
  if (type != scim::user_resource_type().name) return false;
  const json::Value& active = ix.columns[static_cast<size_t>(WrittenColumn::kActive)];
  return !active.is_bool() || *active.as_bool();
}

}  // namespace

scim::Result<scim::StoredResource> ResourceRepository::create(long long tenant_id, const std::string& type,
                                                              const json::Value& document,
                                                              const std::vector<scim::Member>& members,
                                                              const scim::EventDraft& draft) {
  std::string id = new_uuid();
  Indexed ix = index_of(type, document);
  std::string text = stored_text(document);
  auto written = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    check_lengths(ix);
    Session session(db_);
    Transaction tx(c);
    auto& ins = db_.prepare(sql_text::kInsertResource);
    ins.setInt64(1, tenant_id);
    ins.setString(2, id);
    ins.setString(3, type);
    bind_indexed(ins, 4, ix);
    ins.setString(9, text);
    ins.executeUpdate();
    long long seq = session.last_insert_id();
    session.write_emails(seq, tenant_id, ix, false);
    std::vector<scim::Member> added;
    if (!members.empty()) added = session.add_members(tenant_id, seq, members);
    scim::StoredResource after = read_back(db_, tenant_id, seq);
    Outbox outbox(db_, tenant_id);
    outbox.add(resource_event(scim::ChangeKind::kCreated, after, draft));
    add_member_events(&outbox, after, {}, added);
    if (seat_of(type, ix)) outbox.change_active_users(1);
    outbox.flush();
    tx.commit();
  });
  if (!written) return scim::fail(named_conflict(written.error(), type, ix));
  return get(tenant_id, type, id, true);
}

scim::Result<scim::StoredResource> ResourceRepository::get(long long tenant_id, const std::string& type,
                                                           const std::string& id, bool load_members) {
  std::optional<scim::StoredResource> found;
  auto read = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    found.reset();
    auto& s = db_.prepare(sql_text::kSelectResource);
    s.setInt64(1, tenant_id);
    s.setString(2, type);
    s.setString(3, id);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    if (!rows->next()) return;
    long long seq = 0;
    found = read_row(*rows, &seq);
    rows.reset();
    const ColumnTable& table = ColumnTable::for_type(type);
    if (load_members && table.side_table(SideTable::Kind::kGroupMembers)) found->members = Session(db_).members(seq);
    if (table.side_table(SideTable::Kind::kMemberOf)) found->groups = Session(db_).groups_of(seq);
  });
  if (!read) return scim::fail(read.error());
  if (!found) return scim::fail(Error::not_found(type + " " + id + " not found"));
  return std::move(*found);
}

scim::Result<scim::StoredResource> ResourceRepository::replace(long long tenant_id, const std::string& type,
                                                               const std::string& id, const json::Value& document,
                                                               const std::optional<std::vector<scim::Member>>& members,
                                                               std::optional<long long> expected_version,
                                                               scim::ChangeKind kind, const scim::EventDraft& draft) {
  Indexed ix = index_of(type, document);
  std::string text = stored_text(document);
  scim::StoredResource after;
  auto written = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    check_lengths(ix);
    Session session(db_);
    Transaction tx(c);
    auto locked = session.lock(tenant_id, type, id, expected_version);
    auto& up = db_.prepare(sql_text::kUpdateResource);
    bind_indexed(up, 1, ix);
    up.setString(6, text);
    up.setInt64(7, locked.seq);
    up.executeUpdate();
    if (ix.table->side_table(SideTable::Kind::kEmails)) session.write_emails(locked.seq, tenant_id, ix, true);
    std::vector<scim::Member> removed, added;
    if (members) {
      removed = session.members(locked.seq);
      auto& clear = db_.prepare(sql_text::kDeleteAllMembers);
      clear.setInt64(1, locked.seq);
      clear.executeUpdate();
      added = session.add_members(tenant_id, locked.seq, *members);
    }
    after = read_back(db_, tenant_id, locked.seq);
    Outbox outbox(db_, tenant_id);
    // The document event, unless the write only changed members (which
    // have events of their own).
    scim::Event document_event = resource_event(kind, after, draft);
    bool members_changed = add_member_events(&outbox, after, removed, added);
    if (kind != scim::ChangeKind::kUpdated || !draft.changed.empty() || !members_changed) {
      outbox.add(std::move(document_event));
    }
    outbox.change_active_users((seat_of(type, ix) ? 1 : 0) - (locked.seat ? 1 : 0));
    outbox.flush();
    tx.commit();
  });
  if (!written) return scim::fail(named_conflict(written.error(), type, ix));
  // Members are not read back: a group may have 100,000 of them and the
  // service loads them only when the response needs them.
  return after;
}

scim::Result<scim::StoredResource> ResourceRepository::modify_members(long long tenant_id, const std::string& group_id,
                                                                      const std::vector<scim::Member>& add,
                                                                      const std::vector<std::string>& remove,
                                                                      bool remove_all,
                                                                      std::optional<long long> expected_version,
                                                                      const scim::EventDraft& /*draft*/) {
  const std::string& group_type = scim::group_resource_type().name;
  scim::StoredResource after;
  auto written = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Session session(db_);
    Transaction tx(c);
    auto locked = session.lock(tenant_id, group_type, group_id, expected_version);
    std::vector<scim::Member> removed;
    if (remove_all) {
      removed = session.members(locked.seq);
      auto& clear = db_.prepare(sql_text::kDeleteAllMembers);
      clear.setInt64(1, locked.seq);
      clear.executeUpdate();
    }
    for (const auto& member_id : remove) {
      if (auto member = session.remove_member(tenant_id, locked.seq, member_id)) removed.push_back(*member);
    }
    std::vector<scim::Member> added = session.add_members(tenant_id, locked.seq, add);
    if (!removed.empty() || !added.empty()) {
      auto& bump = db_.prepare(sql_text::kBumpResourceVersion);
      bump.setInt64(1, locked.seq);
      bump.executeUpdate();
    }
    after = read_back(db_, tenant_id, locked.seq);
    Outbox outbox(db_, tenant_id);
    add_member_events(&outbox, after, removed, added);
    outbox.flush();
    tx.commit();
  });
  if (!written) return scim::fail(written.error());
  return after;
}

scim::Result<void> ResourceRepository::remove(long long tenant_id, const std::string& type, const std::string& id,
                                              std::optional<long long> expected_version,
                                              const scim::EventDraft& draft) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Session session(db_);
    Transaction tx(c);
    // The groups are locked before the resource, in the order a member add
    // locks them (group, then member), so the two cannot deadlock.
    auto& find = db_.prepare(sql_text::kSelectMemberById);
    find.setInt64(1, tenant_id);
    find.setString(2, id);
    std::unique_ptr<sql::ResultSet> found(find.executeQuery());
    std::string display;
    if (found->next()) {
      long long seq = found->getInt64(1);
      display = string_or_empty(*found, 3);
      found.reset();
      auto& groups = db_.prepare(sql_text::kSelectGroupSeqsOfMember);
      groups.setInt64(1, tenant_id);
      groups.setInt64(2, seq);
      std::unique_ptr<sql::ResultSet> rows(groups.executeQuery());
      std::vector<long long> group_seqs;
      while (rows->next()) group_seqs.push_back(rows->getInt64(1));
      rows.reset();
      for (long long group_seq : group_seqs) {
        auto& lock = db_.prepare(sql_text::kLockResourceBySeq);
        lock.setInt64(1, tenant_id);
        lock.setInt64(2, group_seq);
        std::unique_ptr<sql::ResultSet> held(lock.executeQuery());
      }
    }
    found.reset();
    auto locked = session.lock(tenant_id, type, id, expected_version);
    scim::StoredResource last = read_back(db_, tenant_id, locked.seq);
    Outbox outbox(db_, tenant_id);
    // Side effects are events too: the resource leaves each of its groups,
    // and each group's version moves so its ETag does not go stale.
    auto& groups = db_.prepare(sql_text::kLockGroupsOfMember);
    groups.setInt64(1, tenant_id);
    groups.setInt64(2, locked.seq);
    std::unique_ptr<sql::ResultSet> rows(groups.executeQuery());
    struct Left {
      long long seq;
      std::string id, display;
      long long version;
    };
    std::vector<Left> left;
    while (rows->next()) {
      left.push_back({rows->getInt64(1), rows->getString(2), string_or_empty(*rows, 3), rows->getInt64(4) + 1});
    }
    rows.reset();
    scim::Member self{id, type, display};
    for (const Left& group : left) {
      auto& bump = db_.prepare(sql_text::kBumpResourceVersion);
      bump.setInt64(1, group.seq);
      bump.executeUpdate();
      outbox.add(member_event(scim::ChangeKind::kMemberRemoved, group.id, group.display, group.version, self));
    }
    auto& del = db_.prepare(sql_text::kDeleteResource);
    del.setInt64(1, locked.seq);
    del.executeUpdate();
    last.version = locked.version + 1;
    outbox.add(resource_event(scim::ChangeKind::kDeleted, last, draft));
    if (locked.seat) outbox.change_active_users(-1);
    outbox.flush();
    tx.commit();
  });
}

namespace {

void bind_all(sql::PreparedStatement& s, const std::vector<SqlParam>& params, int first = 1) {
  int i = first;
  for (const auto& p : params) {
    if (p.kind == SqlParam::Kind::kInt)
      s.setInt64(i++, p.integer);
    else
      s.setString(i++, p.text);
  }
}

// Cursors (RFC 9865) are "s<seq>" for the default order (keyset: no OFFSET
// scan however deep the page) and "o<offset>" under sortBy.
bool parse_cursor(const std::string& cursor, char kind, long long* value) {
  if (cursor.size() < 2 || cursor[0] != kind) return false;
  return util::parse_int(std::string_view(cursor).substr(1), value) && *value >= 0;
}

}  // namespace

scim::Result<scim::Page> ResourceRepository::search(long long tenant_id, const std::string& type,
                                                    const scim::Query& query) {
  auto where = where_clause(tenant_id, query);
  if (!where) return scim::fail(where.error());
  auto order = order_by_clause(query);
  if (!order) return scim::fail(order.error());

  long long count = std::max(0LL, query.count);
  long long offset = std::max(1LL, query.start_index) - 1;
  std::string keyset;
  std::vector<SqlParam> keyset_params;
  bool cursor_mode = query.cursor.has_value();
  if (cursor_mode && !query.cursor->empty()) {
    long long value = 0;
    if (!query.sort_by && parse_cursor(*query.cursor, 's', &value)) {
      keyset = query.descending ? " AND r.seq < ?" : " AND r.seq > ?";
      keyset_params.push_back(SqlParam::number(value));
      offset = 0;
    } else if (query.sort_by && parse_cursor(*query.cursor, 'o', &value)) {
      offset = value;
    } else {
      return scim::fail(Error::invalid_cursor("The cursor \"" + *query.cursor +
                                              "\" was not issued for this query; start again without a cursor."));
    }
  } else if (cursor_mode) {
    offset = 0;
  }

  scim::Page page;
  bool need_count = true;
  auto read = db_.run(Idempotence::kSearch, [&](sql::Connection&) {
    page = scim::Page();
    need_count = true;
    bool more = false;
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
      long long last_seq = 0;
      std::vector<long long> seqs;
      while (rows->next()) {
        if (static_cast<long long>(page.resources.size()) == count) {
          more = true;
          break;
        }
        page.resources.push_back(read_row(*rows, &last_seq));
        seqs.push_back(last_seq);
      }
      rows.reset();
      // Memberships are read once the page query has been consumed.
      Session session(db_);
      const ColumnTable& table = ColumnTable::for_type(type);
      bool members = query.load_members && table.side_table(SideTable::Kind::kGroupMembers) != nullptr;
      bool groups = table.side_table(SideTable::Kind::kMemberOf) != nullptr;
      for (size_t i = 0; i < page.resources.size(); ++i) {
        if (members) page.resources[i].members = session.members(seqs[i]);
        if (groups) page.resources[i].groups = session.groups_of(seqs[i]);
      }
      if (cursor_mode && more) {
        page.next_cursor = query.sort_by ? "o" + std::to_string(offset + count) : "s" + std::to_string(last_seq);
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
