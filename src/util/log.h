// Logging: one line per event, written with a single write(2) so that lines
// from concurrent threads and processes never interleave.
//
// Lines go to stderr unless log::open_file() redirected them.  The format is
// "<ISO-8601 UTC time> <level> [<pid>] <message>".  Callers must never pass
// secrets (tokens, passwords) to these functions.
//
// Thread-safety: every function may be called from any thread.
#ifndef FASTSCIM_UTIL_LOG_H_
#define FASTSCIM_UTIL_LOG_H_

#include <string>
#include <string_view>

namespace fastscim::util::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Sets the lowest level that is written (default kInfo).
void set_level(Level level);

// Parses "debug", "info", "warn" or "error"; returns false for anything else.
bool parse_level(std::string_view text, Level* level);

// Appends lines to `path` from now on (reopened by reopen()).  Returns false
// and leaves logging on stderr when the file cannot be opened.
bool open_file(const std::string& path);

// Reopens the current log file (after rotation; SIGUSR1).  The new file
// replaces the old one under the same descriptor (dup2), so a line another
// thread writes meanwhile goes to one file or the other, never to a closed
// descriptor.  When the file cannot be opened, lines keep going to the old one.
void reopen();

void write(Level level, std::string_view message);

inline void debug(std::string_view m) { write(Level::kDebug, m); }
inline void info(std::string_view m) { write(Level::kInfo, m); }
inline void warn(std::string_view m) { write(Level::kWarn, m); }
inline void error(std::string_view m) { write(Level::kError, m); }

}  // namespace fastscim::util::log

#endif  // FASTSCIM_UTIL_LOG_H_
