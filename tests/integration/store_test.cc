// The MySQL repository against the real MariaDB that tests/integration/run.sh
// starts (its configuration comes from FASTSCIM_CONFIG).  Proves tenant
// isolation, uniqueness, membership and that the filters identity providers
// match with use an index (EXPLAIN).
#define BOOST_TEST_MODULE test_store
#include <array>
#include <cstdlib>
#include <fstream>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include "app/config.h"
#include "auth/token.h"
#include "json/io.h"
#include "scim/event.h"
#include "scim/filter_parser.h"
#include "scim/filter_resolver.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"
#include "store/database.h"
#include "store/event_repository.h"
#include "store/filter_sql.h"
#include "store/identifier_claims.h"
#include "store/management_repository.h"
#include "store/outbox.h"
#include "store/policy_repository.h"
#include "store/resource_repository.h"
#include "store/resource_rows.h"
#include "store/schema_repository.h"
#include "store/statements.h"
#include "store/token_repository.h"
#include "store/user_policies.h"
#include "support/error_print.h"

namespace scim = fastscim::scim;
namespace store = fastscim::store;
namespace json = fastscim::json;
namespace manage = fastscim::manage;

namespace {

// Writes whose events these tests do not look at describe the stored
// document as it is (scim::EventDraft's default).
const scim::EventDraft kNoDraft;

store::DbConfig db_config() {
  const char* path = std::getenv("FASTSCIM_CONFIG");
  BOOST_REQUIRE_MESSAGE(path != nullptr, "FASTSCIM_CONFIG must name the test instance's configuration");
  auto config = fastscim::app::load_config(path);
  BOOST_REQUIRE_MESSAGE(config.has_value(), "cannot load " << path);
  return config->db;
}

json::Value doc(const std::string& text) {
  auto v = json::parse(text);
  BOOST_REQUIRE(v.has_value());
  return v.value();
}

// Runs `sql` on the connection of `db` (test set-up only).
void execute(store::Database& db, const std::string& sql) {
  auto done = db.run(store::Idempotence::kWrite, [&](sql::Connection& c) {
    std::unique_ptr<sql::Statement> s(c.createStatement());
    s->execute(sql);
  });
  BOOST_REQUIRE_MESSAGE(done.has_value(), sql);
}

// The last statement of sql/020_member_of.sql: the backfill of member_of.
std::string backfill_statement() {
  const char* srcdir = std::getenv("FASTSCIM_SRCDIR");
  std::ifstream file(std::string(srcdir != nullptr ? srcdir : ".") + "/sql/020_member_of.sql");
  BOOST_REQUIRE_MESSAGE(file, "sql/020_member_of.sql not found (FASTSCIM_SRCDIR)");
  std::string text, line;
  while (std::getline(file, line)) {
    if (line.rfind("--", 0) != 0) text += line + "\n";
  }
  text.erase(text.find_last_of(';'));
  return text.substr(text.find_last_of(';') + 1);
}

struct Fixture {
  store::Database db{db_config()};
  store::ResourceRepository repo{db};
  store::ManagementRepository tenants{db};
  scim::SchemaRegistry registry;
  long long tenant_a = 0, tenant_b = 0;

  Fixture() {
    std::string suffix = fastscim::auth::random_hex(4);
    auto a = tenants.create_tenant("store-a-" + suffix);
    auto b = tenants.create_tenant("store-b-" + suffix);
    BOOST_REQUIRE(a.has_value());
    BOOST_REQUIRE(b.has_value());
    tenant_a = a->id;
    tenant_b = b->id;
  }

  scim::StoredResource user(long long tenant, const std::string& user_name, const std::string& extra = "") {
    auto created = repo.create(tenant, "User",
                               doc(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" +
                                   user_name + "\"" + extra + "}"),
                               {}, kNoDraft);
    BOOST_REQUIRE_MESSAGE(created.has_value(), (created ? "" : created.error().detail()));
    return created.value();
  }

  scim::Query query(const std::string& type, const std::string& filter) {
    scim::Query q;
    q.registry = &registry;
    q.type = type == "User" ? &scim::user_resource_type() : &scim::group_resource_type();
    if (!filter.empty()) {
      auto parsed = scim::parse_filter(filter);
      BOOST_REQUIRE(parsed.has_value());
      auto resolved = scim::resolve_filter(registry, *q.type, parsed.value());
      BOOST_REQUIRE_MESSAGE(resolved.has_value(), (resolved ? "" : resolved.error().detail()));
      q.filter = resolved.value();
    }
    return q;
  }

  std::vector<std::string> ids(long long tenant, const std::string& type, const std::string& filter) {
    auto page = repo.search(tenant, type, query(type, filter));
    BOOST_REQUIRE_MESSAGE(page.has_value(), (page ? "" : page.error().detail()));
    std::vector<std::string> out;
    for (const auto& r : page->resources) out.push_back(r.id);
    return out;
  }

  // A user's groups as group_members and the groups' rows say, in the
  // order joined: (id, displayName).
  std::vector<std::pair<std::string, std::string>> groups_in_table(const std::string& user_id) {
    std::vector<std::pair<std::string, std::string>> out;
    auto ran = db.run(store::Idempotence::kRead, [&](sql::Connection&) {
      out.clear();
      auto& s = db.prepare_generated(
          "SELECT g.id, g.name_key FROM resources u JOIN group_members m ON m.member_seq = u.seq"
          " JOIN resources g ON g.seq = m.group_seq WHERE u.tenant_id = ? AND u.id = ? ORDER BY m.group_seq");
      s.setInt64(1, tenant_a);
      s.setString(2, user_id);
      std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
      while (rows->next()) out.emplace_back(rows->getString(1), rows->getString(2));
    });
    BOOST_REQUIRE(ran.has_value());
    return out;
  }

