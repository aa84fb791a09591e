// Reading resources and memberships back from their rows: what the writer
// (resource_repository.cc) and the search (resource_search.cc) share.
//
// Every function runs inside Database::run on `db`'s connection and throws
// what its statements throw (Database::run maps it), or AbortTransaction
// with kInternal for a stored document that does not parse.
//
// Thread-safety: as Database.
#ifndef FASTSCIM_STORE_RESOURCE_ROWS_H_
#define FASTSCIM_STORE_RESOURCE_ROWS_H_

#include <optional>
#include <string>
#include <vector>

#include <cppconn/resultset.h>

#include "scim/override.h"
#include "scim/repository.h"
#include "store/database.h"

namespace fastscim::store {

// The resource in the current row of a query selecting kResourceColumns;
// its seq in *seq.  With `with_groups`, a user's groups too (its member_of
// column), so that reading a user is one statement.
scim::StoredResource read_row(sql::ResultSet& rows, long long* seq, bool with_groups = true);

// A moment as the API shows it and as a DATETIME(3) column holds it (the
// connection's time zone is UTC): "2026-12-01T10:00:00.123Z" and
// "2026-12-01 10:00:00.123".  Writes take their time from this process's
// clock, as the events they record do (outbox.h), so what a write returns
// needs no read of the row it wrote.
struct WriteTime {
  std::string iso;
  std::string column;
};
WriteTime write_time_now();

// A DATETIME(3) column's text as the API shows it, in milliseconds.
std::string iso_time(const std::string& sql_datetime);

struct Members {
  std::vector<scim::Member> members;
  bool complete = true;  // false: the group has more than the limit asked for
};

// The members of group `group_seq` in a stable order; with `limit`, at most
// that many (`complete` false when there are more).
Members read_members(Database& db, long long group_seq, std::optional<long long> limit = std::nullopt);

// What a user's update reads after writing its row `user_seq`, in one
// statement: the groups it is a direct member of (User.groups, SCH-05) as
// its member_of column holds them, its overrides (user_policies.h) for its
// event, and the deployment setting `setting` ("" when unset) read with a
// shared lock for IdentifierClaims.
struct UserUpdateReads {
  std::vector<scim::Member> groups;
  scim::Overrides overrides;
  std::string setting;
};
UserUpdateReads read_after_user_update(Database& db, long long user_seq, const std::string& setting);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_RESOURCE_ROWS_H_
