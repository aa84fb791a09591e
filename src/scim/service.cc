#include "scim/service.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "scim/core_schemas.h"
#include "scim/filter_parser.h"
#include "scim/filter_resolver.h"
#include "scim/patch.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::optional<std::string> param(const QueryParams& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (util::iequals(key, name)) return value;
  }
  return std::nullopt;
}

// Every header compares the opaque tag only: W/"3" and "3" are weakly
// equal (RFC 7232 §2.3.2).  A bare token is read as if it were quoted.
std::string_view opaque_tag(std::string_view tag) {
  tag = util::trim(tag);
  if (tag.size() >= 2 && (tag[0] == 'W' || tag[0] == 'w') && tag[1] == '/') tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
  return tag;
}

// An If-Match header, interpreted once per request.
struct IfMatch {
  bool present = false;
  bool any = false;  // "*"
  std::string header;

  explicit IfMatch(std::string_view h) : header(util::trim(h)) {
    present = !header.empty();
    any = header == "*";
  }
  // Whether a concurrent write may be retried: only when the client did
  // not pin a version (RFC 7644 §3.14).
  bool pins_version() const { return present && !any; }
};

Error precondition_error(const ResourceType& type, std::string_view header, long long version) {
  return Error::precondition_failed("If-Match " + std::string(header) + " does not match the current version " +
                                    etag_for_version(version) + " of this " + type.name + "; fetch it again.");
}

Error concurrency_error(const ResourceType& type, int attempts) {
  return Error::conflict("The " + type.name + " was modified concurrently " + std::to_string(attempts) +
                         " times while this request was applied; nothing was written.  Retry the request.");
}

ChangeKind change_kind(const json::Value& before, const json::Value& after) {
  std::optional<bool> was = before.get("active").as_bool();
  std::optional<bool> now = after.get("active").as_bool();
  if (now == std::optional<bool>(false) && was != std::optional<bool>(false)) return ChangeKind::kDeactivated;
  if (now == std::optional<bool>(true) && was == std::optional<bool>(false)) return ChangeKind::kReactivated;
  return ChangeKind::kUpdated;
}

ChangeKind change_kind(ActiveChange change) {
  switch (change) {
    case ActiveChange::kDeactivated: return ChangeKind::kDeactivated;
    case ActiveChange::kReactivated: return ChangeKind::kReactivated;
    case ActiveChange::kNone: break;
  }
  return ChangeKind::kUpdated;
}

// Members as written in a validated body: the array moves out of the
// document (the repository keeps them in their own table).
std::vector<Member> take_members(json::Value* document) {
  std::vector<Member> members;
  json::Value list = document->get("members");
  document->erase("members");
  if (!list.is_array()) return members;
  for (size_t i = 0; i < list.size(); ++i) {
    json::Value m = list.at(i);
    Member member;
    member.value = std::string(m.get("value").as_string().value_or(""));
    member.type = std::string(m.get("type").as_string().value_or(""));
    member.display = std::string(m.get("display").as_string().value_or(""));
    if (!member.value.empty()) members.push_back(std::move(member));
  }
  return members;
}

// Applies MemberChanges to a loaded member list, as patch.h defines them.
std::vector<Member> apply_member_changes(std::vector<Member> members, const MemberChanges& changes) {
  if (changes.remove_all) members.clear();
  for (const std::string& id : changes.remove) {
    members.erase(std::remove_if(members.begin(), members.end(), [&](const Member& m) { return m.value == id; }),
                  members.end());
  }
  for (const Member& add : changes.add) {
    bool present =
        std::any_of(members.begin(), members.end(), [&](const Member& m) { return m.value == add.value; });
    if (!present) members.push_back(add);
  }
  return members;
}

