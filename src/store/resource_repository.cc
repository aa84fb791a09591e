#include "store/resource_repository.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_set>
#include <utility>

#include <cppconn/exception.h>
#include <cppconn/resultset.h>

#include "auth/token.h"
#include "json/io.h"
#include "scim/account_linking.h"
#include "scim/resource_type.h"
#include "store/account_linking.h"
#include "store/change_events.h"
#include "store/column_table.h"
#include "store/deleted_users.h"
#include "store/deprovision_guard.h"
#include "store/filter_sql.h"
#include "store/identifier_claims.h"
#include "store/outbox.h"
#include "store/provisioning_log_repository.h"
#include "store/resource_rows.h"
#include "store/statements.h"
#include "store/user_policies.h"
#include "util/strings.h"

namespace fastscim::store {

namespace {

using scim::Error;

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

// The stored form: no id, meta, members or computed groups.  It shares
// the document's values: it is only written out, and copied (as_written).
json::Value stored_form(const json::Value& document) {
  json::Value stored = document.copy();
  for (const char* key : {"id", "meta", "members", "groups"}) stored.erase(key);
  return stored;
}

// Values longer than their column are the client's error, named before
// anything is written (a database error 1406 is only the backstop,
// sql_error.h).
std::optional<Error> too_long(const std::string& type, const json::Value& document) {
  std::vector<std::string> problems = ColumnTable::for_type(type).too_long(document);
  if (problems.empty()) return std::nullopt;
  std::string detail;
  for (const auto& p : problems) detail += (detail.empty() ? "" : "; ") + p;
  return Error::invalid_value("a value is longer than fastscim stores: " + detail);
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

// A user's userName ("" when it has none), for the guard's held changes.
std::string user_name_of(const scim::StoredResource& user) {
  auto name = user.document.get("userName").as_string();
  return name ? std::string(*name) : std::string();
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

  // Writes the resource's email rows.  `replace`: it has rows already; they
  // are replaced, unless they hold the same values and types already, in
  // which case nothing is written: a PATCH of a title then costs one read
  // of the rows instead of a delete and an insert, and dirties no page of
  // the email indexes (random pages, which made writes slower with the
  // tenant's size).
  // `current`: the rows as they stand, when the caller knows them (they
  // mirror the stored document's emails); otherwise they are read.
  void write_emails(long long seq, long long tenant_id, const Indexed& ix, bool replace,
                    const std::vector<SideRow>* current = nullptr) {
    if (replace) {
      if ((current != nullptr ? *current : stored_emails(seq)) == ix.emails) return;
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

  // The resource's email rows as SideRows (value, type), in the order they
  // were written.
  std::vector<SideRow> stored_emails(long long seq) {
    auto& s = db_.prepare(sql_text::kSelectEmails);
    s.setInt64(1, seq);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    std::vector<SideRow> out;
    while (rows->next()) {
      out.push_back(SideRow{std::string(rows->getString(1)),
                            rows->isNull(2) ? std::nullopt : std::optional<std::string>(rows->getString(2))});
    }
    return out;
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
      const long long member_seq = rows->getInt64(1);
      scim::Member member{m.value, rows->getString(2), string_or_empty(*rows, 3)};
      rows.reset();
      auto& ins = db_.prepare(sql_text::kInsertMember);
      ins.setInt64(1, member_seq);
      ins.setInt64(2, group_seq);
      if (ins.executeUpdate() == 0) continue;
      if (member.type == scim::user_resource_type().name) refresh_groups_of(member_seq);
      added.push_back(std::move(member));
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
    auto& lock = db_.prepare(sql_text::kLockMember);
    lock.setInt64(1, tenant_id);
    lock.setString(2, member_id);
    std::unique_ptr<sql::ResultSet> rows(lock.executeQuery());
    if (!rows->next()) return std::nullopt;
    const long long member_seq = rows->getInt64(1);
    scim::Member member{member_id, rows->getString(2), string_or_empty(*rows, 3)};
    rows.reset();
    auto& del = db_.prepare(sql_text::kDeleteMember);
    del.setInt64(1, group_seq);
    del.setInt64(2, member_seq);
    if (del.executeUpdate() == 0) return std::nullopt;
    if (member.type == scim::user_resource_type().name) refresh_groups_of(member_seq);
    return member;
  }

  // Rebuilds the member_of column of user `member_seq` (statements.cc)
  // after its memberships changed; the caller holds the user's lock.
  void refresh_groups_of(long long member_seq) {
    auto& refresh = db_.prepare(sql_text::kRefreshMemberOf);
    refresh.setInt64(1, member_seq);
    refresh.executeUpdate();
  }

  // The same for every user member of group `group_seq`, one statement
  // however many, before its memberships all go: the group is left out.
  void refresh_groups_of_members_leaving(long long group_seq) {
    auto& refresh = db_.prepare(sql_text::kRefreshMemberOfGroupMembers);
    for (int at : {1, 3}) {
      refresh.setInt64(at, 0);
      refresh.setString(at + 1, "");
    }
    refresh.setInt64(5, group_seq);
    refresh.setInt64(6, group_seq);
    refresh.executeUpdate();
  }

  // The group `group_seq` is now called `name`: in its members' member_of,
  // then in its membership rows (statements.cc says why in that order).
  void rename_group_in_members(long long group_seq, const std::optional<std::string>& name) {
    auto& refresh = db_.prepare(sql_text::kRefreshMemberOfGroupMembers);
    for (int at : {1, 3}) {
      refresh.setInt64(at, group_seq);
      bind_optional(refresh, at + 1, name);
    }
    refresh.setInt64(5, 0);
    refresh.setInt64(6, group_seq);
    refresh.executeUpdate();
    auto& rows = db_.prepare(sql_text::kRenameGroupInMembers);
    bind_optional(rows, 1, name);
    rows.setInt64(2, group_seq);
    rows.executeUpdate();
  }

  struct Locked {
    long long seq = 0;
    long long version = 0;
    bool seat = false;  // a user that takes a seat (outbox.h)
  };

  // The 412 of a write whose resource is no longer at the version it read.
  static AbortTransaction version_changed(const std::string& type, long long version) {
    return AbortTransaction{Error::precondition_failed("The " + type + " has changed (version W/\"" +
                                                       std::to_string(version) + "\"); fetch it again and retry.")};
  }

  // Runs `sql` (tenant, type, id) and returns its rows at the first;
  // throws Abort 404 when there is none.
  std::unique_ptr<sql::ResultSet> locking_read(const char* sql, long long tenant_id, const std::string& type,
                                               const std::string& id) {
    auto& s = db_.prepare(sql);
    s.setInt64(1, tenant_id);
    s.setString(2, type);
    s.setString(3, id);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    if (!rows->next()) throw AbortTransaction{Error::not_found(type + " " + id + " not found")};
    return rows;
  }

  // Locks the row; returns it or throws Abort 404/412.
  Locked lock(long long tenant_id, const std::string& type, const std::string& id,
              std::optional<long long> expected_version) {
    std::unique_ptr<sql::ResultSet> rows = locking_read(sql_text::kLockResource, tenant_id, type, id);
    Locked locked;
    locked.seq = rows->getInt64(1);
    locked.version = rows->getInt64(2);
    locked.seat = type == scim::user_resource_type().name && takes_seat(rows->isNull(3), rows->getBoolean(3));
    if (expected_version && *expected_version != locked.version) {
      throw version_changed(type, locked.version);
    }
    return locked;
  }

  // lock() that also reads the row, as read_back would: for a write that
  // answers with the row it locked, changed only in version and time.
  scim::StoredResource lock_row(long long tenant_id, const std::string& type, const std::string& id,
                                std::optional<long long> expected_version) {
    std::unique_ptr<sql::ResultSet> rows = locking_read(sql_text::kLockResourceRow, tenant_id, type, id);
    long long seq = 0;
    scim::StoredResource row = read_row(*rows, &seq);
    if (expected_version && *expected_version != row.version) throw version_changed(type, row.version);
    return row;
  }

  // Writes `ix` and `text` over `current` while its row is still at the
  // version read: the UPDATE takes the row's lock itself, so the write
  // needs no locking read before it.  Throws Abort 404/412 as lock().
  void update_read(long long tenant_id, const scim::StoredResource& current, const Indexed& ix, const std::string& text,
                   const WriteTime& now) {
    auto& up = db_.prepare(sql_text::kUpdateResourceAtVersion);
    bind_indexed(up, 1, ix);
    up.setString(6, text);
    up.setString(7, now.column);
    up.setInt64(8, current.row);
    up.setInt64(9, tenant_id);
    up.setInt64(10, current.version);
    if (up.executeUpdate() > 0) return;
    // Not written: the resource is gone, or has moved on (a restored user
    // comes back in a row of its own), which lock() tells apart.
    Locked found = lock(tenant_id, current.resource_type, current.id, current.version);
    throw version_changed(current.resource_type, found.version);
  }

  // Applies `changes` to the group's membership rows, writing only the rows
  // that change (a PUT repeating a 100,000-member list writes none); the
  // members removed and added.  Throws Abort as add_members.
  std::pair<std::vector<scim::Member>, std::vector<scim::Member>> apply_changes(long long tenant_id,
                                                                                long long group_seq,
                                                                                const scim::MemberChanges& changes) {
    std::vector<scim::Member> removed;
    std::vector<scim::Member> add = changes.add;
    if (changes.remove_all && add.empty()) {
      removed = members(group_seq);
      refresh_groups_of_members_leaving(group_seq);
      auto& clear = db_.prepare(sql_text::kDeleteAllMembers);
      clear.setInt64(1, group_seq);
      clear.executeUpdate();
    } else if (changes.remove_all) {
      std::unordered_set<std::string> wanted;
      for (const auto& m : add) wanted.insert(m.value);
      std::unordered_set<std::string> present;
      for (const scim::Member& m : members(group_seq)) {
        present.insert(m.value);
        if (wanted.count(m.value) > 0) continue;
        if (auto gone = remove_member(tenant_id, group_seq, m.value)) removed.push_back(std::move(*gone));
      }
      add.erase(
          std::remove_if(add.begin(), add.end(), [&](const scim::Member& m) { return present.count(m.value) > 0; }),
          add.end());
    } else {
      for (const auto& member_id : changes.remove) {
        if (auto gone = remove_member(tenant_id, group_seq, member_id)) removed.push_back(std::move(*gone));
      }
    }
    std::vector<scim::Member> added = add_members(tenant_id, group_seq, add);
    return {std::move(removed), std::move(added)};
  }

  std::vector<scim::Member> members(long long group_seq) { return read_members(db_, group_seq).members; }

 private:
  Database& db_;
};

// The row `seq` as it stands in this transaction, with a user's groups;
// never a group's members (events describe membership one member at a time).
scim::StoredResource read_back(Database& db, long long tenant_id, long long seq) {
  auto& s = db.prepare(sql_text::kSelectResourceBySeq);
  s.setInt64(1, tenant_id);
  s.setInt64(2, seq);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  if (!rows->next()) throw AbortTransaction{Error::internal("a resource vanished inside its own transaction")};
  long long ignored = 0;
  return read_row(*rows, &ignored);
}

// The resource as this transaction wrote it: its stored form, version and
// times as its statement bound them, and a user's groups (which a write of
// the user's document does not change) as read in it; a new resource has
// none yet.  What read_back would read, without reading the row again.
scim::StoredResource as_written(long long seq, const std::string& type, const std::string& id, json::Value stored,
                                long long version, std::string created, std::string last_modified,
                                std::vector<scim::Member> groups) {
  scim::StoredResource r;
  r.row = seq;
  r.id = id;
  r.resource_type = type;
  r.document = std::move(stored);
  r.version = version;
  r.created = std::move(created);
  r.last_modified = std::move(last_modified);
  r.groups = std::move(groups);
  return r;
}

// The settings a user's creation acts on (tenants.link_existing and
// tenants.invitations, as stored, and the identifier policy's setting for
// IdentifierClaims), read once at the start of its transaction.
struct UserCreateSettings {
  std::string link_existing;
  std::string invitations;
  std::string claim_setting;
};

UserCreateSettings read_user_create_settings(Database& db, long long tenant_id) {
  auto& s = db.prepare(sql_text::kSelectTenantUserCreateSettings);
  s.setString(1, kUniqueAcrossTenants);
  s.setInt64(2, tenant_id);
  std::unique_ptr<sql::ResultSet> row(s.executeQuery());
  UserCreateSettings settings;
  if (row->next()) {
    settings.link_existing = string_or_empty(*row, 1);
    settings.invitations = string_or_empty(*row, 2);
    settings.claim_setting = string_or_empty(*row, 3);
  }
  return settings;
}

// Whether a document written for `type` takes a seat (outbox.h).
bool seat_of(const std::string& type, const Indexed& ix) {
  if (type != scim::user_resource_type().name) return false;
  const json::Value& active = ix.columns[static_cast<size_t>(WrittenColumn::kActive)];
  return !active.is_bool() || *active.as_bool();
}

// link-existing (doc/policies.md): a provider's create adopts the local
// user `local` (found and locked by AccountLinking) instead of inserting
// one: the provider's attributes go on top of the product's, the user is
// marked linked, and the event is user.linked.  `claim_setting` is the
// identifier policy's setting as the transaction read it.
void adopt(Database& db, Session& session, long long tenant_id, const LinkCandidate& local, const json::Value& provided,
           IdentifierClaims& claims, const std::string& claim_setting, const scim::EventDraft& draft,
           bool record_events, scim::StoredResource* after) {
  const std::string& type = scim::user_resource_type().name;
  json::Value document = scim::adopted_document(local.document, provided);
  if (auto error = too_long(type, document)) throw AbortTransaction{std::move(*error)};
  Indexed ix = index_of(type, document);
  auto& up = db.prepare(sql_text::kUpdateResource);
  bind_indexed(up, 1, ix);
  up.setString(6, json::dump(stored_form(document)));
  up.setString(7, write_time_now().column);
  up.setInt64(8, local.seq);
  up.executeUpdate();
  auto& origin = db.prepare(sql_text::kSetResourceOrigin);
  origin.setString(1, "linked");
  origin.setInt64(2, tenant_id);
  origin.setInt64(3, local.seq);
  origin.executeUpdate();
  session.write_emails(local.seq, tenant_id, ix, true);
  claims.hold(tenant_id, local.seq, document, claim_setting);
  *after = read_back(db, tenant_id, local.seq);
  Outbox outbox(db, tenant_id, record_events);
  if (outbox.recording()) {
    scim::Event event = resource_event(scim::ChangeKind::kLinked, *after, draft);
    event.policies = json::Value::array();
    event.policies.append(link_record(local));
    outbox.add(std::move(event));
  }
  outbox.change_active_users((seat_of(type, ix) ? 1 : 0) - (local.seat ? 1 : 0));
  outbox.flush();
  if (draft.log != nullptr) {
    draft.log->applied = "link-existing: adopted the user the product imported (" + local.id + "), matched by " +
                         local.matched_by + " \"" + local.matched_value + "\"";
  }
  record_write_log(db, tenant_id, draft, *after);
}

}  // namespace

scim::Result<scim::StoredResource> ResourceRepository::create(long long tenant_id, const std::string& type,
                                                              const json::Value& document,
                                                              const std::vector<scim::Member>& members,
                                                              const scim::EventDraft& draft) {
  std::string id = new_uuid();
  if (auto error = too_long(type, document)) return scim::fail(std::move(*error));
  Indexed ix = index_of(type, document);
  const json::Value stored = stored_form(document);
  const std::string text = json::dump(stored);
  scim::StoredResource after;
  const bool is_user = type == scim::user_resource_type().name;
  IdentifierClaims claims(db_);  // unique-across-tenants (doc/policies.md)
  AccountLinking linking(db_);   // link-existing
  bool linked = false;
  auto written = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Session session(db_);
    Transaction tx(c);
    // The tenant's settings a user's creation acts on, in one read.
    UserCreateSettings settings;
    if (is_user) settings = read_user_create_settings(db_, tenant_id);
    std::optional<LinkCandidate> local;
    if (is_user && !draft.local_owner) local = linking.find(tenant_id, document, settings.link_existing);
    linked = local.has_value();
    if (local) {
      adopt(db_, session, tenant_id, *local, document, claims, settings.claim_setting, draft, record_events_, &after);
      tx.commit();
      return;
    }
    auto& ins = db_.prepare(sql_text::kInsertResource);
    ins.setInt64(1, tenant_id);
    ins.setString(2, id);
    ins.setString(3, type);
    bind_indexed(ins, 4, ix);
    ins.setString(9, text);
    const WriteTime now = write_time_now();
    ins.setString(10, now.column);
    ins.setString(11, now.column);
    std::unique_ptr<sql::ResultSet> inserted(ins.executeQuery());
    if (!inserted->next()) throw AbortTransaction{Error::internal("an insert returned no row key")};
    const long long seq = inserted->getInt64(1);
    inserted.reset();
    if (draft.local_owner) {
      auto& origin = db_.prepare(sql_text::kSetResourceOrigin);
      origin.setString(1, "local");
      origin.setInt64(2, tenant_id);
      origin.setInt64(3, seq);
      origin.executeUpdate();
    }
    session.write_emails(seq, tenant_id, ix, false);
    if (is_user) claims.hold(tenant_id, seq, document, settings.claim_setting);
    std::vector<scim::Member> added;
    if (!members.empty()) added = session.add_members(tenant_id, seq, members);
    after = as_written(seq, type, id, stored.deep_copy(), 1, now.iso, now.iso, {});
    store_template_values(db_, tenant_id, id, draft);
    Outbox outbox(db_, tenant_id, record_events_);
    if (is_user) outbox.set_invitations(settings.invitations);
    add_product_event(db_, &outbox, tenant_id, scim::ChangeKind::kCreated, after, draft);
    add_member_events(&outbox, after, {}, added);
    if (seat_of(type, ix)) outbox.change_active_users(1);
    outbox.flush();
    record_write_log(db_, tenant_id, draft, after);
    tx.commit();
  });
  mark_write_logged(draft, written.has_value());
  if (!written && (claims.report_refusal(tenant_id, record_events_, "", document, draft) ||
                   linking.report_refusal(tenant_id, record_events_, document, draft))) {
    return scim::fail(written.error());
  }
  if (!written) return scim::fail(named_conflict(written.error(), type, ix));
  if (linked) return after;
  // What this transaction read back is the whole resource, except a
  // group's members, which get() lists as stored (ordered, with display).
  if (ColumnTable::for_type(type).side_table(SideTable::Kind::kGroupMembers)) return get(tenant_id, type, id, true);
  return after;
}

scim::Result<scim::StoredResource> ResourceRepository::get(long long tenant_id, const std::string& type,
                                                           const std::string& id, bool load_memberships) {
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
    found = read_row(*rows, &seq, load_memberships);
    rows.reset();
    if (load_memberships && ColumnTable::for_type(type).side_table(SideTable::Kind::kGroupMembers)) {
      found->members = Session(db_).members(seq);
    }
  });
  if (!read) return scim::fail(read.error());
  if (!found) return scim::fail(Error::not_found(type + " " + id + " not found"));
  return std::move(*found);
}

