#include "store/filter_sql.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <variant>

#include "store/column_table.h"
#include "util/strings.h"

namespace fastscim::store {

namespace {

using scim::AttributeDefinition;
using scim::AttributeType;
using scim::CompareOp;
using scim::CompValue;
using scim::Error;
using scim::ResolvedAttribute;
using scim::ResolvedFilter;
using scim::ResolvedPath;

constexpr char kCi[] = "utf8mb4_unicode_ci";
constexpr char kBin[] = "utf8mb4_bin";

// A value source in SQL and how to compare against it.
struct Operand {
  enum class Storage {
    kText,      // a VARCHAR with the right collation already (column, JSON_TABLE column)
    kJsonText,  // JSON_VALUE(...): collation applied per comparison
    kBoolColumn,
    kDateTimeColumn,
  };
  std::string expr;
  const AttributeDefinition* def = nullptr;
  Storage storage = Storage::kText;
};

Operand::Storage storage_of(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kText: return Operand::Storage::kText;
    case ColumnKind::kBoolean: return Operand::Storage::kBoolColumn;
    case ColumnKind::kDateTime: return Operand::Storage::kDateTimeColumn;
  }
  return Operand::Storage::kText;
}

// The columns of one element of a multi-valued attribute, keyed by the
// sub-attribute's lower-case name ("value" for a simple attribute's own
// values).
using ElementScope = std::map<std::string, Operand>;

// The key of `target` inside an element of its multi-valued attribute.
std::string element_key(const ResolvedPath& target) {
  return target.sub_attribute != nullptr ? util::to_lower(target.sub_attribute->name) : std::string("value");
}

const AttributeDefinition& element_definition(const ResolvedPath& target) {
  return target.sub_attribute != nullptr ? *target.sub_attribute : *target.attribute;
}

// Schema names are checked when a schema is loaded; this keeps the SQL
// text safe whatever a definition holds.
bool safe_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '$' || c == ':' || c == '.')) {
      return false;
    }
  }
  return true;
}

// '$."urn"."attr"."sub"' — keys always quoted ("$ref", URNs with dots).
scim::Result<std::string> json_path(const ResolvedAttribute& ra, bool with_sub) {
  std::string path = "$";
  std::vector<std::string> keys;
  if (ra.in_extension) keys.push_back(ra.schema->id);
  keys.push_back(ra.attribute->name);
  if (with_sub && ra.sub_attribute) keys.push_back(ra.sub_attribute->name);
  for (const auto& key : keys) {
    if (!safe_name(key)) return scim::fail(Error::invalid_filter("attribute \"" + key + "\" cannot be queried"));
    path += ".\"" + key + "\"";
  }
  return path;
}

std::string like_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '%' || c == '_') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string shown(const ResolvedPath& target) { return scim::to_string(target.canonical_path()); }

// Every element key an element filter uses, with its definition.
void collect_keys(const ResolvedFilter& f, std::map<std::string, const AttributeDefinition*>* keys) {
  struct Collector {
    std::map<std::string, const AttributeDefinition*>* keys;
    void operator()(const scim::ResolvedComparison& c) const {
      keys->emplace(element_key(c.target), &element_definition(c.target));
    }
    void operator()(const scim::ResolvedPresence& p) const {
      keys->emplace(element_key(p.target), &element_definition(p.target));
    }
    void operator()(const scim::ResolvedAnd& a) const {
      for (const auto& o : a.operands) collect_keys(o, keys);
    }
    void operator()(const scim::ResolvedOr& o) const {
      for (const auto& x : o.operands) collect_keys(x, keys);
    }
    void operator()(const scim::ResolvedNot& n) const { collect_keys(n.operand, keys); }
    void operator()(const scim::ResolvedValuePath&) const {}  // never inside an element (resolver)
  };
  std::visit(Collector{keys}, f.node());
}

// Translates a resolved filter of one resource type.  Each node kind has
// its own node() overload and std::visit picks it, so a new kind of node
// does not compile until it is translated.
class Translator {
 public:
  Translator(long long tenant_id, const ColumnTable& table) : tenant_id_(tenant_id), table_(table) {}

  std::vector<SqlParam> params;

  scim::Result<std::string> translate(const ResolvedFilter& filter) { return visit(filter, nullptr); }

  // The column or document value of a single-valued attribute of the
  // resource (not inside an element).
  scim::Result<Operand> resource_operand(const ResolvedAttribute& ra) const {
    if (const ColumnMapping* column = table_.column_for(ra)) {
      return Operand{std::string(column->sql), &ra.definition(), storage_of(column->kind)};
    }
    if (ra.schema == nullptr && ra.sub_attribute != nullptr) {
      // meta.location and meta.version are never stored (the resolver
      // refuses them; this keeps the SQL from reading the document).
      return scim::fail(Error::invalid_filter("\"" + scim::to_string(ra.canonical_path()) + "\" cannot be filtered"));
    }
    auto json = json_path(ra, true);
    if (!json) return scim::fail(json.error());
    return Operand{"JSON_VALUE(r.document, '" + *json + "')", &ra.definition(), Operand::Storage::kJsonText};
  }

