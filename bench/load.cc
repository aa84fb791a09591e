// bench/fastscim-bench-load — fills a tenant for the benchmark with bulk SQL.
//
// Why bulk SQL and not the API: through fastscimd a create costs one
// transaction with an fsync'd commit (about 5,000 writes/s on the machines
// this runs on, less with the rich Entra body), so a million users would take
// most of an hour before measuring anything.  Multi-row INSERTs load the same
// rows in a few minutes.
//
// Why the rows are what fastscimd itself would write: every document goes
// through scim::Service::create — the validator and normaliser fastscimd
// runs for POST /Users and POST /Groups — with a Repository that captures
// what the service hands to the store instead of writing it.  Only the last
// step, the mapping from that document to the row (indexed columns, email
// rows, the stored text), is repeated here from
// src/store/resource_repository.cc (index_of, stored_form), because it is
// private to the store.  bench/run.sh guards that copy twice: it creates a
// user through the API and compares its row byte for byte with the row this
// tool generates for the same body (`row`), and after loading it finds a
// sample of loaded users and groups through the API by every indexed filter.
//
// Keys are computable, so wrk's Lua scripts can address any loaded object
// without a lookup: user i has userName "<given>.<family><i>@bench.example"
// (bench/lua/common.lua has the same name lists) and the id bench_id(0, i);
// group ids are bench_id(1, m) for the membership groups and bench_id(2, g)
// for the named ones.  Seqs are explicit: user i is seq_base + 1 + i, groups
// follow the last user.
//
// Usage (SQL on standard output, for `mariadb DB`):
//   fastscim-bench-load users  --tenant-id T --seq-base B --from A --to Z
//   fastscim-bench-load groups --tenant-id T --seq-base B --users N --named G --member-sizes 10,100000
//   fastscim-bench-load tenants --tenant-id F --count N --users U --seq-base B
//                        N tenants "bench-t<k>" with ids F + k, each with
//                        users 0..U-1 (seqs B + 1 + k·U + i), no request
//                        limits to speak of, and one token, tenant_token(k)
//                        (bench/lua/common.lua computes the same)
//   fastscim-bench-load body   --index I    the POST /Users body of user I
//   fastscim-bench-load row    --index I    the row fastscimd stores for that body
//                                            (name_key, display_name, external_id,
//                                            active, employee_number, document,
//                                            then "email<TAB>value<TAB>type" lines)
//   fastscim-bench-load expect --index I    id, userName, externalId, email and
//                                            stored document of user I, as JSON
//   fastscim-bench-load id --from KIND --index I   bench_id(KIND, I)
//   fastscim-bench-load tenant-token --index K      tenant_token(K)
//
// A benchmark tool, not product code: built only by `make bench`.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "json/io.h"
#include "json/value.h"
#include "scim/repository.h"
#include "scim/schema_registry.h"
#include "scim/service.h"

