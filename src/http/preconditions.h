// The conditional request headers If-Match and If-None-Match (RFC 7232
// §3.1, §3.2), parsed into the version sets the SCIM core compares with a
// resource's version (scim/preconditions.h).
//
// Header syntax lives here: `*`, a comma-separated list of entity tags,
// weak (W/"3") or strong ("3"), and tolerated bare tokens (3).  fastscim's
// ETags are W/"<version>" (RES-10), so a tag names version N when its
// opaque part is exactly N in decimal; any other tag names no version.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_HTTP_PRECONDITIONS_H_
#define FASTSCIM_HTTP_PRECONDITIONS_H_

#include <optional>
#include <string_view>

#include "http/request.h"
#include "scim/preconditions.h"

namespace fastscim::http {

// The versions header value `header` names: `any` for "*" (alone), else
// each listed tag that names a version, compared weakly (VER-08).  nullopt
// for an absent or blank header.  `text` keeps the trimmed header.
std::optional<scim::VersionSet> parse_version_set(std::string_view header);

// The If-Match and If-None-Match of `request`.
scim::Preconditions preconditions_of(const Request& request);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_PRECONDITIONS_H_
