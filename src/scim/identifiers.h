// scim::Identifier — the identifiers of a user that a deployment may
// require to be held by one tenant only (the unique-across-tenants policy,
// doc/policies.md): its email addresses and its mobile numbers, each in
// the one form every spelling of it shares, so that the store can claim
// them under a unique index.
//
//   * An email address is compared case-insensitively: its key is the
//     address without surrounding blanks, ASCII letters in lower case.
//   * A mobile number (a phoneNumbers entry of type "mobile") is compared
//     without spaces, dashes and brackets; a leading '+' is kept, so
//     "+49 (30) 1234-56" and "+4930123456" are one number.
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_IDENTIFIERS_H_
#define FASTSCIM_SCIM_IDENTIFIERS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"

namespace fastscim::scim {

enum class IdentifierKind { kEmail, kMobile };

// "email" or "mobile": the kind as events, details and the store name it.
const char* identifier_kind_name(IdentifierKind kind);

struct Identifier {
  IdentifierKind kind = IdentifierKind::kEmail;
  std::string key;    // the normalised form the unique index compares
  std::string value;  // as the user's document spells it (the first spelling seen)

  bool operator<(const Identifier& other) const { return kind != other.kind ? kind < other.kind : key < other.key; }
  bool operator==(const Identifier& other) const { return kind == other.kind && key == other.key; }
};

// Which identifiers must be unique across tenants; nothing = the policy is off.
struct IdentifierScope {
  bool emails = false;
  bool mobile = false;

  bool any() const { return emails || mobile; }
};

// Reads the policy's value: "off", or a comma list of "emails" and "mobile"
// (blanks around items ignored, any case).  nullopt with *error naming the
// problem for anything else (an empty list included).
std::optional<IdentifierScope> parse_identifier_scope(std::string_view text, std::string* error);

// The canonical spelling: "off", "emails", "mobile" or "emails,mobile".
std::string to_string(const IdentifierScope& scope);

// The key of an email address: blanks trimmed, ASCII letters lowered.
std::string normalize_email(std::string_view address);

// The key of a phone number: spaces, tabs, dashes and brackets ((), [])
// removed; everything else, a leading '+' included, kept in order.
std::string normalize_phone(std::string_view number);

// The identifiers of `user` (a User document) within `scope`, each key
// once, ordered by kind then key (the order the store claims them in, so
// two writers never wait for each other in opposite orders).  Entries with
// no string value, or whose key is empty, are skipped.
std::vector<Identifier> claimed_identifiers(const json::Value& user, const IdentifierScope& scope);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_IDENTIFIERS_H_
