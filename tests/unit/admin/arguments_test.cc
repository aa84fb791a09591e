#include "admin/arguments.h"

#include <ostream>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

namespace admin = fastscim::admin;
using admin::Args;
using admin::CommandLine;

BOOST_AUTO_TEST_SUITE(arguments_test)

BOOST_AUTO_TEST_CASE(global_options_are_taken_out_wherever_they_stand) {
  CommandLine line = admin::parse_command_line({"token", "--json", "list", "--config", "/etc/f.conf", "--tenant", "a"});
  BOOST_TEST((line.action == CommandLine::Action::kRun));
  BOOST_TEST(line.options.json);
  BOOST_TEST(line.options.config_path == "/etc/f.conf");
  BOOST_TEST((line.args == Args{"token", "list", "--tenant", "a"}));
}

BOOST_AUTO_TEST_CASE(config_is_read_in_all_three_spellings) {
  BOOST_TEST(admin::parse_command_line({"-c", "a.conf", "db", "status"}).options.config_path == "a.conf");
  BOOST_TEST(admin::parse_command_line({"--config", "b.conf", "db", "status"}).options.config_path == "b.conf");
  BOOST_TEST(admin::parse_command_line({"db", "status", "--config=c.conf"}).options.config_path == "c.conf");
}

BOOST_AUTO_TEST_CASE(without_options_the_defaults_hold_and_args_pass_through) {
  CommandLine line = admin::parse_command_line({"tenant", "list"});
  BOOST_TEST(!line.options.json);
  BOOST_TEST(line.options.config_path.empty());  // the caller supplies the default
  BOOST_TEST((line.args == Args{"tenant", "list"}));
}

BOOST_AUTO_TEST_CASE(an_empty_command_line_runs_nothing_and_is_left_to_dispatch) {
  CommandLine line = admin::parse_command_line({});
  BOOST_TEST((line.action == CommandLine::Action::kRun));
  BOOST_TEST(line.args.empty());
}

BOOST_AUTO_TEST_CASE(config_without_a_value_is_kept_as_an_argument) {
  CommandLine line = admin::parse_command_line({"tenant", "list", "--config"});
  BOOST_TEST(line.options.config_path.empty());
  BOOST_TEST((line.args == Args{"tenant", "list", "--config"}));
}

BOOST_AUTO_TEST_CASE(version_wins_anywhere) {
  BOOST_TEST((admin::parse_command_line({"--version"}).action == CommandLine::Action::kVersion));
  BOOST_TEST((admin::parse_command_line({"tenant", "list", "-V"}).action == CommandLine::Action::kVersion));
  BOOST_TEST((admin::parse_command_line({"--help", "--version"}).action == CommandLine::Action::kHelp));
}

BOOST_AUTO_TEST_CASE(help_before_any_command_is_the_top_level_help) {
  BOOST_TEST((admin::parse_command_line({"--help"}).action == CommandLine::Action::kHelp));
  BOOST_TEST((admin::parse_command_line({"--json", "-h"}).action == CommandLine::Action::kHelp));
}

BOOST_AUTO_TEST_CASE(help_after_a_command_word_is_left_to_the_command) {
  CommandLine line = admin::parse_command_line({"token", "--help"});
  BOOST_TEST((line.action == CommandLine::Action::kRun));
  BOOST_TEST((line.args == Args{"token", "--help"}));
}

BOOST_AUTO_TEST_CASE(take_flag_removes_the_flag_and_its_value) {
  Args args{"x", "--tenant", "demo", "y"};
  BOOST_TEST(admin::take_flag(&args, "--tenant").value_or("") == "demo");
  BOOST_TEST((args == Args{"x", "y"}));
}

BOOST_AUTO_TEST_CASE(take_flag_reads_the_equals_form) {
  Args args{"--tenant=demo", "y"};
  BOOST_TEST(admin::take_flag(&args, "--tenant").value_or("") == "demo");
  BOOST_TEST((args == Args{"y"}));
  Args empty_value{"--name="};
  auto name = admin::take_flag(&empty_value, "--name");
  BOOST_TEST(name.has_value());
  BOOST_TEST(name->empty());
}

BOOST_AUTO_TEST_CASE(take_flag_takes_only_the_first_occurrence) {
  Args args{"--tenant", "a", "--tenant", "b"};
  BOOST_TEST(admin::take_flag(&args, "--tenant").value_or("") == "a");
  BOOST_TEST((args == Args{"--tenant", "b"}));
}

BOOST_AUTO_TEST_CASE(take_flag_leaves_args_alone_when_absent_or_without_value) {
  Args args{"x", "--tenant"};
  BOOST_TEST(!admin::take_flag(&args, "--tenant").has_value());
  BOOST_TEST(!admin::take_flag(&args, "--name").has_value());
  BOOST_TEST((args == Args{"x", "--tenant"}));
}

BOOST_AUTO_TEST_CASE(take_flag_does_not_match_a_longer_flag) {
  Args args{"--tenants", "a"};
  BOOST_TEST(!admin::take_flag(&args, "--tenant").has_value());
  BOOST_TEST(args.size() == 2u);
}

BOOST_AUTO_TEST_CASE(take_switch_removes_one_switch) {
  Args args{"a", "--yes", "b"};
  BOOST_TEST(admin::take_switch(&args, "--yes"));
  BOOST_TEST((args == Args{"a", "b"}));
  BOOST_TEST(!admin::take_switch(&args, "--yes"));
  BOOST_TEST((args == Args{"a", "b"}));
}

BOOST_AUTO_TEST_CASE(wants_help_looks_at_every_argument) {
  BOOST_TEST(admin::wants_help({"a", "--help"}));
  BOOST_TEST(admin::wants_help({"-h", "b"}));
  BOOST_TEST(!admin::wants_help({"a", "--helpful", "-H"}));
  BOOST_TEST(!admin::wants_help({}));
}

struct NameCase {
  const char* name;
  bool valid;
};

std::ostream& operator<<(std::ostream& os, const NameCase& c) { return os << '"' << c.name << '"'; }

const NameCase kNameCases[] = {
    {"acme", true},
    {"Acme-2.prod_eu", true},
    {"a", true},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true},    // 64
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},  // 65
    {"", false},
    {"two words", false},
    {"slash/name", false},
    {"quote\"", false},
    {"caf\xc3\xa9", false},
};

BOOST_DATA_TEST_CASE(valid_name_allows_letters_digits_dash_underscore_dot, boost::unit_test::data::make(kNameCases),
                     c) {
  BOOST_TEST(admin::valid_name(c.name) == c.valid);
}

BOOST_AUTO_TEST_SUITE_END()
