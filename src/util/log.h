// Logging: one line per event, written with a single write(2) so that lines
// from concurrent threads and processes never interleave.
//
// Lines go to stderr unless log::open_file() redirected them.  Two formats
// (set_format, the configuration's log_format):
//
//   key=value (default)  <ISO-8601 UTC time> <level> [<pid>] <message>
//                        and for event(): the event's name, then key=value
//                        pairs in the order given; a value with a space,
//                        '"', '=' or nothing in it is written in double
//                        quotes with '"' and '\' escaped.
//   json                 one JSON object per line: "time", "level", "pid",
//                        then "message", or "event" and the fields.
//
// Both are stable: fields are added at the end, never renamed or
// reordered, so log shippers' parsers keep working.  Callers must never
// pass secrets (tokens, passwords) to these functions.
//
// Thread-safety: every function may be called from any thread.
#ifndef FASTSCIM_UTIL_LOG_H_
#define FASTSCIM_UTIL_LOG_H_

#include <string>
#include <string_view>
#include <vector>

namespace fastscim::util::log {

enum class Level { kDebug, kInfo, kWarn, kError };
enum class Format { kKeyValue, kJson };

// One named value of an event; `number` writes it unquoted in JSON
// (the caller guarantees it is a number).
struct Field {
  std::string_view key;
  std::string value;
  bool number = false;
};

// Sets the lowest level that is written (default kInfo).
void set_level(Level level);

// Parses "debug", "info", "warn" or "error"; returns false for anything else.
bool parse_level(std::string_view text, Level* level);

// Sets the line format (default kKeyValue).
void set_format(Format format);

// Parses "kv" or "json"; returns false for anything else.
bool parse_format(std::string_view text, Format* format);

// Appends lines to `path` from now on (reopened by reopen()).  Returns false
// and leaves logging on stderr when the file cannot be opened.
bool open_file(const std::string& path);

// Reopens the current log file (after rotation; SIGUSR1).  The new file
// replaces the old one under the same descriptor (dup2), so a line another
// thread writes meanwhile goes to one file or the other, never to a closed
// descriptor.  When the file cannot be opened, lines keep going to the old one.
void reopen();

void write(Level level, std::string_view message);

// One event with named fields (e.g. the access line: "access" with tenant,
// method, path, status, duration_ms, request_id).
void event(Level level, std::string_view name, const std::vector<Field>& fields);

// The line write() or event() would write for these, without the newline,
// at unix time `now` from process `pid` (for tests).
std::string format_line(Format format, Level level, long long now, int pid, std::string_view name,
                        const std::vector<Field>& fields, bool is_event);

inline void debug(std::string_view m) { write(Level::kDebug, m); }
inline void info(std::string_view m) { write(Level::kInfo, m); }
inline void warn(std::string_view m) { write(Level::kWarn, m); }
inline void error(std::string_view m) { write(Level::kError, m); }

}  // namespace fastscim::util::log

#endif  // FASTSCIM_UTIL_LOG_H_