  // The keys MariaDB would use for the search's SELECT.
  std::set<std::string> explain_keys(long long tenant, const std::string& type, const std::string& filter) {
    auto where = store::where_clause(tenant, query(type, filter));
    BOOST_REQUIRE(where.has_value());
    std::string sql = "EXPLAIN SELECT r.id FROM resources r WHERE " + where->text;
    std::set<std::string> keys;
    auto ran = db.run(store::Idempotence::kRead, [&](sql::Connection&) {
      auto& s = db.prepare_generated(sql);
      int i = 1;
      for (const auto& p : where->params) {
        if (p.kind == store::SqlParam::Kind::kInt)
          s.setInt64(i++, p.integer);
        else
          s.setString(i++, p.text);
      }
      std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
      while (rows->next()) {
        if (!rows->isNull("key")) keys.insert(rows->getString("key"));
      }
    });
    BOOST_REQUIRE(ran.has_value());
    return keys;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_test, Fixture)

BOOST_AUTO_TEST_CASE(created_user_reads_back_with_id_version_and_times) {
  auto u = user(tenant_a, "bjensen@example.com", R"(,"displayName":"Babs")");
  BOOST_TEST(u.id.size() == 36u);
  BOOST_TEST(u.version == 1);
  BOOST_TEST(u.created == u.last_modified);  // RES-08
  auto got = repo.get(tenant_a, "User", u.id, true);
  BOOST_REQUIRE(got.has_value());
  BOOST_TEST(got->document.get("displayName").as_string().value() == "Babs");
}

// SCH-01, CRT-06: unique per tenant, case-insensitively; other tenants are independent.
BOOST_AUTO_TEST_CASE(user_name_is_unique_per_tenant_ignoring_case) {
  user(tenant_a, "Alice@Example.com");
  auto duplicate = repo.create(tenant_a, "User", doc(R"({"userName":"alice@example.COM"})"), {}, kNoDraft);
  BOOST_REQUIRE(!duplicate.has_value());
  BOOST_TEST(duplicate.error().kind() == scim::ErrorKind::kUniqueness);
  BOOST_TEST(std::string(scim::scim_type_keyword(duplicate.error().scim_type())) == "uniqueness");
  user(tenant_b, "alice@example.com");
}

// SEC-14 / DESIGN: another tenant's id answers exactly like a missing one.
BOOST_AUTO_TEST_CASE(another_tenants_resource_is_not_found) {
  auto u = user(tenant_a, "carol@example.com");
  auto other = repo.get(tenant_b, "User", u.id, true);
  BOOST_REQUIRE(!other.has_value());
  auto missing = repo.get(tenant_b, "User", "00000000-0000-4000-8000-000000000000", true);
  BOOST_REQUIRE(!missing.has_value());
  BOOST_TEST(other.error().kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(other.error().detail().find(u.id) != std::string::npos);
  BOOST_TEST(ids(tenant_b, "User", "userName eq \"carol@example.com\"").empty());
  BOOST_TEST(!repo.remove(tenant_b, "User", u.id, std::nullopt, kNoDraft).has_value());
  BOOST_TEST(repo.get(tenant_a, "User", u.id, true).has_value());
}

BOOST_AUTO_TEST_CASE(filters_match_through_columns_side_tables_and_json) {
  auto u = user(tenant_a, "dave@example.com",
                R"(,"externalId":"ext-dave","title":"Engineer","active":false,
                   "emails":[{"value":"dave@work.example","type":"work"},{"value":"dave@home.example","type":"home"}],
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984"})");
  user(tenant_a, "erin@example.com", R"(,"title":"Manager","active":true)");
  auto one = std::vector<std::string>{u.id};
  BOOST_TEST(ids(tenant_a, "User", "userName eq \"DAVE@example.com\"") == one);  // FLT-08
  BOOST_TEST(ids(tenant_a, "User", "externalId eq \"ext-dave\"") == one);
  BOOST_TEST(ids(tenant_a, "User", "externalId eq \"EXT-DAVE\"").empty());  // caseExact
  BOOST_TEST(ids(tenant_a, "User", "id eq \"" + u.id + "\"") == one);
  BOOST_TEST(ids(tenant_a, "User", "emails[type eq \"work\"].value eq \"dave@work.example\"") == one);
  BOOST_TEST(ids(tenant_a, "User", "emails[type eq \"work\"].value eq \"dave@home.example\"").empty());  // FLT-11
  BOOST_TEST(ids(tenant_a, "User", "emails.value eq \"dave@home.example\"") == one);
  BOOST_TEST(ids(tenant_a, "User",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"") == one);
  BOOST_TEST(ids(tenant_a, "User", "title eq \"engineer\"") == one);  // JSON path, case-insensitive
  BOOST_TEST(ids(tenant_a, "User", "title sw \"Eng\" and active eq false") == one);
  BOOST_TEST(ids(tenant_a, "User", "active eq false and userName co \"dave\"") == one);
  BOOST_TEST(ids(tenant_a, "User", "not (active eq true) and title pr") == one);
  BOOST_TEST(ids(tenant_a, "User", "meta.created gt \"2000-01-01T00:00:00Z\" and userName sw \"dave\"") == one);
  BOOST_TEST(ids(tenant_a, "User", "userName co \"%\"").empty());  // LIKE wildcards are escaped
}

BOOST_AUTO_TEST_CASE(match_filters_of_identity_providers_use_an_index) {
  for (int i = 0; i < 20; ++i) {
    user(tenant_a, "idx-user" + std::to_string(i) + "@example.com",
         R"(,"externalId":"idx-ext)" + std::to_string(i) + R"(","emails":[{"value":"idx)" + std::to_string(i) +
             R"(@work.example","type":"work"}],)" +
             R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"E)" +
             std::to_string(i) + "\"}");
  }
  auto u = user(tenant_a, "idx-probe@example.com");
  BOOST_REQUIRE(repo.create(tenant_a, "Group", doc(R"({"displayName":"idx-group"})"), {{u.id, "User", ""}}, kNoDraft)
                    .has_value());
  auto uses = [&](const std::string& type, const std::string& filter, const std::string& key) {
    auto keys = explain_keys(tenant_a, type, filter);
    BOOST_TEST(keys.count(key) == 1u, filter << " should use " << key);
  };
  uses("User", "userName eq \"idx-user3@example.com\"", "uq_resources_name");
  uses("User", "externalId eq \"idx-ext3\"", "ix_resources_external_id");
  uses("User", "id eq \"" + u.id + "\"", "uq_resources_id");
  uses("User", "emails[type eq \"work\"].value eq \"idx3@work.example\"", "ix_resource_emails_value");
  uses("User", "emails.value eq \"idx3@work.example\"", "ix_resource_emails_value");
  uses("User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"E3\"",
       "ix_resources_employee_number");
  uses("Group", "displayName eq \"idx-group\"", "uq_resources_name");
  uses("Group", "members[value eq \"" + u.id + "\"]", "ix_group_members_member");
  uses("Group", "members.value eq \"" + u.id + "\"", "ix_group_members_member");
}

