#include "scim/schema.h"

#include <utility>

#include "scim/attribute_path.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

constexpr std::pair<AttributeType, std::string_view> kTypes[] = {
    {AttributeType::kString, "string"},     {AttributeType::kBoolean, "boolean"},
    {AttributeType::kDecimal, "decimal"},   {AttributeType::kInteger, "integer"},
    {AttributeType::kDateTime, "dateTime"}, {AttributeType::kReference, "reference"},
    {AttributeType::kBinary, "binary"},     {AttributeType::kComplex, "complex"},
};
constexpr std::pair<Mutability, std::string_view> kMutabilities[] = {
    {Mutability::kReadOnly, "readOnly"},
    {Mutability::kReadWrite, "readWrite"},
    {Mutability::kImmutable, "immutable"},
    {Mutability::kWriteOnly, "writeOnly"},
};
constexpr std::pair<Returned, std::string_view> kReturneds[] = {
    {Returned::kAlways, "always"},
    {Returned::kNever, "never"},
    {Returned::kDefault, "default"},
    {Returned::kRequest, "request"},
};
constexpr std::pair<Uniqueness, std::string_view> kUniquenesses[] = {
    {Uniqueness::kNone, "none"},
    {Uniqueness::kServer, "server"},
    {Uniqueness::kGlobal, "global"},
};

template <typename E, size_t N>
std::string_view keyword_of(const std::pair<E, std::string_view> (&table)[N], E e) {
  for (const auto& [value, word] : table) {
    if (value == e) return word;
  }
  return {};
}

template <typename E, size_t N>
std::optional<E> parse_keyword(const std::pair<E, std::string_view> (&table)[N], std::string_view text) {
  for (const auto& [value, word] : table) {
    if (util::iequals(word, text)) return value;
  }
  return std::nullopt;
}

// RFC 3986 §3.1: scheme ":" followed by something without whitespace.
bool is_absolute_uri(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size()) return false;
  if (!is_alpha(s[0])) return false;
  for (size_t i = 1; i < colon; ++i) {
    char c = s[i];
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;
  }
  return true;
}

// Collects the problems of one schema document; every problem names where.
class Problems {
 public:
  void add(std::string_view where, const std::string& what) {
    std::string line(where);
    if (!line.empty()) line.append(": ");
    line.append(what);
    lines_.push_back(std::move(line));
  }
  bool empty() const { return lines_.empty(); }
  std::string joined() const {
    std::string out;
    for (const auto& line : lines_) {
      if (!out.empty()) out.append("; ");
      out.append(line);
    }
    return out;
  }

 private:
  std::vector<std::string> lines_;
};

void read_bool(const json::Value& v, std::string_view member, const std::string& where, bool* out, Problems* problems) {
  if (auto b = v.as_bool()) {
    *out = *b;
  } else {
    problems->add(where, quoted(member) + " must be true or false");
  }
}

void read_string(const json::Value& v, std::string_view member, const std::string& where, std::string* out,
                 Problems* problems) {
  if (auto s = v.as_string()) {
    out->assign(*s);
  } else {
    problems->add(where, quoted(member) + " must be a string");
  }
}

void read_string_list(const json::Value& v, std::string_view member, const std::string& where,
                      std::vector<std::string>* out, Problems* problems) {
  if (!v.is_array()) {
    problems->add(where, quoted(member) + " must be an array of strings");
    return;
  }
  for (size_t i = 0; i < v.size(); ++i) {
    auto s = v.at(i).as_string();
    if (!s) {
      problems->add(where, quoted(member) + " must be an array of strings");
      out->clear();
      return;
    }
    out->emplace_back(*s);
  }
}

template <typename E>
void read_keyword(const json::Value& v, std::string_view member, const std::string& where,
                  std::optional<E> (*parse)(std::string_view), E* out, Problems* problems) {
  auto s = v.as_string();
  if (!s) {
    problems->add(where, quoted(member) + " must be a string");
    return;
  }
  if (auto e = parse(*s)) {
    *out = *e;
  } else {
    problems->add(where, "unknown " + std::string(member) + " " + quoted(*s));
  }
}

std::vector<AttributeDefinition> read_attributes(const json::Value& list, const std::string& parent, bool nested,
                                                 Problems* problems);

