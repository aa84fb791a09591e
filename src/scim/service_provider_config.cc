#include "scim/service_provider_config.h"

namespace fastscim::scim {

namespace {
json::Value supported(bool value) {
  json::Value v = json::Value::object();
  v.set("supported", json::Value::boolean(value));
  return v;
}
}  // namespace

json::Value service_provider_config(const Capabilities& caps, const std::string& location) {
  json::Value spc = json::Value::object();
  json::Value schemas = json::Value::array();
  schemas.append(json::Value::string("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"));
  spc.set("schemas", schemas);
  spc.set("documentationUri", json::Value::string("https://github.com/fastscim/fastscim#readme"));
  spc.set("patch", supported(caps.patch));

  json::Value bulk = supported(caps.bulk);
  bulk.set("maxOperations", json::Value::integer(caps.bulk ? caps.bulk_max_operations : 0));
  bulk.set("maxPayloadSize", json::Value::integer(caps.bulk ? caps.bulk_max_payload : 0));
  spc.set("bulk", bulk);

  json::Value filter = supported(caps.filter);
  filter.set("maxResults", json::Value::integer(caps.max_results));
  spc.set("filter", filter);

  spc.set("changePassword", supported(caps.change_password));
  spc.set("sort", supported(caps.sort));
  spc.set("etag", supported(caps.etag));

  // RFC 9865 §4: advertised only once cursor paging exists.
  if (caps.cursor_paging) {
    json::Value pagination = json::Value::object();
    pagination.set("cursor", json::Value::boolean(true));
    pagination.set("index", json::Value::boolean(true));
    pagination.set("defaultPaginationMethod", json::Value::string("index"));
    pagination.set("defaultPageSize", json::Value::integer(caps.default_page_size));
    pagination.set("maxPageSize", json::Value::integer(caps.max_results));
    spc.set("pagination", pagination);
  }

  json::Value scheme = json::Value::object();
  scheme.set("type", json::Value::string("oauthbearertoken"));
  scheme.set("name", json::Value::string("OAuth Bearer Token"));
  scheme.set("description",
             json::Value::string("A bearer token issued by the operator with `fastscim-admin token issue`, "
                                 "sent as \"Authorization: Bearer <token>\"."));
  scheme.set("specUri", json::Value::string("https://www.rfc-editor.org/info/rfc6750"));
  scheme.set("primary", json::Value::boolean(true));
  json::Value schemes = json::Value::array();
  schemes.append(scheme);
  spc.set("authenticationSchemes", schemes);

  json::Value meta = json::Value::object();
  meta.set("resourceType", json::Value::string("ServiceProviderConfig"));
  meta.set("location", json::Value::string(location));
  spc.set("meta", meta);
  return spc;
}

}  // namespace fastscim::scim