BOOST_AUTO_TEST_CASE(membership_changes_touch_only_named_members_and_follow_deletes) {
  auto u1 = user(tenant_a, "m1@example.com");
  auto u2 = user(tenant_a, "m2@example.com");
  auto g = repo.create(tenant_a, "Group", doc(R"({"displayName":"Engineering"})"), {{u1.id, "User", ""}}, kNoDraft);
  BOOST_REQUIRE(g.has_value());
  BOOST_TEST(g->members->size() == 1u);
  auto changed = repo.modify_members(tenant_a, g->id, {{u2.id, "User", ""}}, {}, false, std::nullopt, kNoDraft);
  BOOST_REQUIRE(changed.has_value());
  BOOST_TEST(changed->version == 2);
  BOOST_TEST(ids(tenant_a, "Group", "members[value eq \"" + u2.id + "\"]") == std::vector<std::string>{g->id});
  auto got = repo.get(tenant_a, "User", u1.id, true);
  BOOST_TEST(got->groups.size() == 1u);  // SCH-05: computed from membership
  // A member id of another tenant is treated as missing.
  auto foreign = user(tenant_b, "f@example.com");
  auto refused = repo.modify_members(tenant_a, g->id, {{foreign.id, "User", ""}}, {}, false, std::nullopt, kNoDraft);
  BOOST_REQUIRE(!refused.has_value());
  BOOST_TEST(refused.error().kind() == scim::ErrorKind::kInvalid);
  // Deleting a user removes its membership in the same transaction (DEL-06).
  BOOST_REQUIRE(repo.remove(tenant_a, "User", u1.id, std::nullopt, kNoDraft).has_value());
  auto after = repo.get(tenant_a, "Group", g->id, true);
  BOOST_TEST(after->members->size() == 1u);
  BOOST_TEST(after->members->at(0).value == u2.id);
}

// SCH-05: a user's groups, with their display names, come with the user
// (GET and a match alike), in the order they were joined.
BOOST_AUTO_TEST_CASE(a_user_is_read_with_its_groups_in_the_order_joined) {
  auto u = user(tenant_a, "many-groups@example.com");
  std::vector<std::string> displays = {"Sales: EMEA 2", "7", "Ünïcode ✓ 36:x"};
  std::vector<std::string> group_ids;
  for (const auto& display : displays) {
    auto g = repo.create(tenant_a, "Group", doc(R"({"displayName":")" + display + "\"}"), {{u.id, "User", ""}},
                         kNoDraft);
    BOOST_REQUIRE(g.has_value());
    group_ids.push_back(g->id);
  }
  auto check = [&](const std::vector<scim::Member>& groups) {
    BOOST_REQUIRE(groups.size() == displays.size());
    for (size_t i = 0; i < groups.size(); ++i) {
      BOOST_TEST(groups[i].value == group_ids[i]);
      BOOST_TEST(groups[i].display == displays[i]);
    }
  };
  auto read_both = [&] {
    auto got = repo.get(tenant_a, "User", u.id, true);
    BOOST_REQUIRE(got.has_value());
    check(got->groups);
    auto page = repo.search(tenant_a, "User", query("User", "userName eq \"many-groups@example.com\""));
    BOOST_REQUIRE(page.has_value());
    BOOST_REQUIRE(page->resources.size() == 1u);
    check(page->resources[0].groups);
  };
  read_both();
}

