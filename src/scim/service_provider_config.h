// The /ServiceProviderConfig resource (RFC 7643 §5), built from what this
// build of fastscim actually supports, so that it never advertises a
// feature that answers 501 (DSC-06).
//
// Thread-safety: pure function.
#ifndef FASTSCIM_SCIM_SERVICE_PROVIDER_CONFIG_H_
#define FASTSCIM_SCIM_SERVICE_PROVIDER_CONFIG_H_

#include <string>

#include "json/value.h"

namespace fastscim::scim {

struct Capabilities {
  bool patch = false;
  bool filter = false;
  int max_results = 200;
  bool sort = false;
  bool etag = false;
  bool change_password = false;
  bool bulk = false;
  long long bulk_max_operations = 0;  // advertised as bulk.maxOperations
  long long bulk_max_payload = 0;     // bulk.maxPayloadSize, in bytes
  bool cursor_paging = false;
  int default_page_size = 100;
};

// `location` is the absolute URL of the resource (meta.location).
json::Value service_provider_config(const Capabilities& capabilities, const std::string& location);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_SERVICE_PROVIDER_CONFIG_H_
