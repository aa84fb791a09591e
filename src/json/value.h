// json::Value — owns exactly one jansson reference.
//
// Ownership is explicit at every boundary with jansson: adopt() takes over a
// new reference (json_object(), json_loads()), borrow() increments a borrowed
// one (json_object_get()).  Copying a Value shares the underlying json_t and
// increments its count; moving transfers it; the destructor decrements it.
// release() exists only to feed jansson's reference-stealing "_new" calls.
//
// A default-constructed Value is *absent* (holds nothing): that is what get()
// returns for a missing key, and what `if (v)` tests.  JSON null is a present
// Value of type kNull.
//
// Thread-safety: jansson reference counts are not atomic-safe for sharing a
// mutable value; never share a Value that can change across threads.
// json::init() must run before any thread starts (it seeds the hash).
#ifndef FASTSCIM_JSON_VALUE_H_
#define FASTSCIM_JSON_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct json_t;

namespace fastscim::json {

// A value nested deeper than this is taken to contain itself: deep_copy()
// gives none and dump() gives "" (jansson's own answer to a cycle).
inline constexpr int kMaxNesting = 2048;

enum class Type { kAbsent, kObject, kArray, kString, kInteger, kReal, kTrue, kFalse, kNull };

class Value {
 public:
  Value() = default;
  Value(const Value& other);
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ~Value();

  // Takes over a new reference; `p` may be null (gives an absent Value).
  static Value adopt(json_t* p);
  // Adds a reference to a borrowed pointer; `p` may be null.
  static Value borrow(json_t* p);

  static Value object();
  static Value array();
  static Value string(std::string_view s);
  static Value integer(long long v);
  static Value real(double v);
  static Value boolean(bool v);
  static Value null();

  // Gives up ownership without decrementing; for jansson's stealing calls.
  json_t* release();
  json_t* get_raw() const { return p_; }

  explicit operator bool() const { return p_ != nullptr; }
  Type type() const;
  bool is_object() const { return type() == Type::kObject; }
  bool is_array() const { return type() == Type::kArray; }
  bool is_string() const { return type() == Type::kString; }
  bool is_integer() const { return type() == Type::kInteger; }
  bool is_number() const { return type() == Type::kInteger || type() == Type::kReal; }
  bool is_bool() const { return type() == Type::kTrue || type() == Type::kFalse; }
  bool is_null() const { return type() == Type::kNull; }

  // Typed getters: nullopt when the type does not match.  The string_view
  // stays valid while this Value (or another reference to it) lives unchanged.
  std::optional<std::string_view> as_string() const;
  std::optional<long long> as_integer() const;
  std::optional<double> as_number() const;
  std::optional<bool> as_bool() const;

  // Objects.  get() returns an absent Value when the key is missing or this
  // is not an object.  get_ci() matches the key case-insensitively (ASCII),
  // as SCIM attribute names require (RFC 7643 §2.1), and reports the key as
  // spelt in the document through `actual_key` when non-null.
  Value get(std::string_view key) const;
  Value get_ci(std::string_view key, std::string* actual_key = nullptr) const;
  // Requires is_object(); returns false on allocation failure or bad UTF-8 key.
  bool set(std::string_view key, Value v);
  bool erase(std::string_view key);
  std::vector<std::pair<std::string, Value>> items() const;

  // Arrays (and size() of objects).
  size_t size() const;
  Value at(size_t i) const;
  bool append(Value v);
  bool remove_at(size_t i);
  bool clear();

  // A new object or array holding the same values (shared, not copied);
  // any other value is itself.
  Value copy() const;
  Value deep_copy() const;
  bool equals(const Value& other) const;

 private:
  explicit Value(json_t* p) : p_(p) {}
  json_t* p_ = nullptr;
};

// Seeds jansson's hash function.  Call once, before any thread is started.
void init();

}  // namespace fastscim::json

#endif  // FASTSCIM_JSON_VALUE_H_
