#include "scim/bulk.h"

#include <functional>
#include <queue>
#include <utility>

#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

constexpr std::string_view kPrefix = "bulkId:";

std::string operation_name(size_t index) { return "Operations[" + std::to_string(index) + "]"; }

// The X of "bulkId:X", or nullopt.
std::optional<std::string> reference_in(std::string_view text) {
  if (!util::starts_with(text, kPrefix) || text.size() == kPrefix.size()) return std::nullopt;
  return std::string(text.substr(kPrefix.size()));
}

void collect(const json::Value& value, std::set<std::string>* out) {
  if (value.is_string()) {
    if (auto ref = reference_in(*value.as_string())) out->insert(*ref);
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) collect(value.at(i), out);
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.items()) collect(member, out);
  }
}

Result<BulkOperation> parse_operation(const json::Value& op, size_t index) {
  const std::string name = operation_name(index);
  if (!op.is_object()) return fail(Error::invalid_syntax(name + " is not an object"));
  BulkOperation out;
  auto method = op.get_ci("method").as_string();
  if (!method) return fail(Error::invalid_syntax(name + " has no \"method\" (BLK-03)"));
  for (char c : *method) out.method += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  if (out.method != "POST" && out.method != "PUT" && out.method != "PATCH" && out.method != "DELETE") {
    return fail(Error::invalid_syntax(name + ": method must be POST, PUT, PATCH or DELETE, not " + quoted(*method)));
  }
  auto path = op.get_ci("path").as_string();
  if (!path || path->empty()) return fail(Error::invalid_syntax(name + " has no \"path\" (BLK-03)"));
  out.path = std::string(*path);
  json::Value bulk_id = op.get_ci("bulkId");
  if (bulk_id && !bulk_id.is_null()) {
    if (!bulk_id.is_string() || bulk_id.as_string()->empty()) {
      return fail(Error::invalid_syntax(name + ": \"bulkId\" must be a non-empty string"));
    }
    out.bulk_id = std::string(*bulk_id.as_string());
  }
  if (out.method == "POST" && out.bulk_id.empty()) {
    return fail(Error::invalid_syntax(name + ": a POST needs a \"bulkId\" (BLK-03)"));
  }
  json::Value version = op.get_ci("version");
  if (version && !version.is_null()) {
    if (!version.is_string()) return fail(Error::invalid_syntax(name + ": \"version\" must be a string"));
    out.version = std::string(*version.as_string());
  }
  out.data = op.get_ci("data");
  if (out.data && out.data.is_null()) out.data = json::Value();
  if (out.method != "DELETE" && !out.data.is_object()) {
    return fail(Error::invalid_syntax(name + ": a " + out.method + " needs \"data\", a JSON object (BLK-03)"));
  }
  return out;
}

}  // namespace

Result<BulkRequest> parse_bulk_request(const json::Value& body, const BulkLimits& limits) {
  if (!body.is_object()) return fail(Error::invalid_syntax("A BulkRequest must be a JSON object"));
  json::Value schemas = body.get_ci("schemas");
  bool listed = false;
  for (size_t i = 0; schemas.is_array() && i < schemas.size(); ++i) {
    listed = listed || util::iequals(schemas.at(i).as_string().value_or(""), kBulkRequestUrn);
  }
  if (!listed) return fail(Error::invalid_syntax("\"schemas\" must contain \"" + std::string(kBulkRequestUrn) + "\""));
  json::Value operations = body.get_ci("Operations");
  if (!operations.is_array()) return fail(Error::invalid_syntax("\"Operations\" must be an array (BLK-02)"));
  if (static_cast<long long>(operations.size()) > limits.max_operations) {  // BLK-10
    return fail(Error::payload_too_large("The bulk request has " + std::to_string(operations.size()) +
                                         " operations; maxOperations is " + std::to_string(limits.max_operations) +
                                         "."));
  }
  BulkRequest out;
  json::Value fail_on_errors = body.get_ci("failOnErrors");
  if (fail_on_errors && !fail_on_errors.is_null()) {
    auto n = fail_on_errors.as_integer();
    if (!fail_on_errors.is_integer() || !n || *n < 1) {
      return fail(Error::invalid_value("\"failOnErrors\" must be an integer of at least 1"));
    }
    out.fail_on_errors = *n;
  }
  for (size_t i = 0; i < operations.size(); ++i) {
    auto op = parse_operation(operations.at(i), i);
    if (!op) return fail(op.error());
    out.operations.push_back(std::move(op.value()));
  }
  return out;
}

