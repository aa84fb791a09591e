// fastscim-admin(8) documents every command of the command table and every
// option of each command's usage line: a command added without its man
// page entry fails here.
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "admin/commands.h"

namespace admin = fastscim::admin;

namespace {

std::string man_page() {
  std::ifstream in(std::string(FASTSCIM_SRCDIR) + "/man/fastscim-admin.8");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(man_page_test)

BOOST_AUTO_TEST_CASE(documents_every_command_and_its_options) {
  std::string page = man_page();
  BOOST_REQUIRE_MESSAGE(!page.empty(), "man/fastscim-admin.8 is missing or empty");
  auto usages = admin::command_usages();
  BOOST_REQUIRE(!usages.empty());
  const std::regex option("--[a-z][a-z-]*");
  for (const auto& [name, usage] : usages) {
    BOOST_CHECK_MESSAGE(page.find("\n.It Cm " + name + " ") != std::string::npos ||
                            page.find("\n.It Cm " + name + "\n") != std::string::npos,
                        "fastscim-admin.8 has no entry \".It Cm " << name << "\"");
    for (std::sregex_iterator it(usage.begin(), usage.end(), option), end; it != end; ++it) {
      // mdoc writes --json as "Fl -json"; "--from" must not match "Fl -fromage".
      const std::regex documented("Fl " + it->str().substr(1) + "(?![a-z-])");
      BOOST_CHECK_MESSAGE(std::regex_search(page, documented),
                          "fastscim-admin.8 does not document " << it->str() << " of \"" << name << "\"");
    }
  }
}

BOOST_AUTO_TEST_CASE(documents_the_global_options) {
  std::string page = man_page();
  for (const char* flag : {"Fl c Ar file , Fl -config", "Fl -json", "Fl h , Fl -help"}) {
    BOOST_CHECK_MESSAGE(page.find(flag) != std::string::npos, "fastscim-admin.8 lacks " << flag);
  }
}

BOOST_AUTO_TEST_SUITE_END()