scim::Result<scim::StoredResource> ResourceRepository::replace(long long tenant_id, const scim::StoredResource& current,
                                                               const json::Value& document,
                                                               const std::optional<scim::MemberChanges>& members,
                                                               scim::ChangeKind kind, const scim::EventDraft& draft) {
  const std::string& type = current.resource_type;
  const std::string& id = current.id;
  if (auto error = too_long(type, document)) return scim::fail(std::move(*error));
  Indexed ix = index_of(type, document);
  // What the row holds while it is at current.version: its seat and emails.
  const Indexed before = index_of(type, current.document);
  const json::Value stored = stored_form(document);
  const std::string text = json::dump(stored);
  scim::StoredResource after;
  IdentifierClaims claims(db_);  // unique-across-tenants (doc/policies.md)
  auto written = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Session session(db_);
    Transaction tx(c);
    const WriteTime now = write_time_now();
    session.update_read(tenant_id, current, ix, text, now);
    const long long seq = current.row;
    if (ix.table->side_table(SideTable::Kind::kEmails)) {
      // The rows mirror the emails of the document read: compared with
      // those, an unchanged list costs no statement.
      const std::vector<SideRow> rows = ix.table->side_rows(SideTable::Kind::kEmails, current.document);
      session.write_emails(seq, tenant_id, ix, true, &rows);
    }
    // A user's groups (for its event and the response), its overrides
    // (for the event) and the identifier policy's setting, in one read.
    const bool is_user = type == scim::user_resource_type().name;
    UserUpdateReads user_reads;
    if (is_user) {
      user_reads = read_after_user_update(db_, seq, kUniqueAcrossTenants);
      claims.hold(tenant_id, seq, document, user_reads.setting);
    }
    std::vector<scim::Member> removed, added;
    if (members) std::tie(removed, added) = session.apply_changes(tenant_id, seq, *members);
    // A group's members show its name in their groups (member_of).
    if (ix.table->side_table(SideTable::Kind::kGroupMembers) &&
        ix.text(WrittenColumn::kNameKey) != before.text(WrittenColumn::kNameKey)) {
      session.rename_group_in_members(seq, ix.text(WrittenColumn::kNameKey));
    }
    after = as_written(seq, type, id, stored.deep_copy(), current.version + 1, current.created, now.iso,
                       std::move(user_reads.groups));
    Outbox outbox(db_, tenant_id, record_events_);
    // The deprovisioning guard (store/deprovision_guard.h): a reactivation
    // undoes a held deactivation before the event is made; a deactivation
    // may be held once its events are queued.
    DeprovisionGuard guard(db_, tenant_id);
    if (is_user && kind == scim::ChangeKind::kReactivated) guard.supersede(Deprovision::kDeactivation, id, &outbox);
    // The document event, unless the write only changed members (which
    // have events of their own).
    bool members_changed = add_member_events(&outbox, after, removed, added);
    if (kind != scim::ChangeKind::kUpdated || !draft.changed.empty() || !members_changed) {
      add_product_event(db_, &outbox, tenant_id, kind, after, draft, is_user ? &user_reads.overrides : nullptr);
    }
    outbox.change_active_users((seat_of(type, ix) ? 1 : 0) - (seat_of(type, before) ? 1 : 0));
    if (is_user && kind == scim::ChangeKind::kDeactivated) {
      guard.check(Deprovision::kDeactivation, id, user_name_of(after), &outbox, draft);
    }
    outbox.flush();
    record_write_log(db_, tenant_id, draft, after);
    tx.commit();
  });
  mark_write_logged(draft, written.has_value());
  if (!written && claims.report_refusal(tenant_id, record_events_, id, document, draft)) {
    return scim::fail(written.error());
  }
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
                                                                      const scim::EventDraft& draft) {
  const std::string& group_type = scim::group_resource_type().name;
  scim::StoredResource after;
  auto written = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Session session(db_);
    Transaction tx(c);
    after = session.lock_row(tenant_id, group_type, group_id, expected_version);
    auto [removed, added] = session.apply_changes(tenant_id, after.row, scim::MemberChanges{add, remove, remove_all});
    if (!removed.empty() || !added.empty()) {
      WriteTime now = write_time_now();
      auto& bump = db_.prepare(sql_text::kBumpResourceVersion);
      bump.setString(1, now.column);
      bump.setInt64(2, after.row);
      bump.executeUpdate();
      after.version += 1;
      after.last_modified = now.iso;
    }
    Outbox outbox(db_, tenant_id, record_events_);
    add_member_events(&outbox, after, removed, added);
    outbox.flush();
    record_write_log(db_, tenant_id, draft, after);
    tx.commit();
  });
  mark_write_logged(draft, written.has_value());
  if (!written) return scim::fail(written.error());
  return after;
}

