// bench/fcgi_pool.h — the process and thread shape shared by the baseline
// FastCGI responders (fcgi_trivial.cc, fcgi_db.cc).
//
// The baselines must be served the way fastscimd serves: one unix socket with
// fastscimd's backlog (1024), `workers` pre-forked processes, each with
// `threads` threads accepting on the shared socket.  Only what happens inside
// a request differs, so the ratio of a scenario to its baseline measures
// fastscimd's own work.
//
// A benchmark tool, not product code: it is built only by `make bench`.
// Thread-safety: run_pool() starts the threads; each thread owns one State.
#ifndef FASTSCIM_BENCH_FCGI_POOL_H_
#define FASTSCIM_BENCH_FCGI_POOL_H_

#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fcgiapp.h>

namespace fastscim::bench {

struct PoolOptions {
  std::string socket;
  int workers = 4;
  int threads = 4;
  int backlog = 1024;
};

// Reads --socket PATH, --workers N, --threads N, --backlog N; any other
// "--name value" pair is handed to `other`, which returns false when it does
// not know the option.  Exits with a usage message on an error.
inline PoolOptions parse_pool_options(int argc, char** argv, const char* usage,
                                      const std::function<bool(const std::string&, const std::string&)>& other) {
  PoolOptions o;
  for (int i = 1; i < argc; i += 2) {
    std::string name = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s: %s needs a value\nusage: %s\n", argv[0], name.c_str(), usage);
      std::exit(2);
    }
    std::string value = argv[i + 1];
    if (name == "--socket")
      o.socket = value;
    else if (name == "--workers")
      o.workers = std::atoi(value.c_str());
    else if (name == "--threads")
      o.threads = std::atoi(value.c_str());
    else if (name == "--backlog")
      o.backlog = std::atoi(value.c_str());
    else if (!other(name, value)) {
      std::fprintf(stderr, "%s: unknown option %s\nusage: %s\n", argv[0], name.c_str(), usage);
      std::exit(2);
    }
  }
  if (o.socket.empty() || o.workers < 1 || o.threads < 1 || o.backlog < 1) {
    std::fprintf(stderr, "usage: %s\n", usage);
    std::exit(2);
  }
  return o;
}

// Writes a complete response with an explicit Content-Length.
// (libfcgi's own FCGX_FPrintF knows no %zu, so the head is built here.)
inline void respond(FCGX_Request& request, const char* status, const std::string& body) {
  std::string head = std::string("Status: ") + status +
                     "\r\nContent-Type: application/scim+json\r\nContent-Length: " + std::to_string(body.size()) +
                     "\r\n\r\n";
  FCGX_PutStr(head.data(), static_cast<int>(head.size()), request.out);
  FCGX_PutStr(body.data(), static_cast<int>(body.size()), request.out);
}

// Opens the socket, forks the workers and serves until SIGTERM or SIGINT.
// `process_init` runs once in each worker before its threads start (e.g. a
// driver that must be initialised single-threaded); `make_state` runs in
// each thread; `handle` serves one accepted request.  Returns the exit code.
template <typename State>
int run_pool(const PoolOptions& options, const std::function<void()>& process_init,
             const std::function<std::unique_ptr<State>()>& make_state,
             const std::function<void(State&, FCGX_Request&)>& handle) {
  if (FCGX_Init() != 0) {
    std::fprintf(stderr, "FCGX_Init failed\n");
    return 1;
  }
  ::unlink(options.socket.c_str());
  int fd = FCGX_OpenSocket(options.socket.c_str(), options.backlog);
  if (fd < 0) {
    std::fprintf(stderr, "cannot listen on %s: %s\n", options.socket.c_str(), std::strerror(errno));
    return 1;
  }
  ::chmod(options.socket.c_str(), 0666);

  std::vector<pid_t> children;
  for (int w = 0; w < options.workers; ++w) {
    pid_t pid = ::fork();
    if (pid < 0) {
      std::perror("fork");
      break;
    }
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      ::signal(SIGPIPE, SIG_IGN);
      process_init();
      std::vector<std::thread> threads;
      for (int t = 0; t < options.threads; ++t) {
        threads.emplace_back([&] {
          std::unique_ptr<State> state = make_state();
          FCGX_Request request;
          FCGX_InitRequest(&request, fd, 0);
          while (FCGX_Accept_r(&request) == 0) {
            handle(*state, request);
            FCGX_Finish_r(&request);
          }
        });
      }
      for (auto& thread : threads) thread.join();
      std::_Exit(0);
    }
    children.push_back(pid);
  }

  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigprocmask(SIG_BLOCK, &stop, nullptr);
  int received = 0;
  sigwait(&stop, &received);
  for (pid_t pid : children) ::kill(pid, SIGKILL);
  for (pid_t pid : children) ::waitpid(pid, nullptr, 0);
  ::unlink(options.socket.c_str());
  return 0;
}

}  // namespace fastscim::bench

#endif  // FASTSCIM_BENCH_FCGI_POOL_H_