namespace {

using fastscim::json::Value;
namespace scim = fastscim::scim;
namespace json = fastscim::json;

constexpr char kEnterpriseUrn[] = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
constexpr int kRowsPerInsert = 500;

// ---- the data set (bench/lua/common.lua mirrors the names) -----------------

const char* const kGiven[] = {"Mira",  "Jonas", "Aiko", "Lena",  "Omar",  "Priya", "Tomas", "Sara",  "Kwame", "Elif",
                              "Diego", "Hanna", "Ravi", "Chloe", "Mateo", "Ines",  "Yusuf", "Greta", "Noah",  "Zoe"};
const char* const kFamily[] = {"Okafor", "Lind",   "Tanaka", "Novak", "Haddad", "Iyer",   "Berg",
                               "Costa",  "Mensah", "Yilmaz", "Ruiz",  "Keller", "Sharma", "Dubois",
                               "Rossi",  "Silva",  "Demir",  "Weber", "Brown",  "Moreau"};
const char* const kTitles[] = {"Buyer",     "Engineer", "Analyst",    "Designer", "Accountant",
                               "Recruiter", "Manager",  "Consultant", "Support",  "Researcher"};
const char* const kDepartments[] = {"Procurement", "Engineering", "Finance", "Design",     "People",
                                    "Sales",       "Marketing",   "Legal",   "Operations", "Research"};
const char* const kCities[] = {"Seattle", "Berlin", "Lagos", "Osaka", "Lisbon"};

template <size_t N>
const char* pick(const char* const (&list)[N], long long i) {
  return list[static_cast<size_t>(i) % N];
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

// A well-formed version-4 UUID computable from (kind, i) in Lua's doubles:
// the first group spreads the keys over the index like random ids do.
std::string bench_id(int kind, long long i) {
  uint64_t h = (static_cast<uint64_t>(i + 1) * 2654435761ULL + static_cast<uint64_t>(kind) * 40503ULL) % 4294967296ULL;
  char out[64];
  std::snprintf(out, sizeof out, "%08llx-%04x-4000-8000-%012llx", static_cast<unsigned long long>(h), kind,
                static_cast<unsigned long long>(i));
  return out;
}

std::string nick(long long i) {
  return lower(pick(kGiven, i)) + "." + lower(pick(kFamily, i / 20)) + std::to_string(i);
}

// Entra's POST /Users body with the default attribute mappings and the
// enterprise extension (shared/reference/entra-provisioning.md §4.1; a custom
// extension appears only when a tenant maps one, and needs its schema).
std::string user_body(long long i) {
  std::string given = pick(kGiven, i), family = pick(kFamily, i / 20), n = nick(i);
  char phone[64], mobile[64];
  std::snprintf(phone, sizeof phone, "+1 206 555 %04lld", i % 10000);
  std::snprintf(mobile, sizeof mobile, "206-555-%04lld", (i * 7) % 10000);
  std::string manager = i > 0 ? ",\"manager\":{\"value\":\"" + bench_id(0, i / 10) + "\"}" : "";
  return std::string("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"") + kEnterpriseUrn +
         "\"],\"externalId\":\"" + n + "\",\"userName\":\"" + n + "@bench.example\",\"active\":true," +
         "\"displayName\":\"" + given + " " + family + "\",\"title\":\"" + pick(kTitles, i) +
         "\",\"preferredLanguage\":\"en-US\"," + "\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"" + n +
         "@mail.bench.example\"}]," + "\"phoneNumbers\":[{\"type\":\"work\",\"value\":\"" + phone +
         "\"},{\"type\":\"mobile\",\"value\":\"" + mobile + "\"}]," +
         "\"addresses\":[{\"type\":\"work\",\"streetAddress\":\"" + std::to_string(i % 999 + 1) +
         " Harbor Way\",\"locality\":\"" + pick(kCities, i) +
         "\",\"region\":\"WA\",\"postalCode\":\"98101\",\"country\":\"US\"}]," + "\"name\":{\"formatted\":\"" + given +
         " " + family + "\",\"familyName\":\"" + family + "\",\"givenName\":\"" + given + "\"},\"" + kEnterpriseUrn +
         "\":{\"employeeNumber\":\"" + std::to_string(100000 + i) + "\",\"department\":\"" + pick(kDepartments, i / 3) +
         "\"" + manager + "}," + "\"meta\":{\"resourceType\":\"User\"},\"roles\":[]}";
}

// Entra's POST /Groups body (§4.2).
std::string group_body(const std::string& display_name, const std::string& external_id) {
  return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\","
         "\"http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group\"],"
         "\"externalId\":\"" +
         external_id + "\",\"displayName\":\"" + display_name + "\",\"meta\":{\"resourceType\":\"Group\"}}";
}

// ---- the document fastscimd would store -------------------------------------

// Keeps the document scim::Service hands to Repository::create.
class CaptureRepository : public scim::Repository {
 public:
  Value document;

  scim::Result<scim::StoredResource> create(long long, const std::string& type, const Value& doc,
                                            const std::vector<scim::Member>&, const scim::EventDraft&) override {
    document = doc.deep_copy();
    scim::StoredResource r;
    r.id = "00000000-0000-4000-8000-000000000000";
    r.resource_type = type;
    r.document = doc;
    r.version = 1;
    r.created = r.last_modified = "2000-01-01T00:00:00.000Z";
    r.members.emplace();
    return r;
  }
  scim::Result<scim::StoredResource> get(long long, const std::string&, const std::string& id, bool) override {
    return scim::fail(scim::Error::not_found(id));
  }
  scim::Result<scim::StoredResource> replace(long long, const scim::StoredResource& current, const Value&,
                                             const std::optional<scim::MemberChanges>&, scim::ChangeKind,
                                             const scim::EventDraft&) override {
    return scim::fail(scim::Error::not_found(current.id));
  }
  scim::Result<scim::StoredResource> modify_members(long long, const std::string& id, const std::vector<scim::Member>&,
                                                    const std::vector<std::string>&, bool, std::optional<long long>,
                                                    const scim::EventDraft&) override {
    return scim::fail(scim::Error::not_found(id));
  }
  scim::Result<void> remove(long long, const std::string&, const std::string& id, std::optional<long long>,
                            const scim::EventDraft&) override {
    return scim::fail(scim::Error::not_found(id));
  }
  scim::Result<scim::Page> search(long long, const std::string&, const scim::Query&) override { return scim::Page(); }
};

// The row of one resource, as store::ResourceRepository::create writes it.
struct Row {
  std::optional<std::string> name_key, display_name, external_id, employee_number;
  std::optional<bool> active;
  std::vector<std::pair<std::string, std::optional<std::string>>> emails;
  std::string document;
};

std::optional<std::string> string_at(const Value& object, std::string_view key) {
  auto v = object.get(key).as_string();
  if (!v) return std::nullopt;
  return std::string(*v);
}

// Mirrors index_of() and stored_form() in src/store/resource_repository.cc.
Row row_of(const std::string& type, const Value& doc) {
  Row row;
  row.external_id = string_at(doc, "externalId");
  if (type == "Group") {
    row.name_key = string_at(doc, "displayName");
  } else {
    row.name_key = string_at(doc, "userName");
    row.display_name = string_at(doc, "displayName");
    row.active = doc.get("active").as_bool();
    row.employee_number = string_at(doc.get(kEnterpriseUrn), "employeeNumber");
    Value emails = doc.get("emails");
    for (size_t i = 0; i < emails.size(); ++i) {
      if (auto value = string_at(emails.at(i), "value"))
        row.emails.emplace_back(*value, string_at(emails.at(i), "type"));
    }
  }
  Value copy = doc.deep_copy();
  for (const char* key : {"id", "meta", "members", "groups"}) copy.erase(key);
  row.document = json::dump(copy);
  return row;
}

class Normaliser {
 public:
  Normaliser() : service_(repository_, registry_, scim::ServiceConfig()) {}

  Row row(const std::string& type_name, const std::string& body) {
    const scim::ResourceType* type = registry_.find_resource_type(type_name);
    auto parsed = json::parse(body);
    if (!type || !parsed) die("cannot parse the " + type_name + " body: " + body);
    scim::Context context;
    context.tenant_id = 1;
    context.base_url = "https://bench.invalid/scim/v2";
    auto created = service_.create(context, *type, parsed.value(), {});
    if (!created) die("fastscim rejects the " + type_name + " body: " + created.error().detail() + "\n" + body);
    return row_of(type_name, repository_.document);
  }

  [[noreturn]] static void die(const std::string& message) {
    std::cerr << "fastscim-bench-load: " << message << "\n";
    std::exit(1);
  }

 private:
  CaptureRepository repository_;
  scim::SchemaRegistry registry_;
  scim::Service service_;
};

// ---- SQL text -----------------------------------------------------------------

void append_quoted(std::string& out, std::string_view s) {
  out += '\'';
  for (char c : s) {
    switch (c) {
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\0': out += "\\0"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\x1a': out += "\\Z"; break;
      default: out += c;
    }
  }
  out += '\'';
}

void append_optional(std::string& out, const std::optional<std::string>& s) {
  if (s)
    append_quoted(out, *s);
  else
    out += "NULL";
}

// Collects rows and writes one multi-row INSERT per kRowsPerInsert rows.
class Batch {
 public:
  // `limit` rows per statement; 0 = only on flush().
  Batch(std::string head, int limit) : head_(std::move(head)), limit_(limit) {}
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;

  // `values` is one parenthesised row.  Returns true when it wrote the batch.
  bool add(const std::string& values) {
    text_ += rows_ == 0 ? head_ + "\n" : ",\n";
    text_ += values;
    if (++rows_ != limit_) return false;
    flush();
    return true;
  }
  void flush() {
    if (rows_ == 0) return;
    text_ += ";\n";
    std::fwrite(text_.data(), 1, text_.size(), stdout);
    text_.clear();
    rows_ = 0;
  }

 private:
  std::string head_, text_;
  int limit_;
  int rows_ = 0;
};

// Email rows are written right after the resources they belong to (the
// foreign keys stay checked).  A bulk load is not a change any product must
// hear of, so it writes no events; finish() sets the tenant's seat counter
// from the rows, as sql/004_events.sql does for data that predates it.
struct Writer {
  long long tenant_id;
  Batch resources{
      "INSERT INTO resources (seq, tenant_id, id, resource_type, name_key, display_name, external_id, active,"
      " employee_number, document, version, created, last_modified) VALUES",
      kRowsPerInsert};
  Batch emails{"INSERT INTO resource_emails (resource_seq, tenant_id, value, type) VALUES", 0};
  Batch members{"INSERT INTO group_members (group_seq, member_seq, tenant_id, group_id, group_name) VALUES",
                kRowsPerInsert * 4};

  void resource(long long seq, const std::string& id, const std::string& type, const Row& row) {
    std::string v = "(" + std::to_string(seq) + "," + std::to_string(tenant_id) + ",";
    append_quoted(v, id);
    v += ",";
    append_quoted(v, type);
    v += ",";
    append_optional(v, row.name_key);
    v += ",";
    append_optional(v, row.display_name);
    v += ",";
    append_optional(v, row.external_id);
    v += row.active ? (*row.active ? ",1," : ",0,") : ",NULL,";
    append_optional(v, row.employee_number);
    v += ",";
    append_quoted(v, row.document);
    v += ",1,NOW(3),NOW(3))";
    bool written = resources.add(v);
    for (const auto& [value, email_type] : row.emails) {
      std::string e = "(" + std::to_string(seq) + "," + std::to_string(tenant_id) + ",";
      append_quoted(e, value);
      e += ",";
      append_optional(e, email_type);
      emails.add(e + ")");
    }
    if (written) flush_dependents();
  }

  void member(long long group_seq, long long member_seq, const std::string& group_id, const std::string& group_name) {
    std::string v = "(" + std::to_string(group_seq) + "," + std::to_string(member_seq) + "," +
                    std::to_string(tenant_id);
    v += ",";
    append_quoted(v, group_id);
    v += ",";
    append_quoted(v, group_name);
    members.add(v + ")");
  }

  void flush_dependents() { emails.flush(); }
  // Resources first: the other tables refer to them.
  void flush_all() {
    resources.flush();
    flush_dependents();
    members.flush();
  }
  void finish() {
    flush_all();
    const std::string tenant = std::to_string(tenant_id);
    std::printf(
        "INSERT INTO tenant_counters (tenant_id, event_position, active_users) SELECT %s, 0, COUNT(*)"
        " FROM resources WHERE tenant_id = %s AND resource_type = 'User' AND (active IS NULL OR active <> 0)"
        " ON DUPLICATE KEY UPDATE active_users = VALUES(active_users);\n",
        tenant.c_str(), tenant.c_str());
  }
};

void print_session_settings() {
  // The store's session settings (src/store/database.cc), so NOW(3) is UTC.
  std::printf(
      "SET SESSION time_zone = '+00:00', SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE',"
      " SESSION group_concat_max_len = 16777215;\n");
}

// ---- commands -------------------------------------------------------------------

struct Args {
  long long tenant_id = 0, seq_base = -1, from = 0, to = 0, users = 0, named = 0, index = -1, count = 0;
  std::vector<long long> member_sizes;
};

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string name = argv[i], value = argv[i + 1];
    long long n = std::atoll(value.c_str());
    if (name == "--tenant-id")
      a.tenant_id = n;
    else if (name == "--seq-base")
      a.seq_base = n;
    else if (name == "--from")
      a.from = n;
    else if (name == "--to")
      a.to = n;
    else if (name == "--users")
      a.users = n;
    else if (name == "--named")
      a.named = n;
    else if (name == "--index")
      a.index = n;
    else if (name == "--count")
      a.count = n;
    else if (name == "--member-sizes") {
      std::stringstream list(value);
      std::string item;
      while (std::getline(list, item, ',')) a.member_sizes.push_back(std::atoll(item.c_str()));
    } else {
      Normaliser::die("unknown option " + name);
    }
  }
  return a;
}

int load_users(const Args& a) {
  if (a.tenant_id <= 0 || a.seq_base < 0 || a.from < 0 || a.to <= a.from) Normaliser::die("users: bad arguments");
  Normaliser normaliser;
  Writer writer{a.tenant_id};
  print_session_settings();
  for (long long i = a.from; i < a.to; ++i) {
    writer.resource(a.seq_base + 1 + i, bench_id(0, i), "User", normaliser.row("User", user_body(i)));
  }
  writer.finish();
  return 0;
}

// Membership group m ("bench-members-<size>") holds the users k * stride for
// k < size, stride = users / size (at least 2, so that user k * stride + 1
// is never a member: the Lua scripts add and remove those).
int load_groups(const Args& a) {
  if (a.tenant_id <= 0 || a.seq_base < 0 || a.users <= 0) Normaliser::die("groups: bad arguments");
  Normaliser normaliser;
  Writer writer{a.tenant_id};
  print_session_settings();
  long long seq = a.seq_base + 1 + a.users;
  struct Membership {
    long long group_seq, size;
    std::string id, name;
  };
  std::vector<Membership> membership;
  for (size_t m = 0; m < a.member_sizes.size(); ++m, ++seq) {
    long long size = a.member_sizes[m];
    if (a.users / size < 2)
      Normaliser::die("groups: " + std::to_string(a.users) + " users are too few for a group of " +
                      std::to_string(size) + " (need twice as many)");
    std::string name = "bench-members-" + std::to_string(size);
    std::string id = bench_id(1, static_cast<long long>(m));
    writer.resource(seq, id, "Group",
                    normaliser.row("Group", group_body(name, bench_id(3, static_cast<long long>(m)))));
    membership.push_back({seq, size, id, name});
  }
  for (long long g = 0; g < a.named; ++g, ++seq) {
    writer.resource(seq, bench_id(2, g), "Group",
                    normaliser.row("Group", group_body("bench-group-" + std::to_string(g), bench_id(4, g))));
  }
  writer.flush_all();
  for (const Membership& g : membership) {
    long long stride = a.users / g.size;
    for (long long k = 0; k < g.size; ++k) writer.member(g.group_seq, a.seq_base + 1 + k * stride, g.id, g.name);
  }
  writer.finish();
  // The members' groups in their rows, as the store keeps them
  // (kRefreshMemberOf in src/store/statements.cc, sql/020_member_of.sql).
  const std::string tenant = std::to_string(a.tenant_id);
  std::printf(
      "UPDATE resources u SET u.member_of = (SELECT GROUP_CONCAT(gm.group_id,"
      " LPAD(LENGTH(COALESCE(gm.group_name, '')), 4, '0'), COALESCE(gm.group_name, '')"
      " ORDER BY gm.group_seq SEPARATOR '') FROM group_members gm"
      " WHERE gm.member_seq = u.seq) WHERE u.tenant_id = %s AND u.resource_type = 'User'"
      " AND u.seq IN (SELECT m.member_seq FROM group_members m WHERE m.tenant_id = %s);\n",
      tenant.c_str(), tenant.c_str());
  return 0;
}

// The many-tenants scenario's token of tenant k: a well-formed token
// (looks_like_token) that the Lua script can compute.
std::string tenant_token(long long k) {
  char digits[40];
  std::snprintf(digits, sizeof digits, "%032lld", k);
  return std::string("fscim_benchtenant") + digits;
}

// The users are the first U of the single tenant's (the same documents in
// every tenant: userNames and ids are unique per tenant), normalised once.
int load_tenants(const Args& a) {
  if (a.tenant_id <= 0 || a.seq_base < 0 || a.count <= 0 || a.users <= 0) Normaliser::die("tenants: bad arguments");
  Normaliser normaliser;
  std::vector<Row> rows;
  for (long long i = 0; i < a.users; ++i) rows.push_back(normaliser.row("User", user_body(i)));
  print_session_settings();
  Batch tenants{"INSERT INTO tenants (id, name, rate_limit_per_minute, rate_burst, max_concurrent) VALUES",
                kRowsPerInsert};
  Batch tokens{"INSERT INTO tokens (tenant_id, name, prefix, token_hash) VALUES", kRowsPerInsert};
  for (long long k = 0; k < a.count; ++k) {
    tenants.add("(" + std::to_string(a.tenant_id + k) + ",'bench-t" + std::to_string(k) + "',60000000,1000000,10000)");
  }
  tenants.flush();
  for (long long k = 0; k < a.count; ++k) {
    std::string token = tenant_token(k);
    tokens.add("(" + std::to_string(a.tenant_id + k) + ",'bench','" + token.substr(0, 12) + "',UNHEX(SHA2('" + token +
               "',256)))");
  }
  tokens.flush();
  for (long long k = 0; k < a.count; ++k) {
    Writer writer{a.tenant_id + k};
    for (long long i = 0; i < a.users; ++i) {
      writer.resource(a.seq_base + 1 + k * a.users + i, bench_id(0, i), "User", rows[static_cast<size_t>(i)]);
    }
    writer.flush_all();
  }
  std::printf(
      "INSERT INTO tenant_counters (tenant_id, event_position, active_users) SELECT tenant_id, 0, COUNT(*)"
      " FROM resources WHERE tenant_id BETWEEN %lld AND %lld AND resource_type = 'User' GROUP BY tenant_id"
      " ON DUPLICATE KEY UPDATE active_users = VALUES(active_users);\n",
      a.tenant_id, a.tenant_id + a.count - 1);
  return 0;
}

int print_row(const Args& a) {
  if (a.index < 0) Normaliser::die("row: --index is required");
  Normaliser normaliser;
  Row row = normaliser.row("User", user_body(a.index));
  auto show = [](const std::optional<std::string>& s) { return s ? *s : std::string("NULL"); };
  std::cout << show(row.name_key) << "\t" << show(row.display_name) << "\t" << show(row.external_id) << "\t"
            << (row.active ? (*row.active ? "1" : "0") : "NULL") << "\t" << show(row.employee_number) << "\t"
            << row.document << "\n";
  for (const auto& [value, type] : row.emails) std::cout << "email\t" << value << "\t" << show(type) << "\n";
  return 0;
}

}  // namespace