// resources.member_of holds a user's groups (sql/020_member_of.sql); it
// must say what group_members and the groups' names say after every write
// that changes them: a member added, removed, all removed, a group renamed
// or deleted.
BOOST_AUTO_TEST_CASE(a_users_groups_follow_every_change_to_its_memberships) {
  auto u = user(tenant_a, "follows-u@example.com");
  auto v = user(tenant_a, "follows-v@example.com");
  auto group = [&](const std::string& name, const std::vector<scim::Member>& members) {
    auto g = repo.create(tenant_a, "Group", doc(R"({"displayName":")" + name + "\"}"), members, kNoDraft);
    BOOST_REQUIRE(g.has_value());
    return g.value();
  };
  auto g1 = group("Follows one", {{u.id, "User", ""}});
  auto g2 = group("Follows two", {{u.id, "User", ""}, {v.id, "User", ""}});
  auto g3 = group("Follows three", {});
  auto check = [&](const std::string& step, const scim::StoredResource& who,
                   const std::vector<std::pair<std::string, std::string>>& expected) {
    BOOST_TEST_CONTEXT(step << ": " << who.id) {
      // The truth: the membership rows and the groups' names.
      auto truth = groups_in_table(who.id);
      BOOST_TEST(truth == expected);
      auto got = repo.get(tenant_a, "User", who.id, true);
      BOOST_REQUIRE(got.has_value());
      std::vector<std::pair<std::string, std::string>> read;
      for (const auto& m : got->groups) read.emplace_back(m.value, m.display);
      BOOST_TEST(read == expected);
    }
  };
  check("created", u, {{g1.id, "Follows one"}, {g2.id, "Follows two"}});
  check("created", v, {{g2.id, "Follows two"}});
  BOOST_REQUIRE(repo.modify_members(tenant_a, g3.id, {{u.id, "User", ""}}, {}, false, std::nullopt, kNoDraft));
  check("added", u, {{g1.id, "Follows one"}, {g2.id, "Follows two"}, {g3.id, "Follows three"}});
  BOOST_REQUIRE(repo.modify_members(tenant_a, g2.id, {}, {u.id}, false, std::nullopt, kNoDraft));
  check("removed", u, {{g1.id, "Follows one"}, {g3.id, "Follows three"}});
  check("removed", v, {{g2.id, "Follows two"}});
  auto current = repo.get(tenant_a, "Group", g1.id, false);
  BOOST_REQUIRE(current.has_value());
  BOOST_REQUIRE(repo.replace(tenant_a, *current, doc(R"({"displayName":"Follows renamed"})"), std::nullopt,
                             scim::ChangeKind::kUpdated, kNoDraft));
  check("renamed", u, {{g1.id, "Follows renamed"}, {g3.id, "Follows three"}});
  BOOST_REQUIRE(repo.modify_members(tenant_a, g2.id, {}, {}, true, std::nullopt, kNoDraft));
  check("all removed", v, {});
  BOOST_REQUIRE(
      repo.modify_members(tenant_a, g2.id, {{v.id, "User", ""}, {u.id, "User", ""}}, {}, true, std::nullopt, kNoDraft));
  check("replaced", u, {{g1.id, "Follows renamed"}, {g2.id, "Follows two"}, {g3.id, "Follows three"}});
  BOOST_REQUIRE(repo.remove(tenant_a, "Group", g1.id, std::nullopt, kNoDraft));
  check("group deleted", u, {{g2.id, "Follows two"}, {g3.id, "Follows three"}});
  check("group deleted", v, {{g2.id, "Follows two"}});
  // An update of the user's document answers with the groups it read in
  // its transaction (for the response and the event).
  auto current_u = repo.get(tenant_a, "User", u.id, true);
  BOOST_REQUIRE(current_u.has_value());
  auto updated = repo.replace(tenant_a, *current_u, doc(R"({"userName":"follows-u@example.com","title":"Updated"})"),
                              std::nullopt, scim::ChangeKind::kUpdated, kNoDraft);
  BOOST_REQUIRE(updated.has_value());
  std::vector<std::pair<std::string, std::string>> answered;
  for (const auto& m : updated->groups) answered.emplace_back(m.value, m.display);
  BOOST_TEST(answered ==
             (std::vector<std::pair<std::string, std::string>>{{g2.id, "Follows two"}, {g3.id, "Follows three"}}));
  // A page of users reads them from the same column.
  auto page = repo.search(tenant_a, "User", query("User", "userName sw \"follows-\""));
  BOOST_REQUIRE(page.has_value());
  BOOST_REQUIRE(page->resources.size() == 2u);
  BOOST_TEST(page->resources[0].groups.size() == 2u);
  BOOST_TEST(page->resources[1].groups.size() == 1u);

  // The migration's statement builds the column from group_members for the
  // users that were members before it existed.
  execute(db, "UPDATE resources SET member_of = NULL WHERE tenant_id = " + std::to_string(tenant_a));
  auto emptied = repo.get(tenant_a, "User", v.id, true);
  BOOST_REQUIRE(emptied.has_value());
  BOOST_TEST(emptied->groups.empty());
  execute(db, backfill_statement());
  check("migrated", u, {{g2.id, "Follows two"}, {g3.id, "Follows three"}});
  check("migrated", v, {{g2.id, "Follows two"}});
}

// `policy set` (doc/policies.md) waits for a user's update that has read
// the unique-across-tenants setting — with the user's groups, in one
// statement — until that update commits, so claims are never rebuilt
// around a write that saw the old setting.
BOOST_AUTO_TEST_CASE(policy_set_waits_for_a_user_update_that_read_the_setting) {
  auto u = user(tenant_a, "setting-reader@example.com");
  store::Database other{db_config()};
  std::future<scim::Result<void>> set;
  auto ran = db.run(store::Idempotence::kWrite, [&](sql::Connection& c) {
    store::Transaction tx(c);
    store::UserUpdateReads read = store::read_after_user_update(db, u.row, store::kUniqueAcrossTenants);
    std::string why;
    auto scope = scim::parse_identifier_scope(read.setting, &why);
    BOOST_REQUIRE_MESSAGE(scope.has_value(), "stored setting \"" << read.setting << "\": " << why);
    // Setting it to what it is still takes the row's exclusive lock.
    set = std::async(std::launch::async, [&other, s = *scope] { return store::set_unique_across_tenants(other, s); });
    BOOST_TEST((set.wait_for(std::chrono::milliseconds(500)) == std::future_status::timeout),
               "policy set finished while an update held the setting's shared lock");
    tx.commit();
  });
  BOOST_REQUIRE(ran.has_value());
  auto done = set.get();
  BOOST_TEST(done.has_value(), (done ? "" : done.error().detail()));
}

// The read after a user's update sorts its overrides only: MariaDB plans
// no temporary table for it (one with the member_of text would go to disk).
// And it hands the event the overrides in the order they were set.
BOOST_AUTO_TEST_CASE(the_read_after_a_users_update_needs_no_temporary_table) {
  auto u = user(tenant_a, "after-update@example.com");
  std::string extras;
  auto ran = db.run(store::Idempotence::kRead, [&](sql::Connection&) {
    extras.clear();
    auto& s = db.prepare_generated(std::string("EXPLAIN ") + store::sql_text::kSelectAfterUserUpdate);
    s.setString(1, store::kUniqueAcrossTenants);
    s.setInt64(2, u.row);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next())
      extras += (rows->isNull("Extra") ? std::string() : std::string(rows->getString("Extra"))) + "; ";
  });
  BOOST_REQUIRE(ran.has_value());
  BOOST_TEST(extras.find("temporary") == std::string::npos, extras);

  execute(db, "INSERT INTO user_overrides (tenant_id, resource_id, path, value, source, set_at) VALUES (" +
                  std::to_string(tenant_a) + ", '" + u.id +
                  "', 'title', '{\"value\":\"Second\"}', 'api', '2026-01-02'), (" + std::to_string(tenant_a) + ", '" +
                  u.id + "', 'displayName', '{\"value\":\"First\"}', 'api', '2026-01-01')");
  // Set at one instant (as a template's are): ordered by path as the
  // column compares it, "_" after the letters.
  for (const char* path : {"Zeta", "a_b", "aab"}) {
    execute(db, "INSERT INTO user_overrides (tenant_id, resource_id, path, value, source, set_at) VALUES (" +
                    std::to_string(tenant_a) + ", '" + u.id + "', '" + path +
                    "', '{\"value\":1}', 'template:t', '2026-01-03')");
  }
  store::UserUpdateReads read;
  std::vector<std::string> listed;  // read_overrides(), ordered by MariaDB
  auto in_tx = db.run(store::Idempotence::kWrite, [&](sql::Connection& c) {
    store::Transaction tx(c);
    read = store::read_after_user_update(db, u.row, store::kUniqueAcrossTenants);
    listed.clear();
    for (const auto& o : store::read_overrides(db, tenant_a, u.id)) listed.push_back(o.path);
    tx.commit();
  });
  BOOST_REQUIRE(in_tx.has_value());
  std::vector<std::string> paths;
  for (const auto& o : read.overrides) paths.push_back(o.path);
  BOOST_TEST(paths == (std::vector<std::string>{"displayName", "title", "aab", "a_b", "Zeta"}),
             boost::test_tools::per_element());
  BOOST_TEST(paths == listed, boost::test_tools::per_element());
  BOOST_REQUIRE(read.overrides.size() == 5u);
  BOOST_TEST(*read.overrides[0].value.as_string() == "First");
  BOOST_TEST(read.overrides[1].source == "api");
  BOOST_TEST(!read.setting.empty());
}

