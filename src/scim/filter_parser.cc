#include "scim/filter_parser.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

constexpr char kOperatorList[] = "a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)";
constexpr char kValueList[] = "a value (a double-quoted string, a number, true, false or null)";
constexpr char kTermList[] = "an attribute path, \"(\" or \"not\"";
constexpr size_t kFoundLimit = 32;  // bytes of the offending text quoted in a detail

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_delimiter(char c) { return is_space(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '"'; }

// At most kFoundLimit bytes of `s`, cut on a UTF-8 boundary, with "..." when cut.
std::string shortened(std::string_view s) {
  if (s.size() <= kFoundLimit) return std::string(s);
  size_t cut = kFoundLimit;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

std::optional<CompareOp> compare_op(std::string_view word) {
  static const std::pair<const char*, CompareOp> kOps[] = {
      {"eq", CompareOp::kEq}, {"ne", CompareOp::kNe}, {"co", CompareOp::kCo},
      {"sw", CompareOp::kSw}, {"ew", CompareOp::kEw}, {"gt", CompareOp::kGt},
      {"ge", CompareOp::kGe}, {"lt", CompareOp::kLt}, {"le", CompareOp::kLe},
  };
  for (const auto& [name, op] : kOps) {
    if (util::iequals(word, name)) return op;
  }
  return std::nullopt;
}

void append_utf8(unsigned cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Length of the well-formed UTF-8 sequence at s[0], or 0 (RFC 3629 §4:
// no overlong forms, no surrogates, nothing above U+10FFFF).
size_t utf8_sequence_length(std::string_view s) {
  auto byte = [&](size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  auto cont = [&](size_t i, unsigned lo, unsigned hi) { return byte(i) >= lo && byte(i) <= hi; };
  unsigned b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
  if (b0 == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
    return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if (b0 == 0xF0) return cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  if (b0 >= 0xF1 && b0 <= 0xF3) {
    return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  }
  if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  return 0;
}

// What a parse is currently inside of; decides which paths are allowed and
// which closing token is expected.
struct Context {
  const AttributePath* value_path = nullptr;  // set inside [ ]
  char closer = '\0';                         // ')' or ']' inside a group, '\0' at top level
};

// Recursive descent over the text; positions are byte offsets into text_.
// The first error wins and is kept in error_; every parse function returns
// nullopt once an error is set.
class Parser {
 public:
  Parser(std::string_view text, size_t begin, size_t end, bool in_patch_path, Dialect dialect = Dialect::kStrict)
      : text_(text), pos_(begin), end_(end), in_patch_path_(in_patch_path), dialect_(dialect) {}

  Error take_error() { return std::move(*error_); }

  std::optional<Filter> parse_whole_filter() {
    skip_space();
    if (pos_ == end_) {
      fail(0, std::string("the filter is empty; expected ") + kTermList);
      return std::nullopt;
    }
    std::optional<Filter> f = parse_or(Context{});
    if (!f) return std::nullopt;
    skip_space();
    if (pos_ != end_) {
      fail(pos_, "expected \"and\", \"or\" or the end of the filter but found " + found(pos_));
      return std::nullopt;
    }
    return f;
  }

  // Parses "[" filter "]" at pos_ (which must be '['), as the value filter of
  // `path`.
  std::optional<Filter> parse_value_filter(const AttributePath& path) {
    if (!enter(pos_)) return std::nullopt;
    ++pos_;
    Context inner{&path, ']'};
    std::optional<Filter> f = parse_or(inner);
    if (!f) return std::nullopt;
    if (!expect_closer(inner)) return std::nullopt;
    --depth_;
    return f;
  }

  void fail(size_t offset, std::string message) {
    if (error_) return;
    error_ = Error::invalid_filter("invalid filter at position " + std::to_string(character_position(text_, offset)) +
                                   ": " + std::move(message));
  }

  // A short, quoted description of the text at `offset` for error details.
  std::string found(size_t offset) const {
    if (offset >= end_) {
      return in_patch_path_ ? "the end of the path" : "the end of the filter";
    }
    char c = text_[offset];
    if (is_space(c)) return "white space";
    if (c == '"') {
      // Already in JSON syntax: show it as written.
      size_t stop = offset + 1;
      while (stop < end_ && text_[stop] != '"') stop += (text_[stop] == '\\') ? 2 : 1;
      stop = std::min(stop + 1, end_);
      return "the string " + shortened(text_.substr(offset, stop - offset));
    }
    size_t stop = is_delimiter(c) ? offset + 1 : word_end(offset);
    return json_quoted(shortened(text_.substr(offset, stop - offset)));
  }

 private:
  void skip_space() {
    while (pos_ < end_ && is_space(text_[pos_])) ++pos_;
  }

  size_t word_end(size_t from) const {
    while (from < end_ && !is_delimiter(text_[from])) ++from;
    return from;
  }

  std::string_view word_at(size_t from) const { return text_.substr(from, word_end(from) - from); }

  bool keyword_at(std::string_view keyword) const { return pos_ < end_ && util::iequals(word_at(pos_), keyword); }

  bool enter(size_t offset) {
    if (++depth_ > kMaxFilterDepth) {
      fail(offset,
           "the filter nests ( ), not ( ) and [ ] more than " + std::to_string(kMaxFilterDepth) + " levels deep");
      return false;
    }
    return true;
  }

  bool expect_closer(const Context& ctx) {
    skip_space();
    if (pos_ < end_ && text_[pos_] == ctx.closer) {
      ++pos_;
      return true;
    }
    std::string expected = ctx.closer == ']' ? "\"and\", \"or\" or \"]\" to close the value filter"
                                             : "\"and\", \"or\" or \")\"";
    fail(pos_, "expected " + expected + " but found " + found(pos_));
    return false;
  }

  std::optional<Filter> parse_or(const Context& ctx) {
    std::vector<Filter> operands;
    for (;;) {
      std::optional<Filter> f = parse_and(ctx);
      if (!f) return std::nullopt;
      operands.push_back(std::move(*f));
      skip_space();
      if (!keyword_at("or")) break;
      pos_ += 2;
    }
    return Filter::logical_or(std::move(operands));
  }

  std::optional<Filter> parse_and(const Context& ctx) {
    std::vector<Filter> operands;
    for (;;) {
      std::optional<Filter> f = parse_unary(ctx);
      if (!f) return std::nullopt;
      operands.push_back(std::move(*f));
      skip_space();
      if (!keyword_at("and")) break;
      pos_ += 3;
    }
    return Filter::logical_and(std::move(operands));
  }

  std::optional<Filter> parse_group(const Context& ctx) {
    if (!enter(pos_)) return std::nullopt;
    ++pos_;  // '('
    Context inner{ctx.value_path, ')'};
    std::optional<Filter> f = parse_or(inner);
    if (!f || !expect_closer(inner)) return std::nullopt;
    --depth_;
    return f;
  }

  std::optional<Filter> parse_unary(const Context& ctx) {
    skip_space();
    if (pos_ == end_ || is_delimiter(text_[pos_])) {
      if (pos_ < end_ && text_[pos_] == '(') return parse_group(ctx);
      fail(pos_, std::string("expected ") + kTermList + " but found " + found(pos_));
      return std::nullopt;
    }
    if (keyword_at("not")) {
      size_t after = pos_ + 3;
      while (after < end_ && is_space(text_[after])) ++after;
      if (after < end_ && text_[after] == '(') {
        pos_ = after;
        std::optional<Filter> f = parse_group(ctx);
        if (!f) return std::nullopt;
        return Filter::logical_not(std::move(*f));
      }
      // An attribute may be called "not"; anything else after "not" is a
      // missing parenthesis (the RFC requires them).
      std::string_view next = word_at(after);
      bool attribute_named_not = (after < end_ && text_[after] == '[') || compare_op(next) || util::iequals(next, "pr");
      if (!attribute_named_not) {
        fail(after, "expected \"(\" after \"not\" but found " + found(after));
        return std::nullopt;
      }
    }
    return parse_attribute_expression(ctx);
  }

  std::optional<AttributePath> parse_path_word(const Context& ctx) {
    size_t start = pos_;
    size_t stop = word_end(start);
    std::string_view word = text_.substr(start, stop - start);
    auto path = scan_attribute_path(word);
    if (!path) {
      fail(start + path.error().offset, path.error().message);
      return std::nullopt;
    }
    if (ctx.value_path && (path->has_urn() || path->has_sub_attribute())) {
      fail(start, "inside the value filter of " + json_quoted(to_string(*ctx.value_path)) +
                      ", expected a sub-attribute name of it but found " + json_quoted(word));
      return std::nullopt;
    }
    pos_ = stop;
    return std::move(path).value();
  }

  std::optional<Filter> parse_attribute_expression(const Context& ctx) {
    std::optional<AttributePath> path = parse_path_word(ctx);
    if (!path) return std::nullopt;
    skip_space();
    if (pos_ < end_ && text_[pos_] == '[') {
      if (ctx.value_path) {
        fail(pos_, "value filters cannot be nested: found \"[\" inside the value filter of " +
                       json_quoted(to_string(*ctx.value_path)));
        return std::nullopt;
      }
      if (path->has_sub_attribute()) {
        fail(pos_, "a value filter \"[...]\" must follow an attribute, but " + json_quoted(to_string(*path)) +
                       " names a sub-attribute");
        return std::nullopt;
      }
      std::optional<Filter> inner = parse_value_filter(*path);
      if (!inner) return std::nullopt;
      if (pos_ < end_ && text_[pos_] == '.') {
        // Entra ID: emails[type eq "work"].value eq "x" — one element with both.
        ++pos_;
        size_t sub_start = pos_;
        std::string_view sub = word_at(sub_start);
        if (!is_attribute_name(sub)) {
          fail(sub_start, "expected a sub-attribute name after \"].\" but found " + found(sub_start));
          return std::nullopt;
        }
        pos_ += sub.size();
        std::optional<Filter> tail = parse_operation(AttributePath{"", std::string(sub), ""});
        if (!tail) return std::nullopt;
        inner = Filter::logical_and({std::move(*inner), std::move(*tail)});
      }
      return Filter::value_path(std::move(*path), std::move(*inner));
    }
    return parse_operation(std::move(*path));
  }

  // compareOp compValue, or "pr", after `path`.
  std::optional<Filter> parse_operation(AttributePath path) {
    skip_space();
    size_t op_start = pos_;
    std::string_view word = pos_ < end_ && !is_delimiter(text_[pos_]) ? word_at(pos_) : "";
    if (util::iequals(word, "pr")) {
      pos_ += word.size();
      return Filter::presence(std::move(path));
    }
    std::optional<CompareOp> op = compare_op(word);
    if (!op) {
      fail(op_start, std::string("expected ") + kOperatorList + " but found " + found(op_start));
      return std::nullopt;
    }
    pos_ += word.size();
    skip_space();
    size_t value_start = pos_;
    std::optional<CompValue> value = parse_value();
    if (!value) return std::nullopt;
    if ((value->is_boolean() || value->is_null()) && *op != CompareOp::kEq && *op != CompareOp::kNe) {
      // FLT-07: ordering a boolean is an error, and so is matching text in one.
      std::string what = is_ordering(*op) ? "orders values" : "matches text";
      fail(value_start, "the operator \"" + std::string(to_string(*op)) + "\" " + what + " and cannot take " +
                            to_string(*value) + "; compare with a string or a number");
      return std::nullopt;
    }
    return Filter::comparison(std::move(path), *op, std::move(*value));
  }

  std::optional<CompValue> parse_value() {
    if (pos_ < end_ && text_[pos_] == '"') return parse_string();
    std::string_view word = pos_ < end_ && !is_delimiter(text_[pos_]) ? word_at(pos_) : "";
    std::optional<CompValue> value;
    if (util::iequals(word, "true")) {
      value = CompValue::boolean(true);
    } else if (util::iequals(word, "false")) {
      value = CompValue::boolean(false);
    } else if (util::iequals(word, "null")) {
      value = CompValue::null();
    } else if (CompValue::is_json_number(word)) {
      value = CompValue::number(std::string(word));
    } else if (dialect_ == Dialect::kLenient && !word.empty()) {
      value = CompValue::string(std::string(word));  // DIA-01: a bare word is a string
    } else {
      fail(pos_, std::string("expected ") + kValueList + " but found " + found(pos_));
      return std::nullopt;
    }
    pos_ += word.size();
    return value;
  }

  // A JSON string literal at pos_ (which is '"'), RFC 8259 §7.
  std::optional<CompValue> parse_string() {
    size_t open = pos_++;
    std::string out;
    for (;;) {
      if (pos_ >= end_) {
        fail(open, "the string starting here has no closing '\"'");
        return std::nullopt;
      }
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return CompValue::string(std::move(out));
      }
      if (c == '\\') {
        if (!parse_escape(&out)) return std::nullopt;
        continue;
      }
      if (c < 0x20) {
        fail(pos_,
             "control character in a string; write it as a JSON escape such as \\n or "
             "\\u0009");
        return std::nullopt;
      }
      size_t n = utf8_sequence_length(text_.substr(pos_, end_ - pos_));
      if (n == 0) {
        fail(pos_, "invalid UTF-8 in a string");
        return std::nullopt;
      }
      out.append(text_.substr(pos_, n));
      pos_ += n;
    }
  }

  bool parse_escape(std::string* out) {
    size_t start = pos_;
    if (pos_ + 1 >= end_) {
      fail(start, "the string ends inside an escape sequence");
      return false;
    }
    char e = text_[pos_ + 1];
    pos_ += 2;
    switch (e) {
      case '"': *out += '"'; return true;
      case '\\': *out += '\\'; return true;
      case '/': *out += '/'; return true;
      case 'b': *out += '\b'; return true;
      case 'f': *out += '\f'; return true;
      case 'n': *out += '\n'; return true;
      case 'r': *out += '\r'; return true;
      case 't': *out += '\t'; return true;
      case 'u': break;
      default:
        fail(start, "invalid escape " + std::string(text_.substr(start, 2)) +
                        " in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
        return false;
    }
    std::optional<unsigned> cp = hex4(start);
    if (!cp) return false;
    if (*cp >= 0xD800 && *cp <= 0xDBFF) {
      if (pos_ + 1 < end_ && text_[pos_] == '\\' && text_[pos_ + 1] == 'u') {
        size_t low_start = pos_;
        pos_ += 2;
        std::optional<unsigned> low = hex4(low_start);
        if (!low) return false;
        if (*low >= 0xDC00 && *low <= 0xDFFF) {
          append_utf8(0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00), out);
          return true;
        }
      }
      fail(start, "unpaired UTF-16 surrogate " + std::string(text_.substr(start, 6)) + " in a string");
      return false;
    }
    if (*cp >= 0xDC00 && *cp <= 0xDFFF) {
      fail(start, "unpaired UTF-16 surrogate " + std::string(text_.substr(start, 6)) + " in a string");
      return false;
    }
    if (*cp == 0) {
      fail(start, "\\u0000 is not allowed in a filter value");
      return false;
    }
    append_utf8(*cp, out);
    return true;
  }

  // Four hex digits at pos_, for the escape starting at `start`.
  std::optional<unsigned> hex4(size_t start) {
    unsigned v = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      char c = pos_ < end_ ? text_[pos_] : '\0';
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0) {
        fail(start, "expected four hex digits after \\u in a string but found " + found(pos_));
        return std::nullopt;
      }
      v = v * 16 + static_cast<unsigned>(d);
    }
    return v;
  }

  std::string_view text_;
  size_t pos_;
  size_t end_;
  bool in_patch_path_;
  Dialect dialect_;
  int depth_ = 0;
  std::optional<Error> error_;
};

// The first ']' at or after `from` that is not inside a string literal, or
// `end` when there is none.
size_t find_closing_bracket(std::string_view text, size_t from, size_t end) {
  bool in_string = false;
  for (size_t i = from; i < end; ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == ']') {
      return i;
    }
  }
  return end;
}

Error path_error(std::string_view text, size_t offset, const std::string& message) {
  return Error::invalid_path("invalid path at position " + std::to_string(character_position(text, offset)) + ": " +
                             message);
}

}  // namespace

Result<Filter> parse_filter(std::string_view text, Dialect dialect) {
  if (text.size() > kMaxFilterLength) {
    return fail(Error::invalid_filter(
        "invalid filter at position " + std::to_string(character_position(text, kMaxFilterLength)) +
        ": the filter is longer than the limit of " + std::to_string(kMaxFilterLength) + " bytes"));
  }
  Parser parser(text, 0, text.size(), false, dialect);
  std::optional<Filter> f = parser.parse_whole_filter();
  if (!f) return fail(parser.take_error());
  return std::move(*f);
}

bool operator==(const PatchPath& a, const PatchPath& b) { return a.path == b.path && a.value_filter == b.value_filter; }

bool operator!=(const PatchPath& a, const PatchPath& b) { return !(a == b); }

std::string to_string(const PatchPath& p) {
  if (!p.value_filter) return to_string(p.path);
  AttributePath base{p.path.urn, p.path.attribute, ""};
  std::string out = to_string(base) + "[" + to_string(*p.value_filter) + "]";
  if (p.path.has_sub_attribute()) out += "." + p.path.sub_attribute;
  return out;
}

Result<PatchPath> parse_patch_path(std::string_view text) {
  if (text.size() > kMaxFilterLength) {
    return fail(path_error(text, kMaxFilterLength,
                           "the path is longer than the limit of " + std::to_string(kMaxFilterLength) + " bytes"));
  }
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  if (begin == end) return fail(path_error(text, 0, "the path is empty"));

  size_t word_stop = begin;
  while (word_stop < end && text[word_stop] != '[' && !is_delimiter(text[word_stop])) ++word_stop;
  auto scanned = scan_attribute_path(text.substr(begin, word_stop - begin));
  if (!scanned) {
    return fail(path_error(text, begin + scanned.error().offset, scanned.error().message));
  }
  PatchPath result{std::move(scanned).value(), std::nullopt};
  if (word_stop == end) return result;

  if (text[word_stop] != '[') {
    Parser parser(text, word_stop, end, true);
    return fail(path_error(text, word_stop,
                           "expected \"[\", \".\" or the end of the path after " + json_quoted(to_string(result.path)) +
                               " but found " + parser.found(word_stop)));
  }
  if (result.path.has_sub_attribute()) {
    return fail(path_error(text, word_stop,
                           "a value filter \"[...]\" must follow an attribute, but " +
                               json_quoted(to_string(result.path)) + " names a sub-attribute"));
  }
  // Brackets that never close make a malformed path (invalidPath); what lies
  // between them is a filter, and its faults are invalidFilter (PAT-04).
  size_t close = find_closing_bracket(text, word_stop + 1, end);
  if (close == end) {
    return fail(path_error(text, end,
                           "expected \"]\" to close the value filter of " + json_quoted(to_string(result.path)) +
                               " but found the end of the path"));
  }
  Parser parser(text, word_stop, close + 1, true);
  std::optional<Filter> filter = parser.parse_value_filter(result.path);
  if (!filter) return fail(parser.take_error());
  result.value_filter = std::move(*filter);
  size_t pos = close + 1;
  if (pos == end) return result;
  if (text[pos] != '.') {
    Parser tail(text, pos, end, true);
    return fail(path_error(text, pos,
                           "expected \".\" and a sub-attribute name, or the end of the path, "
                           "after \"]\" but found " +
                               tail.found(pos)));
  }
  std::string_view sub = text.substr(pos + 1, end - pos - 1);
  if (!is_attribute_name(sub)) {
    return fail(path_error(text, pos + 1,
                           "expected a sub-attribute name after \"].\" but found " +
                               (sub.empty() ? std::string("the end of the path") : json_quoted(sub))));
  }
  result.path.sub_attribute = std::string(sub);
  return result;
}

}  // namespace fastscim::scim
