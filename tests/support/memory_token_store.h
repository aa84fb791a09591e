// An in-memory auth::TokenStore for tests: tokens are added with their
// secret, and the store can be switched to "unavailable" to exercise the
// database-down path without a database.
#ifndef FASTSCIM_TESTS_SUPPORT_MEMORY_TOKEN_STORE_H_
#define FASTSCIM_TESTS_SUPPORT_MEMORY_TOKEN_STORE_H_

#include <map>
#include <string>

#include "auth/token.h"
#include "auth/token_store.h"

namespace fastscim::testing {

class MemoryTokenStore : public auth::TokenStore {
 public:
  // Adds `secret` for `tenant`; returns the token id.
  long long add(const std::string& secret, long long tenant_id, const std::string& tenant) {
    auth::TokenRecord record;
    record.token_id = next_id_++;
    record.tenant_id = tenant_id;
    record.tenant_name = tenant;
    record.hash = auth::sha256(secret);
    record.stale_last_used = true;
    records_[auth::to_hex(record.hash)] = record;
    return record.token_id;
  }
  // Each change raises the auth epoch, as the real store does.
  void revoke(const std::string& secret) {
    records_[auth::to_hex(auth::sha256(secret))].revoked = true;
    ++epoch_;
  }
  void expire(const std::string& secret) {
    records_[auth::to_hex(auth::sha256(secret))].expired = true;
    ++epoch_;
  }
  void set_provisioning(const std::string& secret, bool on) {
    records_[auth::to_hex(auth::sha256(secret))].provisioning = on;
    ++epoch_;
  }
  void set_unavailable(bool unavailable) { unavailable_ = unavailable; }
  // The store fails with a fault of its own, not an outage.
  void set_faulty(bool faulty) { faulty_ = faulty; }
  int touches() const { return touches_; }
  int lookups() const { return lookups_; }

  util::Result<std::optional<auth::TokenRecord>, auth::StoreFailure> find_by_hash(const auth::Digest& hash) override {
    if (unavailable_) return util::Unexpected(auth::StoreFailure{"down"});
    if (faulty_) return util::Unexpected(auth::StoreFailure{"bug", false});
    ++lookups_;
    auto it = records_.find(auth::to_hex(hash));
    if (it == records_.end()) return std::optional<auth::TokenRecord>();
    auth::TokenRecord record = it->second;
    record.auth_epoch = epoch_;
    return std::optional<auth::TokenRecord>(record);
  }
  void touch(long long) override { ++touches_; }
  util::Result<long long, auth::StoreFailure> auth_epoch() override {
    if (unavailable_) return util::Unexpected(auth::StoreFailure{"down"});
    return epoch_;
  }

 private:
  std::map<std::string, auth::TokenRecord> records_;
  long long next_id_ = 1;
  bool unavailable_ = false;
  bool faulty_ = false;
  int touches_ = 0;
  int lookups_ = 0;
  long long epoch_ = 0;
};

}  // namespace fastscim::testing

#endif  // FASTSCIM_TESTS_SUPPORT_MEMORY_TOKEN_STORE_H_