// Writes that change one user's groups at once, from separate connections
// (adds to eight groups, two renames, a removal), leave its groups as the
// membership rows say: none lost to a write that read before another
// committed.
BOOST_AUTO_TEST_CASE(concurrent_changes_to_one_users_groups_lose_none) {
  auto u = user(tenant_a, "concurrent-groups@example.com");
  std::vector<scim::StoredResource> groups;
  for (int i = 0; i < 8; ++i) {
    std::vector<scim::Member> members;
    if (i == 7) members.push_back({u.id, "User", ""});
    auto g = repo.create(tenant_a, "Group", doc(R"({"displayName":"Concurrent )" + std::to_string(i) + "\"}"), members,
                         kNoDraft);
    BOOST_REQUIRE(g.has_value());
    groups.push_back(g.value());
  }
  std::array<bool, 10> ok{};
  std::array<std::string, 10> failure;
  std::vector<std::thread> writers;
  writers.reserve(ok.size());
  for (size_t w = 0; w < ok.size(); ++w) {
    writers.emplace_back([&, w] {
      store::Database own{db_config()};
      store::ResourceRepository writer{own};
      if (w < 7) {  // join groups 0..6
        ok[w] = writer.modify_members(tenant_a, groups[w].id, {{u.id, "User", ""}}, {}, false, std::nullopt, kNoDraft)
                    .has_value();
      } else if (w < 9) {  // rename groups 0 and 1, which u is joining
        // As a client does: read, write if unchanged, read again if not.
        for (int attempt = 0; attempt < 50 && !ok[w]; ++attempt) {
          auto current = writer.get(tenant_a, "Group", groups[w - 7].id, false);
          if (!current) break;
          auto renamed = writer.replace(tenant_a, *current,
                                        doc(R"({"displayName":"Renamed )" + std::to_string(w - 7) + "\"}"),
                                        std::nullopt, scim::ChangeKind::kUpdated, kNoDraft);
          ok[w] = renamed.has_value();
          if (!renamed) failure[w] = renamed.error().detail();
          if (!renamed && renamed.error().kind() != scim::ErrorKind::kVersionConflict) break;
        }
      } else {  // leave group 7
        ok[w] = writer.modify_members(tenant_a, groups[7].id, {}, {u.id}, false, std::nullopt, kNoDraft).has_value();
      }
    });
  }
  for (auto& t : writers) t.join();
  for (size_t w = 0; w < ok.size(); ++w) BOOST_TEST(ok[w], "writer " << w << ": " << failure[w]);
  auto truth = groups_in_table(u.id);
  BOOST_TEST(truth.size() == 7u);
  BOOST_TEST(truth[0].second == "Renamed 0");
  BOOST_TEST(truth[1].second == "Renamed 1");
  auto got = repo.get(tenant_a, "User", u.id, true);
  BOOST_REQUIRE(got.has_value());
  std::vector<std::pair<std::string, std::string>> read;
  for (const auto& m : got->groups) read.emplace_back(m.value, m.display);
  BOOST_TEST(read == truth);
}

