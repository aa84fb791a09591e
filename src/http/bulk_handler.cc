#include "http/bulk_handler.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/error_response.h"
#include "http/handlers.h"
#include "http/preconditions.h"
#include "json/io.h"
#include "util/log.h"
#include "util/strings.h"

namespace fastscim::http {

namespace {

using scim::Error;

// One operation, run: what the BulkResponse says of it.
struct Ran {
  const scim::ResourceType* type = nullptr;
  std::string id;  // the resource's id, "" when unknown
  scim::Result<scim::Outcome> result = scim::fail(Error::internal("not run"));
};

// The SCIM Error document a single request would have answered.
json::Value error_document(const Error& error) {
  auto parsed = json::parse(error_response(error).body);
  return parsed ? parsed.value() : json::Value::object();
}

class BulkRun {
 public:
  BulkRun(scim::Service& service, const scim::Context& context, const Request& request, ProvisioningLog* log)
      : service_(service), context_(context), request_(request), log_(log) {}

  // Runs operation `op` (or answers it with `refusal`) and returns its
  // entry in the BulkResponse.
  json::Value run(const scim::BulkOperation& op, const std::optional<Error>& refusal) {
    WriteRecord record;
    Ran ran = refusal ? Ran{nullptr, "", scim::fail(*refusal)} : execute(op, &record);
    const bool ok = ran.result.has_value();
    const int status = ok ? http_status(ran.result->kind) : http_status(ran.result.error().kind());
    json::Value entry = json::Value::object();
    entry.set("method", json::Value::string(op.method));
    if (!op.bulk_id.empty()) entry.set("bulkId", json::Value::string(op.bulk_id));
    if (ok && op.method == "POST" && ran.result->body) {
      ran.id = std::string(ran.result->body.get("id").as_string().value_or(""));
      ids_[op.bulk_id] = ran.id;  // BLK-07
    }
    if (ran.type != nullptr && !ran.id.empty() && (ok || op.method != "POST")) {
      entry.set("location", json::Value::string(context_.base_url + ran.type->endpoint + "/" + ran.id));
    }
    if (ok && ran.result->version) {
      entry.set("version", json::Value::string(scim::etag_for_version(*ran.result->version)));
    }
    entry.set("status", json::Value::string(std::to_string(status)));
    if (!ok) entry.set("response", error_document(ran.result.error()));
    if (ran.type != nullptr) record_log(op, ran, status, &record);
    return entry;
  }

 private:
  Ran execute(const scim::BulkOperation& op, WriteRecord* record) {
    Ran ran;
    auto path = scim::substitute_bulk_ids(op.path, ids_);
    if (!path) return fail(std::move(ran), path.error());
    std::string_view route = *path;
    if (!route.empty() && route.front() == '/') route.remove_prefix(1);
    std::vector<std::string_view> segments = util::split(route, '/');
    const bool with_id = op.method != "POST";
    if (segments.size() != (with_id ? 2U : 1U) || segments[0].empty()) {
      return fail(std::move(ran),
                  Error::invalid_value("path " + op.path + " must be " +
                                       (with_id ? "/{endpoint}/{id}" : "/{endpoint}") + " for a " + op.method));
    }
    ran.type = service_.find_resource_type(segments[0]);
    if (ran.type == nullptr)
      return fail(std::move(ran), Error::invalid_value("path " + op.path + " names no endpoint"));
    if (with_id && (segments[1].empty() || !util::percent_decode(segments[1], false, &ran.id))) {
      return fail(std::move(ran), Error::invalid_value("path " + op.path + " names no resource"));
    }
    json::Value data;
    if (op.data) {
      auto substituted = scim::substitute_bulk_ids(op.data, ids_);
      if (!substituted) return fail(std::move(ran), substituted.error());
      data = std::move(substituted.value());
    }
    scim::Preconditions preconditions;
    if (op.version) preconditions.if_match = parse_version_set(*op.version);  // VER-07

    record->written.method = op.method;
    record->written.user_agent = request_.user_agent;
    record->written.status_of = [](scim::OutcomeKind kind) { return http_status(kind); };
    scim::Context context = context_;
    context.log = log_ != nullptr ? &record->written : nullptr;
    const scim::QueryParams none;
    if (op.method == "POST") {
      ran.result = service_.create(context, *ran.type, data, none);
    } else if (op.method == "PUT") {
      ran.result = service_.replace(context, *ran.type, ran.id, data, none, preconditions);
    } else if (op.method == "PATCH") {
      ran.result = service_.patch(context, *ran.type, ran.id, data, none, preconditions);
      if (ran.result) record->name = ran.result->name;
    } else {
      ran.result = service_.remove(context, *ran.type, ran.id, preconditions);
    }
    if (op.method == "POST" || op.method == "PUT") {
      for (const char* key : {"userName", "displayName"}) {
        if (auto name = data.get(key).as_string(); name && record->name.empty()) record->name = std::string(*name);
      }
    }
    return ran;
  }

