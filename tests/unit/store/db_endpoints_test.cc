// db_host's list of servers (store::parse_db_endpoints): one host, a
// cluster's nodes, ports and IPv6 in brackets; anything malformed refused.
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "store/database.h"

namespace store = fastscim::store;

namespace {

std::string shown(const std::vector<store::DbEndpoint>& endpoints) {
  std::string out;
  for (const auto& e : endpoints) out += (out.empty() ? "" : " ") + e.host + "|" + std::to_string(e.port);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(db_endpoints_test)

BOOST_AUTO_TEST_CASE(one_host_takes_the_default_port) {
  BOOST_TEST(shown(store::parse_db_endpoints("db.internal", 3306)) == "db.internal|3306");
}

BOOST_AUTO_TEST_CASE(a_list_of_nodes_with_and_without_ports) {
  BOOST_TEST(shown(store::parse_db_endpoints("10.0.0.1:3307, 10.0.0.2 ,[::1]:3309,[fe80::2]", 3306)) ==
             "10.0.0.1|3307 10.0.0.2|3306 ::1|3309 fe80::2|3306");
}

BOOST_AUTO_TEST_CASE(malformed_lists_are_refused_whole) {
  for (const char* text : {"", ",", "a,,b", "host:", "host:0", "host:65536", "host:33o6", "::1", "[::1", "[]:3306",
                           "[::1]3306", "a b", "unix:/run/mysqld.sock"}) {
    BOOST_TEST_INFO(text);
    BOOST_TEST(store::parse_db_endpoints(text, 3306).empty());
  }
}

BOOST_AUTO_TEST_SUITE_END()
