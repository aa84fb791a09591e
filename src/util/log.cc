#include "util/log.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace fastscim::util::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::kInfo)};
std::atomic<int> g_fd{STDERR_FILENO};
std::mutex g_file_mutex;  // guards g_path and fd replacement, not writes
std::string g_path;

const char* level_name(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "?";
}

}  // namespace

void set_level(Level level) { g_level = static_cast<int>(level); }

bool parse_level(std::string_view text, Level* level) {
  if (text == "debug")
    *level = Level::kDebug;
  else if (text == "info")
    *level = Level::kInfo;
  else if (text == "warn")
    *level = Level::kWarn;
  else if (text == "error")
    *level = Level::kError;
  else
    return false;
  return true;
}

bool open_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return false;
  std::lock_guard<std::mutex> lock(g_file_mutex);
  g_path = path;
  int current = g_fd.load();
  if (current == STDERR_FILENO) {
    g_fd = fd;
    return true;
  }
  // The new file takes the number writers already hold: dup2 swaps what it
  // refers to in one step, so a thread between load() and write() writes to
  // the old file or the new one, never to a closed (or reused) number.
  int replaced = ::dup3(fd, current, O_CLOEXEC);
  ::close(fd);
  return replaced == current;
}

void reopen() {
  std::string path;
  {
    std::lock_guard<std::mutex> lock(g_file_mutex);
    path = g_path;
  }
  if (!path.empty()) open_file(path);
}

void write(Level level, std::string_view message) {
  if (static_cast<int>(level) < g_level) return;
  char stamp[32];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::string line;
  line.reserve(message.size() + 48);
  line.append(stamp).append(" ").append(level_name(level));
  line.append(" [").append(std::to_string(::getpid())).append("] ");
  for (char c : message) line.push_back(c == '\n' ? ' ' : c);  // one event, one line
  line.push_back('\n');
  // A single write keeps the line whole; a short write on a log is not worth retrying.
  ssize_t ignored = ::write(g_fd.load(), line.data(), line.size());
  (void)ignored;
}

}  // namespace fastscim::util::log