// A number from a query parameter; "" counts as absent.
Result<std::optional<long long>> integer_param(const QueryParams& params, std::string_view name) {
  auto text = param(params, name);
  if (!text || util::trim(*text).empty()) return std::optional<long long>();
  long long value = 0;
  if (!util::parse_int(util::trim(*text), &value)) {
    return fail(Error::invalid_value(std::string(name) + " must be an integer, not " + quoted(*text)));
  }
  return std::optional<long long>(value);
}

}  // namespace

std::string etag_for_version(long long version) { return "W/\"" + std::to_string(version) + "\""; }

bool etag_matches(std::string_view header, std::string_view etag) {
  header = util::trim(header);
  if (header.empty()) return false;
  if (header == "*") return true;
  std::string_view wanted = opaque_tag(etag);
  for (std::string_view candidate : util::split(header, ',')) {
    if (util::trim(candidate).empty()) continue;
    if (opaque_tag(candidate) == wanted) return true;
  }
  return false;
}

// What a list or search asks for, whichever way it arrived.
struct Service::SearchRequest {
  std::optional<std::string> filter;
  std::optional<std::string> sort_by;
  std::optional<std::string> sort_order;
  std::optional<long long> start_index;
  std::optional<long long> count;
  std::optional<std::string> cursor;
  Projection projection;
};

Service::Service(Repository& repository, const SchemaRegistry& registry, ServiceConfig config)
    : repository_(repository), registry_(registry), config_(std::move(config)) {
  while (util::ends_with(config_.base_url, "/")) config_.base_url.pop_back();
  if (config_.max_page_size < 1) config_.max_page_size = 1;
  config_.default_page_size = std::clamp(config_.default_page_size, 0LL, config_.max_page_size);
  if (config_.max_write_attempts < 1) config_.max_write_attempts = 1;
}

Service::~Service() = default;

const ResourceType* Service::find_resource_type(std::string_view endpoint) const {
  return registry_.find_resource_type_by_endpoint(endpoint);
}

const Validator& Service::validator(const ResourceType& type) {
  auto& slot = validators_[&type];
  if (!slot) {
    ValidatorOptions options;
    options.unknown_attributes = config_.unknown_attributes;
    options.unknown_extensions = config_.unknown_extensions;
    slot = std::make_unique<Validator>(registry_, type, options);
  }
  return *slot;
}

std::string Service::base_url(const Context& context) const {
  std::string base = context.base_url.empty() ? config_.base_url : context.base_url;
  while (util::ends_with(base, "/")) base.pop_back();
  return base;
}

std::string Service::location(const Context& context, const ResourceType& type, const std::string& id) const {
  std::string endpoint = type.endpoint;
  if (endpoint.empty() || endpoint.front() != '/') endpoint.insert(endpoint.begin(), '/');
  return base_url(context) + endpoint + "/" + id;
}

bool Service::has_members(const ResourceType& type) const {
  const Schema* base = registry_.base_schema(type);
  const AttributeDefinition* members = base ? base->find_attribute("members") : nullptr;
  return members != nullptr && members->is_complex() && members->multi_valued;
}

// ---- representation ----------------------------------------------------------

