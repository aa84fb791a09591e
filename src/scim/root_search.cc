// Service::search_root — POST /.search at the root (RFC 7644 §3.4.3).
//
// One ListResponse over every resource type of the registry.  The order is
// fixed so that index paging is stable: the types in the registry's order
// (User, then Group), and within a type the order of sortBy (when the type
// has that attribute) or of creation.  A page that starts in Users and
// ends in Groups is read as the tail of one query and the head of the
// next; each query also counts its matches, so totalResults is the sum.
#include <algorithm>
#include <utility>
#include <vector>

#include "scim/filter_parser.h"
#include "scim/filter_scope.h"
#include "scim/service.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim {

Result<Outcome> Service::search_root(const Context& context, const json::Value& body) {
  auto request = search_request_from_body(body, config_.dialect);
  if (!request) return fail(request.error());
  if (request->cursor) {
    return fail(
        Error::invalid_value("cursor paging is not offered for a search across resource types; use "
                             "startIndex and count, or search one endpoint"));
  }
  std::optional<Filter> filter;
  if (request->filter && !util::trim(*request->filter).empty()) {
    auto parsed = parse_filter(*request->filter, config_.dialect);
    if (!parsed) return fail(parsed.error());
    filter = std::move(parsed.value());
  }
  const bool sorted = request->sort_by && !util::trim(*request->sort_by).empty();
  if (sorted) {
    const auto& types = registry_.resource_types();
    bool anywhere = std::any_of(types.begin(), types.end(), [&](const ResourceType& type) {
      return registry_.resolve(type, *request->sort_by).has_value();
    });
    if (!anywhere) {
      return fail(Error::invalid_value("sortBy names no attribute of any resource type: " +
                                       quoted(util::trim(*request->sort_by))));
    }
  }

  const long long offset = std::max(1LL, request->start_index.value_or(1)) - 1;  // PAG-01
  const long long count = std::clamp(request->count.value_or(config_.default_page_size), 0LL,
                                     config_.max_page_size);  // PAG-02/03
  long long before = 0;                                       // matches of the types already counted
  long long remaining = count;
  json::Value resources = json::Value::array();
  const Representation shown = representation(context);
  for (const ResourceType& type : registry_.resource_types()) {
    SearchRequest part = *request;
    std::optional<Filter> scoped;
    if (filter) {
      ScopedFilter cut = scope_filter(registry_, type, *filter);  // FLT-16
      if (cut.kind == ScopedFilter::Kind::kNothing) continue;
      scoped = std::move(cut.filter);
    }
    part.filter.reset();  // the filter, if any, is `scoped`
    if (sorted && !registry_.resolve(type, *part.sort_by)) part.sort_by.reset();
    part.start_index = std::max(0LL, offset - before) + 1;
    part.count = remaining;
    auto query = build_query(type, part, scoped ? &*scoped : nullptr);
    if (!query) return fail(query.error());
    query->count = remaining;  // may be 0: the query then only counts
    auto page = repository_.search(context.tenant_id, type.name, *query);
    if (!page) return fail(page.error());
    const PreparedProjection prepared(request->projection, type, registry_);
    for (const StoredResource& stored : page->resources) {
      resources.append(shown.render(type, stored, prepared));  // GET-07: with its schemas
    }
    remaining -= static_cast<long long>(page->resources.size());
    before += page->total_results;
  }
  // GET-03, PAG-04, PAG-05, as Representation::list_response.
  json::Value list = json::Value::object();
  json::Value schemas = json::Value::array();
  schemas.append(json::Value::string(kListResponseUrn));
  list.set("schemas", schemas);
  list.set("totalResults", json::Value::integer(before));
  list.set("itemsPerPage", json::Value::integer(count - remaining));
  list.set("startIndex", json::Value::integer(offset + 1));
  list.set("Resources", resources);
  Outcome outcome;
  outcome.kind = OutcomeKind::kOk;
  outcome.body = std::move(list);
  return outcome;
}

}  // namespace fastscim::scim