  static Ran fail(Ran ran, Error error) {
    ran.result = scim::fail(std::move(error));
    return ran;
  }

  // As Server::handle does for a single write: a write that committed
  // logged itself; anything else is recorded here.
  void record_log(const scim::BulkOperation& op, const Ran& ran, int status, WriteRecord* record) {
    if (log_ == nullptr || (record->written.recorded && record->written.status == status)) return;
    record->tenant_id = context_.tenant_id;
    record->method = op.method;
    record->resource_type = ran.type->name;
    record->resource_id = ran.id;
    record->status = status;
    record->user_agent = request_.user_agent;
    if (!ran.result) {
      record->scim_type = std::string(scim::scim_type_keyword(ran.result.error().scim_type()));
      record->detail = ran.result.error().detail();
    }
    auto stored = log_->record(*record);
    if (!stored) {
      util::log::warn("provisioning log: could not record bulk " + op.method + " " + ran.type->name + ": " +
                      stored.error().detail());
    }
  }

  scim::Service& service_;
  const scim::Context& context_;
  const Request& request_;
  ProvisioningLog* log_;
  std::map<std::string, std::string> ids_;  // bulkId → id of the resource its POST created
};

}  // namespace

Response handle_bulk(scim::Service& service, const scim::Context& context, const Request& request,
                     const scim::BulkLimits& limits, ProvisioningLog* log, const ChargeFn& charge) {
  if (request.method != "POST") {
    return method_not_allowed("POST");
  }
  if (static_cast<long long>(request.body.size()) > limits.max_payload_bytes) {  // BLK-10
    return error_response(Error::payload_too_large("The bulk request is " + std::to_string(request.body.size()) +
                                                   " bytes; maxPayloadSize is " +
                                                   std::to_string(limits.max_payload_bytes) + "."));
  }
  auto body = parse_body(request);
  if (!body) return error_response(body.error());
  auto bulk = scim::parse_bulk_request(body.value(), limits);
  if (!bulk) return error_response(bulk.error());

  BulkRun run(service, context, request, log);
  std::vector<json::Value> entries(bulk->operations.size());
  if (charge && bulk->operations.size() > 1) charge(static_cast<long long>(bulk->operations.size()) - 1);  // BLK-12

  long long failures = 0;
  for (const scim::BulkStep& step : scim::plan_bulk(*bulk)) {
    if (bulk->fail_on_errors && failures >= *bulk->fail_on_errors) break;  // BLK-04
    json::Value entry = run.run(bulk->operations[step.index], step.refusal);
    if (entry.get("response")) ++failures;
    entries[step.index] = std::move(entry);
  }
  json::Value operations = json::Value::array();
  for (json::Value& entry : entries) {
    if (entry) operations.append(std::move(entry));
  }
  json::Value response = json::Value::object();
  json::Value schemas = json::Value::array();
  schemas.append(json::Value::string(scim::kBulkResponseUrn));
  response.set("schemas", schemas);
  response.set("Operations", operations);
  return Response::json(200, response);  // BLK-05
}

}  // namespace fastscim::http
