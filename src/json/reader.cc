#include "json/reader.h"

#include <string>
#include <utility>

#include <jansson.h>

namespace fastscim::json {
namespace {

// Far below jansson's own limit (2048): deeper text is jansson's to judge.
constexpr int kMaxDepth = 256;
constexpr int kMaxDigits = 18;  // any 18-digit integer fits in a json_int_t

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Owns a reference while a container is being filled.
struct Held {
  json_t* value;
  explicit Held(json_t* v) : value(v) {}
  ~Held() { json_decref(value); }
  Held(const Held&) = delete;
  Held& operator=(const Held&) = delete;
  json_t* release() { return std::exchange(value, nullptr); }
};

class Reader {
 public:
  explicit Reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  json_t* document() {
    Held root(value(0));
    if (root.value == nullptr) return nullptr;
    skip_space();
    return p_ == end_ ? root.release() : nullptr;
  }

 private:
  void skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool take(char c) {
    skip_space();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  json_t* value(int depth) {
    skip_space();
    if (p_ == end_ || depth > kMaxDepth) return nullptr;
    switch (*p_) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': {
        std::string_view s;
        bool ascii = false;
        if (!string(&s, &ascii)) return nullptr;
        // jansson checks that a string is UTF-8; only non-ASCII needs it.
        return ascii ? json_stringn_nocheck(s.data(), s.size()) : json_stringn(s.data(), s.size());
      }
      case 't': return word("true", json_true());
      case 'f': return word("false", json_false());
      case 'n': return word("null", json_null());
      default: return integer();
    }
  }

  json_t* word(std::string_view w, json_t* literal) {
    if (static_cast<size_t>(end_ - p_) < w.size() || std::string_view(p_, w.size()) != w) return nullptr;
    p_ += w.size();  // "truex" fails on the 'x': no container or end takes a letter
    return literal;
  }

  json_t* integer() {
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    const char* digits = p_;
    while (p_ < end_ && is_digit(*p_)) ++p_;
    const auto count = p_ - digits;
    if (count == 0 || count > kMaxDigits) return nullptr;
    if (*digits == '0' && count > 1) return nullptr;                            // a leading zero: invalid
    if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return nullptr;  // a real
    json_int_t n = 0;
    for (const char* d = digits; d < p_; ++d) n = n * 10 + (*d - '0');
    return json_integer(negative ? -n : n);
  }

  // The string at p_ (on its opening quote), unescaped; *s points into the
  // text when it has no escape, into scratch_ when it has.
  bool string(std::string_view* s, bool* ascii) {
    const char* start = ++p_;
    unsigned char seen = 0;  // the bits of every byte: 0x80 set means non-ASCII
    while (p_ < end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        *s = std::string_view(start, static_cast<size_t>(p_ - start));
        *ascii = (seen & 0x80) == 0;
        ++p_;
        return true;
      }
      if (c == '\\') return escaped_string(start, s, ascii, seen);
      if (c < 0x20) return false;
      seen |= c;
      ++p_;
    }
    return false;
  }

  bool escaped_string(const char* start, std::string_view* s, bool* ascii, unsigned char seen) {
    scratch_.assign(start, static_cast<size_t>(p_ - start));
    while (p_ < end_) {
      const auto c = static_cast<unsigned char>(*p_++);
      if (c == '"') {
        *s = scratch_;
        *ascii = (seen & 0x80) == 0;
        return true;
      }
      if (c < 0x20) return false;
      if (c != '\\') {
        seen |= c;
        scratch_.push_back(static_cast<char>(c));
        continue;
      }
      if (p_ == end_) return false;
      switch (*p_++) {
        case '"': scratch_.push_back('"'); break;
        case '\\': scratch_.push_back('\\'); break;
        case '/': scratch_.push_back('/'); break;
        case 'b': scratch_.push_back('\b'); break;
        case 'f': scratch_.push_back('\f'); break;
        case 'n': scratch_.push_back('\n'); break;
        case 'r': scratch_.push_back('\r'); break;
        case 't': scratch_.push_back('\t'); break;
        default: return false;  // \u…: jansson's
      }
    }
    return false;
  }

  json_t* object(int depth) {
    ++p_;
    Held object(json_object());
    if (object.value == nullptr) return nullptr;
    if (take('}')) return object.release();
    do {
      skip_space();
      std::string_view key;
      bool ascii = false;
      if (p_ == end_ || *p_ != '"' || !string(&key, &ascii) || !ascii) return nullptr;
      // The key may sit in scratch_, which the value may reuse.
      std::string owned_key;
      if (key.data() == scratch_.data()) key = owned_key = scratch_;
      if (!take(':')) return nullptr;
      if (json_object_getn(object.value, key.data(), key.size()) != nullptr) return nullptr;  // a duplicate
      json_t* member = value(depth + 1);
      if (member == nullptr || json_object_setn_new_nocheck(object.value, key.data(), key.size(), member) != 0) {
        return nullptr;
      }
    } while (take(','));
    return take('}') ? object.release() : nullptr;
  }

  json_t* array(int depth) {
    ++p_;
    Held array(json_array());
    if (array.value == nullptr) return nullptr;
    if (take(']')) return array.release();
    do {
      json_t* element = value(depth + 1);
      if (element == nullptr || json_array_append_new(array.value, element) != 0) return nullptr;
    } while (take(','));
    return take(']') ? array.release() : nullptr;
  }

  const char* p_;
  const char* const end_;
  std::string scratch_;
};

}  // namespace

Value read_common(std::string_view text) { return Value::adopt(Reader(text).document()); }

}  // namespace fastscim::json
