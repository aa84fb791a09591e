#include "admin/commands.h"

#include <ostream>
#include <string>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

namespace admin = fastscim::admin;
using admin::Args;
using admin::Dispatch;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// Every command and its usage line, as `--help` shows them.
struct CommandCase {
  const char* group;
  const char* command;
  const char* usage;
};

std::ostream& operator<<(std::ostream& os, const CommandCase& c) { return os << c.group << ' ' << c.command; }

const CommandCase kCommands[] = {
    {"db", "migrate", "db migrate [--sql-dir DIR]"},
    {"db", "status", "db status [--sql-dir DIR]"},
    {"tenant", "create", "tenant create NAME"},
    {"tenant", "list", "tenant list"},
    {"tenant", "show", "tenant show NAME"},
    {"tenant", "delete", "tenant delete NAME --yes"},
    {"tenant", "set",
     "tenant set NAME unknown-attributes|unknown-extensions reject|ignore|default | provisioning on|off | invitations "
     "off|on-create | dialect strict|lenient | rate-limit N/s|N/m|default | rate-burst N|default | max-concurrent "
     "N|default"
     " | link-existing off|email|employeeNumber|email,employeeNumber | deleted-retention DAYS|default"
     " | deprovision-guard N|off"},
    {"token", "issue", "token issue --tenant NAME [--name LABEL] [--expires 30d|TIME]"},
    {"token", "rotate", "token rotate --tenant NAME LABEL [--overlap 24h]"},
    {"apikey", "issue", "apikey issue --name NAME [--tenant TENANT]"},
    {"apikey", "list", "apikey list"},
    {"apikey", "revoke", "apikey revoke NAME"},
    {"token", "list", "token list --tenant NAME"},
    {"token", "revoke", "token revoke --tenant NAME LABEL"},
    {"schema", "add", "schema add --tenant NAME|--all-tenants [--resource-type User|Group] [--required] FILE.json"},
    {"schema", "list", "schema list --tenant NAME|--all-tenants"},
    {"schema", "show", "schema show --tenant NAME URN"},
    {"schema", "set", "schema set --tenant NAME URN required true|false"},
    {"schema", "remove", "schema remove --tenant NAME URN [--force] | --all-tenants URN"},
    {"held", "list", "held list --tenant NAME"},
    {"held", "approve", "held approve --tenant NAME ID...|--all"},
    {"held", "reject", "held reject --tenant NAME ID...|--all"},
};

// Arguments each command rejects, and the start of the message.
struct RejectCase {
  Args args;
  const char* message;
};

std::ostream& operator<<(std::ostream& os, const RejectCase& c) {
  for (const auto& a : c.args) os << a << ' ';
  return os;
}