 private:
  // `element` holds the columns of one element when translating inside
  // one; nullptr at the level of the resource.
  scim::Result<std::string> visit(const ResolvedFilter& f, const ElementScope* element) {
    return std::visit([&](const auto& n) { return this->node(n, element); }, f.node());
  }

  scim::Result<Operand> operand(const ResolvedPath& target, const ElementScope* element) const {
    if (element == nullptr) return resource_operand(target);
    auto it = element->find(element_key(target));
    if (it == element->end()) {
      return scim::fail(Error::invalid_filter("\"" + shown(target) + "\" cannot be filtered"));
    }
    return it->second;
  }

  scim::Result<std::string> node(const scim::ResolvedComparison& c, const ElementScope* element) {
    if (element == nullptr && c.target.attribute->multi_valued) {
      // emails.value eq "x", emails co "x": some element matches (FLT-09, FLT-10).
      std::map<std::string, const AttributeDefinition*> keys{{element_key(c.target), &element_definition(c.target)}};
      return any_element(c.target, keys, [&](const ElementScope& scope) { return node(c, &scope); });
    }
    auto o = operand(c.target, element);
    if (!o) return scim::fail(o.error());
    return compare(*o, c.target, c.op, c.value);
  }

  scim::Result<std::string> node(const scim::ResolvedPresence& p, const ElementScope* element) {
    if (element == nullptr && p.target.attribute->multi_valued) {
      const SideTable* side = table_.side_table_for(p.target);
      if (p.target.sub_attribute == nullptr && (side == nullptr || side->in_document)) {
        auto array = json_path(p.target, false);
        if (!array) return scim::fail(array.error());
        return "(JSON_LENGTH(JSON_EXTRACT(r.document, '" + *array + "')) > 0)";
      }
      // A membership is present when it has a value.
      std::map<std::string, const AttributeDefinition*> keys{{element_key(p.target), &element_definition(p.target)}};
      if (p.target.sub_attribute == nullptr) keys = {{"value", p.target.attribute->find_sub_attribute("value")}};
      return any_element(p.target, keys, [&](const ElementScope& scope) -> scim::Result<std::string> {
        auto o = scope.find(keys.begin()->first);
        if (o == scope.end() || keys.begin()->second == nullptr) {
          return scim::fail(Error::invalid_filter("\"" + shown(p.target) + "\" cannot be filtered"));
        }
        return present(o->second);
      });
    }
    if (element == nullptr && p.target.definition().is_complex()) {
      auto object = json_path(p.target, false);
      if (!object) return scim::fail(object.error());
      return "(JSON_LENGTH(JSON_EXTRACT(r.document, '" + *object + "')) > 0)";
    }
    auto o = operand(p.target, element);
    if (!o) return scim::fail(o.error());
    return present(*o);
  }

  scim::Result<std::string> node(const scim::ResolvedAnd& a, const ElementScope* element) {
    return join(a.operands, " AND ", element);
  }

  scim::Result<std::string> node(const scim::ResolvedOr& o, const ElementScope* element) {
    return join(o.operands, " OR ", element);
  }

  scim::Result<std::string> node(const scim::ResolvedNot& n, const ElementScope* element) {
    auto inner = visit(n.operand, element);
    if (!inner) return inner;
    return "(NOT COALESCE(" + *inner + ", FALSE))";
  }

  scim::Result<std::string> node(const scim::ResolvedValuePath& vp, const ElementScope* element) {
    if (element != nullptr) return scim::fail(Error::invalid_filter("value filters cannot be nested"));
    if (!vp.target.attribute->multi_valued) {
      // name[givenName eq "x"]: one complex value; its targets name
      // name.givenName, read like any single-valued attribute.
      return visit(vp.filter, nullptr);
    }
    std::map<std::string, const AttributeDefinition*> keys;
    collect_keys(vp.filter, &keys);
    return any_element(vp.target, keys, [&](const ElementScope& scope) { return visit(vp.filter, &scope); });
  }

  scim::Result<std::string> join(const std::vector<ResolvedFilter>& operands, const char* op,
                                 const ElementScope* element) {
    std::string out = "(";
    for (size_t i = 0; i < operands.size(); ++i) {
      auto part = visit(operands[i], element);
      if (!part) return part;
      if (i) out += op;
      out += *part;
    }
    return out + ")";
  }