json::Value Service::assemble(const Context& context, const ResourceType& type, const StoredResource& stored) const {
  const std::string base = base_url(context);
  json::Value out = json::Value::object();
  json::Value schemas = stored.document.get("schemas");
  if (!schemas.is_array() || schemas.size() == 0) {
    schemas = json::Value::array();
    schemas.append(json::Value::string(type.schema));
  }
  out.set("schemas", schemas.deep_copy());
  out.set("id", json::Value::string(stored.id));
  if (json::Value external = stored.document.get("externalId")) out.set("externalId", external.deep_copy());

  for (const auto& [key, value] : stored.document.items()) {
    if (util::iequals(key, "schemas") || util::iequals(key, "id") || util::iequals(key, "externalId") ||
        util::iequals(key, "meta") || util::iequals(key, "members") || util::iequals(key, "groups")) {
      continue;
    }
    // ATT-18, ATT-20, SEC-09: a writeOnly or returned=never value (the
    // password hash) never leaves the service, whatever projection says.
    if (auto resolved = registry_.resolve(type, key); resolved && !resolved->in_extension) {
      const AttributeDefinition& def = resolved->definition();
      if (def.returned == Returned::kNever || def.mutability == Mutability::kWriteOnly) continue;
    }
    out.set(key, value.deep_copy());
  }

  auto ref = [&](const std::string& member_type, const std::string& id) -> std::string {
    const ResourceType* target = registry_.find_resource_type(member_type);
    if (target == nullptr) return {};
    std::string endpoint = target->endpoint;
    if (endpoint.empty() || endpoint.front() != '/') endpoint.insert(endpoint.begin(), '/');
    return base + endpoint + "/" + id;
  };
  if (stored.members && !stored.members->empty()) {
    json::Value members = json::Value::array();
    for (const Member& m : *stored.members) {
      json::Value v = json::Value::object();
      v.set("value", json::Value::string(m.value));
      if (std::string r = ref(m.type, m.value); !r.empty()) v.set("$ref", json::Value::string(r));
      if (!m.type.empty()) v.set("type", json::Value::string(m.type));
      if (!m.display.empty()) v.set("display", json::Value::string(m.display));
      members.append(v);
    }
    out.set("members", members);
  }
  // SCH-05: User.groups is computed from the membership table, direct
  // memberships only.
  if (!stored.groups.empty()) {
    json::Value groups = json::Value::array();
    for (const Member& g : stored.groups) {
      json::Value v = json::Value::object();
      v.set("value", json::Value::string(g.value));
      if (std::string r = ref("Group", g.value); !r.empty()) v.set("$ref", json::Value::string(r));
      if (!g.display.empty()) v.set("display", json::Value::string(g.display));
      v.set("type", json::Value::string("direct"));
      groups.append(v);
    }
    out.set("groups", groups);
  }

  // RES-07..RES-10.
  json::Value meta = json::Value::object();
  meta.set("resourceType", json::Value::string(type.name));
  meta.set("created", json::Value::string(stored.created));
  meta.set("lastModified", json::Value::string(stored.last_modified));
  meta.set("location", json::Value::string(location(context, type, stored.id)));
  meta.set("version", json::Value::string(etag_for_version(stored.version)));
  out.set("meta", meta);
  return out;
}

json::Value Service::render(const Context& context, const ResourceType& type, const StoredResource& stored,
                            const Projection& projection, const std::set<std::string>* requested) const {
  return apply(assemble(context, type, stored), type, registry_, projection, requested);
}

Result<StoredResource> Service::with_members_if_needed(const Context& context, const ResourceType& type,
                                                       StoredResource stored, const Projection& projection) {
  if (!has_members(type) || stored.members || !projection.needs("members")) return stored;
  return repository_.get(context.tenant_id, type.name, stored.id, true);
}

Result<void> Service::hash_password(json::Value* document, const json::Value& previous, bool keep_previous) const {
  json::Value given = document->get("password");
  json::Value stored = previous.get("password");
  if (given.is_string()) {
    std::string_view text = *given.as_string();
    if (text.empty()) {
      document->erase("password");
      return {};
    }
    // PATCH hands back the stored hash untouched when no operation named
    // the password; only a different value is a new cleartext password.
    if (stored.is_string() && *stored.as_string() == text) return {};
    if (!config_.hash_password) {
      return fail(Error::internal("Passwords cannot be stored: no password hasher is configured."));
    }
    document->set("password", json::Value::string(config_.hash_password(text)));
    return {};
  }
  if (!given && keep_previous && stored.is_string()) document->set("password", stored.deep_copy());
  return {};
}

// ---- single-resource operations --------------------------------------------

