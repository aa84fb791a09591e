// The log file and its reopening after rotation (SIGUSR1).
#include "util/log.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include <boost/test/unit_test.hpp>

namespace logging = fastscim::util::log;

namespace {

size_t count_lines(const std::string& path, const std::string& marker) {
  std::ifstream in(path);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.find(marker) != std::string::npos) ++n;
  }
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(log_test)

// issue12: rotating the log under a thread that keeps writing loses no line:
// the reopened file takes over the descriptor the writer holds (dup2), so no
// line goes to a closed or reused descriptor.
BOOST_AUTO_TEST_CASE(issue12_reopen_under_a_busy_writer_loses_no_line) {
  char dir_template[] = "/tmp/fastscim-log-test.XXXXXX";
  BOOST_REQUIRE(::mkdtemp(dir_template) != nullptr);
  const std::string dir = dir_template;
  const std::string path = dir + "/fastscimd.log";
  BOOST_REQUIRE(logging::open_file(path));

  constexpr int kLines = 20000;
  constexpr int kRotations = 100;
  std::thread writer([] {
    for (int i = 0; i < kLines; ++i) logging::info("busy-writer line " + std::to_string(i));
  });
  for (int r = 0; r < kRotations; ++r) {
    // What logrotate does: move the file away, then signal a reopen.
    BOOST_REQUIRE(std::rename(path.c_str(), (dir + "/rotated." + std::to_string(r)).c_str()) == 0);
    logging::reopen();
  }
  writer.join();
  logging::info("after the rotations");

  size_t total = count_lines(path, "busy-writer line ");
  for (int r = 0; r < kRotations; ++r) {
    std::string rotated = dir + "/rotated." + std::to_string(r);
    total += count_lines(rotated, "busy-writer line ");
    std::remove(rotated.c_str());
  }
  BOOST_TEST(total == static_cast<size_t>(kLines));
  BOOST_TEST(count_lines(path, "after the rotations") == 1u);  // new lines go to the new file
  std::remove(path.c_str());
  ::rmdir(dir.c_str());
}

// issue14: the two line formats of log_format, stable for log shippers.
BOOST_AUTO_TEST_CASE(issue14_key_value_lines_quote_only_values_that_need_it) {
  std::string line = logging::format_line(logging::Format::kKeyValue, logging::Level::kInfo, 0, 42, "access",
                                          {{"tenant", "Acme Corp"},
                                           {"method", "GET"},
                                           {"path", "/scim/v2/Users"},
                                           {"status", "200", true},
                                           {"note", "say \"hi\"\\"},
                                           {"empty", ""}},
                                          true);
  BOOST_TEST(line ==
             "1970-01-01T00:00:00Z info [42] access tenant=\"Acme Corp\" method=GET path=/scim/v2/Users "
             "status=200 note=\"say \\\"hi\\\"\\\\\" empty=\"\"");
}

BOOST_AUTO_TEST_CASE(issue14_json_lines_are_one_object_with_numbers_unquoted) {
  std::string line = logging::format_line(
      logging::Format::kJson, logging::Level::kWarn, 0, 42, "access",
      {{"tenant", "a\"b\nc"}, {"status", "404", true}, {"duration_ms", "1.25", true}}, true);
  BOOST_TEST(line ==
             "{\"time\":\"1970-01-01T00:00:00Z\",\"level\":\"warn\",\"pid\":42,\"event\":\"access\","
             "\"tenant\":\"a\\\"b\\nc\",\"status\":404,\"duration_ms\":1.25}");
  std::string message = logging::format_line(logging::Format::kJson, logging::Level::kInfo, 0, 7, "worker started", {},
                                             false);
  BOOST_TEST(message ==
             "{\"time\":\"1970-01-01T00:00:00Z\",\"level\":\"info\",\"pid\":7,\"message\":\"worker started\"}");
}

BOOST_AUTO_TEST_CASE(issue14_parse_format_knows_kv_and_json) {
  logging::Format format = logging::Format::kJson;
  BOOST_TEST(logging::parse_format("kv", &format));
  BOOST_TEST((format == logging::Format::kKeyValue));
  BOOST_TEST(logging::parse_format("json", &format));
  BOOST_TEST((format == logging::Format::kJson));
  BOOST_TEST(!logging::parse_format("xml", &format));
}

BOOST_AUTO_TEST_SUITE_END()
