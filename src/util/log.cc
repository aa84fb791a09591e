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
std::atomic<int> g_format{static_cast<int>(Format::kKeyValue)};
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

// JSON string contents: quotes, backslashes and control characters
// escaped; everything else (UTF-8 included) as it is.
void append_json_string(std::string* out, std::string_view text) {
  out->push_back('"');
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (c == '\n') {
      out->append("\\n");
    } else if (u < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
      out->append(escaped);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

// A key=value value: bare when it cannot be mistaken, else quoted.
void append_kv_value(std::string* out, std::string_view value) {
  bool bare = !value.empty() && value.find_first_of(" \t\"=\\") == std::string_view::npos;
  if (bare) {
    for (char c : value) out->push_back(c == '\n' ? ' ' : c);
    return;
  }
  out->push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c == '\n' ? ' ' : c);
  }
  out->push_back('"');
}

void emit(Level level, std::string_view name, const std::vector<Field>& fields, bool is_event) {
  if (static_cast<int>(level) < g_level) return;
  std::string line = format_line(static_cast<Format>(g_format.load()), level,
                                 static_cast<long long>(std::time(nullptr)), static_cast<int>(::getpid()), name, fields,
                                 is_event);
  line.push_back('\n');
  // A single write keeps the line whole; a short write on a log is not worth retrying.
  ssize_t ignored = ::write(g_fd.load(), line.data(), line.size());
  (void)ignored;
}

}  // namespace

void set_format(Format format) { g_format = static_cast<int>(format); }

bool parse_format(std::string_view text, Format* format) {
  if (text == "kv") {
    *format = Format::kKeyValue;
  } else if (text == "json") {
    *format = Format::kJson;
  } else {
    return false;
  }
  return true;
}

std::string format_line(Format format, Level level, long long now, int pid, std::string_view name,
                        const std::vector<Field>& fields, bool is_event) {
  char stamp[32];
  auto seconds = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::string line;
  line.reserve(name.size() + 64 + fields.size() * 24);
  if (format == Format::kJson) {
    line.append("{\"time\":\"").append(stamp).append("\",\"level\":\"").append(level_name(level));
    line.append("\",\"pid\":").append(std::to_string(pid));
    line.append(is_event ? ",\"event\":" : ",\"message\":");
    append_json_string(&line, name);
    for (const Field& field : fields) {
      line.push_back(',');
      append_json_string(&line, field.key);
      line.push_back(':');
      if (field.number && !field.value.empty()) {
        line.append(field.value);
      } else {
        append_json_string(&line, field.value);
      }
    }
    line.push_back('}');
    return line;
  }
  line.append(stamp).append(" ").append(level_name(level));
  line.append(" [").append(std::to_string(pid)).append("] ");
  for (char c : name) line.push_back(c == '\n' ? ' ' : c);  // one event, one line
  for (const Field& field : fields) {
    line.push_back(' ');
    line.append(field.key).push_back('=');
    append_kv_value(&line, field.value);
  }
  return line;
}

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

void write(Level level, std::string_view message) { emit(level, message, {}, false); }

void event(Level level, std::string_view name, const std::vector<Field>& fields) { emit(level, name, fields, true); }

}  // namespace fastscim::util::log