  // A condition true when some element of the multi-valued attribute
  // `target` satisfies `condition`, which uses the element keys `keys`
  // (FLT-09, FLT-11): through the side table when it holds every key,
  // else by expanding the document's array (a scan within the tenant).
  template <typename Condition>
  scim::Result<std::string> any_element(const ResolvedAttribute& target,
                                        const std::map<std::string, const AttributeDefinition*>& keys,
                                        Condition condition) {
    if (const SideTable* side = table_.side_table_for(target)) {
      ElementScope scope;
      for (const auto& [key, def] : keys) {
        const SideTable::Column* column = side->find_column(key);
        if (column == nullptr) break;
        scope[key] = Operand{std::string(column->sql), def, Operand::Storage::kText};
      }
      if (scope.size() == keys.size()) {
        params.push_back(SqlParam::number(tenant_id_));
        auto inner = condition(scope);
        if (!inner) return inner;
        return std::string(side->select_prefix) + *inner + ")";
      }
      if (!side->in_document) {
        return scim::fail(Error::invalid_filter("\"" + target.attribute->name +
                                                "\" can be filtered only by the sub-attributes its table holds"));
      }
    }
    auto array = json_path(target, false);
    if (!array) return scim::fail(array.error());
    ElementScope scope;
    std::string definitions;
    int n = 0;
    for (const auto& [key, def] : keys) {
      std::string column = "c" + std::to_string(n++);
      std::string path = target.attribute->is_complex() ? "$.\"" + def->name + "\"" : "$";
      if (!safe_name(def->name)) {
        return scim::fail(Error::invalid_filter("attribute \"" + def->name + "\" cannot be queried"));
      }
      if (!definitions.empty()) definitions += ", ";
      definitions += column + " VARCHAR(2048) CHARACTER SET utf8mb4 COLLATE " + (def->case_exact ? kBin : kCi) +
                     " PATH '" + path + "'";
      scope[key] = Operand{"jt." + column, def, Operand::Storage::kText};
    }
    auto inner = condition(scope);
    if (!inner) return inner;
    return "EXISTS (SELECT 1 FROM JSON_TABLE(r.document, '" + *array + "[*]' COLUMNS (" + definitions +
           ")) AS jt WHERE " + *inner + ")";
  }

  // ---- comparisons: the resolver has checked operator and literal ----------

  static std::string collated(const Operand& o) {
    if (o.storage != Operand::Storage::kJsonText) return o.expr;
    return "(" + o.expr + " COLLATE " + (o.def->case_exact ? kBin : kCi) + ")";
  }

  scim::Result<std::string> compare(const Operand& o, const ResolvedPath& target, CompareOp op, const CompValue& v) {
    if (v.is_null()) {
      if (op == CompareOp::kEq) return "(" + o.expr + " IS NULL)";
      return "(" + o.expr + " IS NOT NULL)";  // ne (the resolver allows no other)
    }
    switch (o.def->type) {
      case AttributeType::kBoolean: {
        std::string matches;
        if (o.storage == Operand::Storage::kBoolColumn) {
          params.push_back(SqlParam::number(v.boolean_value() ? 1 : 0));
          matches = o.expr + " = ?";
        } else {
          matches = o.expr + (v.boolean_value() ? " IN ('true', '1')" : " IN ('false', '0')");
        }
        return op == CompareOp::kEq ? "(" + matches + ")" : "(NOT COALESCE(" + matches + ", FALSE))";
      }
      case AttributeType::kInteger:
      case AttributeType::kDecimal:
        params.push_back(SqlParam::string(v.text()));
        return ordering("CAST(" + o.expr + " AS DECIMAL(65,10))", "CAST(? AS DECIMAL(65,10))", op);
      default: break;
    }
    const std::string& value = v.text();
    if (o.storage == Operand::Storage::kDateTimeColumn) {
      std::string converted;
      if (!to_sql_datetime(value, &converted)) {
        return scim::fail(Error::invalid_filter("\"" + value + "\" is not an xsd:dateTime such as " +
                                                "2011-05-13T04:42:34Z (" + shown(target) + ")"));
      }
      params.push_back(SqlParam::string(converted));
      return ordering(o.expr, "?", op);
    }
    std::string lhs = collated(o);
    switch (op) {
      case CompareOp::kCo:
        params.push_back(SqlParam::string("%" + like_escape(value) + "%"));
        return "(" + lhs + " LIKE ?)";
      case CompareOp::kSw: params.push_back(SqlParam::string(like_escape(value) + "%")); return "(" + lhs + " LIKE ?)";
      case CompareOp::kEw: params.push_back(SqlParam::string("%" + like_escape(value))); return "(" + lhs + " LIKE ?)";
      default: params.push_back(SqlParam::string(value)); return ordering(lhs, "?", op);
    }
  }

