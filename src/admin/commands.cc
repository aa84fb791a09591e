#include "admin/commands.h"

#include <cstdio>
#include <map>

#include "admin/apikey_commands.h"
#include "admin/db_commands.h"
#include "admin/events_commands.h"
#include "admin/held_commands.h"
#include "admin/log_commands.h"
#include "admin/output.h"
#include "admin/policy_commands.h"
#include "admin/portal_commands.h"
#include "admin/schema_commands.h"
#include "admin/template_commands.h"
#include "admin/tenant_commands.h"
#include "admin/token_commands.h"
#include "admin/user_commands.h"
#include "admin/webhook_commands.h"
#include "app/config.h"

namespace fastscim::admin {

namespace {

const char kUsage[] =
    "Usage: fastscim-admin [--config FILE] [--json] COMMAND [ARGS]\n"
    "\n"
    "Manages a fastscim database: its schema, tenants, bearer tokens, tenant schema\n"
    "extensions, webhooks and the management API's keys; reads the event feed and seats.\n"
    "\n"
    "Commands:\n"
    "  db migrate [--sql-dir DIR]      apply pending schema migrations (safe to repeat)\n"
    "  db status                       show applied and pending migrations\n"
    "  tenant create NAME              create a tenant\n"
    "  tenant list                     list tenants\n"
    "  tenant show NAME                show one tenant\n"
    "  tenant delete NAME --yes        delete a tenant with all its data and tokens\n"
    "  tenant set NAME SETTING VALUE   unknown-attributes or unknown-extensions:\n"
    "                                  reject, ignore or default (the server's setting);\n"
    "                                  provisioning: on or off (off: SCIM answers 403);\n"
    "                                  invitations: off or on-create;\n"
    "                                  dialect: strict or lenient (doc/dialect.md);\n"
    "                                  link-existing: off or email,employeeNumber;\n"
    "                                  deleted-retention: days a deleted user stays\n"
    "                                  restorable (0-3650 or default: 30);\n"
    "                                  deprovision-guard: deactivations and deletions an\n"
    "                                  hour before the rest is held (N or off)\n"
    "  policy set unique-across-tenants emails,mobile|off\n"
    "                                  refuse an email or mobile number another tenant's\n"
    "                                  user holds (deployment-wide; existing users count)\n"
    "  policy show                     the deployment-wide policies\n"
    "  token issue --tenant NAME [--name LABEL] [--expires 30d|TIME]\n"
    "                                  issue a token; the secret is printed once, only here\n"
    "  token list --tenant NAME        list tokens (name, prefix, created, last used,\n"
    "                                  revoked, expires)\n"
    "  token revoke --tenant NAME LABEL\n"
    "                                  revoke a token; effective on the next request\n"
    "  token rotate --tenant NAME LABEL [--overlap 24h]\n"
    "                                  a new secret now; the old one works for the overlap\n"
    "  user import --tenant NAME [--progress-every N] FILE.jsonl\n"
    "                                  the product's existing accounts, one SCIM User per\n"
    "                                  line, as locally owned users identity providers may\n"
    "                                  adopt (tenant set NAME link-existing …)\n"
    "  apikey issue --name NAME [--tenant TENANT]\n"
    "                                  a management API key (one tenant, or all); printed once\n"
    "  apikey list                     list API keys\n"
    "  apikey revoke NAME              revoke an API key\n"
    "  portal link --tenant NAME [--expires 24h] [--url https://HOST[:PORT]]\n"
    "                                  a one-time link to the tenant's setup portal; printed once\n"
    "  schema add --tenant NAME|--all-tenants [--resource-type User|Group] [--required] FILE.json\n"
    "                                  register an extension schema (RFC 7643 §7; - = stdin)\n"
    "                                  (--all-tenants: every tenant, present and future, has it)\n"
    "  schema list --tenant NAME|--all-tenants\n"
    "                                  the tenant's extension schemas (deployment-wide marked)\n"
    "  schema show --tenant NAME URN   show one extension schema\n"
    "  schema set --tenant NAME URN required true|false\n"
    "                                  whether every resource of its type must carry it\n"
    "  schema remove --tenant NAME URN [--force] | --all-tenants URN\n"
    "                                  remove an extension; --force also deletes its data\n"
    "  events list --tenant NAME [--after CURSOR] [--limit N]\n"
    "                                  the tenant's events after CURSOR (a position; 0 = all)\n"
    "  events follow --tenant NAME [--after CURSOR]\n"
    "                                  print new events as JSON lines until interrupted\n"
    "  events purge [--days N]         delete events and provisioning log entries older than\n"
    "                                  N days (default: the configuration's\n"
    "                                  events_retention_days; for cron), and deleted users\n"
    "                                  past their tenant's deleted-retention\n"
    "  log --tenant NAME [--since TIME] [--until TIME] [--outcome success|failure]\n"
    "      [--status NNN] [--limit N] [--before CURSOR]\n"
    "                                  the tenant's SCIM writes, newest first (TIME UTC)\n"
    "  seats --tenant NAME [--from DAY] [--to DAY]\n"
    "                                  active users now and per day (YYYY-MM-DD, UTC)\n"
    "  webhook add --tenant NAME [--from POSITION] URL\n"
    "                                  add a webhook endpoint; prints its id and signing secret\n"
    "                                  (once); it receives the events committed from now on\n"
    "  webhook list --tenant NAME      list endpoints: state, cursor, failures, last success\n"
    "  webhook remove --tenant NAME ID remove an endpoint and its delivery log\n"
    "  webhook enable --tenant NAME ID re-enable a disabled endpoint where it stopped\n"
    "  webhook disable --tenant NAME ID\n"
    "                                  stop delivering to an endpoint until enabled\n"
    "  webhook rotate-secret --tenant NAME ID\n"
    "                                  new signing secret (printed once), used from now on\n"
    "  webhook redeliver --tenant NAME ID --from POSITION\n"
    "                                  deliver the events after POSITION again\n"
    "  webhook deliveries --tenant NAME [ID] [--limit N] [--before CURSOR]\n"
    "                                  the delivery log, newest first\n"
    "  events deliver [--max-seconds N]\n"
    "                                  deliver pending webhooks once and exit (for cron)\n"
    "  template add --tenant NAME --name TEMPLATE --when FILTER [--position N] FILE.json\n"
    "                                  a creation template: new users matching FILTER get\n"
    "                                  FILE's values as overrides (first match wins)\n"
    "  template list --tenant NAME     the tenant's templates in evaluation order\n"
    "  template remove --tenant NAME TEMPLATE\n"
    "                                  remove a template\n"
    "  user deleted --tenant NAME      users deleted through SCIM that can still be restored\n"
    "  user restore --tenant NAME ID   restore a deleted user (its userName must be free)\n"
    "  held list --tenant NAME         deactivations and deletions the deprovision-guard holds\n"
    "  held approve --tenant NAME ID...|--all\n"
    "                                  release their events; the product follows SCIM\n"
    "  held reject --tenant NAME ID...|--all\n"
    "                                  drop their events; the product keeps the users\n"
    "\n"
    "Options:\n"
    "  -c, --config FILE   configuration file (default: $FASTSCIM_CONFIG, the instance\n"
    "                      `make run` started from this checkout, or\n"
    "                      $sysconfdir/fastscim/fastscim.conf)\n"
    "      --json          machine-readable output\n"
    "  -h, --help          show help (also after any command: `fastscim-admin token --help`)\n";

// Every command by name; listings follow the name order.
const std::map<std::string, Command>& commands() {
  static const std::map<std::string, Command> kTable = [] {
    std::map<std::string, Command> t;
    for (auto group : {apikey_commands(), db_commands(), events_commands(), held_commands(), log_commands(),
                       policy_commands(), portal_commands(), schema_commands(), template_commands(), tenant_commands(),
                       token_commands(), user_commands(), webhook_commands()}) {
      for (auto& command : group) t.emplace(command.name, std::move(command));
    }
    return t;
  }();
  return kTable;
}

Dispatch text(int status, std::string out, std::string err) {
  Dispatch d;
  d.status = status;
  d.out = std::move(out);
  d.err = std::move(err);
  return d;
}

}  // namespace

const char* usage() { return kUsage; }

std::vector<std::pair<std::string, std::string>> command_usages() {
  std::vector<std::pair<std::string, std::string>> all;
  for (const auto& [name, command] : commands()) all.emplace_back(name, command.usage);
  return all;
}

Dispatch dispatch(const Args& args) {
  if (args.empty()) return text(2, "", kUsage);
  // "tenant --help" lists the tenant commands; "tenant create --help" one.
  // A command of one word ("seats") takes every argument after it.
  if (auto it = commands().find(args[0]); it != commands().end()) {
    Args rest(args.begin() + 1, args.end());
    if (wants_help(rest)) return text(0, "Usage: fastscim-admin " + it->second.usage + "\n", "");
    Dispatch d;
    d.command = &it->second;
    d.rest = std::move(rest);
    return d;
  }
  if (args.size() >= 2) {
    auto it = commands().find(args[0] + " " + args[1]);
    if (it != commands().end()) {
      Args rest(args.begin() + 2, args.end());
      if (wants_help(rest)) return text(0, "Usage: fastscim-admin " + it->second.usage + "\n", "");
      Dispatch d;
      d.command = &it->second;
      d.rest = std::move(rest);
      return d;
    }
  }
  bool group_known = false;
  std::string listing;
  for (const auto& [name, command] : commands()) {
    if (name.rfind(args[0] + " ", 0) == 0) {
      group_known = true;
      listing += "  fastscim-admin " + command.usage + "\n";
    }
  }
  if (group_known) {
    if (wants_help(args)) return text(0, "Commands:\n" + listing, "");
    std::string which = args.size() > 1 ? " \"" + args[1] + "\"" : "";
    return text(2, "", "fastscim-admin: unknown " + args[0] + " command" + which + "\n\nCommands:\n" + listing);
  }
  return text(2, "", "fastscim-admin: unknown command \"" + args[0] + "\"\n\n" + kUsage);
}

int run(const Options& options, const Args& args) {
  Dispatch d = dispatch(args);
  if (d.command == nullptr) {
    std::fputs(d.out.c_str(), stdout);
    std::fputs(d.err.c_str(), stderr);
    return d.status;
  }
  auto config = app::load_config(options.config_path);
  if (!config) {
    std::fprintf(stderr, "fastscim-admin: %s\n", config.error().c_str());
    return 1;
  }
  if (options.config_path.empty()) {
    std::fprintf(stderr,
                 "fastscim-admin: no configuration found; give --config FILE or set FASTSCIM_CONFIG "
                 "(or start the local instance with `make run`)\n");
    return 1;
  }
  store::Database db(config->db);
  auto action = d.command->parse(d.rest);
  if (!action) return report_usage_error(action.error());
  return (*action)(options, db);
}

}  // namespace fastscim::admin
