// Schema migrations: numbered, forward-only SQL files (sql/NNN_name.sql).
//
// migrate() applies, in order, every file whose number is not yet recorded
// in schema_migrations, under a named database lock so that several hosts
// starting at once apply each file exactly once.  Safe to run on every start.
//
// Thread-safety: as Database.
#ifndef FASTSCIM_STORE_MIGRATE_H_
#define FASTSCIM_STORE_MIGRATE_H_

#include <string>
#include <vector>

#include "scim/error.h"
#include "store/database.h"

namespace fastscim::store {

struct Migration {
  int version = 0;
  std::string name;  // file name
  std::vector<std::string> statements;
};

// Reads and splits every NNN_*.sql file of `dir`, sorted by number.
// Statements end with ';' at the end of a line; "--" lines are comments.
scim::Result<std::vector<Migration>> load_migrations(const std::string& dir);

struct MigrationReport {
  std::vector<std::string> applied;  // file names applied now
  int current_version = 0;
};

scim::Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& migrations);

// The versions already applied (empty when none, or the table is missing).
scim::Result<std::vector<int>> applied_versions(Database& db);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_MIGRATE_H_
