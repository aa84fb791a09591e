#include "manage/requests.h"

#include <tuple>

#include "manage/values.h"

namespace fastscim::manage {

namespace {

using scim::Error;

// 400 unless `body` is an object whose members are all in `allowed`.
scim::Result<void> check_members(const json::Value& body, const std::vector<std::string>& allowed) {
  if (!body.is_object()) return scim::fail(Error::bad_request("The request body must be a JSON object."));
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (const auto& name : allowed) known = known || key == name;
    if (!known) {
      std::string list;
      for (const auto& name : allowed) list += (list.empty() ? "\"" : ", \"") + name + "\"";
      return scim::fail(Error::bad_request("Unknown member \"" + key + "\"; this request takes " + list + "."));
    }
  }
  return {};
}

// The member as a string; nullopt when absent; 400 when not a string.
scim::Result<std::optional<std::string>> string_member(const json::Value& body, const char* name) {
  json::Value v = body.get(name);
  if (!v) return std::optional<std::string>();
  auto s = v.as_string();
  if (!s) return scim::fail(Error::bad_request(std::string("\"") + name + "\" must be a string."));
  return std::optional<std::string>(std::string(*s));
}

scim::Result<std::optional<long long>> timestamp_member(const json::Value& body, const char* name) {
  auto text = string_member(body, name);
  if (!text) return scim::fail(text.error());
  if (!*text) return std::optional<long long>();
  auto at = parse_timestamp(**text);
  if (!at) {
    return scim::fail(Error::bad_request(
        std::string("\"") + name + "\" must be a UTC time such as \"2030-01-31T12:00:00Z\", not \"" + **text + "\"."));
  }
  return std::optional<long long>(*at);
}

scim::Result<std::optional<long long>> duration_member(const json::Value& body, const char* name) {
  auto text = string_member(body, name);
  if (!text) return scim::fail(text.error());
  if (!*text) return std::optional<long long>();
  auto seconds = parse_duration(**text);
  if (!seconds) {
    return scim::fail(Error::bad_request(std::string("\"") + name +
                                         "\" must be a duration such as \"90s\", \"15m\", \"24h\" or \"30d\", not \"" +
                                         **text + "\"."));
  }
  return std::optional<long long>(*seconds);
}

// A position given as "42" or 42; nullopt when absent.
scim::Result<std::optional<long long>> position_member(const json::Value& body, const char* name) {
  json::Value v = body.get(name);
  if (!v) return std::optional<long long>();
  std::optional<long long> position;
  if (auto n = v.as_integer()) {
    if (*n >= 0) position = *n;
  } else if (auto text = v.as_string()) {
    position = parse_whole(*text);
  }
  if (!position) {
    return scim::fail(Error::bad_request(std::string("\"") + name +
                                         "\" must be an event position: a whole number (or its decimal string), "
                                         "0 for the start of the feed."));
  }
  return position;
}

}  // namespace

scim::Result<std::string> read_tenant_create(const json::Value& body) {
  if (auto checked = check_members(body, {"name"}); !checked) return scim::fail(checked.error());
  auto name = string_member(body, "name");
  if (!name) return scim::fail(name.error());
  if (!*name) return scim::fail(Error::bad_request("\"name\" is required."));
  return **name;
}

scim::Result<std::vector<SettingChange>> read_settings_patch(const json::Value& body) {
  if (auto checked = check_members(
          body, {"provisioning", "invitations", "unknownAttributes", "unknownExtensions", "rateLimit", "rateBurst",
                 "maxConcurrent", "dialect", "linkExisting", "deprovisionGuard"});
      !checked) {
    return scim::fail(checked.error());
  }
  std::vector<SettingChange> changes;
  for (const auto& [key, value] : body.items()) {
    Setting setting = *setting_named(key);
    bool numeric = setting == Setting::kRateBurst || setting == Setting::kMaxConcurrent;
    bool defaults = numeric || setting == Setting::kRateLimit || setting == Setting::kUnknownAttributes ||
                    setting == Setting::kUnknownExtensions;
    std::optional<std::string> stored;
    if (setting == Setting::kProvisioning && value.as_bool()) {
      stored = *value.as_bool() ? "on" : "off";
    } else if (setting == Setting::kDeprovisionGuard) {
      // A number an hour, or null / "off".
      auto n = value.as_integer();
      auto text = value.as_string();
      stored = value.is_null() ? std::optional<std::string>("")
               : n && *n > 0   ? setting_value(setting, std::to_string(*n))
               : text          ? setting_value(setting, *text)
                               : std::nullopt;
    } else if (defaults && value.is_null()) {
      stored = "";  // null: back to the server's default
    } else if (auto n = value.as_integer(); numeric && n) {
      stored = *n > 0 ? setting_value(setting, std::to_string(*n)) : std::nullopt;
    } else if (auto text = value.as_string(); !numeric && text && *text != "default") {
      stored = setting_value(setting, *text);
    }
    if (!stored) {
      std::string allowed = setting == Setting::kProvisioning  ? "\"on\", \"off\", true or false"
                            : setting == Setting::kInvitations ? "\"off\" or \"on-create\""
                            : setting == Setting::kDialect     ? "\"strict\" or \"lenient\""
                            : setting == Setting::kLinkExisting
                                ? "\"off\" or a comma list of \"email\" and \"employeeNumber\""
                            : setting == Setting::kDeprovisionGuard
                                ? "a number from 1 to " + std::to_string(kMaxDeprovisionGuard) + ", \"off\" or null"
                            : setting == Setting::kRateLimit
                                ? "a rate such as \"100/s\" or \"600/m\", or null (the server's default)"
                            : numeric
                                ? "a number from 1 to " +
                                      std::to_string(setting == Setting::kRateBurst ? kMaxBurst : kMaxConcurrent) +
                                      " or null (the server's default)"
                                : "\"reject\", \"ignore\" or null (the server's default)";
      return scim::fail(Error::bad_request("\"" + key + "\" must be " + allowed + "."));
    }
    changes.push_back({setting, *stored});
  }
  if (changes.empty()) return scim::fail(Error::bad_request("The body names no setting to change."));
  return changes;
}

