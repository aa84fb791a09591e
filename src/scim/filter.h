// scim::Filter — the abstract syntax tree of a SCIM filter (RFC 7644 §3.4.2.2).
//
// The node types are a closed set, one per construct of the grammar:
//
//   Comparison  attrPath compareOp compValue     userName eq "bjensen"
//   Presence    attrPath "pr"                    title pr
//   And / Or    two or more operands             a and b and c
//   Not         "not" "(" filter ")"             not (userType eq "Intern")
//   ValuePath   attrPath "[" filter "]"          emails[type eq "work"]
//
// A Filter is built by filter_parser.h or by the factories below, and is read
// with kind() / get_if<T>() / node() (a std::variant, so std::visit works).
// Visitors: the in-memory evaluator (filter_eval.h) and the resolver
// (filter_resolver.h), whose resolved tree store/filter_sql translates.
//
// Normal form.  The factories keep every Filter in one shape, so that equal
// meaning written differently gives equal trees wherever that is cheap:
//   * And/Or are n-ary and flattened: an And never holds an And directly
//     (a and (b and c) == a and b and c); likewise Or.
//   * Inside a ValuePath, paths are relative to one element: plain
//     sub-attribute names (no URN, no '.'), and no ValuePath nests inside.
//   * Entra ID's `emails[type eq "work"].value eq "x"` is held as
//     `emails[type eq "work" and value eq "x"]`: one element must satisfy
//     both (FLT-11), which is what the sender means.
// to_string() prints that normal form canonically (lower-case operators,
// the fewest parentheses that keep the tree, JSON-escaped strings, paths as
// written), and parse_filter(to_string(f)) == f for every Filter f built here.
//
// Value semantics: a Filter is immutable and cheap to copy (nodes are
// shared, never modified).  Thread-safety: a Filter may be read from any
// number of threads at once.
#ifndef FASTSCIM_SCIM_FILTER_H_
#define FASTSCIM_SCIM_FILTER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "json/value.h"
#include "scim/attribute_path.h"

namespace fastscim::scim {

// RFC 7644 §3.4.2.2 Table 3.
enum class CompareOp { kEq, kNe, kCo, kSw, kEw, kGt, kGe, kLt, kLe };

// The operator's keyword in lower case: "eq", "ne", ….
std::string_view to_string(CompareOp op);
// True for gt, ge, lt and le, which order values rather than match them.
bool is_ordering(CompareOp op);

// The right-hand side of a comparison: a JSON literal (FLT-12).  Numbers
// keep the literal as written ("1.50" stays "1.50"), so printing never
// changes a value and the store can bind it exactly.
class CompValue {
 public:
  enum class Kind { kNull, kBoolean, kNumber, kString };

  static CompValue null();
  static CompValue boolean(bool b);
  // Requires: is_json_number(literal).
  static CompValue number(std::string literal);
  static CompValue string(std::string s);

  // True when `text` is a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  static bool is_json_number(std::string_view text);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_boolean() const { return kind_ == Kind::kBoolean; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }

  // Requires is_boolean().
  bool boolean_value() const { return boolean_; }
  // Requires is_string(): the decoded string (escapes resolved, UTF-8).
  // Requires is_number(): the literal as written.
  const std::string& text() const { return text_; }
  // For numbers: the value when the literal is an integer that fits in a
  // long long (no fraction, no exponent); nullopt otherwise.
  std::optional<long long> integer_value() const;
  // For numbers: the value as a double (locale-independent).
  double number_value() const;

  // The literal as a json::Value (integer, real, string, true/false, null).
  json::Value to_json() const;

  friend bool operator==(const CompValue& a, const CompValue& b);
  friend bool operator!=(const CompValue& a, const CompValue& b) { return !(a == b); }

 private:
  Kind kind_ = Kind::kNull;
  bool boolean_ = false;
  std::string text_;
};

// The literal as it appears in canonical filter text: "\"x\"" with JSON
// escapes, 42, true, false, null.
std::string to_string(const CompValue& value);

// JSON string escaping for a double-quoted literal (without the quotes).
std::string json_escape(std::string_view s);

struct Comparison;
struct Presence;
struct And;
struct Or;
struct Not;
struct ValuePath;

class Filter {
 public:
  // Alternatives in the order of Kind.
  using Node = std::variant<Comparison, Presence, And, Or, Not, ValuePath>;
  enum class Kind { kComparison, kPresence, kAnd, kOr, kNot, kValuePath };

  static Filter comparison(AttributePath path, CompareOp op, CompValue value);
  static Filter presence(AttributePath path);
  // Requires: !operands.empty().  One operand is returned as it is; operands
  // that are themselves And are spliced in (normal form).
  static Filter logical_and(std::vector<Filter> operands);
  static Filter logical_or(std::vector<Filter> operands);
  static Filter logical_not(Filter operand);
  // Requires: path has no sub-attribute; `filter`'s paths are relative to one
  // element of `path` (see the normal form above).
  static Filter value_path(AttributePath path, Filter filter);

  Kind kind() const;
  const Node& node() const;
  // The node as T, or nullptr when this Filter is another kind.
  template <typename T>
  const T* get_if() const;

  // Structural equality: same shape, same spelling of every path, same
  // operators and literals.
  friend bool operator==(const Filter& a, const Filter& b);
  friend bool operator!=(const Filter& a, const Filter& b) { return !(a == b); }

 private:
  explicit Filter(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
  std::shared_ptr<const Node> node_;  // never null
};

struct Comparison {
  AttributePath path;
  CompareOp op;
  CompValue value;
};

struct Presence {
  AttributePath path;
};

struct And {
  std::vector<Filter> operands;  // two or more, none of them an And
};

struct Or {
  std::vector<Filter> operands;  // two or more, none of them an Or
};

struct Not {
  Filter operand;
};

struct ValuePath {
  AttributePath path;  // the multi-valued (or complex) attribute; no sub-attribute
  Filter filter;       // relative to one element of `path`
};

inline Filter::Kind Filter::kind() const { return static_cast<Kind>(node_->index()); }

inline const Filter::Node& Filter::node() const { return *node_; }

template <typename T>
const T* Filter::get_if() const {
  return std::get_if<T>(node_.get());
}

bool operator==(const Comparison& a, const Comparison& b);
bool operator==(const Presence& a, const Presence& b);
bool operator==(const And& a, const And& b);
bool operator==(const Or& a, const Or& b);
bool operator==(const Not& a, const Not& b);
bool operator==(const ValuePath& a, const ValuePath& b);

// The canonical text of `filter` (see the normal form above), e.g.
// `title pr and not (userType eq "Intern")`.
std::string to_string(const Filter& filter);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_FILTER_H_