Result<Outcome> Service::create(const Context& context, const ResourceType& type, const json::Value& body,
                                const QueryParams& params) {
  auto projection = Projection::parse(param(params, "attributes").value_or(""),
                                      param(params, "excludedAttributes").value_or(""));
  if (!projection) return fail(projection.error());
  auto validated = validator(type).validate_create(body);
  if (!validated) return fail(validated.error());
  json::Value document = std::move(validated.value());
  std::set<std::string> requested = requested_paths(document, type, registry_);
  std::vector<Member> members = has_members(type) ? take_members(&document) : std::vector<Member>();
  if (auto hashed = hash_password(&document, json::Value(), false); !hashed) return fail(hashed.error());

  auto created = repository_.create(context.tenant_id, type.name, document, members);
  if (!created) return fail(created.error());
  auto full = with_members_if_needed(context, type, std::move(created.value()), *projection);
  if (!full) return fail(full.error());

  Outcome outcome;
  outcome.status = 201;
  outcome.body = render(context, type, *full, *projection, &requested);
  outcome.etag = etag_for_version(full->version);
  outcome.location = location(context, type, full->id);  // CRT-02, RES-09: equals meta.location
  return outcome;
}

Result<Outcome> Service::get(const Context& context, const ResourceType& type, const std::string& id,
                             const QueryParams& params, const Preconditions& preconditions) {
  auto projection = Projection::parse(param(params, "attributes").value_or(""),
                                      param(params, "excludedAttributes").value_or(""));
  if (!projection) return fail(projection.error());
  // PRJ-08: excludedAttributes=members never reads the membership table.
  auto stored = repository_.get(context.tenant_id, type.name, id, has_members(type) && projection->needs("members"));
  if (!stored) return fail(stored.error());

  Outcome outcome;
  outcome.etag = etag_for_version(stored->version);
  IfMatch if_match(preconditions.if_match);
  if (if_match.present && !etag_matches(if_match.header, outcome.etag)) {
    return fail(precondition_error(type, if_match.header, stored->version));
  }
  if (etag_matches(preconditions.if_none_match, outcome.etag)) {  // VER-05
    outcome.status = 304;
    return outcome;
  }
  outcome.status = 200;
  outcome.body = render(context, type, *stored, *projection);
  return outcome;
}

Result<Outcome> Service::replace(const Context& context, const ResourceType& type, const std::string& id,
                                 const json::Value& body, const QueryParams& params,
                                 const Preconditions& preconditions) {
  auto projection = Projection::parse(param(params, "attributes").value_or(""),
                                      param(params, "excludedAttributes").value_or(""));
  if (!projection) return fail(projection.error());
  IfMatch if_match(preconditions.if_match);
  // "password": null asks for the password to be removed; an omitted one
  // keeps the stored hash (a client can never echo it back).
  bool clears_password = body.is_object() && body.get_ci("password").is_null();

  for (int attempt = 1;; ++attempt) {
    auto stored = repository_.get(context.tenant_id, type.name, id, false);
    if (!stored) return fail(stored.error());
    if (if_match.present && !etag_matches(if_match.header, etag_for_version(stored->version))) {
      return fail(precondition_error(type, if_match.header, stored->version));  // VER-06
    }
    auto validated = validator(type).validate_replace(body, stored->document);
    if (!validated) return fail(validated.error());
    json::Value document = std::move(validated.value());
    std::set<std::string> requested = requested_paths(document, type, registry_);
    std::optional<std::vector<Member>> members;
    if (has_members(type)) members = take_members(&document);
    if (auto hashed = hash_password(&document, stored->document, !clears_password); !hashed) {
      return fail(hashed.error());
    }

    StoredResource result;
    if (!members && document.equals(stored->document)) {
      result = std::move(stored.value());  // nothing changes: no write, same version (VER-04)
    } else {
      auto written = repository_.replace(context.tenant_id, type.name, id, document, members, stored->version,
                                         change_kind(stored->document, document));
      if (!written) {
        if (written.error().status() == 412 && !if_match.pins_version()) {
          if (attempt < config_.max_write_attempts) continue;
          return fail(concurrency_error(type, attempt));
        }
        return fail(written.error());
      }
      result = std::move(written.value());
    }
    auto full = with_members_if_needed(context, type, std::move(result), *projection);
    if (!full) return fail(full.error());
    Outcome outcome;
    outcome.status = 200;  // PUT-09
    outcome.body = render(context, type, *full, *projection, &requested);
    outcome.etag = etag_for_version(full->version);
    return outcome;
  }
}

