#include "scim/service.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "scim/active_change.h"
#include "scim/core_schemas.h"
#include "scim/event.h"
#include "scim/filter_parser.h"
#include "scim/filter_resolver.h"
#include "scim/patch.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

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

}  // namespace

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

Representation Service::representation(const Context& context) const {
  return Representation(registry_, base_url(context));
}

EventDraft Service::draft(const Context& context, const ResourceType& type, OutcomeKind outcome) const {
  EventDraft draft;
  draft.log = context.log;
  draft.outcome = outcome;
  draft.local_owner = context.local_owner;
  // The event's data is what a client reading the resource would see,
  // without a group's members (they travel as member events).  It shares
  // the stored document's values: the event is written out, and the
  // overrides that change it copy what they change (overrides.h).
  draft.describe = [shown = representation(context), &type](const StoredResource& stored) {
    return shown.view(type, stored);
  };
  return draft;
}

EventDraft Service::update_draft(const Context& context, const ResourceType& type, OutcomeKind outcome,
                                 const json::Value& before, const json::Value& after) const {
  EventDraft d = draft(context, type, outcome);
  attribute_changes(registry_, type, before, after, &d);
  return d;
}

bool Service::has_members(const ResourceType& type) const {
  const Schema* base = registry_.base_schema(type);
  const AttributeDefinition* members = base ? base->find_attribute("members") : nullptr;
  return members != nullptr && members->is_complex() && members->multi_valued;
}

Result<StoredResource> Service::with_members_if_needed(const Context& context, const ResourceType& type,
                                                       StoredResource stored, const Projection& projection) {
  if (!has_members(type) || stored.members || !projection.needs("members")) return stored;
  return repository_.get(context.tenant_id, type.name, stored.id, true);
}

bool Service::shows_memberships(const ResourceType& type, const Projection& projection) const {
  return projection.needs(has_members(type) ? "members" : "groups");
}

Result<void> Service::check_member_count(size_t count) const {
  if (config_.max_members_per_request > 0 && count > config_.max_members_per_request) {
    return fail(Error::too_many("The request lists " + std::to_string(count) + " members; at most " +
                                std::to_string(config_.max_members_per_request) +
                                " are accepted in one request. Send the rest with PATCH (add members)."));
  }
  return {};
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
  auto projection = projection_param(params, config_.dialect);
  if (!projection) return fail(projection.error());
  auto validated = validator(type).validate_create(body);
  if (!validated) return fail(validated.error());
  json::Value document = std::move(validated.value());
  std::set<std::string> requested = requested_paths(document, type, registry_);
  std::vector<Member> members = has_members(type) ? take_members(&document) : std::vector<Member>();
  if (auto capped = check_member_count(members.size()); !capped) return fail(capped.error());
  if (auto hashed = hash_password(&document, json::Value(), false); !hashed) return fail(hashed.error());

  EventDraft created_draft = draft(context, type, OutcomeKind::kCreated);
  if (type.name == user_resource_type().name) {  // creation templates (templates.h)
    if (const Template* matched = first_matching(registry_, type, templates_, document)) {
      created_draft.template_name = matched->name;
      created_draft.template_values = matched->values;
    }
  }
  auto created = repository_.create(context.tenant_id, type.name, document, members, created_draft);
  if (!created) return fail(created.error());
  auto full = with_members_if_needed(context, type, std::move(created.value()), *projection);
  if (!full) return fail(full.error());

  const Representation view = representation(context);
  Outcome outcome;
  outcome.kind = OutcomeKind::kCreated;
  outcome.body = view.render(type, *full, *projection, &requested);
  outcome.version = full->version;
  outcome.location = view.location(type, full->id);  // CRT-02, RES-09: equals meta.location
  return outcome;
}

Result<Outcome> Service::get(const Context& context, const ResourceType& type, const std::string& id,
                             const QueryParams& params, const Preconditions& preconditions) {
  auto projection = projection_param(params, config_.dialect);
  if (!projection) return fail(projection.error());
  // PRJ-08: excludedAttributes=members (or groups) never reads the
  // membership table.
  auto stored = repository_.get(context.tenant_id, type.name, id, shows_memberships(type, *projection));
  if (!stored) return fail(stored.error());
  if (auto checked = check_if_match(preconditions, type, stored->version); !checked) return fail(checked.error());

  Outcome outcome;
  outcome.version = stored->version;
  if (preconditions.if_none_match && preconditions.if_none_match->matches(stored->version)) {  // VER-05
    outcome.kind = OutcomeKind::kNotModified;
    return outcome;
  }
  outcome.kind = OutcomeKind::kOk;
  outcome.body = representation(context).render(type, *stored, *projection);
  return outcome;
}

