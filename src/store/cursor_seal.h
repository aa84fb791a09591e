// store::CursorSeal — the nextCursor values of ResourceRepository::search
// (RFC 9865), sealed so that they reveal nothing and open only where they
// were issued (CUR-05, CUR-12).
//
// A cursor holds a position: the `seq` of the last row of a page (keyset
// paging in the default order) or an offset (under sortBy).  `seq` is
// global, so in clear it would show how fast other tenants write; sealed
// with auth::seal for (tenant, resource type, kind) it shows nothing, a
// changed or made-up cursor does not open, and neither does one issued to
// another tenant or for another resource type.  The secret is the
// `cursor` row of server_secrets (sql/009_cursor_secret.sql), made by the
// first worker that needs it and shared by all, so a cursor issued by one
// worker opens on any other, on any host, and across restarts.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_CURSOR_SEAL_H_
#define FASTSCIM_STORE_CURSOR_SEAL_H_

#include <optional>
#include <string>

#include "store/database.h"

namespace fastscim::store {

class CursorSeal {
 public:
  // What a cursor points at: after row `seq` (keyset) or at an offset.
  enum class Kind : char { kAfterSeq = 's', kOffset = 'o' };

  // Requires: `db` outlives the seal.
  explicit CursorSeal(Database& db) : db_(db) {}

  // The cursor for `value`.  Only inside Database::run (the first call
  // reads, or makes, the secret).
  std::string seal(long long tenant_id, const std::string& resource_type, Kind kind, long long value);

  // The value of `cursor`, or nullopt when it was not issued for this
  // tenant, resource type and kind.  Only inside Database::run.
  std::optional<long long> open(long long tenant_id, const std::string& resource_type, Kind kind,
                                const std::string& cursor);

 private:
  const std::string& secret();

  Database& db_;
  std::string secret_;  // read once per connection's thread
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_CURSOR_SEAL_H_
