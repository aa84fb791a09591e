// The lexical forms of SCIM attribute values (RFC 7643 §2.3) that the
// Validator checks and coerces: integer and decimal literals, xsd:dateTime,
// base64.  Pure functions of the text; no schema involved.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_SCIM_VALUE_SYNTAX_H_
#define FASTSCIM_SCIM_VALUE_SYNTAX_H_

#include <string_view>

namespace fastscim::scim {

// True for an optionally signed run of decimal digits: a JSON integer as a
// client would have written it unquoted ("42", "-7", "+3").
bool is_integer_literal(std::string_view s);

// True for an optionally signed decimal with digits on both sides of any
// point (ATT-05) and an optional exponent ("1.5", "-2", "3.0e8").
bool is_decimal_literal(std::string_view s);

// True for an xsd:dateTime with date and time, e.g. "2008-01-23T04:56:22Z",
// "2019-09-18T18:15:26.5788954+00:00" (ATT-06).  The zone may be omitted.
bool is_valid_date_time(std::string_view text);

// True for base64 (RFC 4648 §4) or base64url (§5) text; the trailing '='
// padding may be missing (ATT-07).
bool is_valid_base64(std::string_view text);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_VALUE_SYNTAX_H_