scim::Result<TokenIssue> read_token_issue(const json::Value& body, long long now) {
  if (auto checked = check_members(body, {"name", "expiresAt", "expiresIn"}); !checked) {
    return scim::fail(checked.error());
  }
  auto name = string_member(body, "name");
  if (!name) return scim::fail(name.error());
  auto at = timestamp_member(body, "expiresAt");
  if (!at) return scim::fail(at.error());
  auto in = duration_member(body, "expiresIn");
  if (!in) return scim::fail(in.error());
  if (*at && *in) return scim::fail(Error::bad_request("Give \"expiresAt\" or \"expiresIn\", not both."));
  TokenIssue issue;
  issue.name = name->value_or("");
  if (*at) issue.expires_at = **at;
  if (*in) {
    if (**in == 0) return scim::fail(Error::bad_request("\"expiresIn\" must be longer than 0 seconds."));
    issue.expires_at = now + **in;
  }
  return issue;
}

scim::Result<Overlap> read_rotation(const json::Value& body) {
  if (!body) return Overlap{};
  if (auto checked = check_members(body, {"overlap", "previousExpiresAt"}); !checked) {
    return scim::fail(checked.error());
  }
  auto overlap = duration_member(body, "overlap");
  if (!overlap) return scim::fail(overlap.error());
  auto until = timestamp_member(body, "previousExpiresAt");
  if (!until) return scim::fail(until.error());
  if (*overlap && *until) return scim::fail(Error::bad_request("Give \"overlap\" or \"previousExpiresAt\", not both."));
  return Overlap{*overlap, *until};
}

scim::Result<WebhookAdd> read_webhook_add(const json::Value& body) {
  if (auto checked = check_members(body, {"url", "from"}); !checked) return scim::fail(checked.error());
  auto url = string_member(body, "url");
  if (!url) return scim::fail(url.error());
  if (!*url) return scim::fail(Error::bad_request("\"url\" is required."));
  auto from = position_member(body, "from");
  if (!from) return scim::fail(from.error());
  return WebhookAdd{**url, *from};
}

scim::Result<long long> read_redeliver(const json::Value& body) {
  if (auto checked = check_members(body, {"from"}); !checked) return scim::fail(checked.error());
  auto from = position_member(body, "from");
  if (!from) return scim::fail(from.error());
  if (!*from) return scim::fail(Error::bad_request("\"from\" is required: the position after which to deliver again."));
  return **from;
}

scim::Result<LogQuery> read_log_filter(const LogFilter& filter) {
  LogQuery query;
  for (auto [name, text, out] :
       {std::tuple{"since", &filter.since, &query.since}, std::tuple{"until", &filter.until, &query.until}}) {
    if (text->empty()) continue;
    auto time = parse_log_time(*text);
    if (!time) {
      return scim::fail(Error::bad_request(std::string("\"") + name +
                                           "\" must be a UTC time such as \"2026-03-01\" or "
                                           "\"2026-03-01T10:15:00Z\", not \"" +
                                           *text + "\"."));
    }
    *out = *time;
  }
  if (!query.since.empty() && !query.until.empty() && query.until <= query.since) {
    return scim::fail(Error::bad_request("\"since\" must be before \"until\"."));
  }
  if (filter.outcome == "success" || filter.outcome == "ok") {
    query.status_high = 399;
  } else if (filter.outcome == "failure" || filter.outcome == "error") {
    query.status_low = 400;
  } else if (!filter.outcome.empty()) {
    return scim::fail(
        Error::bad_request("\"outcome\" must be \"success\" or \"failure\", not \"" + filter.outcome + "\"."));
  }
  if (!filter.status.empty()) {
    auto status = parse_whole(filter.status);
    if (!status || *status < 100 || *status > 599) {
      return scim::fail(
          Error::bad_request("\"status\" must be an HTTP status from 100 to 599, not \"" + filter.status + "\"."));
    }
    if (*status < query.status_low || *status > query.status_high) {
      return scim::fail(Error::bad_request("\"status\" " + filter.status + " is never a " + filter.outcome + "."));
    }
    query.status_low = query.status_high = static_cast<int>(*status);
  }
  if (!filter.before.empty()) {
    auto before = parse_whole(filter.before);
    if (!before || *before < 1) {
      return scim::fail(
          Error::bad_request("\"before\" must be a \"nextCursor\" of an earlier page, not \"" + filter.before + "\"."));
    }
    query.before = *before;
  }
  if (!filter.limit.empty()) {
    auto limit = parse_whole(filter.limit);
    if (!limit || *limit < 1 || *limit > 1000) {
      return scim::fail(
          Error::bad_request("\"limit\" must be a whole number from 1 to 1000, not \"" + filter.limit + "\"."));
    }
    query.limit = *limit;
  }
  return query;
}

}  // namespace fastscim::manage
