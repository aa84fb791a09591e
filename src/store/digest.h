// Binding and reading SHA-256 digests (BINARY(32) columns: token_hash,
// key_hash) through Connector/C++, which moves BINARY data as streams.
//
// Thread-safety: plain values.
#ifndef FASTSCIM_STORE_DIGEST_H_
#define FASTSCIM_STORE_DIGEST_H_

#include <cstring>
#include <istream>
#include <sstream>
#include <string>

#include <cppconn/resultset.h>

#include "auth/token.h"

namespace fastscim::store {

// An istream over a digest, for PreparedStatement::setBlob; must outlive
// the statement's execution.
class DigestStream {
 public:
  explicit DigestStream(const auth::Digest& digest)
      : stream_(std::string(reinterpret_cast<const char*>(digest.data()), digest.size())) {}
  std::istream* get() { return &stream_; }

 private:
  std::istringstream stream_;
};

// The digest in `column` of the current row; all zero when the stored
// value has another length.
inline auth::Digest read_digest(sql::ResultSet& rows, int column) {
  auth::Digest digest{};
  std::string stored = rows.getString(column);
  if (stored.size() == digest.size()) std::memcpy(digest.data(), stored.data(), stored.size());
  return digest;
}

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_DIGEST_H_
