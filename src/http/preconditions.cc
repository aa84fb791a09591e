#include "http/preconditions.h"

#include <string>

#include "util/strings.h"

namespace fastscim::http {

namespace {

// Every header compares the opaque tag only: W/"3" and "3" are weakly
// equal (RFC 7232 §2.3.2).  A bare token is read as if it were quoted.
std::string_view opaque_tag(std::string_view tag) {
  tag = util::trim(tag);
  if (tag.size() >= 2 && (tag[0] == 'W' || tag[0] == 'w') && tag[1] == '/') tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
  return tag;
}

}  // namespace

std::optional<scim::VersionSet> parse_version_set(std::string_view header) {
  header = util::trim(header);
  if (header.empty()) return std::nullopt;
  scim::VersionSet set;
  set.text = std::string(header);
  if (header == "*") {
    set.any = true;
    return set;
  }
  for (std::string_view candidate : util::split(header, ',')) {
    std::string_view tag = opaque_tag(candidate);
    long long version = 0;
    // Only the exact decimal spelling names a version: "03" is not W/"3".
    if (util::parse_int(tag, &version) && std::to_string(version) == tag) set.versions.push_back(version);
  }
  return set;
}

scim::Preconditions preconditions_of(const Request& request) {
  scim::Preconditions preconditions;
  preconditions.if_match = parse_version_set(request.if_match);
  preconditions.if_none_match = parse_version_set(request.if_none_match);
  return preconditions;
}

}  // namespace fastscim::http
