// auth::EpochFile — a counter in a small file mapped MAP_SHARED, raised by
// whoever changes what a token lookup reads (a token revoked or rotated, a
// tenant changed or deleted) and read by every process that caches token
// lookups (auth/token_cache.h), so a change made on this host reaches every
// worker on the next request.  The database's own `auth_epoch` row carries
// the same news to other hosts, within a second (doc/auth-cache.md).
//
// The file holds one 64-bit atomic counter; it is created (mode 0600) by
// the first process that opens it.  When it cannot be opened (another
// owner, no such directory) the EpochFile is invalid: read() is 0 and
// bump() does nothing, and the database's epoch alone carries changes.
//
// Thread-safety: read() and bump() may be called from any thread of any
// process mapping the file.
#ifndef FASTSCIM_AUTH_EPOCH_FILE_H_
#define FASTSCIM_AUTH_EPOCH_FILE_H_

#include <atomic>
#include <cstdint>
#include <string>

namespace fastscim::auth {

class EpochFile {
 public:
  // Maps `path`; on failure *why (when given) says why and valid() is false.
  explicit EpochFile(const std::string& path, std::string* why = nullptr);
  ~EpochFile();
  EpochFile(const EpochFile&) = delete;
  EpochFile& operator=(const EpochFile&) = delete;

  bool valid() const { return counter_ != nullptr; }
  // The counter now (0 when invalid).
  uint64_t read() const;
  // Raises the counter by one.
  void bump();

 private:
  std::atomic<uint64_t>* counter_ = nullptr;
};

}  // namespace fastscim::auth

#endif  // FASTSCIM_AUTH_EPOCH_FILE_H_
