// The column tables: which attribute lives in which column or side table,
// and what the writer copies from a document.
#include "store/column_table.h"

#include <string>

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/core_schemas.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"
#include "store/resource_rows.h"

namespace fastscim {
namespace {

using store::ColumnKind;
using store::ColumnTable;
using store::SideTable;
using store::WrittenColumn;

json::Value doc(const std::string& text) {
  auto v = json::parse(text);
  BOOST_TEST_REQUIRE(v.has_value());
  return v.value();
}

struct Fixture {
  scim::SchemaRegistry registry;
  const ColumnTable& users = ColumnTable::for_type(scim::user_resource_type().name);
  const ColumnTable& groups = ColumnTable::for_type(scim::group_resource_type().name);

  scim::ResolvedAttribute user_attr(const std::string& path) const {
    auto ra = registry.resolve(scim::user_resource_type(), std::string_view(path));
    BOOST_TEST_REQUIRE(ra.has_value(), path);
    return *ra;
  }
  scim::ResolvedAttribute group_attr(const std::string& path) const {
    auto ra = registry.resolve(scim::group_resource_type(), std::string_view(path));
    BOOST_TEST_REQUIRE(ra.has_value(), path);
    return *ra;
  }
  std::string user_column(const std::string& path) const {
    const store::ColumnMapping* c = users.column_for(user_attr(path));
    return c ? std::string(c->sql) : "";
  }
  std::string group_column(const std::string& path) const {
    const store::ColumnMapping* c = groups.column_for(group_attr(path));
    return c ? std::string(c->sql) : "";
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(column_table_test, Fixture)

// DESIGN: the attributes identity providers match on have an indexed column.
BOOST_AUTO_TEST_CASE(user_match_attributes_map_to_indexed_columns) {
  BOOST_TEST(user_column("userName") == "r.name_key");
  BOOST_TEST(user_column("USERNAME") == "r.name_key");  // ATT-01
  BOOST_TEST(user_column("urn:ietf:params:scim:schemas:core:2.0:User:userName") == "r.name_key");
  BOOST_TEST(user_column("externalId") == "r.external_id");
  BOOST_TEST(user_column("id") == "r.id");
  BOOST_TEST(user_column("displayName") == "r.display_name");
  BOOST_TEST(user_column("active") == "r.active");
  BOOST_TEST(user_column("meta.created") == "r.created");
  BOOST_TEST(user_column("meta.lastModified") == "r.last_modified");
  BOOST_TEST(user_column("meta.resourceType") == "r.resource_type");
  BOOST_TEST(user_column("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber") ==
             "r.employee_number");
  BOOST_TEST(user_column("employeeNumber") == "r.employee_number");
}

BOOST_AUTO_TEST_CASE(other_attributes_live_only_in_the_document) {
  BOOST_TEST(user_column("title") == "");
  BOOST_TEST(user_column("name.familyName") == "");
  BOOST_TEST(user_column("meta.version") == "");
  BOOST_TEST(user_column("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department") == "");
  BOOST_TEST(user_column("emails") == "");
}

BOOST_AUTO_TEST_CASE(group_display_name_is_the_name_key) {
  BOOST_TEST(group_column("displayName") == "r.name_key");
  BOOST_TEST(group_column("externalId") == "r.external_id");
  BOOST_TEST(groups.column(WrittenColumn::kDisplayName) == nullptr);
  BOOST_TEST(groups.column(WrittenColumn::kActive) == nullptr);
  BOOST_TEST(groups.column(WrittenColumn::kEmployeeNumber) == nullptr);
}

BOOST_AUTO_TEST_CASE(columns_have_their_storage_kind) {
  BOOST_TEST((users.column_for(user_attr("active"))->kind == ColumnKind::kBoolean));
  BOOST_TEST((users.column_for(user_attr("meta.created"))->kind == ColumnKind::kDateTime));
  BOOST_TEST((users.column_for(user_attr("userName"))->kind == ColumnKind::kText));
}

// The SQL maintains id, resource type and times; the writer fills the rest.
BOOST_AUTO_TEST_CASE(only_document_attributes_are_written) {
  BOOST_TEST(!users.column_for(user_attr("id"))->written.has_value());
  BOOST_TEST(!users.column_for(user_attr("meta.lastModified"))->written.has_value());
  BOOST_TEST((*users.column_for(user_attr("userName"))->written == WrittenColumn::kNameKey));
  BOOST_TEST((*groups.column_for(group_attr("displayName"))->written == WrittenColumn::kNameKey));
}

BOOST_AUTO_TEST_CASE(side_tables_hold_emails_and_memberships) {
  const SideTable* emails = users.side_table_for(user_attr("emails.value"));
  BOOST_TEST_REQUIRE(emails != nullptr);
  BOOST_TEST((emails->kind == SideTable::Kind::kEmails));
  BOOST_TEST(emails->in_document);
  BOOST_TEST(emails->find_column("VALUE") != nullptr);
  BOOST_TEST(emails->find_column("type") != nullptr);
  BOOST_TEST(emails->find_column("primary") == nullptr);

  const SideTable* user_groups = users.side_table_for(user_attr("groups"));
  BOOST_TEST_REQUIRE(user_groups != nullptr);
  BOOST_TEST((user_groups->kind == SideTable::Kind::kMemberOf));
  BOOST_TEST(!user_groups->in_document);

  const SideTable* members = groups.side_table_for(group_attr("members"));
  BOOST_TEST_REQUIRE(members != nullptr);
  BOOST_TEST((members->kind == SideTable::Kind::kGroupMembers));
  BOOST_TEST(std::string(members->find_column("display")->sql) == "COALESCE(mr.display_name, mr.name_key)");

  BOOST_TEST(users.side_table_for(user_attr("addresses")) == nullptr);
  BOOST_TEST(groups.side_table(SideTable::Kind::kEmails) == nullptr);
  BOOST_TEST(users.side_table(SideTable::Kind::kGroupMembers) == nullptr);
}

BOOST_AUTO_TEST_CASE(writer_copies_user_columns_from_the_document) {
  store::RowValues row = users.row_values(doc(R"({"userName":"bjensen","displayName":"Babs","externalId":"x1",
      "active":false,"title":"t",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984"}})"));
  BOOST_TEST(row[static_cast<size_t>(WrittenColumn::kNameKey)].as_string().value() == "bjensen");
  BOOST_TEST(row[static_cast<size_t>(WrittenColumn::kDisplayName)].as_string().value() == "Babs");
  BOOST_TEST(row[static_cast<size_t>(WrittenColumn::kExternalId)].as_string().value() == "x1");
  BOOST_TEST(row[static_cast<size_t>(WrittenColumn::kActive)].as_bool().value() == false);
  BOOST_TEST(row[static_cast<size_t>(WrittenColumn::kEmployeeNumber)].as_string().value() == "701984");
}

BOOST_AUTO_TEST_CASE(writer_leaves_absent_or_mistyped_values_null) {
  store::RowValues row = users.row_values(doc(R"({"userName":"bjensen","active":"yes","employeeNumber":"1"})"));
  BOOST_TEST(!row[static_cast<size_t>(WrittenColumn::kActive)]);
  BOOST_TEST(!row[static_cast<size_t>(WrittenColumn::kDisplayName)]);
  // Extension attributes are read under their URN only (EXT-02).
  BOOST_TEST(!row[static_cast<size_t>(WrittenColumn::kEmployeeNumber)]);
}

BOOST_AUTO_TEST_CASE(writer_copies_group_display_name_into_the_name_key) {
  store::RowValues row = groups.row_values(doc(R"({"displayName":"Sales","externalId":"g1","active":true})"));
  BOOST_TEST(row[static_cast<size_t>(WrittenColumn::kNameKey)].as_string().value() == "Sales");
  BOOST_TEST(row[static_cast<size_t>(WrittenColumn::kExternalId)].as_string().value() == "g1");
  BOOST_TEST(!row[static_cast<size_t>(WrittenColumn::kDisplayName)]);
  BOOST_TEST(!row[static_cast<size_t>(WrittenColumn::kActive)]);
}

BOOST_AUTO_TEST_CASE(writer_copies_each_email_with_a_value) {
  auto rows = users.side_rows(SideTable::Kind::kEmails,
                              doc(R"({"emails":[{"value":"a@x.example","type":"work"},{"type":"home"},
                                                {"value":"b@x.example"}]})"));
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0][0].value() == "a@x.example");
  BOOST_TEST(rows[0][1].value() == "work");
  BOOST_TEST(rows[1][0].value() == "b@x.example");
  BOOST_TEST(!rows[1][1].has_value());
  // Memberships are written from the member list, never from the document.
  BOOST_TEST(groups.side_rows(SideTable::Kind::kGroupMembers, doc(R"({"members":[{"value":"u1"}]})")).empty());
}

BOOST_AUTO_TEST_CASE(other_resource_types_have_only_the_common_columns) {
  const ColumnTable& other = ColumnTable::for_type("Device");
  BOOST_TEST(other.side_tables().empty());
  BOOST_TEST(other.column(WrittenColumn::kNameKey) == nullptr);
  BOOST_TEST(other.column(WrittenColumn::kExternalId) != nullptr);
}

// issue12: every text the writer copies into a column is checked against
// the column's size in characters before anything is written.
BOOST_AUTO_TEST_CASE(issue12_too_long_names_each_attribute_and_its_limit) {
  std::string long_text(300, 'x');
  std::string doc_text = R"({"userName":")" + long_text + R"(","displayName":")" + long_text + R"(","externalId":")" +
                         long_text + R"(","emails":[{"value":")" + long_text + R"(","type":")" + std::string(65, 't') +
                         R"("}],"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":")" +
                         long_text + R"("}})";
  std::vector<std::string> problems = users.too_long(doc(doc_text));
  std::string all;
  for (const auto& p : problems) all += p + "|";
  BOOST_TEST(problems.size() == 6u, all);
  for (const char* name : {"userName has 300 characters (at most 255)", "displayName has 300", "externalId has 300",
                           "emails.value has 300", "emails.type has 65 characters (at most 64)",
                           "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber has 300"}) {
    BOOST_TEST(all.find(name) != std::string::npos, name);
  }
  BOOST_TEST(groups.too_long(doc(R"({"displayName":")" + long_text + R"("})")).size() == 1u);
}