BOOST_AUTO_TEST_CASE(conditional_writes_refuse_a_stale_version) {
  auto u = user(tenant_a, "v@example.com");
  auto read = repo.get(tenant_a, "User", u.id, false);
  BOOST_REQUIRE(read.has_value());
  auto fresh = repo.replace(tenant_a, *read, doc(R"({"userName":"v@example.com","title":"x"})"), std::nullopt,
                            scim::ChangeKind::kUpdated, kNoDraft);
  BOOST_REQUIRE(fresh.has_value());
  BOOST_TEST(fresh->version == u.version + 1);
  // What was read is now one version behind: its write is refused whole.
  auto stale = repo.replace(tenant_a, *read, doc(R"({"userName":"v@example.com","title":"y"})"), std::nullopt,
                            scim::ChangeKind::kUpdated, kNoDraft);
  BOOST_REQUIRE(!stale.has_value());
  BOOST_TEST(stale.error().kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(stale.error().detail() == "The User has changed (version W/\"2\"); fetch it again and retry.");
  auto now = repo.get(tenant_a, "User", u.id, false);
  BOOST_REQUIRE(now.has_value());
  BOOST_TEST(now->version == 2);
  BOOST_TEST(now->document.get("title").as_string().value_or("") == "x");
  // A deleted user's read is 404 to write; once the user is restored (in
  // a row of its own), 412: the service reads it again.
  BOOST_REQUIRE(repo.remove(tenant_a, "User", u.id, std::nullopt, kNoDraft).has_value());
  auto gone = repo.replace(tenant_a, *now, doc(R"({"userName":"v@example.com","title":"z"})"), std::nullopt,
                           scim::ChangeKind::kUpdated, kNoDraft);
  BOOST_REQUIRE(!gone.has_value());
  BOOST_TEST(gone.error().kind() == scim::ErrorKind::kNotFound);
  store::PolicyRepository policies(db);
  BOOST_REQUIRE(policies
                    .restore_user(tenant_a, u.id,
                                  [](const scim::StoredResource& user, const scim::Overrides&) {
                                    scim::Event e;
                                    e.type = "user.restored";
                                    e.resource_type = "User";
                                    e.resource_id = user.id;
                                    e.version = user.version;
                                    e.data = json::Value::object();
                                    return e;
                                  })
                    .has_value());
  auto back = repo.replace(tenant_a, *now, doc(R"({"userName":"v@example.com","title":"z"})"), std::nullopt,
                           scim::ChangeKind::kUpdated, kNoDraft);
  BOOST_REQUIRE(!back.has_value());
  BOOST_TEST(back.error().kind() == scim::ErrorKind::kVersionConflict);
  auto reread = repo.get(tenant_a, "User", u.id, false);
  BOOST_REQUIRE(reread.has_value());
  BOOST_TEST(reread->row != now->row);
  BOOST_TEST(repo.replace(tenant_a, *reread, doc(R"({"userName":"v@example.com","title":"z"})"), std::nullopt,
                          scim::ChangeKind::kUpdated, kNoDraft)
                 .has_value());
}

// RFC 9865: walking pages by cursor visits every resource exactly once.
BOOST_AUTO_TEST_CASE(cursor_paging_visits_each_resource_once) {
  std::set<std::string> created;
  for (int i = 0; i < 7; ++i) created.insert(user(tenant_b, "page" + std::to_string(i) + "@example.com").id);
  scim::Query q = query("User", "userName sw \"page\"");
  q.count = 3;
  q.cursor = "";
  std::set<std::string> seen;
  int pages = 0;
  while (true) {
    auto page = repo.search(tenant_b, "User", q);
    BOOST_REQUIRE(page.has_value());
    BOOST_TEST(page->total_results == 7);
    for (const auto& r : page->resources) BOOST_TEST(seen.insert(r.id).second);
    ++pages;
    if (!page->next_cursor) break;
    q.cursor = *page->next_cursor;
  }
  BOOST_TEST(pages == 3);
  BOOST_TEST(seen == created);
  q.cursor = "forged";
  auto bad = repo.search(tenant_b, "User", q);
  BOOST_REQUIRE(!bad.has_value());
  BOOST_TEST(std::string(scim::scim_type_keyword(bad.error().scim_type())) == "invalidCursor");
}

BOOST_AUTO_TEST_CASE(index_paging_reports_the_total_across_pages) {
  for (int i = 0; i < 5; ++i) user(tenant_b, "idx" + std::to_string(i) + "@example.com");
  scim::Query q = query("User", "userName sw \"idx\"");
  q.start_index = 4;
  q.count = 10;
  auto page = repo.search(tenant_b, "User", q);
  BOOST_REQUIRE(page.has_value());
  BOOST_TEST(page->total_results == 5);  // PAG-04
  BOOST_TEST(page->resources.size() == 2u);
}

// ---- the event feed (store/outbox.h, doc/storage.md "The event feed") ----------

namespace {

scim::Event test_event(const std::string& id) {
  scim::Event e;
  e.type = "user.updated";
  e.resource_type = "User";
  e.resource_id = id;
  e.version = 1;
  e.data = json::Value::object();
  return e;
}

std::vector<long long> positions(store::EventRepository& events, long long tenant, long long after) {
  auto listed = events.list(tenant, after, 1000);
  BOOST_REQUIRE(listed.has_value());
  std::vector<long long> out;
  for (const auto& e : *listed) out.push_back(e.position);
  return out;
}

// Writes one event on `db` in a transaction of its own and commits it.
scim::Result<void> write_one_event(store::Database& db, long long tenant, const std::string& id) {
  return db.run(store::Idempotence::kWrite, [&](sql::Connection& c) {
    store::Transaction tx(c);
    store::Outbox outbox(db, tenant);
    outbox.add(test_event(id));
    outbox.flush();
    tx.commit();
  });
}

std::vector<std::string> resource_ids(store::EventRepository& events, long long tenant, long long after) {
  auto listed = events.list(tenant, after, 1000);
  BOOST_REQUIRE(listed.has_value());
  std::vector<std::string> out;
  for (const auto& e : *listed) {
    auto payload = json::parse(e.payload);
    BOOST_REQUIRE(payload.has_value());
    out.emplace_back(payload->get("resource").get("id").as_string().value_or(""));
    BOOST_TEST(payload->get("position").as_integer().value_or(0) == e.position);
    BOOST_TEST(payload->get("cursor").as_string().value_or("") == std::to_string(e.position));
  }
  return out;
}

}  // namespace

// A transaction that wrote its event first and commits last is numbered
// after the faster writer that committed in between: a reader at cursor C
// sees the fast event at C+1, and the slow one at C+2 once it committed —
// never skipped.  Nobody waits: the fast writer of the same tenant commits
// while the slow transaction is still open (its lock wait timeout is one
// second, so a wait would fail it rather than time the test).
BOOST_AUTO_TEST_CASE(a_late_commit_is_numbered_after_what_was_read_and_never_skipped) {
  store::Database fast_db{db_config()};
  store::Database reader_db{db_config()};
  store::EventRepository reader{reader_db};
  execute(fast_db, "SET SESSION innodb_lock_wait_timeout = 1");
  auto start = positions(reader, tenant_a, 0);
  const long long c = start.empty() ? 0 : start.back();

  auto slow = db.run(store::Idempotence::kWrite, [&](sql::Connection& conn) {
    store::Transaction tx(conn);
    store::Outbox outbox(db, tenant_a);
    outbox.add(test_event("slow"));
    outbox.flush();  // inserted first, not committed

    BOOST_REQUIRE(write_one_event(fast_db, tenant_a, "fast").has_value());
    BOOST_TEST(resource_ids(reader, tenant_a, c) == (std::vector<std::string>{"fast"}));
    BOOST_TEST(write_one_event(fast_db, tenant_b, "other-tenant").has_value());
    tx.commit();
  });
  BOOST_REQUIRE(slow.has_value());
  // The reader moved its cursor to C+1; the late commit comes after it.
  BOOST_TEST(resource_ids(reader, tenant_a, c + 1) == (std::vector<std::string>{"slow"}));
  BOOST_TEST(positions(reader, tenant_a, c) == (std::vector<long long>{c + 1, c + 2}));
}

// Readers that number concurrently never give one position twice or leave
// a hole: each numbering pass holds the tenant's counter row.
BOOST_AUTO_TEST_CASE(concurrent_readers_number_each_event_once) {
  store::EventRepository reader{db};
  auto start = positions(reader, tenant_b, 0);
  const long long c = start.empty() ? 0 : start.back();
  for (int i = 0; i < 40; ++i) BOOST_REQUIRE(write_one_event(db, tenant_b, "n" + std::to_string(i)).has_value());
  std::vector<std::thread> readers;
  readers.reserve(4);
  std::array<bool, 4> ok{};
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&, r] {
      store::Database own{db_config()};
      ok[r] = store::EventRepository(own).list(tenant_b, c, 1000).has_value();
    });
  }
  for (auto& t : readers) t.join();
  for (int r = 0; r < 4; ++r) BOOST_TEST(ok[r]);
  std::vector<long long> expected;
  for (long long p = c + 1; p <= c + 40; ++p) expected.push_back(p);
  BOOST_TEST(positions(reader, tenant_b, c) == expected);
  std::vector<std::string> ids = resource_ids(reader, tenant_b, c);
  BOOST_REQUIRE(ids.size() == 40u);
  for (int i = 0; i < 40; ++i) BOOST_TEST(ids[static_cast<size_t>(i)] == "n" + std::to_string(i));
}

