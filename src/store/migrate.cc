#include "store/migrate.h"

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <cppconn/statement.h>

#include "store/statements.h"
#include "util/log.h"
#include "util/strings.h"

namespace fastscim::store {

namespace {

std::vector<std::string> split_statements(const std::string& text) {
  std::vector<std::string> statements;
  std::string current;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::string_view trimmed = util::trim(line);
    if (trimmed.empty() || util::starts_with(trimmed, "--")) continue;
    current.append(line).push_back('\n');
    if (util::ends_with(trimmed, ";")) {
      current.erase(current.find_last_of(';'));
      statements.push_back(current);
      current.clear();
    }
  }
  if (!util::trim(current).empty()) statements.push_back(current);
  return statements;
}

}  // namespace

scim::Result<std::vector<Migration>> load_migrations(const std::string& dir) {
  std::unique_ptr<DIR, int (*)(DIR*)> handle(opendir(dir.c_str()), &closedir);
  if (!handle) return scim::fail(scim::Error::internal("cannot read the migrations directory " + dir));
  std::vector<Migration> migrations;
  while (dirent* entry = readdir(handle.get())) {
    std::string name = entry->d_name;
    if (!util::ends_with(name, ".sql") || name.size() < 5) continue;
    long long version = 0;
    size_t underscore = name.find('_');
    if (underscore == std::string::npos || !util::parse_int(name.substr(0, underscore), &version)) {
      return scim::fail(scim::Error::internal("migration file name must start with its number: " + name));
    }
    std::ifstream in(dir + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    migrations.push_back({static_cast<int>(version), name, split_statements(text.str())});
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version == migrations[i - 1].version) {
      return scim::fail(scim::Error::internal("two migrations share number " + std::to_string(migrations[i].version)));
    }
  }
  return migrations;
}

scim::Result<std::vector<int>> applied_versions(Database& db) {
  std::vector<int> versions;
  auto result = db.run(Idempotence::kRead, [&](sql::Connection& c) {
    versions.clear();
    std::unique_ptr<sql::Statement> statement(c.createStatement());
    statement->execute(sql_text::kCreateMigrationsTable);
    std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(sql_text::kAppliedMigrations));
    while (rows->next()) versions.push_back(rows->getInt(1));
  });
  if (!result) return scim::fail(result.error());
  return versions;
}

scim::Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& migrations) {
  MigrationReport report;
  // DDL commits implicitly in MySQL, so a file is not atomic; the lock keeps
  // concurrent migrators apart and the record is written after the file.
  auto result = db.run(Idempotence::kWrite, [&](sql::Connection& c) {
    std::unique_ptr<sql::Statement> statement(c.createStatement());
    statement->execute(sql_text::kCreateMigrationsTable);
    std::unique_ptr<sql::ResultSet> locked(statement->executeQuery(sql_text::kAcquireMigrationLock));
    if (!locked->next() || locked->getInt(1) != 1) {
      throw sql::SQLException("could not take the migration lock within 60 s", "HY000", 1205);
    }
    std::set<int> applied;
    {
      std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(sql_text::kAppliedMigrations));
      while (rows->next()) applied.insert(rows->getInt(1));
    }
    for (const Migration& m : migrations) {
      if (applied.count(m.version)) continue;
      util::log::info("applying migration " + m.name);
      for (const std::string& sql : m.statements) statement->execute(sql);
      std::unique_ptr<sql::PreparedStatement> record(c.prepareStatement(sql_text::kRecordMigration));
      record->setInt(1, m.version);
      record->setString(2, m.name);
      record->executeUpdate();
      report.applied.push_back(m.name);
      applied.insert(m.version);
    }
    report.current_version = applied.empty() ? 0 : *applied.rbegin();
    std::unique_ptr<sql::ResultSet> released(statement->executeQuery(sql_text::kReleaseMigrationLock));
  });
  if (!result) return scim::fail(result.error());
  return report;
}

}  // namespace fastscim::store
