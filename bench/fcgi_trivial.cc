// bench/fcgi_trivial — the FastCGI ceiling: a libfcgi responder that answers
// every request with the same body, read once from a file, served by the same
// pool shape as fastscimd (fcgi_pool.h).  A benchmark tool, built only by
// `make bench`.
//
//   fcgi_trivial --socket PATH --body-file FILE [--workers N] [--threads N]
#include <fstream>
#include <iostream>
#include <sstream>

#include "fcgi_pool.h"

namespace {

struct NoState {};

}  // namespace

int main(int argc, char** argv) {
  using fastscim::bench::PoolOptions;
  const char* usage = "fcgi_trivial --socket PATH --body-file FILE [--workers N] [--threads N] [--backlog N]";
  std::string body_file;
  PoolOptions options = fastscim::bench::parse_pool_options(argc, argv, usage,
                                                            [&](const std::string& name, const std::string& value) {
                                                              if (name != "--body-file") return false;
                                                              body_file = value;
                                                              return true;
                                                            });
  std::ifstream in(body_file, std::ios::binary);
  if (!in) {
    std::cerr << "fcgi_trivial: cannot read " << body_file << "\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::string body = text.str();
  return fastscim::bench::run_pool<NoState>(
      options, [] {}, [] { return std::make_unique<NoState>(); },
      [&body](NoState&, FCGX_Request& request) { fastscim::bench::respond(request, "200 OK", body); });
}
