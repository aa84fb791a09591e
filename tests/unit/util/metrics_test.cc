// The shared metrics table and its Prometheus text (issue14).  One table
// per test process: the cases compare counts before and after.
#include "util/metrics.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <string>

#include <boost/test/unit_test.hpp>

namespace metrics = fastscim::util::metrics;
using metrics::Counter;
using metrics::Method;
using metrics::Resource;

namespace {

// The value of the sample written exactly as `series` (name and labels), or -1.
double value_of(const std::string& text, const std::string& series) {
  std::string prefix = series + " ";
  size_t at = text.find("\n" + prefix);
  if (at == std::string::npos) return text.rfind(prefix, 0) == 0 ? std::stod(text.substr(prefix.size())) : -1;
  return std::stod(text.substr(at + 1 + prefix.size()));
}

std::string temp_path() {
  char name[] = "/tmp/fastscim-metrics-test.XXXXXX";
  int fd = ::mkstemp(name);
  BOOST_REQUIRE(fd >= 0);
  ::close(fd);
  ::unlink(name);
  return name;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(metrics_test)

BOOST_AUTO_TEST_CASE(requests_are_counted_by_resource_method_and_status_class) {
  metrics::attach("");
  const std::string series = R"(fastscim_requests_total{resource="Users",method="GET",status="4xx"})";
  double before = std::max(0.0, value_of(metrics::exposition(), series));
  metrics::record_request(Resource::kUsers, Method::kGet, 404, 0.001);
  metrics::record_request(Resource::kUsers, Method::kGet, 429, 0.001);
  metrics::record_request(Resource::kUsers, Method::kPost, 201, 0.001);
  std::string text = metrics::exposition();
  BOOST_TEST(value_of(text, series) == before + 2);
  BOOST_TEST(value_of(text, R"(fastscim_requests_total{resource="Users",method="POST",status="2xx"})") >= 1);
  BOOST_TEST(text.find("# TYPE fastscim_requests_total counter\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(latency_buckets_are_cumulative_with_sum_and_count) {
  metrics::attach("");
  metrics::record_request(Resource::kResourceTypes, Method::kGet, 200, 0.003);
  metrics::record_request(Resource::kResourceTypes, Method::kGet, 200, 0.2);
  metrics::record_request(Resource::kResourceTypes, Method::kGet, 200, 20);
  std::string text = metrics::exposition();
  const std::string b = R"(fastscim_request_duration_seconds_bucket{resource="ResourceTypes",le=")";
  BOOST_TEST(value_of(text, b + R"(0.005"})") == 1);
  BOOST_TEST(value_of(text, b + R"(0.1"})") == 1);
  BOOST_TEST(value_of(text, b + R"(0.25"})") == 2);
  BOOST_TEST(value_of(text, b + R"(10"})") == 2);
  BOOST_TEST(value_of(text, b + R"(+Inf"})") == 3);
  BOOST_TEST(value_of(text, R"(fastscim_request_duration_seconds_count{resource="ResourceTypes"})") == 3);
  BOOST_TEST(value_of(text, R"(fastscim_request_duration_seconds_sum{resource="ResourceTypes"})") == 20.203,
             boost::test_tools::tolerance(1e-6));
  BOOST_TEST(text.find("# TYPE fastscim_request_duration_seconds histogram\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(plain_counters_are_always_exposed) {
  metrics::attach("");
  double before = value_of(metrics::exposition(), "fastscim_db_reconnects_total");
  BOOST_TEST(before >= 0);
  metrics::add(Counter::kDbReconnects);
  metrics::add(Counter::kDbReconnects, 2);
  std::string text = metrics::exposition();
  BOOST_TEST(value_of(text, "fastscim_db_reconnects_total") == before + 3);
  for (const char* name :
       {"fastscim_db_errors_total", "fastscim_db_statement_timeouts_total", "fastscim_worker_restarts_total",
        "fastscim_throttled_total", "fastscim_webhook_failures_total"}) {
    BOOST_TEST(value_of(text, name) >= 0, name);
  }
}

BOOST_AUTO_TEST_CASE(a_worker_shows_its_busy_and_idle_threads) {
  metrics::attach("");
  metrics::claim_worker(4);
  metrics::busy(+1);
  std::string text = metrics::exposition();
  std::smatch m;
  BOOST_REQUIRE(std::regex_search(text, m, std::regex(R"re(fastscim_threads\{worker="(\d+)",state="busy"\} 1)re")));
  std::string worker = m[1];
  BOOST_TEST(value_of(text, "fastscim_threads{worker=\"" + worker + "\",state=\"idle\"}") == 3);
  metrics::busy(-1);
  metrics::release_worker();
  BOOST_TEST(metrics::exposition().find("fastscim_threads{worker=\"" + worker + "\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(tenants_are_named_only_when_asked_and_only_the_busiest) {
  metrics::attach("");
  metrics::set_top_tenants(0);
  metrics::record_tenant(7, "seven");
  BOOST_TEST(metrics::exposition().find("tenant=") == std::string::npos);
  metrics::set_top_tenants(2);
  for (int i = 0; i < 3; ++i) metrics::record_tenant(11, "busy \"one\"");
  metrics::record_tenant(12, "quiet");
  for (int i = 0; i < 2; ++i) metrics::record_tenant(13, "second");
  std::string text = metrics::exposition();
  metrics::set_top_tenants(0);
  BOOST_TEST(value_of(text, R"(fastscim_tenant_requests_total{tenant="busy \"one\""})") == 3);
  BOOST_TEST(value_of(text, R"(fastscim_tenant_requests_total{tenant="second"})") == 2);
  BOOST_TEST(text.find("quiet") == std::string::npos);
  BOOST_TEST(text.find("seven") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(label_values_are_escaped) { BOOST_TEST(metrics::escape_label("a\\b\"c\nd") == "a\\\\b\\\"c\\nd"); }

// What a scrape relies on: a process that maps the file on its own (a
// mod_fcgid process) counts in the same table as this one.
BOOST_AUTO_TEST_CASE(processes_that_map_one_file_share_its_counts) {
  std::string path = temp_path();
  BOOST_TEST(metrics::attach(path).empty());
  const std::string series = R"(fastscim_requests_total{resource="Bulk",method="POST",status="2xx"})";
  BOOST_TEST(value_of(metrics::exposition(), series) == -1);
  pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    bool ok = metrics::attach(path).empty();
    for (int i = 0; i < 5; ++i) metrics::record_request(Resource::kBulk, Method::kPost, 200, 0.01);
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  metrics::record_request(Resource::kBulk, Method::kPost, 200, 0.01);
  BOOST_TEST(value_of(metrics::exposition(), series) == 6);
  ::unlink(path.c_str());
  metrics::attach("");
}

BOOST_AUTO_TEST_CASE(a_file_of_another_layout_is_left_alone_and_counting_goes_on) {
  std::string path = temp_path();
  { std::ofstream(path) << "not a metrics table"; }
  std::string why = metrics::attach(path);
  BOOST_TEST(why.find("another layout") != std::string::npos, why);
  metrics::add(Counter::kWorkerRestarts);
  BOOST_TEST(value_of(metrics::exposition(), "fastscim_worker_restarts_total") >= 1);
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  BOOST_TEST(content == "not a metrics table");
  ::unlink(path.c_str());
  metrics::attach("");
}

BOOST_AUTO_TEST_SUITE_END()