Result<Outcome> Service::patch(const Context& context, const ResourceType& type, const std::string& id,
                               const json::Value& body, const QueryParams& params,
                               const Preconditions& preconditions) {
  auto projection = Projection::parse(param(params, "attributes").value_or(""),
                                      param(params, "excludedAttributes").value_or(""));
  if (!projection) return fail(projection.error());
  // PAT-11: the resource is sent back only when the client asked for a
  // view of it; otherwise 204 (what Entra and Microsoft's tests expect).
  const bool wants_body = projection->mode() != Projection::Mode::kDefault;
  IfMatch if_match(preconditions.if_match);
  PatchOptions options;
  options.unknown_attributes = config_.unknown_attributes;
  options.unknown_extensions = config_.unknown_extensions;

  for (int attempt = 1;; ++attempt) {
    auto stored = repository_.get(context.tenant_id, type.name, id, false);
    if (!stored) return fail(stored.error());
    if (if_match.present && !etag_matches(if_match.header, etag_for_version(stored->version))) {
      return fail(precondition_error(type, if_match.header, stored->version));  // VER-06
    }
    auto patched = apply_patch(stored->document, body, type, registry_, options);
    if (!patched) return fail(patched.error());
    json::Value document = std::move(patched->document);
    if (auto hashed = hash_password(&document, stored->document, false); !hashed) return fail(hashed.error());
    const MemberChanges& changes = patched->members;
    const bool document_changed = patched->changed && !document.equals(stored->document);

    Result<StoredResource> written = stored.value();
    if (!document_changed && changes.empty()) {
      // PAT-15: nothing to do; the version stays.
    } else if (document_changed && !changes.empty()) {
      // Both the document and the members: one replace() keeps the request
      // atomic (PAT-07).  Only this rare shape reads the member list.
      auto full = repository_.get(context.tenant_id, type.name, id, true);
      if (!full) return fail(full.error());
      if (full->version != stored->version) {
        if (!if_match.pins_version() && attempt < config_.max_write_attempts) continue;
        return fail(if_match.pins_version() ? precondition_error(type, if_match.header, full->version)
                                            : concurrency_error(type, attempt));
      }
      written = repository_.replace(context.tenant_id, type.name, id, document,
                                    apply_member_changes(full->members.value_or(std::vector<Member>()), changes),
                                    stored->version, change_kind(patched->active_change));
    } else if (document_changed) {
      written = repository_.replace(context.tenant_id, type.name, id, document, std::nullopt, stored->version,
                                    change_kind(patched->active_change));
    } else {
      // Adding or removing named members commutes with any concurrent
      // change, so no version is required unless the client pinned one.
      std::optional<long long> expected;
      if (if_match.pins_version()) expected = stored->version;
      written = repository_.modify_members(context.tenant_id, id, changes.add, changes.remove, changes.remove_all,
                                           expected);
    }
    if (!written) {
      if (written.error().status() == 412 && !if_match.pins_version()) {
        if (attempt < config_.max_write_attempts) continue;
        return fail(concurrency_error(type, attempt));
      }
      return fail(written.error());
    }

    Outcome outcome;
    outcome.etag = etag_for_version(written->version);
    if (!wants_body) {
      outcome.status = 204;
      return outcome;
    }
    auto full = with_members_if_needed(context, type, std::move(written.value()), *projection);
    if (!full) return fail(full.error());
    outcome.status = 200;
    outcome.body = render(context, type, *full, *projection);
    return outcome;
  }
}

