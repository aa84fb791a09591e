#include "json/value.h"

#include <jansson.h>

#include "util/strings.h"

namespace fastscim::json {

Value::Value(const Value& other) : p_(json_incref(other.p_)) {}
Value::Value(Value&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}

Value& Value::operator=(const Value& other) {
  if (this != &other) {
    json_t* old = p_;
    p_ = json_incref(other.p_);
    json_decref(old);
  }
  return *this;
}

Value& Value::operator=(Value&& other) noexcept {
  if (this != &other) {
    json_decref(p_);
    p_ = std::exchange(other.p_, nullptr);
  }
  return *this;
}

Value::~Value() { json_decref(p_); }

Value Value::adopt(json_t* p) { return Value(p); }
Value Value::borrow(json_t* p) { return Value(json_incref(p)); }
Value Value::object() { return Value(json_object()); }
Value Value::array() { return Value(json_array()); }
Value Value::string(std::string_view s) { return Value(json_stringn(s.data(), s.size())); }
Value Value::integer(long long v) { return Value(json_integer(v)); }
Value Value::real(double v) { return Value(json_real(v)); }
Value Value::boolean(bool v) { return Value(json_boolean(v)); }
Value Value::null() { return Value(json_null()); }

json_t* Value::release() { return std::exchange(p_, nullptr); }

Type Value::type() const {
  if (p_ == nullptr) return Type::kAbsent;
  switch (json_typeof(p_)) {
    case JSON_OBJECT: return Type::kObject;
    case JSON_ARRAY: return Type::kArray;
    case JSON_STRING: return Type::kString;
    case JSON_INTEGER: return Type::kInteger;
    case JSON_REAL: return Type::kReal;
    case JSON_TRUE: return Type::kTrue;
    case JSON_FALSE: return Type::kFalse;
    case JSON_NULL: return Type::kNull;
  }
  return Type::kAbsent;
}

std::optional<std::string_view> Value::as_string() const {
  if (!json_is_string(p_)) return std::nullopt;
  return std::string_view(json_string_value(p_), json_string_length(p_));
}

std::optional<long long> Value::as_integer() const {
  if (!json_is_integer(p_)) return std::nullopt;
  return static_cast<long long>(json_integer_value(p_));
}

std::optional<double> Value::as_number() const {
  if (!json_is_number(p_)) return std::nullopt;
  return json_number_value(p_);
}

std::optional<bool> Value::as_bool() const {
  if (!json_is_boolean(p_)) return std::nullopt;
  return json_is_true(p_);
}

Value Value::get(std::string_view key) const {
  if (!json_is_object(p_)) return Value();
  return borrow(json_object_getn(p_, key.data(), key.size()));
}

Value Value::get_ci(std::string_view key, std::string* actual_key) const {
  if (!json_is_object(p_)) return Value();
  // Exact spelling first: it is by far the common case and a hash lookup.
  if (json_t* exact = json_object_getn(p_, key.data(), key.size())) {
    if (actual_key) actual_key->assign(key);
    return borrow(exact);
  }
  const char* k;
  size_t klen;
  json_t* v;
  json_object_keylen_foreach(p_, k, klen, v) {
    if (util::iequals(std::string_view(k, klen), key)) {
      if (actual_key) actual_key->assign(k, klen);
      return borrow(v);
    }
  }
  return Value();
}

bool Value::set(std::string_view key, Value v) {
  if (!json_is_object(p_) || !v) return false;
  return json_object_setn_new(p_, key.data(), key.size(), v.release()) == 0;
}

bool Value::erase(std::string_view key) {
  if (!json_is_object(p_)) return false;
  return json_object_deln(p_, key.data(), key.size()) == 0;
}

std::vector<std::pair<std::string, Value>> Value::items() const {
  std::vector<std::pair<std::string, Value>> out;
  if (!json_is_object(p_)) return out;
  out.reserve(json_object_size(p_));
  const char* k;
  size_t klen;
  json_t* v;
  json_object_keylen_foreach(p_, k, klen, v) { out.emplace_back(std::string(k, klen), borrow(v)); }
  return out;
}

size_t Value::size() const {
  if (json_is_array(p_)) return json_array_size(p_);
  if (json_is_object(p_)) return json_object_size(p_);
  return 0;
}

Value Value::at(size_t i) const {
  if (!json_is_array(p_)) return Value();
  return borrow(json_array_get(p_, i));
}

bool Value::append(Value v) {
  if (!json_is_array(p_) || !v) return false;
  return json_array_append_new(p_, v.release()) == 0;
}

bool Value::remove_at(size_t i) {
  if (!json_is_array(p_)) return false;
  return json_array_remove(p_, i) == 0;
}

bool Value::clear() {
  if (json_is_array(p_)) return json_array_clear(p_) == 0;
  if (json_is_object(p_)) return json_object_clear(p_) == 0;
  return false;
}

namespace {

// json_deep_copy guards against a value containing itself by printing each
// container's address into a hash table: two thirds of its time on a
// stored user, and a PATCH copies several.  kMaxNesting guards the same.
json_t* copy_of(json_t* v, int depth) {
  if (depth > kMaxNesting) return nullptr;
  switch (json_typeof(v)) {
    case JSON_OBJECT: {
      json_t* out = json_object();
      for (void* it = json_object_iter(v); it != nullptr && out != nullptr; it = json_object_iter_next(v, it)) {
        json_t* member = copy_of(json_object_iter_value(it), depth + 1);
        // The _new call takes `member` (and frees it on failure).
        if (member == nullptr ||
            json_object_setn_new_nocheck(out, json_object_iter_key(it), json_object_iter_key_len(it), member) != 0) {
          json_decref(out);
          out = nullptr;
        }
      }
      return out;
    }
    case JSON_ARRAY: {
      json_t* out = json_array();
      const size_t size = json_array_size(v);
      for (size_t i = 0; i < size && out != nullptr; ++i) {
        json_t* element = copy_of(json_array_get(v, i), depth + 1);
        if (element == nullptr || json_array_append_new(out, element) != 0) {
          json_decref(out);
          out = nullptr;
        }
      }
      return out;
    }
    case JSON_STRING: return json_stringn_nocheck(json_string_value(v), json_string_length(v));
    case JSON_INTEGER: return json_integer(json_integer_value(v));
    case JSON_REAL: return json_real(json_real_value(v));
    case JSON_TRUE:
    case JSON_FALSE:
    case JSON_NULL: return v;  // jansson's constants: never counted, never freed
  }
  return nullptr;
}

}  // namespace

Value Value::copy() const {
  if (json_is_object(p_) || json_is_array(p_)) return adopt(json_copy(p_));
  return *this;
}

Value Value::deep_copy() const { return p_ == nullptr ? Value() : adopt(copy_of(p_, 0)); }

bool Value::equals(const Value& other) const {
  if (!p_ || !other.p_) return p_ == other.p_;
  return json_equal(p_, other.p_) == 1;
}

void init() { json_object_seed(0); }

}  // namespace fastscim::json
