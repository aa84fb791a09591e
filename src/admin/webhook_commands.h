// fastscim-admin's webhook commands (add, list, remove, enable, disable,
// rotate-secret, redeliver, deliveries), each one call on manage::Api (the
// management API's webhook routes make the same calls), and `events
// deliver`, the one pass of delivery meant for cron where no fastscimd
// supervisor runs.
//
// `webhook add` and `webhook rotate-secret` print the signing secret on
// stdout, once; nothing else ever shows it.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_WEBHOOK_COMMANDS_H_
#define FASTSCIM_ADMIN_WEBHOOK_COMMANDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admin/arguments.h"
#include "admin/command.h"

namespace fastscim::admin {

struct WebhookRequest {
  std::string tenant;                 // --tenant NAME
  std::string url;                    // add: URL
  std::int64_t id = 0;                // the endpoint (0 = none given)
  std::optional<std::uint64_t> from;  // add, redeliver: --from POSITION
  int limit = 20;                     // deliveries: --limit N (1-1000)
  long long before = 0;               // deliveries: --before CURSOR (0 = the newest)
};

// webhook add --tenant NAME [--from POSITION] URL: URL passes
// webhook::endpoint_url_problem().
Parsed<WebhookRequest> parse_webhook_add(Args args);
// webhook list --tenant NAME
Parsed<WebhookRequest> parse_webhook_list(Args args);
// webhook remove|enable|disable|rotate-secret --tenant NAME ID (`usage` is the
// command's usage line, for the error)
Parsed<WebhookRequest> parse_webhook_id(Args args, const char* usage);
// webhook redeliver --tenant NAME ID --from POSITION
Parsed<WebhookRequest> parse_webhook_redeliver(Args args);
// webhook deliveries --tenant NAME [ID] [--limit N] [--before CURSOR]
Parsed<WebhookRequest> parse_webhook_deliveries(Args args);

struct DeliverRequest {
  int max_seconds = 50;  // --max-seconds N (1-3600)
};
// events deliver [--max-seconds N]
Parsed<DeliverRequest> parse_events_deliver(Args args);

// The webhook commands and `events deliver`, for the command table.
std::vector<Command> webhook_commands();

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_WEBHOOK_COMMANDS_H_