Result<Outcome> Service::remove(const Context& context, const ResourceType& type, const std::string& id,
                                const Preconditions& preconditions) {
  IfMatch if_match(preconditions.if_match);
  std::optional<long long> expected;
  if (if_match.present) {
    auto stored = repository_.get(context.tenant_id, type.name, id, false);
    if (!stored) return fail(stored.error());
    if (!etag_matches(if_match.header, etag_for_version(stored->version))) {
      return fail(precondition_error(type, if_match.header, stored->version));  // DEL-05
    }
    if (if_match.pins_version()) expected = stored->version;
  }
  auto removed = repository_.remove(context.tenant_id, type.name, id, expected);
  if (!removed) return fail(removed.error());
  Outcome outcome;
  outcome.status = 204;  // DEL-01
  return outcome;
}

// ---- queries -------------------------------------------------------------------

Result<Query> Service::build_query(const ResourceType& type, const SearchRequest& request) const {
  Query query;
  query.registry = &registry_;
  query.type = &type;
  if (request.filter && !util::trim(*request.filter).empty()) {
    auto parsed = parse_filter(*request.filter);
    if (!parsed) return fail(parsed.error());
    auto resolved = scim::resolve_filter(registry_, type, parsed.value());
    if (!resolved) return fail(resolved.error());
    query.filter = std::move(resolved.value());
  }
  if (request.sort_by && !util::trim(*request.sort_by).empty()) {
    auto sort_by = scim::resolve_sort_by(registry_, type, *request.sort_by);
    if (!sort_by) return fail(sort_by.error());
    query.sort_by = std::move(sort_by.value());
  }
  if (request.sort_order && !util::trim(*request.sort_order).empty()) {
    std::string_view order = util::trim(*request.sort_order);
    if (util::iequals(order, "descending")) {
      query.descending = true;
    } else if (!util::iequals(order, "ascending")) {
      return fail(Error::invalid_value("sortOrder must be \"ascending\" or \"descending\", not " + quoted(order)));
    }
    // SRT-03: without sortBy there is nothing to order by.
    if (!query.sort_by) query.descending = false;
  }

  if (request.cursor) {
    // RFC 9865: one paging method per request.
    if (request.start_index) {
      return fail(Error::invalid_value("startIndex and cursor cannot be used together; use one paging method"));
    }
    long long count = request.count.value_or(config_.default_page_size);
    if (count < 0) count = 0;  // CUR-02
    if (count > config_.max_page_size) {  // CUR-06
      return fail(Error::invalid_count("count " + std::to_string(count) + " is larger than the maximum page size " +
                                       std::to_string(config_.max_page_size)));
    }
    query.count = count;
    query.cursor = *request.cursor;
  } else {
    query.start_index = std::max(1LL, request.start_index.value_or(1));  // PAG-01
    query.count = std::clamp(request.count.value_or(config_.default_page_size), 0LL, config_.max_page_size);  // PAG-02/03
  }
  query.load_members = has_members(type) && request.projection.needs("members");  // PRJ-08
  return query;
}

Result<Outcome> Service::run_search(const Context& context, const ResourceType& type, const SearchRequest& request) {
  auto query = build_query(type, request);
  if (!query) return fail(query.error());
  auto page = repository_.search(context.tenant_id, type.name, *query);
  if (!page) return fail(page.error());

  json::Value resources = json::Value::array();
  for (const StoredResource& stored : page->resources) {
    resources.append(render(context, type, stored, request.projection));
  }
  // GET-03, PAG-04, PAG-05; RFC 9865 §2 for nextCursor.
  json::Value list = json::Value::object();
  json::Value schemas = json::Value::array();
  schemas.append(json::Value::string(kListResponseUrn));
  list.set("schemas", schemas);
  list.set("totalResults", json::Value::integer(page->total_results));
  list.set("itemsPerPage", json::Value::integer(static_cast<long long>(page->resources.size())));
  if (!query->cursor) list.set("startIndex", json::Value::integer(query->start_index));
  if (query->cursor && page->next_cursor) list.set("nextCursor", json::Value::string(*page->next_cursor));
  list.set("Resources", resources);

  Outcome outcome;
  outcome.status = 200;
  outcome.body = list;
  return outcome;
}