BOOST_AUTO_TEST_CASE(issue12_too_long_counts_characters_not_bytes) {
  std::string umlauts;
  for (int i = 0; i < 255; ++i) umlauts += "\xC3\xBC";  // 255 characters, 510 bytes: fits
  BOOST_TEST(users.too_long(doc(R"({"userName":")" + umlauts + R"("})")).empty());
  BOOST_TEST(users.too_long(doc(R"({"userName":")" + umlauts + R"(u"})")).size() == 1u);
}

// RES-08: a time reads back as the write that stored it returned it, in
// milliseconds, also when the connector leaves a zero fraction out.
BOOST_AUTO_TEST_CASE(stored_times_read_as_written_in_milliseconds) {
  BOOST_TEST(store::iso_time("2026-12-02 15:43:08.123000") == "2026-12-02T15:43:08.123Z");
  BOOST_TEST(store::iso_time("2026-12-02 15:43:08") == "2026-12-02T15:43:08.000Z");
  BOOST_TEST(store::iso_time("2026-12-02 15:43:08.5") == "2026-12-02T15:43:08.500Z");
  store::WriteTime now = store::write_time_now();
  BOOST_TEST(store::iso_time(now.column) == now.iso);
  BOOST_TEST(store::iso_time(now.column.substr(0, 19)) == now.iso.substr(0, 19) + ".000Z");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace fastscim