// `parent` is "" for a top-level attribute, "name" for a sub-attribute of
// name; `index` locates attributes that have no usable name.
std::optional<AttributeDefinition> read_attribute(const json::Value& v, const std::string& parent, size_t index,
                                                  bool nested, Problems* problems) {
  std::string position = parent.empty()
                             ? "attributes[" + std::to_string(index) + "]"
                             : "attribute " + quoted(parent) + " subAttributes[" + std::to_string(index) + "]";
  if (!v.is_object()) {
    problems->add(position, "must be an object");
    return std::nullopt;
  }
  AttributeDefinition def;
  json::Value name = v.get_ci("name");
  if (!name) {
    problems->add(position, "missing \"name\"");
    return std::nullopt;
  }
  auto name_text = name.as_string();
  if (!name_text) {
    problems->add(position, "\"name\" must be a string");
    return std::nullopt;
  }
  def.name.assign(*name_text);
  std::string path = parent.empty() ? def.name : parent + "." + def.name;
  std::string where = "attribute " + quoted(path);
  if (!is_attribute_name(def.name)) {
    problems->add(where, "invalid attribute name (RFC 7643 §2.1)");
  }

  json::Value sub_attributes;
  for (const auto& [key, value] : v.items()) {
    std::string k = util::to_lower(key);
    if (k == "name") {
      continue;
    } else if (k == "type") {  // omitted: "string" (ATT-03)
      read_keyword(value, "type", where, &parse_attribute_type, &def.type, problems);
    } else if (k == "multivalued") {
      read_bool(value, "multiValued", where, &def.multi_valued, problems);
    } else if (k == "required") {
      read_bool(value, "required", where, &def.required, problems);
    } else if (k == "caseexact") {
      read_bool(value, "caseExact", where, &def.case_exact, problems);
    } else if (k == "mutability") {
      read_keyword(value, "mutability", where, &parse_mutability, &def.mutability, problems);
    } else if (k == "returned") {
      read_keyword(value, "returned", where, &parse_returned, &def.returned, problems);
    } else if (k == "uniqueness") {
      read_keyword(value, "uniqueness", where, &parse_uniqueness, &def.uniqueness, problems);
    } else if (k == "canonicalvalues") {
      read_string_list(value, "canonicalValues", where, &def.canonical_values, problems);
    } else if (k == "referencetypes") {
      read_string_list(value, "referenceTypes", where, &def.reference_types, problems);
    } else if (k == "description") {
      read_string(value, "description", where, &def.description, problems);
    } else if (k == "subattributes") {
      sub_attributes = value;
    } else {
      problems->add(where, "unknown characteristic " + quoted(key));
    }
  }
  if (def.type != AttributeType::kReference && !def.reference_types.empty()) {
    problems->add(where, "\"referenceTypes\" applies only to type \"reference\"");
  }
  if (def.type == AttributeType::kComplex) {
    if (nested) {
      problems->add(where, "a sub-attribute cannot be complex (RFC 7643 §2.3.8)");
    } else if (!sub_attributes || !sub_attributes.is_array() || sub_attributes.size() == 0) {
      problems->add(where, "a complex attribute needs a non-empty \"subAttributes\" array");
    } else {
      def.sub_attributes = read_attributes(sub_attributes, path, true, problems);
    }
  } else if (sub_attributes && !(sub_attributes.is_array() && sub_attributes.size() == 0)) {
    problems->add(where, "\"subAttributes\" applies only to type \"complex\"");
  }
  return def;
}

std::vector<AttributeDefinition> read_attributes(const json::Value& list, const std::string& parent, bool nested,
                                                 Problems* problems) {
  std::vector<AttributeDefinition> out;
  for (size_t i = 0; i < list.size(); ++i) {
    auto def = read_attribute(list.at(i), parent, i, nested, problems);
    if (!def) continue;
    bool duplicate = false;
    for (const auto& seen : out) {
      if (util::iequals(seen.name, def->name)) duplicate = true;
    }
    if (duplicate) {
      std::string path = parent.empty() ? def->name : parent + "." + def->name;
      problems->add("attribute " + quoted(path), "defined more than once");
      continue;
    }
    out.push_back(std::move(*def));
  }
  return out;
}

json::Value string_array(const std::vector<std::string>& items) {
  json::Value out = json::Value::array();
  for (const auto& s : items) out.append(json::Value::string(s));
  return out;
}

}  // namespace

std::string_view keyword(AttributeType type) { return keyword_of(kTypes, type); }
std::string_view keyword(Mutability mutability) { return keyword_of(kMutabilities, mutability); }
std::string_view keyword(Returned returned) { return keyword_of(kReturneds, returned); }
std::string_view keyword(Uniqueness uniqueness) { return keyword_of(kUniquenesses, uniqueness); }

std::optional<AttributeType> parse_attribute_type(std::string_view text) { return parse_keyword(kTypes, text); }
std::optional<Mutability> parse_mutability(std::string_view text) { return parse_keyword(kMutabilities, text); }
std::optional<Returned> parse_returned(std::string_view text) { return parse_keyword(kReturneds, text); }
std::optional<Uniqueness> parse_uniqueness(std::string_view text) { return parse_keyword(kUniquenesses, text); }