const RejectCase kRejected[] = {
    {{"db", "migrate", "extra"}, "unexpected argument \"extra\""},
    {{"tenant", "create"}, "give exactly one tenant name"},
    {{"tenant", "list", "extra"}, "unexpected argument \"extra\""},
    {{"tenant", "show", "a", "b"}, "give exactly one tenant name"},
    {{"tenant", "delete", "a"}, "deleting tenant \"a\" removes all its data and tokens; add --yes"},
    {{"tenant", "set", "a"}, "give a tenant name, a setting and a value"},
    {{"token", "issue"}, "--tenant is required"},
    {{"token", "list"}, "--tenant is required"},
    {{"token", "revoke", "label"}, "--tenant is required"},
    {{"schema", "add", "f.json"}, "--tenant or --all-tenants is required"},
    {{"schema", "list"}, "--tenant or --all-tenants is required"},
    {{"schema", "show", "urn:x"}, "--tenant is required"},
    {{"schema", "set", "urn:x", "required", "true"}, "--tenant is required"},
    {{"schema", "remove", "urn:x"}, "--tenant is required"},
    {{"held", "list"}, "--tenant is required"},
    {{"held", "approve", "3"}, "--tenant is required"},
    {{"held", "approve", "--tenant", "acme"}, "give the held changes' IDs (held list) or --all"},
    {{"held", "reject", "--tenant", "acme", "--all", "3"}, "give the held changes' IDs or --all, not both"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(commands_test)

BOOST_AUTO_TEST_CASE(no_arguments_print_the_usage_on_stderr_with_status_2) {
  Dispatch d = admin::dispatch({});
  BOOST_TEST(d.command == nullptr);
  BOOST_TEST(d.status == 2);
  BOOST_TEST(d.out.empty());
  BOOST_TEST(d.err == admin::usage());
}

BOOST_AUTO_TEST_CASE(the_usage_names_the_global_options) {
  std::string usage = admin::usage();
  BOOST_TEST(starts_with(usage, "Usage: fastscim-admin [--config FILE] [--json] COMMAND [ARGS]\n"));
  BOOST_TEST(contains(usage, "-c, --config FILE"));
  BOOST_TEST(contains(usage, "--json"));
  BOOST_TEST(contains(usage, "-h, --help"));
}

BOOST_DATA_TEST_CASE(the_usage_lists_every_command, boost::unit_test::data::make(kCommands), c) {
  BOOST_TEST(contains(admin::usage(), std::string("  ") + c.group + " " + c.command));
}

BOOST_DATA_TEST_CASE(a_known_command_is_selected_with_the_rest_of_its_arguments,
                     boost::unit_test::data::make(kCommands), c) {
  Dispatch d = admin::dispatch({c.group, c.command, "x", "--y"});
  BOOST_REQUIRE(d.command != nullptr);
  BOOST_TEST(d.command->name == std::string(c.group) + " " + c.command);
  BOOST_TEST(d.command->usage == c.usage);
  BOOST_TEST((d.rest == Args{"x", "--y"}));
}

BOOST_DATA_TEST_CASE(help_after_a_command_prints_its_usage_and_needs_nothing_else,
                     boost::unit_test::data::make(kCommands), c) {
  for (const char* help : {"--help", "-h"}) {
    Dispatch d = admin::dispatch({c.group, c.command, "--tenant", "a", help});
    BOOST_TEST(d.command == nullptr);
    BOOST_TEST(d.status == 0);
    BOOST_TEST(d.out == std::string("Usage: fastscim-admin ") + c.usage + "\n");
    BOOST_TEST(d.err.empty());
  }
}

BOOST_DATA_TEST_CASE(group_help_lists_the_group_commands_on_stdout, boost::unit_test::data::make(kCommands), c) {
  Dispatch d = admin::dispatch({c.group, "--help"});
  BOOST_TEST(d.command == nullptr);
  BOOST_TEST(d.status == 0);
  BOOST_TEST(starts_with(d.out, "Commands:\n"));
  BOOST_TEST(contains(d.out, std::string("  fastscim-admin ") + c.usage + "\n"));
  BOOST_TEST(d.err.empty());
}

BOOST_AUTO_TEST_CASE(group_listing_is_in_name_order_and_only_that_group) {
  Dispatch d = admin::dispatch({"token", "-h"});
  BOOST_TEST(d.out ==
             "Commands:\n"
             "  fastscim-admin token issue --tenant NAME [--name LABEL] [--expires 30d|TIME]\n"
             "  fastscim-admin token list --tenant NAME\n"
             "  fastscim-admin token revoke --tenant NAME LABEL\n"
             "  fastscim-admin token rotate --tenant NAME LABEL [--overlap 24h]\n");
}

BOOST_AUTO_TEST_CASE(an_unknown_command_of_a_known_group_lists_the_group_on_stderr) {
  Dispatch d = admin::dispatch({"db", "drop"});
  BOOST_TEST(d.command == nullptr);
  BOOST_TEST(d.status == 2);
  BOOST_TEST(d.out.empty());
  BOOST_TEST(d.err ==
             "fastscim-admin: unknown db command \"drop\"\n\nCommands:\n"
             "  fastscim-admin db migrate [--sql-dir DIR]\n"
             "  fastscim-admin db status [--sql-dir DIR]\n");
}

BOOST_AUTO_TEST_CASE(a_group_without_a_command_is_a_usage_error) {
  Dispatch d = admin::dispatch({"schema"});
  BOOST_TEST(d.status == 2);
  BOOST_TEST(starts_with(d.err, "fastscim-admin: unknown schema command\n\nCommands:\n"));
}

BOOST_AUTO_TEST_CASE(an_unknown_group_prints_the_usage_on_stderr) {
  Dispatch d = admin::dispatch({"device", "create"});
  BOOST_TEST(d.command == nullptr);
  BOOST_TEST(d.status == 2);
  BOOST_TEST(d.err == std::string("fastscim-admin: unknown command \"device\"\n\n") + admin::usage());
}

BOOST_AUTO_TEST_CASE(command_words_are_case_sensitive) {
  BOOST_TEST(admin::dispatch({"Tenant", "list"}).command == nullptr);
  BOOST_TEST(admin::dispatch({"tenant", "List"}).status == 2);
}

BOOST_DATA_TEST_CASE(each_command_reports_its_own_usage_line_on_bad_arguments, boost::unit_test::data::make(kRejected),
                     c) {
  Dispatch d = admin::dispatch(c.args);
  BOOST_REQUIRE(d.command != nullptr);
  auto parsed = d.command->parse(d.rest);
  BOOST_REQUIRE(!parsed.has_value());
  BOOST_TEST(parsed.error().message == c.message);
  BOOST_TEST(parsed.error().usage == d.command->usage);
}

BOOST_AUTO_TEST_CASE(run_without_arguments_is_status_2) { BOOST_TEST(admin::run(admin::Options{}, {}) == 2); }

BOOST_AUTO_TEST_CASE(run_of_a_help_needs_no_configuration) {
  admin::Options options;
  options.config_path = "/nonexistent/fastscim.conf";
  BOOST_TEST(admin::run(options, {"tenant", "create", "--help"}) == 0);
}

BOOST_AUTO_TEST_CASE(run_of_a_command_without_a_readable_configuration_is_status_1) {
  admin::Options options;
  options.config_path = "/nonexistent/fastscim.conf";
  BOOST_TEST(admin::run(options, {"tenant", "list"}) == 1);
  options.config_path.clear();  // none found: the operator is told how to give one
  BOOST_TEST(admin::run(options, {"tenant", "list"}) == 1);
}

BOOST_AUTO_TEST_SUITE_END()
