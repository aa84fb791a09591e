#include "scim/filter.h"

#include <cassert>
#include <charconv>
#include <limits>

namespace fastscim::scim {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_filter(const Filter& filter, std::string* out);

void append_operands(const std::vector<Filter>& operands, std::string_view keyword, Filter::Kind needs_parens,
                     std::string* out) {
  for (size_t i = 0; i < operands.size(); ++i) {
    if (i > 0) {
      *out += ' ';
      *out += keyword;
      *out += ' ';
    }
    bool parens = operands[i].kind() == needs_parens;
    if (parens) *out += '(';
    append_filter(operands[i], out);
    if (parens) *out += ')';
  }
}

void append_filter(const Filter& filter, std::string* out) {
  switch (filter.kind()) {
    case Filter::Kind::kComparison: {
      const Comparison& c = *filter.get_if<Comparison>();
      *out += to_string(c.path);
      *out += ' ';
      *out += to_string(c.op);
      *out += ' ';
      *out += to_string(c.value);
      return;
    }
    case Filter::Kind::kPresence:
      *out += to_string(filter.get_if<Presence>()->path);
      *out += " pr";
      return;
    case Filter::Kind::kAnd:
      // `or` binds more loosely than `and`, so an Or operand needs its
      // parentheses; an And operand cannot occur (normal form).
      append_operands(filter.get_if<And>()->operands, "and", Filter::Kind::kOr, out);
      return;
    case Filter::Kind::kOr: append_operands(filter.get_if<Or>()->operands, "or", Filter::Kind::kOr, out); return;
    case Filter::Kind::kNot:
      *out += "not (";
      append_filter(filter.get_if<Not>()->operand, out);
      *out += ')';
      return;
    case Filter::Kind::kValuePath: {
      const ValuePath& v = *filter.get_if<ValuePath>();
      *out += to_string(v.path);
      *out += '[';
      append_filter(v.filter, out);
      *out += ']';
      return;
    }
  }
}

template <typename T>
Filter flatten(std::vector<Filter> operands, std::vector<Filter>* flat) {
  for (Filter& f : operands) {
    if (const T* same = f.get_if<T>()) {
      flat->insert(flat->end(), same->operands.begin(), same->operands.end());
    } else {
      flat->push_back(std::move(f));
    }
  }
  return (*flat)[0];
}

}  // namespace

std::string_view to_string(CompareOp op) {
  switch (op) {
    case CompareOp::kEq: return "eq";
    case CompareOp::kNe: return "ne";
    case CompareOp::kCo: return "co";
    case CompareOp::kSw: return "sw";
    case CompareOp::kEw: return "ew";
    case CompareOp::kGt: return "gt";
    case CompareOp::kGe: return "ge";
    case CompareOp::kLt: return "lt";
    case CompareOp::kLe: return "le";
  }
  return "";
}

bool is_ordering(CompareOp op) {
  return op == CompareOp::kGt || op == CompareOp::kGe || op == CompareOp::kLt || op == CompareOp::kLe;
}

CompValue CompValue::null() { return CompValue(); }

CompValue CompValue::boolean(bool b) {
  CompValue v;
  v.kind_ = Kind::kBoolean;
  v.boolean_ = b;
  return v;
}

CompValue CompValue::number(std::string literal) {
  assert(is_json_number(literal));
  CompValue v;
  v.kind_ = Kind::kNumber;
  v.text_ = std::move(literal);
  return v;
}

CompValue CompValue::string(std::string s) {
  CompValue v;
  v.kind_ = Kind::kString;
  v.text_ = std::move(s);
  return v;
}

bool CompValue::is_json_number(std::string_view t) {
  size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  if (i >= t.size() || !is_digit(t[i])) return false;
  if (t[i] == '0') {
    ++i;
  } else {
    while (i < t.size() && is_digit(t[i])) ++i;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (i >= t.size() || !is_digit(t[i])) return false;
    while (i < t.size() && is_digit(t[i])) ++i;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (i >= t.size() || !is_digit(t[i])) return false;
    while (i < t.size() && is_digit(t[i])) ++i;
  }
  return i == t.size();
}