const AttributeDefinition* AttributeDefinition::find_sub_attribute(std::string_view sub_name) const {
  for (const auto& sub : sub_attributes) {
    if (util::iequals(sub.name, sub_name)) return &sub;
  }
  return nullptr;
}

const AttributeDefinition* Schema::find_attribute(std::string_view attribute_name) const {
  for (const auto& attr : attributes) {
    if (util::iequals(attr.name, attribute_name)) return &attr;
  }
  return nullptr;
}

Result<Schema> Schema::from_json(const json::Value& value) {
  if (!value.is_object()) return fail(Error::invalid_value("schema: must be a JSON object"));
  Problems problems;
  Schema schema;
  bool saw_id = false;
  json::Value attributes;
  for (const auto& [key, member] : value.items()) {
    std::string k = util::to_lower(key);
    if (k == "id") {
      saw_id = true;
      auto id = member.as_string();
      if (!id || !is_absolute_uri(*id)) {
        problems.add("schema",
                     "\"id\" must be an absolute URI such as "
                     "urn:ietf:params:scim:schemas:extension:acme:2.0:User");
      } else {
        schema.id.assign(*id);
      }
    } else if (k == "name") {
      read_string(member, "name", "schema", &schema.name, &problems);
    } else if (k == "description") {
      read_string(member, "description", "schema", &schema.description, &problems);
    } else if (k == "attributes") {
      attributes = member;
    } else if (k == "schemas") {
      std::vector<std::string> ignored;
      read_string_list(member, "schemas", "schema", &ignored, &problems);
    } else if (k == "meta") {
      if (!member.is_object()) problems.add("schema", "\"meta\" must be an object");
    } else {
      problems.add("schema", "unknown member " + quoted(key));
    }
  }
  if (!saw_id) problems.add("schema", "missing \"id\"");
  if (!attributes) {
    problems.add("schema", "missing \"attributes\"");
  } else if (!attributes.is_array()) {
    problems.add("schema", "\"attributes\" must be an array");
  } else {
    schema.attributes = read_attributes(attributes, "", false, &problems);
  }
  if (!problems.empty()) return fail(Error::invalid_value(problems.joined()));
  return schema;
}

json::Value to_json(const AttributeDefinition& attribute) {
  json::Value out = json::Value::object();
  out.set("name", json::Value::string(attribute.name));
  out.set("type", json::Value::string(keyword(attribute.type)));
  out.set("multiValued", json::Value::boolean(attribute.multi_valued));
  out.set("description", json::Value::string(attribute.description));
  out.set("required", json::Value::boolean(attribute.required));
  out.set("caseExact", json::Value::boolean(attribute.case_exact));
  out.set("canonicalValues", string_array(attribute.canonical_values));
  out.set("mutability", json::Value::string(keyword(attribute.mutability)));
  out.set("returned", json::Value::string(keyword(attribute.returned)));
  out.set("uniqueness", json::Value::string(keyword(attribute.uniqueness)));
  out.set("referenceTypes", string_array(attribute.reference_types));
  if (attribute.is_complex()) {
    json::Value subs = json::Value::array();
    for (const auto& sub : attribute.sub_attributes) subs.append(to_json(sub));
    out.set("subAttributes", std::move(subs));
  }
  return out;
}

json::Value to_json(const Schema& schema, std::string_view location) {
  json::Value out = json::Value::object();
  json::Value schemas = json::Value::array();
  schemas.append(json::Value::string(kSchemaSchemaUrn));
  out.set("schemas", std::move(schemas));
  out.set("id", json::Value::string(schema.id));
  out.set("name", json::Value::string(schema.name));
  out.set("description", json::Value::string(schema.description));
  json::Value attributes = json::Value::array();
  for (const auto& attr : schema.attributes) attributes.append(to_json(attr));
  out.set("attributes", std::move(attributes));
  if (!location.empty()) {
    json::Value meta = json::Value::object();
    meta.set("resourceType", json::Value::string("Schema"));
    meta.set("location", json::Value::string(location));
    out.set("meta", std::move(meta));
  }
  return out;
}

bool operator==(const AttributeDefinition& a, const AttributeDefinition& b) {
  return a.name == b.name && a.type == b.type && a.multi_valued == b.multi_valued && a.required == b.required &&
         a.case_exact == b.case_exact && a.mutability == b.mutability && a.returned == b.returned &&
         a.uniqueness == b.uniqueness && a.canonical_values == b.canonical_values &&
         a.reference_types == b.reference_types && a.description == b.description &&
         a.sub_attributes == b.sub_attributes;
}

bool operator==(const Schema& a, const Schema& b) {
  return a.id == b.id && a.name == b.name && a.description == b.description && a.attributes == b.attributes;
}

}  // namespace fastscim::scim
