// fastscim-admin's tenant commands: create, list, show and delete tenants,
// and change a tenant's settings: the unknown-attributes /
// unknown-extensions policy (which overrides the server's configuration
// for that tenant), provisioning on/off and invitations.  Each runs the
// operation of manage::Api that /manage/v1 runs too.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_TENANT_COMMANDS_H_
#define FASTSCIM_ADMIN_TENANT_COMMANDS_H_

#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"
#include "store/schema_repository.h"

namespace fastscim::admin {

// tenant create NAME / tenant show NAME / tenant delete NAME --yes
struct TenantRequest {
  std::string name;
};

struct TenantListRequest {};

// tenant set NAME SETTING VALUE
struct TenantSetRequest {
  std::string name;
  std::string setting_name;  // as given: "unknown-attributes", "unknown-extensions", "provisioning", "invitations"
  store::TenantSetting setting = store::TenantSetting::kUnknownAttributes;
  std::string value;  // as given: reject|ignore|default, on|off, off|on-create
};

// Exactly one name, which valid_name() accepts.
Parsed<TenantRequest> parse_tenant_create(Args args);
// No arguments.
Parsed<TenantListRequest> parse_tenant_list(Args args);
// Exactly one name (not checked further: an invalid one names no tenant).
Parsed<TenantRequest> parse_tenant_show(Args args);
// Exactly one name, and --yes.
Parsed<TenantRequest> parse_tenant_delete(Args args);
// A name, a setting and a value the setting takes (manage/values.h).
Parsed<TenantSetRequest> parse_tenant_set(Args args);

// The tenant commands, for the command table.
std::vector<Command> tenant_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_TENANT_COMMANDS_H_
