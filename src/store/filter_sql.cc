#include "store/filter_sql.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <set>

#include "util/strings.h"

namespace fastscim::store {

namespace {

using scim::AttributeDefinition;
using scim::AttributePath;
using scim::AttributeType;
using scim::CompareOp;
using scim::CompValue;
using scim::Error;
using scim::Filter;
using scim::ResolvedAttribute;

constexpr char kCi[] = "utf8mb4_unicode_ci";
constexpr char kBin[] = "utf8mb4_bin";
constexpr char kEnterpriseUrn[] = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

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

// Resolves a path relative to the current scope (the resource, or one
// element of a multi-valued attribute) to its operand.
using Scope = std::function<scim::Result<Operand>(const AttributePath&)>;

bool safe_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '$' || c == ':' ||
          c == '.')) {
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

std::string path_text(const AttributePath& p) { return scim::to_string(p); }

class Translator {
 public:
  Translator(long long tenant_id, const scim::Query& query) : tenant_id_(tenant_id), query_(query) {}

  std::vector<SqlParam> params;

  scim::Result<std::string> translate(const Filter& filter) { return visit(filter, top_scope()); }

  scim::Result<Operand> top_operand(const AttributePath& path) { return top_scope()(path); }

 private:
  const std::string& type_name() const { return query_.type->name; }

  std::optional<ResolvedAttribute> resolve(const AttributePath& path) {
    return query_.registry->resolve(*query_.type, path);
  }

  Error unknown(const AttributePath& path) {
    return Error::invalid_filter("unknown attribute \"" + path_text(path) + "\" for " + type_name() + " resources");
  }

  // The indexed column holding a single-valued attribute, if it has one.
  std::optional<Operand> indexed_column(const ResolvedAttribute& ra) {
    const AttributeDefinition* def = &ra.definition();
    std::string name = util::to_lower(ra.attribute->name);
    std::string sub = ra.sub_attribute ? util::to_lower(ra.sub_attribute->name) : "";
    if (ra.schema == nullptr) {  // common attributes (RES-02)
      if (name == "id") return Operand{"r.id", def, Operand::Storage::kText};
      if (name == "externalid") return Operand{"r.external_id", def, Operand::Storage::kText};
      if (name == "meta" && sub == "created") return Operand{"r.created", def, Operand::Storage::kDateTimeColumn};
      if (name == "meta" && sub == "lastmodified") {
        return Operand{"r.last_modified", def, Operand::Storage::kDateTimeColumn};
      }
      if (name == "meta" && sub == "resourcetype") return Operand{"r.resource_type", def, Operand::Storage::kText};
      return std::nullopt;
    }
    if (ra.sub_attribute) return std::nullopt;
    if (type_name() == "User" && !ra.in_extension) {
      if (name == "username") return Operand{"r.name_key", def, Operand::Storage::kText};
      if (name == "displayname") return Operand{"r.display_name", def, Operand::Storage::kText};
      if (name == "active") return Operand{"r.active", def, Operand::Storage::kBoolColumn};
    }
    if (type_name() == "User" && ra.in_extension && util::iequals(ra.schema->id, kEnterpriseUrn) &&
        name == "employeenumber") {
      return Operand{"r.employee_number", def, Operand::Storage::kText};
    }
    if (type_name() == "Group" && !ra.in_extension && name == "displayname") {
      return Operand{"r.name_key", def, Operand::Storage::kText};
    }
    return std::nullopt;
  }

  Scope top_scope() {
    return [this](const AttributePath& path) -> scim::Result<Operand> {
      auto ra = resolve(path);
      if (!ra) return scim::fail(unknown(path));
      if (auto column = indexed_column(*ra)) return *column;
      if (ra->schema == nullptr && util::iequals(ra->attribute->name, "meta")) {
        return scim::fail(Error::invalid_filter("\"" + path_text(path) + "\" cannot be filtered; use meta.created, "
                                                "meta.lastModified or meta.resourceType"));
      }
      auto json = json_path(*ra, true);
      if (!json) return scim::fail(json.error());
      return Operand{"JSON_VALUE(r.document, '" + *json + "')", &ra->definition(), Operand::Storage::kJsonText};
    };
  }

  // ---- comparisons ---------------------------------------------------------

  std::string collated(const Operand& o) {
    if (o.storage != Operand::Storage::kJsonText) return o.expr;
    return "(" + o.expr + " COLLATE " + (o.def->case_exact ? kBin : kCi) + ")";
  }

  scim::Result<std::string> compare(const Operand& o, const AttributePath& path, CompareOp op, const CompValue& v) {
    const AttributeType type = o.def->type;
    const std::string shown = path_text(path);
    if (v.is_null()) {
      if (op == CompareOp::kEq) return "(" + o.expr + " IS NULL)";
      if (op == CompareOp::kNe) return "(" + o.expr + " IS NOT NULL)";
      return scim::fail(Error::invalid_filter("null can only be compared with eq or ne (" + shown + ")"));
    }
    if (type == AttributeType::kComplex) {
      return scim::fail(Error::invalid_filter("\"" + shown + "\" is complex; compare one of its sub-attributes"));
    }
    if (type == AttributeType::kBoolean) {
      if (!v.is_boolean()) return scim::fail(Error::invalid_filter("\"" + shown + "\" is a boolean; compare it with true or false"));
      if (op != CompareOp::kEq && op != CompareOp::kNe) {
        // FLT-07
        return scim::fail(Error::invalid_filter("\"" + shown + "\" is a boolean and supports only eq and ne, not " +
                                                std::string(scim::to_string(op))));
      }
      std::string matches;
      if (o.storage == Operand::Storage::kBoolColumn) {
        params.push_back(SqlParam::number(v.boolean_value() ? 1 : 0));
        matches = o.expr + " = ?";
      } else {
        matches = o.expr + (v.boolean_value() ? " IN ('true', '1')" : " IN ('false', '0')");
      }
      return op == CompareOp::kEq ? "(" + matches + ")" : "(NOT COALESCE(" + matches + ", FALSE))";
    }
    if (type == AttributeType::kInteger || type == AttributeType::kDecimal) {
      if (!v.is_number()) return scim::fail(Error::invalid_filter("\"" + shown + "\" is a number; compare it with a number"));
      if (op == CompareOp::kCo || op == CompareOp::kSw || op == CompareOp::kEw) {
        return scim::fail(Error::invalid_filter("\"" + shown + "\" is a number; co, sw and ew apply to strings"));
      }
      params.push_back(SqlParam::string(v.text()));
      std::string lhs = "CAST(" + o.expr + " AS DECIMAL(65,10))";
      std::string rhs = "CAST(? AS DECIMAL(65,10))";
      return ordering(lhs, rhs, op);
    }
    if (!v.is_string()) {
      return scim::fail(Error::invalid_filter("\"" + shown + "\" is a string; compare it with a quoted value"));
    }
    if (type == AttributeType::kBinary && scim::is_ordering(op)) {
      return scim::fail(Error::invalid_filter("\"" + shown + "\" is binary and cannot be ordered (gt, ge, lt, le)"));
    }
    std::string value = v.text();
    if (o.storage == Operand::Storage::kDateTimeColumn) {
      if (op == CompareOp::kCo || op == CompareOp::kSw || op == CompareOp::kEw) {
        return scim::fail(Error::invalid_filter("\"" + shown + "\" is a dateTime; use eq, ne, gt, ge, lt or le"));
      }
      std::string converted;
      if (!to_sql_datetime(value, &converted)) {
        return scim::fail(Error::invalid_filter("\"" + value + "\" is not an xsd:dateTime such as 2011-05-13T04:42:34Z (" +
                                                shown + ")"));
      }
      params.push_back(SqlParam::string(converted));
      return ordering(o.expr, "?", op);
    }
    std::string lhs = collated(o);
    switch (op) {
      case CompareOp::kCo:
        params.push_back(SqlParam::string("%" + like_escape(value) + "%"));
        return "(" + lhs + " LIKE ?)";
      case CompareOp::kSw:
        params.push_back(SqlParam::string(like_escape(value) + "%"));
        return "(" + lhs + " LIKE ?)";
      case CompareOp::kEw:
        params.push_back(SqlParam::string("%" + like_escape(value)));
        return "(" + lhs + " LIKE ?)";
      default:
        params.push_back(SqlParam::string(value));
        return ordering(lhs, "?", op);
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

  std::string present(const Operand& o) {
    if (o.storage == Operand::Storage::kBoolColumn || o.def->type == AttributeType::kBoolean ||
        o.storage == Operand::Storage::kDateTimeColumn) {
      return "(" + o.expr + " IS NOT NULL)";
    }
    return "(" + o.expr + " IS NOT NULL AND " + o.expr + " <> '')";
  }

  // ---- multi-valued attributes ------------------------------------------------

  // Every sub-attribute name (lower case) the element filter uses.
  static void collect_names(const Filter& f, std::set<std::string>* names) {
    if (auto c = f.get_if<scim::Comparison>()) names->insert(util::to_lower(c->path.attribute));
    if (auto p = f.get_if<scim::Presence>()) names->insert(util::to_lower(p->path.attribute));
    if (auto a = f.get_if<scim::And>()) for (const auto& o : a->operands) collect_names(o, names);
    if (auto o = f.get_if<scim::Or>()) for (const auto& x : o->operands) collect_names(x, names);
    if (auto n = f.get_if<scim::Not>()) collect_names(n->operand, names);
  }

  const AttributeDefinition* element_definition(const ResolvedAttribute& ra, const AttributePath& relative) {
    const AttributeDefinition& attr = *ra.attribute;
    if (!attr.is_complex()) {
      // A multi-valued simple attribute: its one "sub-attribute" is the value.
      return util::iequals(relative.attribute, "value") || util::iequals(relative.attribute, attr.name) ? &attr : nullptr;
    }
    if (!relative.sub_attribute.empty() || !relative.urn.empty()) return nullptr;
    return attr.find_sub_attribute(relative.attribute);
  }

  // A condition true when some element of the multi-valued attribute
  // `ra` satisfies `element_filter` (FLT-09, FLT-11).
  scim::Result<std::string> any_element(const ResolvedAttribute& ra, const Filter& element_filter) {
    std::set<std::string> names;
    collect_names(element_filter, &names);
    std::string attr = util::to_lower(ra.attribute->name);
    auto only = [&](std::initializer_list<const char*> allowed) {
      for (const auto& n : names) {
        bool ok = false;
        for (const char* a : allowed) ok = ok || n == a;
        if (!ok) return false;
      }
      return true;
    };
    auto side_scope = [&](std::map<std::string, std::string> columns) -> Scope {
      return [this, &ra, columns](const AttributePath& relative) -> scim::Result<Operand> {
        const AttributeDefinition* def = element_definition(ra, relative);
        auto it = columns.find(util::to_lower(relative.attribute));
        if (!def || it == columns.end()) {
          return scim::fail(Error::invalid_filter("unknown sub-attribute \"" + path_text(relative) + "\" of " +
                                                  ra.attribute->name));
        }
        return Operand{it->second, def, Operand::Storage::kText};
      };
    };
    bool base = !ra.in_extension && ra.schema != nullptr;
    if (base && type_name() == "User" && attr == "emails" && only({"value", "type"})) {
      params.push_back(SqlParam::number(tenant_id_));
      auto inner = within_element([&] { return visit(element_filter, side_scope({{"value", "e.value"}, {"type", "e.type"}})); });
      if (!inner) return inner;
      return "r.seq IN (SELECT e.resource_seq FROM resource_emails e WHERE e.tenant_id = ? AND " + *inner + ")";
    }
    if (base && type_name() == "Group" && attr == "members") {
      if (!only({"value", "type", "display"})) {
        return scim::fail(Error::invalid_filter("group members can be filtered by value, type and display only"));
      }
      params.push_back(SqlParam::number(tenant_id_));
      auto inner = within_element([&] { return visit(element_filter, side_scope({{"value", "mr.id"},
                                                     {"type", "mr.resource_type"},
                                                     {"display", "COALESCE(mr.display_name, mr.name_key)"}})); });
      if (!inner) return inner;
      return "r.seq IN (SELECT m.group_seq FROM resources mr JOIN group_members m ON m.member_seq = mr.seq"
             " WHERE mr.tenant_id = ? AND " + *inner + ")";
    }
    if (base && type_name() == "User" && attr == "groups") {
      if (!only({"value", "display"})) {
        return scim::fail(Error::invalid_filter("a user's groups can be filtered by value and display only"));
      }
      params.push_back(SqlParam::number(tenant_id_));
      auto inner = within_element([&] { return visit(element_filter, side_scope({{"value", "g.id"}, {"display", "g.name_key"}})); });
      if (!inner) return inner;
      return "r.seq IN (SELECT m.member_seq FROM resources g JOIN group_members m ON m.group_seq = g.seq"
             " WHERE g.tenant_id = ? AND " + *inner + ")";
    }

    // Any other attribute: expand the JSON array into rows (a scan within the tenant).
    auto array = json_path(ra, false);
    if (!array) return scim::fail(array.error());
    std::map<std::string, std::string> columns;
    std::string definitions;
    int n = 0;
    for (const auto& name : names) {
      const AttributeDefinition* def = element_definition(ra, AttributePath{"", name, ""});
      if (!def) {
        return scim::fail(Error::invalid_filter("unknown sub-attribute \"" + name + "\" of " + ra.attribute->name));
      }
      std::string column = "c" + std::to_string(n++);
      std::string path = ra.attribute->is_complex() ? "$.\"" + def->name + "\"" : "$";
      if (!safe_name(def->name)) return scim::fail(Error::invalid_filter("attribute \"" + def->name + "\" cannot be queried"));
      if (!definitions.empty()) definitions += ", ";
      definitions += column + " VARCHAR(2048) CHARACTER SET utf8mb4 COLLATE " + (def->case_exact ? kBin : kCi) +
                     " PATH '" + path + "'";
      columns[name] = "jt." + column;
    }
    auto inner = within_element([&] { return visit(element_filter, side_scope(columns)); });
    if (!inner) return inner;
    return "EXISTS (SELECT 1 FROM JSON_TABLE(r.document, '" + *array + "[*]' COLUMNS (" + definitions +
           ")) AS jt WHERE " + *inner + ")";
  }

  // ---- the visitor ----------------------------------------------------------------

  scim::Result<std::string> visit(const Filter& f, const Scope& scope) {
    if (auto c = f.get_if<scim::Comparison>()) return comparison(*c, scope);
    if (auto p = f.get_if<scim::Presence>()) return presence(*p, scope);
    if (auto a = f.get_if<scim::And>()) return join(a->operands, " AND ", scope);
    if (auto o = f.get_if<scim::Or>()) return join(o->operands, " OR ", scope);
    if (auto n = f.get_if<scim::Not>()) {
      auto inner = visit(n->operand, scope);
      if (!inner) return inner;
      return "(NOT COALESCE(" + *inner + ", FALSE))";
    }
    const auto& vp = *f.get_if<scim::ValuePath>();
    if (element_depth_ > 0) return scim::fail(Error::invalid_filter("value filters cannot be nested"));
    auto ra = resolve(vp.path);
    if (!ra) return scim::fail(unknown(vp.path));
    if (!ra->attribute->multi_valued && !ra->attribute->is_complex()) {
      return scim::fail(Error::invalid_filter("\"" + path_text(vp.path) + "\" has no sub-attributes to filter with [ ]"));
    }
    if (!ra->attribute->multi_valued) {
      // name[givenName eq "x"]: a single complex value; its sub-attributes are plain paths.
      ResolvedAttribute outer = *ra;
      Scope complex_scope = [this, outer](const AttributePath& relative) -> scim::Result<Operand> {
        AttributePath full = outer.canonical_path();
        full.sub_attribute = relative.attribute;
        return top_scope()(full);
      };
      return within_element([&] { return visit(vp.filter, complex_scope); });
    }
    return any_element(*ra, vp.filter);
  }

  // Translates `f` with paths relative to one element (no further nesting).
  template <typename F>
  scim::Result<std::string> within_element(F f) {
    ++element_depth_;
    auto out = f();
    --element_depth_;
    return out;
  }

  scim::Result<std::string> join(const std::vector<Filter>& operands, const char* op, const Scope& scope) {
    std::string out = "(";
    for (size_t i = 0; i < operands.size(); ++i) {
      auto part = visit(operands[i], scope);
      if (!part) return part;
      if (i) out += op;
      out += *part;
    }
    return out + ")";
  }

  // At the top level a path may name a multi-valued attribute's
  // sub-attribute (emails.value eq "x"): that means "some element" (FLT-09).
  std::optional<ResolvedAttribute> multi_valued_at_top(const AttributePath& path) {
    if (element_depth_ > 0) return std::nullopt;
    auto ra = resolve(path);
    if (ra && ra->attribute->multi_valued) return ra;
    return std::nullopt;
  }

  scim::Result<std::string> comparison(const scim::Comparison& c, const Scope& scope) {
    if (auto ra = multi_valued_at_top(c.path)) {
      std::string sub = ra->sub_attribute ? ra->sub_attribute->name : "value";  // FLT-10
      ResolvedAttribute attr = *ra;
      attr.sub_attribute = nullptr;
      return nested(attr, Filter::comparison(AttributePath{"", sub, ""}, c.op, c.value));
    }
    auto operand = scope(c.path);
    if (!operand) return scim::fail(operand.error());
    return compare(*operand, c.path, c.op, c.value);
  }

  scim::Result<std::string> presence(const scim::Presence& p, const Scope& scope) {
    if (auto ra = multi_valued_at_top(p.path)) {
      if (!ra->sub_attribute) {
        auto array = json_path(*ra, false);
        if (!array) return scim::fail(array.error());
        if (util::iequals(ra->attribute->name, "members") || util::iequals(ra->attribute->name, "groups")) {
          return nested(*ra, Filter::presence(AttributePath{"", "value", ""}));
        }
        return "(JSON_LENGTH(JSON_EXTRACT(r.document, '" + *array + "')) > 0)";
      }
      ResolvedAttribute attr = *ra;
      std::string sub = ra->sub_attribute->name;
      attr.sub_attribute = nullptr;
      return nested(attr, Filter::presence(AttributePath{"", sub, ""}));
    }
    if (element_depth_ == 0) {
      auto ra = resolve(p.path);
      if (ra && ra->attribute->is_complex() && !ra->sub_attribute) {
        auto object = json_path(*ra, false);
        if (!object) return scim::fail(object.error());
        return "(JSON_LENGTH(JSON_EXTRACT(r.document, '" + *object + "')) > 0)";
      }
    }
    auto operand = scope(p.path);
    if (!operand) return scim::fail(operand.error());
    return present(*operand);
  }

  scim::Result<std::string> nested(const ResolvedAttribute& ra, const Filter& element_filter) {
    return any_element(ra, element_filter);
  }

  long long tenant_id_;
  const scim::Query& query_;
  int element_depth_ = 0;
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
    offset = (oh * 60 + om) * 60 * (rest[0] == '+' ? 1 : -1);
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
    Translator translator(tenant_id, query);
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
  auto ra = query.registry->resolve(*query.type, *query.sort_by);
  if (!ra) {
    return scim::fail(Error::invalid_value("sortBy names an unknown attribute \"" + path_text(*query.sort_by) + "\""));
  }
  std::string expr;
  Translator translator(0, query);
  if (ra->attribute->multi_valued) {
    // SRT-02: the first value (fastscim keeps the primary value first).
    auto array = json_path(*ra, false);
    if (!array) return scim::fail(array.error());
    std::string sub = ra->sub_attribute ? ra->sub_attribute->name : (ra->attribute->is_complex() ? "value" : "");
    if (!safe_name(sub) && !sub.empty()) return scim::fail(Error::invalid_value("cannot sort by " + sub));
    expr = "JSON_VALUE(r.document, '" + *array + "[0]" + (sub.empty() ? "" : ".\"" + sub + "\"") + "')";
    expr = "(" + expr + " COLLATE " + (ra->definition().case_exact ? kBin : kCi) + ")";
  } else if (ra->attribute->is_complex() && !ra->sub_attribute) {
    return scim::fail(Error::invalid_value("sortBy \"" + path_text(*query.sort_by) + "\" is complex; name a sub-attribute"));
  } else {
    auto operand = translator.top_operand(*query.sort_by);
    if (!operand) return scim::fail(Error::invalid_value(operand.error().detail()));
    expr = operand->storage == Operand::Storage::kJsonText
               ? "(" + operand->expr + " COLLATE " + (operand->def->case_exact ? kBin : kCi) + ")"
               : operand->expr;
  }
  // SRT-04: missing values last when ascending, first when descending.
  return "ORDER BY (" + expr + " IS NULL)" + direction + ", " + expr + direction + ", r.seq" + direction;
}

}  // namespace fastscim::store
