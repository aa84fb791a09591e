#include "admin/db_commands.h"

#include <boost/test/unit_test.hpp>

namespace admin = fastscim::admin;

BOOST_AUTO_TEST_SUITE(db_commands_test)

BOOST_AUTO_TEST_CASE(migrate_without_sql_dir_leaves_it_to_the_configuration) {
  auto r = admin::parse_db_migrate({});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(!r->sql_dir.has_value());
}

BOOST_AUTO_TEST_CASE(migrate_reads_sql_dir_in_both_forms) {
  BOOST_TEST(admin::parse_db_migrate({"--sql-dir", "/opt/sql"})->sql_dir.value_or("") == "/opt/sql");
  BOOST_TEST(admin::parse_db_migrate({"--sql-dir=/opt/sql"})->sql_dir.value_or("") == "/opt/sql");
}

BOOST_AUTO_TEST_CASE(migrate_rejects_any_other_argument) {
  auto r = admin::parse_db_migrate({"--sql-dir", "d", "--dry-run"});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "unexpected argument \"--dry-run\"");
  BOOST_TEST(r.error().usage == "db migrate [--sql-dir DIR]");
}

BOOST_AUTO_TEST_CASE(migrate_rejects_sql_dir_without_a_value) {
  auto r = admin::parse_db_migrate({"--sql-dir"});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "unexpected argument \"--sql-dir\"");
}

BOOST_AUTO_TEST_CASE(status_reads_sql_dir_and_ignores_other_arguments) {
  auto r = admin::parse_db_status({"extra", "--sql-dir", "/opt/sql"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->sql_dir.value_or("") == "/opt/sql");
  BOOST_TEST(admin::parse_db_status({"extra"}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