// A rolled-back transaction never had a position: positions stay dense.
BOOST_AUTO_TEST_CASE(a_rolled_back_write_leaves_no_hole_in_the_positions) {
  store::EventRepository reader{db};
  auto before = positions(reader, tenant_a, 0);
  const long long c = before.empty() ? 0 : before.back();
  auto aborted = db.run(store::Idempotence::kWrite, [&](sql::Connection& conn) {
    store::Transaction tx(conn);
    store::Outbox outbox(db, tenant_a);
    outbox.add(test_event("rolled-back"));
    outbox.flush();
    throw store::AbortTransaction{scim::Error::invalid_value("abandoned")};
  });
  BOOST_REQUIRE(!aborted.has_value());
  // A write refused by the store (a duplicate userName) is no event either.
  user(tenant_a, "dense@example.com");
  auto duplicate = repo.create(tenant_a, "User", doc(R"({"userName":"DENSE@example.com"})"), {}, kNoDraft);
  BOOST_REQUIRE(!duplicate.has_value());
  user(tenant_a, "dense2@example.com");
  BOOST_TEST(positions(reader, tenant_a, c) == (std::vector<long long>{c + 1, c + 2}));
}

BOOST_AUTO_TEST_CASE(purge_deletes_only_events_older_than_the_retention_in_batches) {
  store::EventRepository events{db};
  for (int i = 0; i < 5; ++i) user(tenant_b, "old" + std::to_string(i) + "@example.com");
  auto old = positions(events, tenant_b, 0);
  BOOST_REQUIRE(old.size() >= 5u);
  execute(db, "UPDATE events SET occurred_at = occurred_at - INTERVAL 40 DAY WHERE tenant_id = " +
                  std::to_string(tenant_b));
  user(tenant_b, "recent@example.com");
  auto purged = events.purge(30, 2);
  BOOST_REQUIRE(purged.has_value());
  BOOST_TEST(*purged >= static_cast<long long>(old.size()));
  auto left = positions(events, tenant_b, 0);
  BOOST_TEST(left == (std::vector<long long>{old.back() + 1}));  // positions are never renumbered
  auto again = events.purge(30, 2);
  BOOST_REQUIRE(again.has_value());
  BOOST_TEST(positions(events, tenant_b, 0) == left);
}

// A tenant's settings say whether it has extensions or templates, so a
// plain tenant's configuration is one query (app/tenant_services.h); the
// reads that follow find what the flags announce.  The token lookup reads
// the same flags, so that a plain tenant's first request is that lookup
// alone.
BOOST_AUTO_TEST_CASE(settings_say_whether_a_tenant_has_extensions_or_templates) {
  store::SchemaRepository schemas(db);
  store::PolicyRepository policies(db);
  store::TokenRepository tokens(db);
  auto token_settings = [&](long long tenant) {
    manage::NewSecret token;
    token.name = "flags-" + fastscim::auth::random_hex(4);
    token.prefix = "fscim_";
    token.hash = fastscim::auth::sha256(token.name);
    BOOST_REQUIRE(tenants.insert_token(tenant, token).has_value());
    auto found = tokens.find_by_hash(token.hash);
    BOOST_REQUIRE(found.has_value());
    BOOST_REQUIRE(found.value().has_value());
    return found.value()->scim_settings;
  };
  auto plain_token = token_settings(tenant_a);
  BOOST_TEST(!plain_token.has_extensions);
  BOOST_TEST(!plain_token.has_templates);
  auto plain = schemas.load(tenant_a);
  BOOST_REQUIRE(plain.has_value());
  BOOST_TEST(!plain->settings.has_extensions);
  BOOST_TEST(!plain->settings.has_templates);
  BOOST_TEST(plain->schemas.empty());

  store::TenantSchemaRow row;
  row.urn = "urn:acme:2.0:User";
  row.resource_type = "User";
  row.definition = R"({"id": "urn:acme:2.0:User", "attributes": [{"name": "location"}]})";
  BOOST_REQUIRE(schemas.add(tenant_a, row).has_value());
  auto extended = schemas.load(tenant_a);
  BOOST_REQUIRE(extended.has_value());
  BOOST_TEST(extended->settings.has_extensions);
  BOOST_TEST(!extended->settings.has_templates);
  BOOST_REQUIRE(extended->schemas.size() == 1U);
  BOOST_TEST(extended->schemas[0].urn == row.urn);
  BOOST_TEST(extended->settings.generation > plain->settings.generation);
  auto extended_token = token_settings(tenant_a);
  BOOST_TEST(extended_token.has_extensions);
  BOOST_TEST(!extended_token.has_templates);

  manage::TemplateRow rule;
  rule.name = "sales";
  rule.when = "title eq \"Sales\"";
  rule.body = R"({"title": "Sales"})";
  BOOST_REQUIRE(policies.add_template(tenant_b, rule).has_value());
  auto templated = schemas.settings(tenant_b);
  BOOST_REQUIRE(templated.has_value());
  BOOST_TEST(!templated->has_extensions);
  BOOST_TEST(templated->has_templates);
  auto templated_token = token_settings(tenant_b);
  BOOST_TEST(!templated_token.has_extensions);
  BOOST_TEST(templated_token.has_templates);

  BOOST_REQUIRE(tenants.set_settings(tenant_b, {{manage::Setting::kDialect, "lenient"}}).has_value());
  BOOST_TEST(token_settings(tenant_b).dialect == "lenient");
  BOOST_TEST(schemas.settings(tenant_b)->dialect == "lenient");
}

