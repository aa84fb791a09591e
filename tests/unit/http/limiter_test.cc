#include "http/limiter.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "support/error_print.h"

namespace http = fastscim::http;
namespace scim = fastscim::scim;

namespace {

// A fresh file name in a fresh directory, removed afterwards.
struct TempFile {
  TempFile() {
    char pattern[] = "/tmp/fastscim-limiter-test.XXXXXX";
    dir = ::mkdtemp(pattern);
    path = dir + "/limits";
  }
  ~TempFile() {
    ::unlink(path.c_str());
    ::rmdir(dir.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string dir;
  std::string path;
};

http::LimiterOptions options(const std::string& path, double per_second, double burst, int max_concurrent) {
  http::LimiterOptions o;
  o.path = path;
  o.defaults = {per_second, burst, max_concurrent};
  return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(limiter_test)

// Issue 12: every process of a pool counts against one bucket (two Limiters
// on one file stand for two worker processes).
BOOST_AUTO_TEST_CASE(limiters_on_one_file_share_the_buckets) {
  TempFile file;
  http::Limiter first(options(file.path, 0.01, 2, 0));
  http::Limiter second(options(file.path, 0.01, 2, 0));
  BOOST_TEST(first.shared());
  BOOST_TEST(second.shared());
  BOOST_TEST(first.admit(5, {}).has_value());
  BOOST_TEST(second.admit(5, {}).has_value());
  auto refused = first.admit(5, {});
  BOOST_REQUIRE(!refused);
  BOOST_TEST(refused.error().kind() == scim::ErrorKind::kTooManyRequests);
  BOOST_TEST(refused.error().retry_after_seconds() >= 1);
  BOOST_TEST(second.admit(6, {}).has_value());  // another tenant
}

BOOST_AUTO_TEST_CASE(a_ticket_holds_a_concurrency_slot_until_destroyed) {
  TempFile file;
  http::Limiter limiter(options(file.path, 0, 0, 1));
  {
    auto ticket = limiter.admit(5, {});
    BOOST_REQUIRE(ticket.has_value());
    BOOST_TEST(ticket->in_flight() == 1);
    auto busy = limiter.admit(5, {});
    BOOST_REQUIRE(!busy);
    BOOST_TEST(busy.error().kind() == scim::ErrorKind::kTooManyRequests);
    BOOST_TEST(busy.error().detail().find("1 requests in progress") != std::string::npos);
  }
  BOOST_TEST(limiter.admit(5, {}).has_value());
}

// A worker killed mid-request (here: a child that exits holding two
// tickets) leaves leases the next admission reclaims.
BOOST_AUTO_TEST_CASE(the_slots_of_a_process_that_died_are_reclaimed) {
  TempFile file;
  pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    http::Limiter limiter(options(file.path, 0, 0, 2));
    auto a = limiter.admit(5, {});
    auto b = limiter.admit(5, {});
    ::_exit(a && b ? 0 : 1);  // no destructors: the tickets are never released
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  BOOST_REQUIRE(WIFEXITED(status));
  BOOST_REQUIRE(WEXITSTATUS(status) == 0);
  http::Limiter limiter(options(file.path, 0, 0, 2));
  auto first = limiter.admit(5, {});
  BOOST_REQUIRE(first.has_value());
  BOOST_TEST(first->in_flight() == 1);
  BOOST_TEST(limiter.admit(5, {}).has_value());
}

BOOST_AUTO_TEST_CASE(a_tenants_own_settings_override_the_defaults) {
  http::Limiter limiter(options("", 100, 200, 4));
  http::TenantLimits d = limiter.limits_for({});
  BOOST_TEST(d.per_second == 100);
  BOOST_TEST(d.burst == 200);
  BOOST_TEST(d.max_concurrent == 4);
  http::TenantLimits own = limiter.limits_for({600, 5, 1});
  BOOST_TEST(own.per_second == 10);
  BOOST_TEST(own.burst == 5);
  BOOST_TEST(own.max_concurrent == 1);
}

// A file it cannot trust (here: another layout) costs the sharing, never the limits.
BOOST_AUTO_TEST_CASE(an_unusable_file_falls_back_to_a_table_of_this_process) {
  TempFile file;
  std::ofstream(file.path) << "not a limits table";
  http::Limiter limiter(options(file.path, 0.01, 1, 0));
  BOOST_TEST(!limiter.shared());
  BOOST_TEST(limiter.warning().find("another layout") != std::string::npos);
  BOOST_TEST(limiter.admit(5, {}).has_value());
  BOOST_TEST(!limiter.admit(5, {}).has_value());
}

BOOST_AUTO_TEST_CASE(without_limits_every_request_passes) {
  http::Limiter limiter(options("", 0, 0, 0));
  std::vector<http::Limiter::Ticket> held;
  for (int i = 0; i < 100; ++i) {
    auto ticket = limiter.admit(5, {});
    BOOST_REQUIRE(ticket.has_value());
    held.push_back(std::move(ticket.value()));
  }
}

BOOST_AUTO_TEST_CASE(the_default_file_is_per_user_and_per_database) {
  std::string a = http::default_limits_path("fastscim", "/run/mysqld/mysqld.sock");
  BOOST_TEST(a.rfind("/dev/shm/fastscim-" + std::to_string(::geteuid()) + "-fastscim-", 0) == 0);
  BOOST_TEST(a.substr(a.size() - 7) == ".limits");
  BOOST_TEST(a != http::default_limits_path("fastscim", "127.0.0.1:3306"));
  BOOST_TEST(http::default_limits_path("a/../b", "x").find("-a____b-") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