scim::Result<void> ResourceRepository::remove(long long tenant_id, const std::string& type, const std::string& id,
                                              std::optional<long long> expected_version,
                                              const scim::EventDraft& draft) {
  auto removed = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
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
    Outbox outbox(db_, tenant_id, record_events_);
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
    std::string now = write_time_now().column;
    for (const Left& group : left) {
      auto& bump = db_.prepare(sql_text::kBumpResourceVersion);
      bump.setString(1, now);
      bump.setInt64(2, group.seq);
      bump.executeUpdate();
      outbox.add(member_event(scim::ChangeKind::kMemberRemoved, group.id, group.display, group.version, self));
    }
    // A group's members leave it with its rows (the foreign key cascades):
    // their groups are rebuilt without it first.
    if (ColumnTable::for_type(type).side_table(SideTable::Kind::kGroupMembers)) {
      session.refresh_groups_of_members_leaving(locked.seq);
    }
    if (type == scim::user_resource_type().name) IdentifierClaims(db_).release_all(tenant_id, locked.seq);
    // Safe deletion: the user stays restorable (store/deleted_users.h).
    if (type == scim::user_resource_type().name) keep_deleted_user(db_, locked.seq);
    auto& del = db_.prepare(sql_text::kDeleteResource);
    del.setInt64(1, locked.seq);
    del.executeUpdate();
    last.version = locked.version + 1;
    add_product_event(db_, &outbox, tenant_id, scim::ChangeKind::kDeleted, last, draft);
    if (locked.seat) outbox.change_active_users(-1);
    if (type == scim::user_resource_type().name) {
      DeprovisionGuard(db_, tenant_id).check(Deprovision::kDeletion, id, user_name_of(last), &outbox, draft);
    }
    outbox.flush();
    record_write_log(db_, tenant_id, draft, last);
    tx.commit();
  });
  mark_write_logged(draft, removed.has_value());
  return removed;
}

}  // namespace fastscim::store
