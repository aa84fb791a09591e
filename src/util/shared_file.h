// A table in a small file mapped MAP_SHARED by every process of one
// deployment on this host (fastscimd's workers, mod_fcgid's processes, CGI
// processes), as nginx shares its zones: the per-tenant limits
// (http/limiter.h) and the metrics (util/metrics.h).
//
// The table is a plain struct that starts with a SharedFileHeader.  The
// magic is written last, after the table is initialised, so a half-made file
// is never taken for a ready one; the version changes with any change of
// layout, so processes of an older build still draining never share a table
// they would read differently.
//
// Thread-safety: map_shared_file may be called from any thread; a POSIX
// record lock on the file serialises processes that make it at once.
#ifndef FASTSCIM_UTIL_SHARED_FILE_H_
#define FASTSCIM_UTIL_SHARED_FILE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace fastscim::util {

struct SharedFileHeader {
  uint64_t magic;
  uint32_t version;
  uint32_t size;
};

// Maps `path` (created with mode 0600 when missing) as a table of `size`
// bytes whose header carries `magic` and `version`.  A new file is zeroed
// and handed to `initialise` (which may fail: false) before its magic is
// written.  Returns the mapping, never unmapped; nullptr and `*why` when the
// file cannot be used: not a regular file of this user (another user's file
// could be made to lie), another layout, or a system call failing.
void* map_shared_file(const std::string& path, size_t size, uint64_t magic, uint32_t version,
                      const std::function<bool(void* table)>& initialise, std::string* why);

}  // namespace fastscim::util

#endif  // FASTSCIM_UTIL_SHARED_FILE_H_
