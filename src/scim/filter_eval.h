// Evaluating a filter against a resource (or one element of a multi-valued
// attribute) held in memory.  The PATCH engine uses it for value-path
// filters (`members[value eq "x"]`, `emails[type eq "work"]`); tests use it
// as the reference semantics that store/filter_sql must agree with.
//
// Semantics (RFC 7644 §3.4.2.2, Table 3):
//   * Attribute names match case-insensitively (ATT-01).  A URN-qualified
//     path looks in the object keyed by that URN (extensions); a core schema
//     URN ("urn:ietf:params:scim:schemas:core:…") also finds the attribute at
//     top level, where core attributes live.
//   * A multi-valued attribute matches when any one value matches (FLT-09);
//     "emails.type" looks at the "type" of every element.
//   * A bare multi-valued complex attribute in a comparison means its
//     "value" sub-attribute: `emails co "x"` is `emails.value co "x"` (FLT-10).
//   * Strings compare case-insensitively (ASCII) unless CaseExactFn says the
//     attribute is caseExact (FLT-08).  co: operand is a substring; sw/ew:
//     prefix/suffix, identical strings match (FLT-05).
//   * gt/ge/lt/le: strings lexicographically by bytes (after case folding when
//     not caseExact) — correct for dateTimes written in the same form, e.g.
//     both UTC with 'Z'; numbers numerically (FLT-06).  Integer against
//     integer compares exactly, anything else as double.
//   * A comparison between different JSON types is false ("5" is not 5).
//   * pr: present, not null, not "", not [] or {}; a complex value needs one
//     non-empty sub-value (FLT-05).
//   * eq null is "not pr", ne null is "pr" (RFC 7643 §2.5: null is unassigned).
//   * ne is the negation of eq: it matches when no value equals the operand,
//     including when the attribute is unassigned.
//   * A value path attr[f] matches when one element of attr satisfies all of
//     f (FLT-11); a single-valued complex attr is its only element.
//
// Thread-safety: pure functions; the CaseExactFn is called on the caller's
// thread.
#ifndef FASTSCIM_SCIM_FILTER_EVAL_H_
#define FASTSCIM_SCIM_FILTER_EVAL_H_

#include <functional>

#include "json/value.h"
#include "scim/attribute_path.h"
#include "scim/filter.h"

namespace fastscim::scim {

// Whether string comparisons on the attribute at `path` are case-sensitive
// (the schema's caseExact).  Paths inside a value filter are passed re-rooted
// at the outer attribute: in `emails[type eq "work"]` the question is asked
// for {attribute "emails", sub_attribute "type"}.
using CaseExactFn = std::function<bool(const AttributePath& path)>;

// RFC 7643 §3.1's common attributes: true for id, externalId,
// meta.resourceType, meta.location, meta.version and any "$ref"; false for
// everything else.  The schema registry supplies the complete answer.
bool default_case_exact(const AttributePath& path);

// True when `resource` satisfies `filter`.  `resource` is a resource object
// as stored (attribute names in any case).  Requires: `filter` is in the
// normal form of filter.h.
bool matches(const Filter& filter, const json::Value& resource, const CaseExactFn& case_exact = default_case_exact);

// True when `element`, one element (object) of the attribute `parent`,
// satisfies `element_filter`, whose paths are relative to the element (the
// inner filter of a ValuePath or of a PatchPath).  `case_exact` is asked with
// the paths re-rooted at `parent`.  This is what the PATCH engine calls for
// each element of `members` given `members[value eq "x"]`.
bool matches_element(const Filter& element_filter, const json::Value& element, const AttributePath& parent,
                     const CaseExactFn& case_exact = default_case_exact);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_FILTER_EVAL_H_