  static std::string ordering(const std::string& lhs, const std::string& rhs, CompareOp op) {
    switch (op) {
      case CompareOp::kEq: return "(" + lhs + " = " + rhs + ")";
      case CompareOp::kNe: return "(NOT (" + lhs + " <=> " + rhs + "))";
      case CompareOp::kGt: return "(" + lhs + " > " + rhs + ")";
      case CompareOp::kGe: return "(" + lhs + " >= " + rhs + ")";
      case CompareOp::kLt: return "(" + lhs + " < " + rhs + ")";
      case CompareOp::kLe: return "(" + lhs + " <= " + rhs + ")";
      default: return "(FALSE)";
    }
  }

  static std::string present(const Operand& o) {
    if (o.storage == Operand::Storage::kBoolColumn || o.def->type == AttributeType::kBoolean ||
        o.storage == Operand::Storage::kDateTimeColumn) {
      return "(" + o.expr + " IS NOT NULL)";
    }
    return "(" + o.expr + " IS NOT NULL AND " + o.expr + " <> '')";
  }

  long long tenant_id_;
  const ColumnTable& table_;
};

}  // namespace

bool to_sql_datetime(std::string_view text, std::string* out) {
  int y, mo, d, h, mi, s;
  int consumed = 0;
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6) return false;
  std::string_view rest = text.substr(static_cast<size_t>(consumed));
  int millis = 0;
  if (!rest.empty() && rest[0] == '.') {
    size_t i = 1;
    int digits = 0;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
      if (digits < 3) millis = millis * 10 + (rest[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0) return false;
    for (int k = digits; k < 3; ++k) millis *= 10;
    rest.remove_prefix(i);
  }
  long offset = 0;
  if (rest == "Z" || rest == "z" || rest.empty()) {
    offset = 0;
  } else if ((rest[0] == '+' || rest[0] == '-') && rest.size() == 6 && rest[3] == ':') {
    int oh = 0, om = 0;
    if (std::sscanf(std::string(rest.substr(1)).c_str(), "%2d:%2d", &oh, &om) != 2) return false;
    offset = (oh * 60L + om) * 60 * (rest[0] == '+' ? 1 : -1);
  } else {
    return false;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  std::time_t t = timegm(&tm) - offset;
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d.%03d", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
  *out = buffer;
  return true;
}

scim::Result<SqlFragment> where_clause(long long tenant_id, const scim::Query& query) {
  SqlFragment fragment;
  fragment.text = "r.tenant_id = ? AND r.resource_type = ?";
  fragment.params.push_back(SqlParam::number(tenant_id));
  fragment.params.push_back(SqlParam::string(query.type->name));
  if (query.filter) {
    Translator translator(tenant_id, ColumnTable::for_type(query.type->name));
    auto text = translator.translate(*query.filter);
    if (!text) return scim::fail(text.error());
    fragment.text += " AND " + *text;
    for (auto& p : translator.params) fragment.params.push_back(std::move(p));
  }
  return fragment;
}

scim::Result<std::string> order_by_clause(const scim::Query& query) {
  const char* direction = query.descending ? " DESC" : " ASC";
  if (!query.sort_by) return std::string("ORDER BY r.seq") + direction;
  const ResolvedPath& sort = *query.sort_by;
  std::string expr;
  if (sort.attribute->multi_valued) {
    // SRT-02: the first value (fastscim keeps the primary value first).
    auto array = json_path(sort, false);
    if (!array) return scim::fail(Error::invalid_value(array.error().detail()));
    std::string sub = sort.sub_attribute ? sort.sub_attribute->name : "";
    if (!sub.empty() && !safe_name(sub)) return scim::fail(Error::invalid_value("cannot sort by " + sub));
    expr = "JSON_VALUE(r.document, '" + *array + "[0]" + (sub.empty() ? "" : ".\"" + sub + "\"") + "')";
    expr = "(" + expr + " COLLATE " + (sort.definition().case_exact ? kBin : kCi) + ")";
  } else {
    Translator translator(0, ColumnTable::for_type(query.type->name));
    auto operand = translator.resource_operand(sort);
    if (!operand) return scim::fail(Error::invalid_value(operand.error().detail()));
    expr = operand->storage == Operand::Storage::kJsonText
               ? "(" + operand->expr + " COLLATE " + (operand->def->case_exact ? kBin : kCi) + ")"
               : operand->expr;
  }
  // SRT-04: missing values last when ascending, first when descending.
  return "ORDER BY (" + expr + " IS NULL)" + direction + ", " + expr + direction + ", r.seq" + direction;
}

}  // namespace fastscim::store
