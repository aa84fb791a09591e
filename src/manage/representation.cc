#include "manage/representation.h"

#include <string>

#include "json/io.h"
#include "manage/values.h"

namespace fastscim::manage {

namespace {

json::Value string_or_null(const std::string& s) { return s.empty() ? json::Value::null() : json::Value::string(s); }

json::Value next_cursor(long long before) {
  return before == 0 ? json::Value::null() : json::Value::string(std::to_string(before));
}

}  // namespace

json::Value to_json(const Webhook& w) {
  json::Value v = json::Value::object();
  v.set("id", json::Value::integer(w.id));
  v.set("url", json::Value::string(w.url));
  v.set("state", json::Value::string(!w.disabled.empty() ? "disabled" : w.failures > 0 ? "retrying" : "enabled"));
  v.set("cursor", json::Value::string(std::to_string(w.cursor)));
  v.set("failures", json::Value::integer(w.failures));
  v.set("nextAttempt", string_or_null(w.next_attempt));
  v.set("disabled", string_or_null(w.disabled));
  v.set("disabledReason", string_or_null(w.disabled_reason));
  v.set("lastSuccess", string_or_null(w.last_success));
  v.set("created", json::Value::string(w.created));
  return v;
}

json::Value to_json(const WebhookSecret& added) {
  json::Value v = to_json(added.webhook);
  v.set("tenant", json::Value::string(added.tenant));
  v.set("secret", json::Value::string(added.secret));
  return v;
}

json::Value to_json(const DeliveryPage& page) {
  json::Value list = json::Value::array();
  for (const auto& d : page.deliveries) {
    json::Value v = json::Value::object();
    v.set("id", json::Value::integer(d.id));
    v.set("webhook", json::Value::integer(d.webhook_id));
    v.set("attempted", json::Value::string(d.attempted));
    v.set("firstPosition", json::Value::string(std::to_string(d.first_position)));
    v.set("lastPosition", json::Value::string(std::to_string(d.last_position)));
    v.set("events", json::Value::integer(d.event_count));
    v.set("attempt", json::Value::integer(d.attempt));
    v.set("status", d.http_status == 0 ? json::Value::null() : json::Value::integer(d.http_status));
    v.set("latencyMs", json::Value::integer(d.latency_ms));
    v.set("error", string_or_null(d.error));
    list.append(v);
  }
  json::Value v = json::Value::object();
  v.set("deliveries", list);
  v.set("nextCursor", next_cursor(page.next_before));
  return v;
}

json::Value to_json(const LogPage& page) {
  json::Value list = json::Value::array();
  for (const auto& e : page.entries) {
    json::Value v = json::Value::object();
    v.set("cursor", json::Value::string(std::to_string(e.seq)));
    v.set("time", json::Value::string(e.occurred_at));
    v.set("method", json::Value::string(e.method));
    v.set("resourceType", json::Value::string(e.resource_type));
    v.set("resourceId", string_or_null(e.resource_id));
    v.set("name", string_or_null(e.name));
    v.set("status", json::Value::integer(e.status));
    v.set("scimType", string_or_null(e.scim_type));
    v.set("detail", string_or_null(e.detail));
    v.set("userAgent", string_or_null(e.user_agent));
    list.append(v);
  }
  json::Value v = json::Value::object();
  v.set("entries", list);
  v.set("nextCursor", next_cursor(page.next_before));
  return v;
}

json::Value to_json(const Tenant& tenant) {
  json::Value v = json::Value::object();
  v.set("id", json::Value::integer(tenant.id));
  v.set("name", json::Value::string(tenant.name));
  v.set("created", json::Value::string(tenant.created));
  v.set("activeTokens", json::Value::integer(tenant.active_tokens));
  return v;
}

json::Value to_json(const Settings& s) {
  json::Value v = json::Value::object();
  v.set("unknownAttributes", string_or_null(s.unknown_attributes));  // null = the server's default
  v.set("unknownExtensions", string_or_null(s.unknown_extensions));
  v.set("configGeneration", json::Value::integer(s.generation));
  v.set("provisioning", json::Value::string(s.provisioning ? "on" : "off"));
  v.set("invitations", json::Value::string(s.invitations));
  v.set("dialect", json::Value::string(s.dialect.empty() ? "strict" : s.dialect));
  // null: the server's default (doc/limits.md).
  v.set("rateLimit",
        s.rate_limit_per_minute > 0 ? json::Value::string(format_rate(s.rate_limit_per_minute)) : json::Value::null());
  v.set("rateBurst", s.rate_burst > 0 ? json::Value::integer(s.rate_burst) : json::Value::null());
  v.set("maxConcurrent", s.max_concurrent > 0 ? json::Value::integer(s.max_concurrent) : json::Value::null());
  v.set("linkExisting", json::Value::string(s.link_existing));
  // null: off (doc/policies.md, "Deprovisioning guard").
  v.set("deprovisionGuard", s.deprovision_guard > 0 ? json::Value::integer(s.deprovision_guard) : json::Value::null());
  return v;
}

json::Value to_json(const Token& t) {
  json::Value v = json::Value::object();
  v.set("name", json::Value::string(t.name));
  v.set("prefix", json::Value::string(t.prefix));
  v.set("created", json::Value::string(t.created));
  v.set("lastUsed", string_or_null(t.last_used));
  v.set("revoked", string_or_null(t.revoked));
  v.set("expires", string_or_null(t.expires));
  v.set("rotated", string_or_null(t.rotated));
  return v;
}

json::Value to_json(const ApiKey& k) {
  json::Value v = json::Value::object();
  v.set("name", json::Value::string(k.name));
  v.set("prefix", json::Value::string(k.prefix));
  v.set("tenant", string_or_null(k.tenant));
  v.set("created", json::Value::string(k.created));
  v.set("lastUsed", string_or_null(k.last_used));
  v.set("revoked", string_or_null(k.revoked));
  return v;
}

scim::Result<json::Value> to_json(const EventPage& page) {
  json::Value events = json::Value::array();
  for (const FeedEvent& event : page.events) {
    auto parsed = json::parse(event.payload);
    if (!parsed) {
      return scim::fail(scim::Error::internal("The stored event at position " + std::to_string(event.position) +
                                              " is not JSON: " + parsed.error().text));
    }
    events.append(parsed.value());
  }
  json::Value v = json::Value::object();
  v.set("events", events);
  v.set("cursor", json::Value::string(std::to_string(page.cursor)));
  return v;
}

json::Value to_json(const Seats& seats) {
  json::Value v = json::Value::object();
  v.set("activeUsers", json::Value::integer(seats.active_users));
  v.set("today", json::Value::string(seats.today));
  json::Value history = json::Value::array();
  for (const auto& day : seats.history) {
    json::Value d = json::Value::object();
    d.set("day", json::Value::string(day.day));
    d.set("activeMax", json::Value::integer(day.active_max));
    d.set("activeEnd", json::Value::integer(day.active_end));
    history.append(d);
  }
  v.set("history", history);
  return v;
}

json::Value to_json(const IssuedSecret& issued, bool api_key) {
  json::Value v = json::Value::object();
  if (api_key) {
    v.set("name", json::Value::string(issued.name));
    v.set("prefix", json::Value::string(issued.prefix));
    v.set("tenant", string_or_null(issued.tenant));
    v.set("key", json::Value::string(issued.secret));
  } else {
    v.set("tenant", json::Value::string(issued.tenant));
    v.set("name", json::Value::string(issued.name));
    v.set("prefix", json::Value::string(issued.prefix));
    v.set("token", json::Value::string(issued.secret));
    v.set("expires", string_or_null(issued.expires));
    if (!issued.previous_expires.empty()) v.set("previousExpires", json::Value::string(issued.previous_expires));
  }
  return v;
}

}  // namespace fastscim::manage
