#include "store/policy_refusal.h"

#include <utility>

#include "store/outbox.h"
#include "util/log.h"

namespace fastscim::store {

const char kProvisioningRefused[] = "provisioning.refused";

scim::Event refusal_event(const PolicyRefusal& refusal, const scim::EventDraft& draft) {
  scim::Event e;
  e.type = kProvisioningRefused;
  e.resource_type = refusal.resource_type;
  e.resource_id = refusal.resource_id;
  json::Value data = json::Value::object();
  data.set("policy", json::Value::string(refusal.policy));
  data.set("reason", json::Value::string(refusal.detail));
  std::string operation = refusal.resource_id.empty() ? "create" : "update";
  if (draft.log != nullptr && !draft.log->method.empty()) operation = draft.log->method;
  data.set("operation", json::Value::string(operation));
  for (const char* key : {"userName", "externalId"}) {
    json::Value value = refusal.document.get(key);
    if (value.is_string()) data.set(key, value.deep_copy());
  }
  if (refusal.facts.is_object()) {
    for (const auto& [key, value] : refusal.facts.items()) data.set(key, value);
  }
  e.data = std::move(data);
  return e;
}

void record_refusal(Database& db, long long tenant_id, bool recording, const PolicyRefusal& refusal,
                    const scim::EventDraft& draft) {
  if (!recording) return;
  auto written = db.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    Outbox outbox(db, tenant_id);
    outbox.add(refusal_event(refusal, draft));
    outbox.flush();
    tx.commit();
  });
  if (!written) util::log::warn("the provisioning.refused event was not recorded: " + written.error().detail());
}

}  // namespace fastscim::store