// The JSON bench/verify.py checks the API against: id, the three matching
// keys and the stored document.
int print_expect(const Args& a) {
  if (a.index < 0) Normaliser::die("expect: --index is required");
  Normaliser normaliser;
  Row row = normaliser.row("User", user_body(a.index));
  std::string out = "{\"id\":\"" + bench_id(0, a.index) + "\",\"userName\":\"" + row.name_key.value_or("") +
                    "\",\"externalId\":\"" + row.external_id.value_or("") + "\",\"email\":\"" +
                    (row.emails.empty() ? std::string() : row.emails.front().first) +
                    "\",\"document\":" + row.document + "}";
  std::cout << out << "\n";
  return 0;
}

int main(int argc, char** argv) {
  json::init();
  std::string command = argc > 1 ? argv[1] : "";
  Args args = parse_args(argc, argv);
  if (command == "users") return load_users(args);
  if (command == "groups") return load_groups(args);
  if (command == "tenants") return load_tenants(args);
  if (command == "row") return print_row(args);
  if (command == "expect") return print_expect(args);
  if (command == "body") {
    if (args.index < 0) Normaliser::die("body: --index is required");
    std::cout << user_body(args.index) << "\n";
    return 0;
  }
  if (command == "tenant-token") {
    std::cout << tenant_token(args.index) << "\n";
    return 0;
  }
  if (command == "id") {
    std::cout << bench_id(static_cast<int>(args.from), args.index) << "\n";
    return 0;
  }
  std::cerr << "usage: fastscim-bench-load users|groups|tenants|body|row|expect|id ... (see bench/load.cc)\n";
  return 2;
}
