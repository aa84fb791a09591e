#include "admin/tenant_commands.h"

#include <boost/test/unit_test.hpp>

namespace admin = fastscim::admin;
namespace store = fastscim::store;

namespace {

const char kSetUsage[] =
    "tenant set NAME unknown-attributes|unknown-extensions reject|ignore|default | provisioning on|off | invitations "
    "off|on-create | dialect strict|lenient | rate-limit N/s|N/m|default | rate-burst N|default | max-concurrent "
    "N|default"
    " | link-existing off|email|employeeNumber|email,employeeNumber | deleted-retention DAYS|default"
    " | deprovision-guard N|off";

}  // namespace

BOOST_AUTO_TEST_SUITE(tenant_commands_test)

BOOST_AUTO_TEST_CASE(create_takes_one_valid_name) {
  auto r = admin::parse_tenant_create({"acme-eu"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->name == "acme-eu");
}

BOOST_AUTO_TEST_CASE(create_rejects_a_missing_extra_or_invalid_name) {
  for (const admin::Args& args : {admin::Args{}, admin::Args{"a", "b"}}) {
    auto r = admin::parse_tenant_create(args);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message == "give exactly one tenant name");
    BOOST_TEST(r.error().usage == "tenant create NAME");
  }
  auto r = admin::parse_tenant_create({"acme eu"});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "a tenant name is 1-64 letters, digits, '-', '_' or '.'");
}

BOOST_AUTO_TEST_CASE(list_takes_no_arguments) {
  BOOST_TEST(admin::parse_tenant_list({}).has_value());
  auto r = admin::parse_tenant_list({"acme"});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "unexpected argument \"acme\"");
  BOOST_TEST(r.error().usage == "tenant list");
}

BOOST_AUTO_TEST_CASE(show_takes_one_name_as_given) {
  BOOST_TEST(admin::parse_tenant_show({"any name"})->name == "any name");  // then simply not found
  auto r = admin::parse_tenant_show({});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().usage == "tenant show NAME");
}

BOOST_AUTO_TEST_CASE(delete_needs_yes_before_or_after_the_name) {
  BOOST_TEST(admin::parse_tenant_delete({"acme", "--yes"})->name == "acme");
  BOOST_TEST(admin::parse_tenant_delete({"--yes", "acme"})->name == "acme");
  auto r = admin::parse_tenant_delete({"acme"});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "deleting tenant \"acme\" removes all its data and tokens; add --yes");
  BOOST_TEST(r.error().usage == "tenant delete NAME --yes");
}

BOOST_AUTO_TEST_CASE(delete_checks_the_name_count_before_yes) {
  auto r = admin::parse_tenant_delete({"--yes"});
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "give exactly one tenant name");
}

BOOST_AUTO_TEST_CASE(set_reads_the_setting_and_the_value) {
  auto r = admin::parse_tenant_set({"acme", "unknown-extensions", "ignore"});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->name == "acme");
  BOOST_TEST((r->setting == store::TenantSetting::kUnknownExtensions));
  BOOST_TEST(r->setting_name == "unknown-extensions");
  BOOST_TEST(r->value == "ignore");
  auto d = admin::parse_tenant_set({"acme", "unknown-attributes", "default"});
  BOOST_REQUIRE(d.has_value());
  BOOST_TEST((d->setting == store::TenantSetting::kUnknownAttributes));
  BOOST_TEST(d->value == "default");
}

BOOST_AUTO_TEST_CASE(set_rejects_wrong_counts_settings_and_values) {
  auto count = admin::parse_tenant_set({"acme", "unknown-attributes"});
  BOOST_REQUIRE(!count.has_value());
  BOOST_TEST(count.error().message == "give a tenant name, a setting and a value");
  BOOST_TEST(count.error().usage == kSetUsage);
  auto setting = admin::parse_tenant_set({"acme", "unknown_attributes", "reject"});
  BOOST_REQUIRE(!setting.has_value());
  BOOST_TEST(setting.error().message == "unknown setting \"unknown_attributes\"");
  auto value = admin::parse_tenant_set({"acme", "unknown-attributes", "Reject"});
  BOOST_REQUIRE(!value.has_value());
  BOOST_TEST(value.error().message == "the value must be reject, ignore or default, not \"Reject\"");
}

BOOST_AUTO_TEST_CASE(set_switches_provisioning_and_invitations) {
  auto off = admin::parse_tenant_set({"acme", "provisioning", "off"});
  BOOST_REQUIRE(off.has_value());
  BOOST_TEST((off->setting == store::TenantSetting::kProvisioning));
  BOOST_TEST(off->value == "off");
  auto invite = admin::parse_tenant_set({"acme", "invitations", "on-create"});
  BOOST_REQUIRE(invite.has_value());
  BOOST_TEST((invite->setting == store::TenantSetting::kInvitations));
  auto wrong = admin::parse_tenant_set({"acme", "provisioning", "reject"});
  BOOST_REQUIRE(!wrong.has_value());
  BOOST_TEST(wrong.error().message == "the value must be on or off, not \"reject\"");
  auto invitations = admin::parse_tenant_set({"acme", "invitations", "on"});
  BOOST_REQUIRE(!invitations.has_value());
  BOOST_TEST(invitations.error().message == "the value must be off or on-create, not \"on\"");
  // The JSON spelling is the API's, not the CLI's.
  BOOST_TEST(!admin::parse_tenant_set({"acme", "unknownAttributes", "reject"}).has_value());
}

// Issue 12: `tenant set T rate-limit 100/s`, `rate-burst 200`, `max-concurrent 2`.
BOOST_AUTO_TEST_CASE(set_reads_the_request_limits) {
  auto rate = admin::parse_tenant_set({"acme", "rate-limit", "100/s"});
  BOOST_REQUIRE(rate.has_value());
  BOOST_TEST((rate->setting == store::TenantSetting::kRateLimit));
  BOOST_TEST(rate->value == "100/s");
  BOOST_TEST(admin::parse_tenant_set({"acme", "rate-burst", "200"}).has_value());
  BOOST_TEST(admin::parse_tenant_set({"acme", "max-concurrent", "default"}).has_value());
  auto wrong = admin::parse_tenant_set({"acme", "rate-limit", "100"});
  BOOST_REQUIRE(!wrong.has_value());
  BOOST_TEST(wrong.error().message == "the value must be N/s, N/m or default, not \"100\"");
  BOOST_TEST(!admin::parse_tenant_set({"acme", "max-concurrent", "0"}).has_value());
  BOOST_TEST(!admin::parse_tenant_set({"acme", "rateLimit", "1/s"}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
