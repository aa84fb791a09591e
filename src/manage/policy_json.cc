#include "manage/policy_json.h"

#include <optional>

#include "json/io.h"

namespace fastscim::manage {

json::Value to_json(const TemplateRow& row) {
  json::Value v = json::Value::object();
  v.set("name", json::Value::string(row.name));
  v.set("position", json::Value::integer(row.position));
  v.set("when", json::Value::string(row.when));
  auto values = json::parse(row.body);
  v.set("values", values ? values.value() : json::Value::null());
  v.set("created", json::Value::string(row.created));
  return v;
}

json::Value to_json(const DeletedUser& user) {
  json::Value v = json::Value::object();
  v.set("id", json::Value::string(user.id));
  v.set("userName", json::Value::string(user.user_name));
  v.set("deleted", json::Value::string(user.deleted));
  v.set("purgeAfter", json::Value::string(user.purge_after));
  return v;
}

scim::Result<TemplateRequest> read_template_request(const json::Value& body) {
  if (!body.is_object()) return scim::fail(scim::Error::bad_request("a template is a JSON object"));
  TemplateRequest r;
  auto name = body.get("name").as_string();
  auto when = body.get("when").as_string();
  if (!name) return scim::fail(scim::Error::bad_request("a template needs \"name\", a string"));
  if (!when) return scim::fail(scim::Error::bad_request("a template needs \"when\", a SCIM filter (a string)"));
  r.name = std::string(*name);
  r.when = std::string(*when);
  r.values = body.get("values");
  if (!r.values.is_object()) return scim::fail(scim::Error::bad_request("a template needs \"values\", an object"));
  if (json::Value position = body.get("position")) {
    if (!position.is_integer() || *position.as_integer() < 0) {
      return scim::fail(scim::Error::bad_request("\"position\" is a whole number, 1 or more (0: last)"));
    }
    r.position = *position.as_integer();
  }
  return r;
}

json::Value to_json(const HeldChange& hold) {
  json::Value v = json::Value::object();
  v.set("id", json::Value::integer(hold.id));
  v.set("userId", json::Value::string(hold.user_id));
  v.set("userName", json::Value::string(hold.user_name));
  v.set("change", json::Value::string(hold.change));
  v.set("held", json::Value::string(hold.held));
  v.set("events", json::Value::integer(hold.events));
  return v;
}

scim::Result<std::vector<std::string>> read_held_decision(const json::Value& body) {
  const char* shape = "the body is {\"ids\": [hold numbers]} or {\"all\": true}";
  if (!body.is_object()) return scim::fail(scim::Error::bad_request(shape));
  json::Value ids = body.get("ids");
  json::Value all = body.get("all");
  if (body.size() != 1 || (!ids && !all)) return scim::fail(scim::Error::bad_request(shape));
  if (all) {
    if (all.as_bool() != std::optional<bool>(true)) return scim::fail(scim::Error::bad_request(shape));
    return std::vector<std::string>{};
  }
  if (!ids.is_array() || ids.size() == 0) return scim::fail(scim::Error::bad_request(shape));
  std::vector<std::string> out;
  for (size_t i = 0; i < ids.size(); ++i) {
    json::Value id = ids.at(i);
    if (auto n = id.as_integer(); n && *n > 0) {
      out.push_back(std::to_string(*n));
    } else if (auto text = id.as_string()) {
      out.emplace_back(*text);  // Api checks it is a number
    } else {
      return scim::fail(scim::Error::bad_request("\"ids\" holds hold numbers (held list), each a whole number"));
    }
  }
  return out;
}

}  // namespace fastscim::manage
