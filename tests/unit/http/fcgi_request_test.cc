#include "http/fcgi_request.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include <boost/test/unit_test.hpp>

namespace http = fastscim::http;

namespace {

// A private directory for sockets, removed with everything in it.
struct SocketDir {
  SocketDir() {
    char name[] = "/tmp/fastscim-fcgi-test.XXXXXX";
    BOOST_REQUIRE(::mkdtemp(name) != nullptr);
    path = name;
  }
  ~SocketDir() {
    ::unlink((path + "/s.sock").c_str());
    ::rmdir(path.c_str());
  }
  SocketDir(const SocketDir&) = delete;
  SocketDir& operator=(const SocketDir&) = delete;
  std::string path;
};

// The permission bits of the socket `mode` gives, opened while the process
// umask is `umask_bits`.
mode_t socket_mode_with(int mode, mode_t umask_bits) {
  SocketDir dir;
  const std::string sock = dir.path + "/s.sock";
  const mode_t before = ::umask(umask_bits);
  std::string error;
  const int fd = http::FcgiRequest::open_socket("unix:" + sock, 8, mode, &error);
  const mode_t after = ::umask(before);
  BOOST_REQUIRE_MESSAGE(fd >= 0, error);
  ::close(fd);
  BOOST_TEST(after == umask_bits, "open_socket restores the umask");
  struct stat st {};
  BOOST_REQUIRE(::stat(sock.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fcgi_request_test)

// issue12: the socket is born with socket_mode, whatever the umask — never
// more open for a moment and then chmod'ed.
BOOST_AUTO_TEST_CASE(issue12_a_unix_socket_is_created_with_its_mode_through_the_umask) {
  BOOST_TEST(socket_mode_with(0660, 0) == 0660u);
  BOOST_TEST(socket_mode_with(0600, 0) == 0600u);
  BOOST_TEST(socket_mode_with(0666, 022) == 0666u);
}

BOOST_AUTO_TEST_SUITE_END()
