// testing::FaultyRepository — a scim::Repository that wraps another and
// injects failures, like SpecialEnv in LevelDB's db_test.cc.
//
// Each operation can be made to fail with a given scim::Error (a lost
// database: 503 unavailable; a duplicate key: 409 uniqueness) for the next
// N calls, and a hook can run just before a write reaches the wrapped
// repository, to play a concurrent writer that changes the resource between
// the service's read and its write (the optimistic-concurrency path).
//
// Thread-safety: none; one test thread.
#ifndef FASTSCIM_TESTS_SUPPORT_FAULTY_REPOSITORY_H_
#define FASTSCIM_TESTS_SUPPORT_FAULTY_REPOSITORY_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scim/event.h"
#include "scim/repository.h"

namespace fastscim::testing {

class FaultyRepository : public scim::Repository {
 public:
  enum class Operation { kCreate, kGet, kReplace, kModifyMembers, kRemove, kSearch };

  // Requires: `inner` outlives this object.
  explicit FaultyRepository(scim::Repository& inner) : inner_(inner) {}

  // The next `times` calls of `op` fail with `error` without reaching the
  // wrapped repository (times < 0: every call from now on).
  void fail(Operation op, scim::Error error, int times = 1);
  // Stops every injected failure.
  void heal();
  // Runs `hook` before each of the next `times` writes of `op` (replace,
  // modify_members, remove) is passed on.
  void before_write(Operation op, std::function<void()> hook, int times = 1);
  // How many calls of `op` this object received (failed ones included).
  int calls(Operation op) const;

  scim::Result<scim::StoredResource> create(long long tenant_id, const std::string& resource_type,
                                            const json::Value& document, const std::vector<scim::Member>& members,
                                            const scim::EventDraft& draft) override;
  scim::Result<scim::StoredResource> get(long long tenant_id, const std::string& resource_type, const std::string& id,
                                         bool load_memberships) override;
  scim::Result<scim::StoredResource> replace(long long tenant_id, const scim::StoredResource& current,
                                             const json::Value& document,
                                             const std::optional<scim::MemberChanges>& members, scim::ChangeKind kind,
                                             const scim::EventDraft& draft) override;
  scim::Result<scim::StoredResource> modify_members(long long tenant_id, const std::string& group_id,
                                                    const std::vector<scim::Member>& add,
                                                    const std::vector<std::string>& remove, bool remove_all,
                                                    std::optional<long long> expected_version,
                                                    const scim::EventDraft& draft) override;
  scim::Result<void> remove(long long tenant_id, const std::string& resource_type, const std::string& id,
                            std::optional<long long> expected_version, const scim::EventDraft& draft) override;
  scim::Result<scim::Page> search(long long tenant_id, const std::string& resource_type,
                                  const scim::Query& query) override;

 private:
  struct Fault {
    scim::Error error;
    int remaining = 0;  // < 0: forever
  };
  struct Hook {
    std::function<void()> run;
    int remaining = 0;
  };

  // The injected error for this call of `op`, if any; counts the call.
  std::optional<scim::Error> enter(Operation op);
  void run_hook(Operation op);

  scim::Repository& inner_;
  std::map<Operation, Fault> faults_;
  std::map<Operation, Hook> hooks_;
  std::map<Operation, int> calls_;
};

}  // namespace fastscim::testing

#endif  // FASTSCIM_TESTS_SUPPORT_FAULTY_REPOSITORY_H_