Result<Outcome> Service::replace(const Context& context, const ResourceType& type, const std::string& id,
                                 const json::Value& body, const QueryParams& params,
                                 const Preconditions& preconditions) {
  auto projection = projection_param(params, config_.dialect);
  if (!projection) return fail(projection.error());
  // "password": null asks for the password to be removed; an omitted one
  // keeps the stored hash (a client can never echo it back).
  bool clears_password = body.is_object() && body.get_ci("password").is_null();

  return retry_lost_races(type, preconditions, config_.max_write_attempts, [&]() -> Result<Outcome> {
    // The document and version only: the write reads the memberships its
    // answer and its event show, in its own transaction.
    auto stored = repository_.get(context.tenant_id, type.name, id, false);
    if (!stored) return fail(stored.error());
    if (auto checked = check_if_match(preconditions, type, stored->version); !checked) {
      return fail(checked.error());  // VER-06
    }
    auto validated = validator(type).validate_replace(body, stored->document);
    if (!validated) return fail(validated.error());
    json::Value document = std::move(validated.value());
    std::set<std::string> requested = requested_paths(document, type, registry_);
    std::optional<MemberChanges> members;
    if (has_members(type)) {
      members = MemberChanges{take_members(&document), {}, true};  // PUT: exactly the list sent
      if (auto capped = check_member_count(members->add.size()); !capped) return fail(capped.error());
    }
    if (auto hashed = hash_password(&document, stored->document, !clears_password); !hashed) {
      return fail(hashed.error());
    }

    StoredResource result;
    if (!members && document.equals(stored->document)) {
      // Nothing changes: no write, same version (VER-04).  The answer shows
      // the memberships the first read left out.
      auto unchanged = repository_.get(context.tenant_id, type.name, id, shows_memberships(type, *projection));
      if (!unchanged) return fail(unchanged.error());
      result = std::move(unchanged.value());
    } else {
      auto written = repository_.replace(context.tenant_id, *stored, document, members,
                                         change_kind(active_change(stored->document, document)),
                                         update_draft(context, type, OutcomeKind::kOk, stored->document, document));
      if (!written) return fail(written.error());
      result = std::move(written.value());
    }
    auto full = with_members_if_needed(context, type, std::move(result), *projection);
    if (!full) return fail(full.error());
    Outcome outcome;
    outcome.kind = OutcomeKind::kOk;  // PUT-09
    outcome.body = representation(context).render(type, *full, *projection, &requested);
    outcome.version = full->version;
    return outcome;
  });
}

Result<Outcome> Service::patch(const Context& context, const ResourceType& type, const std::string& id,
                               const json::Value& body, const QueryParams& params, const Preconditions& preconditions) {
  auto projection = projection_param(params, config_.dialect);
  if (!projection) return fail(projection.error());
  // PAT-11: the resource is sent back only when the client asked for a
  // view of it; otherwise no content (what Entra and Microsoft's tests expect).
  const bool wants_body = projection->mode() != Projection::Mode::kDefault;
  PatchOptions options;
  options.unknown_attributes = config_.unknown_attributes;
  options.unknown_extensions = config_.unknown_extensions;
  options.max_operations = config_.max_patch_operations;
  options.max_members = config_.max_members_per_request;

  return retry_lost_races(type, preconditions, config_.max_write_attempts, [&]() -> Result<Outcome> {
    // The document and version only, as for replace().
    auto stored = repository_.get(context.tenant_id, type.name, id, false);
    if (!stored) return fail(stored.error());
    if (auto checked = check_if_match(preconditions, type, stored->version); !checked) {
      return fail(checked.error());  // VER-06
    }
    auto patched = apply_patch(stored->document, body, type, registry_, options);
    if (!patched) return fail(patched.error());
    json::Value document = std::move(patched->document);
    if (auto hashed = hash_password(&document, stored->document, false); !hashed) return fail(hashed.error());
    const MemberChanges& changes = patched->members;
    const bool document_changed = patched->changed && !document.equals(stored->document);

    const OutcomeKind success = wants_body ? OutcomeKind::kOk : OutcomeKind::kNoContent;
    Result<StoredResource> written = stored.value();
    if (!document_changed && changes.empty()) {
      // PAT-15: nothing to do; the version stays.  An answer shows the
      // memberships the first read left out.
      if (wants_body) written = repository_.get(context.tenant_id, type.name, id, shows_memberships(type, *projection));
    } else if (document_changed && !changes.empty()) {
      // Both the document and the members: one replace() keeps the request
      // atomic (PAT-07) and writes only the membership rows that change.
      written = repository_.replace(context.tenant_id, *stored, document, changes, change_kind(patched->active_change),
                                    update_draft(context, type, success, stored->document, document));
    } else if (document_changed) {
      written = repository_.replace(context.tenant_id, *stored, document, std::nullopt,
                                    change_kind(patched->active_change),
                                    update_draft(context, type, success, stored->document, document));
    } else {
      // Adding or removing named members commutes with any concurrent
      // change, so no version is required unless the client pinned one.
      std::optional<long long> expected;
      if (preconditions.pins_version()) expected = stored->version;
      written = repository_.modify_members(context.tenant_id, id, changes.add, changes.remove, changes.remove_all,
                                           expected, draft(context, type, success));
    }
    if (!written) return fail(written.error());

    Outcome outcome;
    outcome.version = written->version;
    // The provisioning log names the resource even when no body goes back.
    for (const char* key : {"userName", "displayName"}) {
      if (auto name = document.get(key).as_string()) {
        outcome.name = std::string(*name);
        break;
      }
    }
    if (!wants_body) {
      outcome.kind = OutcomeKind::kNoContent;
      return outcome;
    }
    auto full = with_members_if_needed(context, type, std::move(written.value()), *projection);
    if (!full) return fail(full.error());
    outcome.kind = OutcomeKind::kOk;
    outcome.body = representation(context).render(type, *full, *projection);
    return outcome;
  });
}

