// The URLs a webhook endpoint may have: absolute http:// or https:// URLs
// with a host, at most 2048 characters of printable ASCII, without user
// credentials (they would be shown by `webhook list`) and without a
// fragment.  Checked when an endpoint is added; the HTTP client also
// refuses any other protocol and never follows a redirect.
//
// Thread-safety: a pure function.
#ifndef FASTSCIM_WEBHOOK_ENDPOINT_URL_H_
#define FASTSCIM_WEBHOOK_ENDPOINT_URL_H_

#include <string>
#include <string_view>

namespace fastscim::webhook {

// "" when `url` is acceptable, otherwise what is wrong with it, for the
// operator ("only http:// and https:// URLs are accepted", …).
std::string endpoint_url_problem(std::string_view url);

}  // namespace fastscim::webhook

#endif  // FASTSCIM_WEBHOOK_ENDPOINT_URL_H_
