// app::service_config — the scim::ServiceConfig a Config asks for: paging
// and request bounds, the default unknown-attribute policies, and the
// password hasher.  fastscimd's serving threads and fastscim-admin's user
// import build their Services from it, so a user imported from a file is
// validated and stored exactly as one POSTed over SCIM.
//
// Thread-safety: a pure function.
#ifndef FASTSCIM_APP_SERVICE_CONFIG_H_
#define FASTSCIM_APP_SERVICE_CONFIG_H_

#include "app/config.h"
#include "scim/service.h"

namespace fastscim::app {

scim::ServiceConfig service_config(const Config& config);

}  // namespace fastscim::app

#endif  // FASTSCIM_APP_SERVICE_CONFIG_H_