Result<Outcome> Service::remove(const Context& context, const ResourceType& type, const std::string& id,
                                const Preconditions& preconditions) {
  std::optional<long long> expected;
  if (preconditions.if_match) {
    auto stored = repository_.get(context.tenant_id, type.name, id, false);
    if (!stored) return fail(stored.error());
    if (auto checked = check_if_match(preconditions, type, stored->version); !checked) {
      return fail(checked.error());  // DEL-05
    }
    if (preconditions.pins_version()) expected = stored->version;
  }
  auto removed = repository_.remove(context.tenant_id, type.name, id, expected,
                                    draft(context, type, OutcomeKind::kNoContent));  // DEL-01
  if (!removed) return fail(removed.error());
  Outcome outcome;
  outcome.kind = OutcomeKind::kNoContent;  // DEL-01
  return outcome;
}

// ---- queries -------------------------------------------------------------------

Result<Query> Service::build_query(const ResourceType& type, const SearchRequest& request, const Filter* scoped) const {
  Query query;
  query.registry = &registry_;
  query.type = &type;
  if (scoped != nullptr) {
    auto resolved = scim::resolve_filter(registry_, type, *scoped);
    if (!resolved) return fail(resolved.error());
    query.filter = std::move(resolved.value());
  } else if (request.filter && !util::trim(*request.filter).empty()) {
    auto parsed = parse_filter(*request.filter, config_.dialect);
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
    if (count < 0) count = 0;             // CUR-02
    if (count > config_.max_page_size) {  // CUR-06
      return fail(Error::invalid_count("count " + std::to_string(count) + " is larger than the maximum page size " +
                                       std::to_string(config_.max_page_size)));
    }
    query.count = count;
    query.cursor = *request.cursor;
  } else {
    query.start_index = std::max(1LL, request.start_index.value_or(1));  // PAG-01
    query.count = std::clamp(request.count.value_or(config_.default_page_size), 0LL,
                             config_.max_page_size);  // PAG-02/03
  }
  query.load_memberships = shows_memberships(type, request.projection);  // PRJ-08
  query.max_members = config_.max_members_per_page;
  return query;
}

Result<Outcome> Service::run_search(const Context& context, const ResourceType& type, const SearchRequest& request) {
  auto query = build_query(type, request);
  if (!query) return fail(query.error());
  auto page = repository_.search(context.tenant_id, type.name, *query);
  if (!page) return fail(page.error());
  Outcome outcome;
  outcome.kind = OutcomeKind::kOk;
  outcome.body = representation(context).list_response(type, *page, *query, request.projection);
  return outcome;
}

Result<Outcome> Service::list(const Context& context, const ResourceType& type, const QueryParams& params) {
  auto request = search_request_from_params(params, config_.dialect);
  if (!request) return fail(request.error());
  return run_search(context, type, *request);
}

Result<Outcome> Service::search(const Context& context, const ResourceType& type, const json::Value& body) {
  auto request = search_request_from_body(body, config_.dialect);
  if (!request) return fail(request.error());
  return run_search(context, type, *request);
}

}  // namespace fastscim::scim
