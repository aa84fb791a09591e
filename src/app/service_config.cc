#include "app/service_config.h"

#include <string_view>

#include "auth/token.h"

namespace fastscim::app {

scim::ServiceConfig service_config(const Config& config) {
  scim::ServiceConfig c;
  c.base_url = config.public_url;  // each request's own base URL wins when this is empty
  c.default_page_size = config.default_page_size;
  c.max_page_size = config.max_page_size;
  c.max_patch_operations = static_cast<size_t>(config.max_patch_operations);
  c.max_members_per_request = static_cast<size_t>(config.max_members_per_request);
  c.max_members_per_page = config.max_members_per_page;
  c.hash_password = [](std::string_view password) { return auth::hash_password(password); };
  c.unknown_attributes = config.unknown_attributes == "reject" ? scim::UnknownAttributePolicy::kReject
                                                               : scim::UnknownAttributePolicy::kIgnore;
  c.unknown_extensions = config.unknown_extensions == "ignore" ? scim::UnknownAttributePolicy::kIgnore
                                                               : scim::UnknownAttributePolicy::kReject;
  return c;
}

}  // namespace fastscim::app
