// scim::LinkKeys and the pure half of the link-existing policy
// (doc/policies.md, "Accounts that existed before provisioning"): what an
// identity provider's new user may be matched on, what it offers to match,
// and the record an adopted local user becomes.
//
// The product imports its existing accounts as locally owned users.  When
// a tenant links on `email` and/or `employeeNumber`, a provider's POST of a
// user whose work email (case-insensitively) or employee number matches
// exactly one local user that no provider has adopted yet adopts that user
// instead of creating another; the store finds and locks the candidates
// inside the write's transaction (store/account_linking.h).
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_ACCOUNT_LINKING_H_
#define FASTSCIM_SCIM_ACCOUNT_LINKING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"

namespace fastscim::scim {

// The tenant setting's name.
inline constexpr std::string_view kLinkExisting = "link-existing";

// What a provider's user may be matched on; neither = the policy is off.
struct LinkKeys {
  bool email = false;
  bool employee_number = false;

  bool any() const { return email || employee_number; }
};

// Reads the setting: "off", or a comma list of "email" and
// "employeeNumber" (blanks around items ignored; the names in any case).
// nullopt with *error naming the problem otherwise.
std::optional<LinkKeys> parse_link_keys(std::string_view text, std::string* error);

// The canonical spelling: "off", "email", "employeeNumber" or "email,employeeNumber".
std::string to_string(const LinkKeys& keys);

// What a provider's new user offers to match on, within `keys`.
struct LinkProbe {
  // Its work email addresses: the values of emails of type "work"; when it
  // has none, its primary email; when none is primary, its first.
  std::vector<std::string> emails;
  std::string employee_number;  // the enterprise extension's; "" when absent

  bool empty() const { return emails.empty() && employee_number.empty(); }
};

LinkProbe link_probe(const json::Value& user, const LinkKeys& keys);

// The record a local user becomes when a provider adopts it: the local
// document with the provider's attributes applied on top — every
// top-level attribute the provider sent replaces the local one, an
// extension object is merged one level down (the provider's
// sub-attributes win), and `schemas` lists the URNs of both.  Attributes
// only the product knew are kept.
json::Value adopted_document(const json::Value& local, const json::Value& provider);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_ACCOUNT_LINKING_H_