std::optional<long long> CompValue::integer_value() const {
  if (kind_ != Kind::kNumber || text_.find_first_of(".eE") != std::string::npos) {
    return std::nullopt;
  }
  long long v = 0;
  auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), v);
  if (ec != std::errc() || end != text_.data() + text_.size()) return std::nullopt;
  return v;
}

double CompValue::number_value() const {
  if (kind_ != Kind::kNumber) return 0;
  double v = 0;
  auto [end, ec] = std::from_chars(text_.data(), text_.data() + text_.size(), v);
  if (ec == std::errc::result_out_of_range) {
    return text_[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  (void)end;
  return v;
}

json::Value CompValue::to_json() const {
  switch (kind_) {
    case Kind::kNull: return json::Value::null();
    case Kind::kBoolean: return json::Value::boolean(boolean_);
    case Kind::kString: return json::Value::string(text_);
    case Kind::kNumber:
      if (auto i = integer_value()) return json::Value::integer(*i);
      return json::Value::real(number_value());
  }
  return json::Value::null();
}

bool operator==(const CompValue& a, const CompValue& b) {
  return a.kind_ == b.kind_ && a.boolean_ == b.boolean_ && a.text_ == b.text_;
}

std::string json_escape(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string to_string(const CompValue& value) {
  switch (value.kind()) {
    case CompValue::Kind::kNull: return "null";
    case CompValue::Kind::kBoolean: return value.boolean_value() ? "true" : "false";
    case CompValue::Kind::kNumber: return value.text();
    case CompValue::Kind::kString: return "\"" + json_escape(value.text()) + "\"";
  }
  return "null";
}

Filter Filter::comparison(AttributePath path, CompareOp op, CompValue value) {
  return Filter(std::make_shared<const Node>(Comparison{std::move(path), op, std::move(value)}));
}

Filter Filter::presence(AttributePath path) { return Filter(std::make_shared<const Node>(Presence{std::move(path)})); }

Filter Filter::logical_and(std::vector<Filter> operands) {
  assert(!operands.empty());
  std::vector<Filter> flat;
  Filter first = flatten<And>(std::move(operands), &flat);
  if (flat.size() == 1) return first;
  return Filter(std::make_shared<const Node>(And{std::move(flat)}));
}

Filter Filter::logical_or(std::vector<Filter> operands) {
  assert(!operands.empty());
  std::vector<Filter> flat;
  Filter first = flatten<Or>(std::move(operands), &flat);
  if (flat.size() == 1) return first;
  return Filter(std::make_shared<const Node>(Or{std::move(flat)}));
}

Filter Filter::logical_not(Filter operand) { return Filter(std::make_shared<const Node>(Not{std::move(operand)})); }

Filter Filter::value_path(AttributePath path, Filter filter) {
  assert(path.sub_attribute.empty());
  return Filter(std::make_shared<const Node>(ValuePath{std::move(path), std::move(filter)}));
}

bool operator==(const Filter& a, const Filter& b) { return a.node_ == b.node_ || *a.node_ == *b.node_; }

bool operator==(const Comparison& a, const Comparison& b) {
  return a.op == b.op && a.path == b.path && a.value == b.value;
}
bool operator==(const Presence& a, const Presence& b) { return a.path == b.path; }
bool operator==(const And& a, const And& b) { return a.operands == b.operands; }
bool operator==(const Or& a, const Or& b) { return a.operands == b.operands; }
bool operator==(const Not& a, const Not& b) { return a.operand == b.operand; }
bool operator==(const ValuePath& a, const ValuePath& b) { return a.path == b.path && a.filter == b.filter; }

std::string to_string(const Filter& filter) {
  std::string out;
  append_filter(filter, &out);
  return out;
}

}  // namespace fastscim::scim