std::set<std::string> bulk_references(const BulkOperation& operation) {
  std::set<std::string> out;
  for (std::string_view segment : util::split(operation.path, '/')) {
    if (auto ref = reference_in(segment)) out.insert(*ref);
  }
  if (operation.data) collect(operation.data, &out);
  return out;
}

std::vector<BulkStep> plan_bulk(const BulkRequest& request) {
  const std::vector<BulkOperation>& ops = request.operations;
  const size_t n = ops.size();
  std::vector<std::optional<Error>> refusal(n);
  std::map<std::string, size_t> declared;
  for (size_t i = 0; i < n; ++i) {
    if (ops[i].method != "POST") continue;
    auto [at, fresh] = declared.emplace(ops[i].bulk_id, i);
    if (!fresh) {  // BLK-11
      refusal[i] = Error::invalid_value("bulkId " + quoted(ops[i].bulk_id) + " is already declared by " +
                                        operation_name(at->second));
    }
  }
  std::vector<std::vector<size_t>> depends(n), dependents(n);
  for (size_t i = 0; i < n; ++i) {
    if (refusal[i]) continue;
    for (const std::string& ref : bulk_references(ops[i])) {
      auto at = declared.find(ref);
      if (at == declared.end()) {  // BLK-11
        refusal[i] = Error::invalid_value("bulkId:" + ref + " names no POST of this bulk request");
        depends[i].clear();
        break;
      }
      depends[i].push_back(at->second);
    }
    for (size_t d : depends[i]) dependents[d].push_back(i);
  }

  // Kahn's algorithm, earliest ready operation first (BLK-08).
  std::vector<size_t> waiting(n);
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t i = 0; i < n; ++i) {
    waiting[i] = depends[i].size();
    if (waiting[i] == 0) ready.push(i);
  }
  std::vector<BulkStep> steps;
  std::vector<bool> planned(n, false);
  while (!ready.empty()) {
    size_t i = ready.top();
    ready.pop();
    steps.push_back(BulkStep{i, refusal[i]});
    planned[i] = true;
    for (size_t j : dependents[i]) {
      if (--waiting[j] == 0) ready.push(j);
    }
  }
  // What is left is on a cycle or waits for one (BLK-09).
  auto on_cycle = [&](size_t start) {
    std::vector<size_t> stack(depends[start].begin(), depends[start].end());
    std::vector<bool> seen(n, false);
    while (!stack.empty()) {
      size_t k = stack.back();
      stack.pop_back();
      if (k == start) return true;
      if (seen[k] || planned[k]) continue;
      seen[k] = true;
      stack.insert(stack.end(), depends[k].begin(), depends[k].end());
    }
    return false;
  };
  for (size_t i = 0; i < n; ++i) {
    if (planned[i]) continue;
    steps.push_back(BulkStep{
        i, on_cycle(i) ? Error::invalid_value("the bulkId references of " + operation_name(i) +
                                              " lead back to it; circular references are not resolved")
                       : Error::invalid_value(operation_name(i) +
                                              " refers to a bulkId whose operation is part of a circular reference")});
  }
  return steps;
}

Result<json::Value> substitute_bulk_ids(const json::Value& value, const std::map<std::string, std::string>& ids) {
  if (value.is_string()) {
    auto ref = reference_in(*value.as_string());
    if (!ref) return value;
    auto at = ids.find(*ref);
    if (at == ids.end()) {
      return fail(Error::invalid_value("bulkId:" + *ref + " has no resource: the operation that declares it failed"));
    }
    return json::Value::string(at->second);
  }
  if (value.is_array()) {
    json::Value out = json::Value::array();
    for (size_t i = 0; i < value.size(); ++i) {
      auto element = substitute_bulk_ids(value.at(i), ids);
      if (!element) return element;
      out.append(std::move(element.value()));
    }
    return out;
  }
  if (value.is_object()) {
    json::Value out = json::Value::object();
    for (const auto& [key, member] : value.items()) {
      auto replaced = substitute_bulk_ids(member, ids);
      if (!replaced) return replaced;
      out.set(key, std::move(replaced.value()));
    }
    return out;
  }
  return value;
}

Result<std::string> substitute_bulk_ids(const std::string& path, const std::map<std::string, std::string>& ids) {
  std::string out;
  std::vector<std::string_view> segments = util::split(path, '/');
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    auto ref = reference_in(segments[i]);
    if (!ref) {
      out += segments[i];
      continue;
    }
    auto at = ids.find(*ref);
    if (at == ids.end()) {
      return fail(Error::invalid_value("bulkId:" + *ref + " has no resource: the operation that declares it failed"));
    }
    out += at->second;
  }
  return out;
}

}  // namespace fastscim::scim