Result<Outcome> Service::list(const Context& context, const ResourceType& type, const QueryParams& params) {
  SearchRequest request;
  auto projection = Projection::parse(param(params, "attributes").value_or(""),
                                      param(params, "excludedAttributes").value_or(""));
  if (!projection) return fail(projection.error());
  request.projection = std::move(projection.value());
  request.filter = param(params, "filter");
  request.sort_by = param(params, "sortBy");
  request.sort_order = param(params, "sortOrder");
  request.cursor = param(params, "cursor");
  auto start_index = integer_param(params, "startIndex");
  if (!start_index) return fail(start_index.error());
  request.start_index = *start_index;
  auto count = integer_param(params, "count");
  if (!count) return fail(count.error());
  request.count = *count;
  return run_search(context, type, request);
}

Result<Outcome> Service::search(const Context& context, const ResourceType& type, const json::Value& body) {
  if (!body.is_object()) {
    return fail(Error::invalid_syntax("a search request body must be a JSON object"));
  }
  // SRCH-02.
  json::Value schemas = body.get_ci("schemas");
  bool listed = false;
  for (size_t i = 0; schemas.is_array() && i < schemas.size(); ++i) {
    listed = listed || util::iequals(schemas.at(i).as_string().value_or(""), kSearchRequestUrn);
  }
  if (!listed) {
    return fail(Error::invalid_syntax("\"schemas\" must contain \"" + std::string(kSearchRequestUrn) + "\""));
  }

  SearchRequest request;
  std::vector<std::string> problems;
  auto text = [&](std::string_view name, std::optional<std::string>* out) {
    json::Value v = body.get_ci(name);
    if (!v || v.is_null()) return;
    if (auto s = v.as_string()) {
      *out = std::string(*s);
    } else {
      problems.push_back(std::string(name) + " must be a string");
    }
  };
  auto number = [&](std::string_view name, std::optional<long long>* out) {
    json::Value v = body.get_ci(name);
    if (!v || v.is_null()) return;
    long long n = 0;
    if (auto i = v.as_integer()) {
      *out = *i;
    } else if (auto s = v.as_string(); s && util::parse_int(util::trim(*s), &n)) {
      *out = n;
    } else {
      problems.push_back(std::string(name) + " must be an integer");
    }
  };
  auto names = [&](std::string_view name, std::vector<std::string>* out) {
    json::Value v = body.get_ci(name);
    if (!v || v.is_null()) return;
    if (auto s = v.as_string()) {  // tolerated: the query-string form
      for (std::string_view part : util::split(*s, ',')) {
        if (!util::trim(part).empty()) out->emplace_back(util::trim(part));
      }
      return;
    }
    if (!v.is_array()) {
      problems.push_back(std::string(name) + " must be an array of strings");
      return;
    }
    for (size_t i = 0; i < v.size(); ++i) {
      auto s = v.at(i).as_string();
      if (!s) {
        problems.push_back(std::string(name) + " must be an array of strings");
        return;
      }
      out->emplace_back(*s);
    }
  };
  text("filter", &request.filter);
  text("sortBy", &request.sort_by);
  text("sortOrder", &request.sort_order);
  text("cursor", &request.cursor);
  number("startIndex", &request.start_index);
  number("count", &request.count);
  std::vector<std::string> attributes, excluded;
  names("attributes", &attributes);
  names("excludedAttributes", &excluded);
  if (!problems.empty()) {
    std::string detail = "invalid search request: ";
    for (size_t i = 0; i < problems.size(); ++i) detail += (i ? "; " : "") + problems[i];
    return fail(Error::invalid_value(detail));
  }
  auto projection = Projection::parse(attributes, excluded);
  if (!projection) return fail(projection.error());
  request.projection = std::move(projection.value());
  return run_search(context, type, request);
}

}  // namespace fastscim::scim
