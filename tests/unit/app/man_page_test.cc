// fastscim.conf(5) documents every configuration key the code accepts, with
// its default and its environment override: a key added without its man
// page entry fails here.
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "app/config.h"

namespace app = fastscim::app;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(man_page_test)

BOOST_AUTO_TEST_CASE(fastscim_conf_documents_every_key_its_default_and_environment) {
  std::string page = read(std::string(FASTSCIM_SRCDIR) + "/man/fastscim.conf.5");
  BOOST_REQUIRE_MESSAGE(!page.empty(), "man/fastscim.conf.5 is missing or empty");
  BOOST_REQUIRE(!app::config_keys().empty());
  for (const auto& key : app::config_keys()) {
    size_t entry = page.find("\n.It Cm " + key + " No = ");
    BOOST_CHECK_MESSAGE(entry != std::string::npos, "fastscim.conf.5 has no entry \".It Cm " << key << " No = \"");
    if (entry == std::string::npos) continue;
    size_t next = page.find("\n.It ", entry + 1);
    std::string text = page.substr(entry, next == std::string::npos ? std::string::npos : next - entry);
    std::string env = "FASTSCIM_";
    for (char c : key) env.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    BOOST_CHECK_MESSAGE(text.find("\nDefault: ") != std::string::npos, key << ": no \"Default:\" line");
    BOOST_CHECK_MESSAGE(text.find(".Ev " + env) != std::string::npos, key << ": no \".Ev " << env << "\"");
  }
}

BOOST_AUTO_TEST_SUITE_END()
