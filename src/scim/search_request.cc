#include "scim/search_request.h"

#include <vector>

#include "util/strings.h"

namespace fastscim::scim {

Result<SearchRequest> search_request_from_params(const QueryParams& params, Dialect dialect) {
  SearchRequest request;
  auto projection = projection_param(params, dialect);
  if (!projection) return fail(projection.error());
  request.projection = std::move(projection.value());
  request.filter = find_param(params, "filter");
  request.sort_by = find_param(params, "sortBy");
  request.sort_order = find_param(params, "sortOrder");
  request.cursor = find_param(params, "cursor");
  auto start_index = integer_param(params, "startIndex");
  if (!start_index) return fail(start_index.error());
  request.start_index = *start_index;
  auto count = integer_param(params, "count");
  if (!count) return fail(count.error());
  request.count = *count;
  return request;
}

Result<SearchRequest> search_request_from_body(const json::Value& body, Dialect dialect) {
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
  // Every badly typed member is reported at once, so a client fixes all of
  // them in one round trip.
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
  auto projection = Projection::parse(attributes, excluded, dialect);
  if (!projection) return fail(projection.error());
  request.projection = std::move(projection.value());
  return request;
}

}  // namespace fastscim::scim