// Issue 12: a read that outlived the read timeout is slow, not stale: the
// server may still be running it, so a second copy is never started.
BOOST_AUTO_TEST_CASE(a_read_that_outlived_the_read_timeout_is_not_run_again) {
  store::DbConfig config = db_config();
  config.io_timeout_seconds = 1;
  store::Database slow{config};
  int calls = 0;
  auto read = slow.run(store::Idempotence::kRead, [&](sql::Connection& c) {
    ++calls;
    std::unique_ptr<sql::Statement> s(c.createStatement());
    std::unique_ptr<sql::ResultSet> rows(s->executeQuery("SELECT SLEEP(20)"));
  });
  BOOST_REQUIRE(!read.has_value());
  BOOST_TEST(read.error().kind() == scim::ErrorKind::kUnavailable);
  BOOST_TEST(calls == 1);
}

// A connection the server dropped (as a restart does) fails its next
// statement at once: that read is run again on a fresh connection.
BOOST_AUTO_TEST_CASE(a_read_on_a_stale_connection_is_run_once_more) {
  store::Database victim{db_config()};
  long long id = 0;
  auto first = victim.run(store::Idempotence::kRead, [&](sql::Connection& c) {
    std::unique_ptr<sql::Statement> s(c.createStatement());
    std::unique_ptr<sql::ResultSet> rows(s->executeQuery("SELECT CONNECTION_ID()"));
    rows->next();
    id = rows->getInt64(1);
  });
  BOOST_REQUIRE(first.has_value());
  execute(db, "KILL CONNECTION " + std::to_string(id));  // the fixture's own connection
  int calls = 0;
  auto read = victim.run(store::Idempotence::kRead, [&](sql::Connection& c) {
    ++calls;
    std::unique_ptr<sql::Statement> s(c.createStatement());
    std::unique_ptr<sql::ResultSet> rows(s->executeQuery("SELECT 1"));
  });
  BOOST_TEST(read.has_value());
  BOOST_TEST(calls == 2);
}

// Issue 15: a COMMIT the server did not make is an error, never a success.
// Connector/C++ 1.1's Connection::commit() drops mysql_commit()'s result;
// on Galera a transaction that lost certification or was aborted for a
// replicated one fails at COMMIT (1213), and was answered 201 with nothing
// kept.  Here the server drops the connection just before the first
// attempt's COMMIT: the write either fails (503: the client cannot know
// whether it committed) or, when the client library saw that the COMMIT was
// never sent, runs again on a new connection — and is then there once.
BOOST_AUTO_TEST_CASE(a_commit_the_server_did_not_make_is_never_a_success) {
  store::Database victim{db_config()};
  std::string name = "store-commit-" + fastscim::auth::random_hex(4);
  int calls = 0;
  auto written = victim.run(store::Idempotence::kWrite, [&](sql::Connection& c) {
    ++calls;
    std::unique_ptr<sql::Statement> s(c.createStatement());
    std::unique_ptr<sql::ResultSet> rows(s->executeQuery("SELECT CONNECTION_ID()"));
    rows->next();
    long long id = rows->getInt64(1);
    store::Transaction tx(c);
    auto& insert = victim.prepare("INSERT INTO tenants (name) VALUES (?)");
    insert.setString(1, name);
    insert.executeUpdate();
    if (calls == 1) execute(db, "KILL CONNECTION " + std::to_string(id));
    tx.commit();
  });
  int found = -1;
  auto read = db.run(store::Idempotence::kRead, [&](sql::Connection&) {
    auto& s = db.prepare_generated("SELECT COUNT(*) FROM tenants WHERE name = ?");
    s.setString(1, name);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    rows->next();
    found = rows->getInt(1);
  });
  BOOST_REQUIRE(read.has_value());
  if (written) {
    BOOST_TEST(calls == 2);
    BOOST_TEST(found == 1);
  } else {
    BOOST_TEST(written.error().kind() == scim::ErrorKind::kUnavailable);
    BOOST_TEST(calls == 1);
    BOOST_TEST(found == 0);
  }
  auto removed = db.run(store::Idempotence::kWrite, [&](sql::Connection&) {
    auto& s = db.prepare_generated("DELETE FROM tenants WHERE name = ?");
    s.setString(1, name);
    s.executeUpdate();
  });
  BOOST_TEST(removed.has_value());
}

// The statement time limit (db_statement_timeout): the server stops a
// runaway statement itself; a search gets 400 tooMany, anything else a
// 503 with Retry-After, and neither is run again.
BOOST_AUTO_TEST_CASE(a_statement_over_the_time_limit_is_stopped_by_the_server) {
  store::DbConfig config = db_config();
  config.statement_timeout_seconds = 1;
  store::Database limited{config};
  for (auto kind : {store::Idempotence::kRead, store::Idempotence::kSearch}) {
    int calls = 0;
    auto read = limited.run(kind, [&](sql::Connection& c) {
      ++calls;
      std::unique_ptr<sql::Statement> s(c.createStatement());
      std::unique_ptr<sql::ResultSet> rows(s->executeQuery("SELECT SLEEP(5)"));
    });
    BOOST_REQUIRE(!read.has_value());
    BOOST_TEST(calls == 1);
    if (kind == store::Idempotence::kSearch) {
      BOOST_TEST(read.error().kind() == scim::ErrorKind::kInvalid);
      BOOST_TEST(scim::scim_type_keyword(read.error().scim_type()) == "tooMany");
    } else {
      BOOST_TEST(read.error().kind() == scim::ErrorKind::kUnavailable);
      BOOST_TEST(read.error().retry_after_seconds() > 0);
    }
  }
  // The connection stays usable.
  BOOST_TEST(limited.ping());
}

BOOST_AUTO_TEST_SUITE_END()
