// app::Delivery — who runs webhook delivery (webhook/deliverer.h).
//
// fastscimd's supervisor forks one delivery process (run_delivery_process)
// beside the workers: it loops over the endpoints that are due, waiting
// webhook_poll_ms between passes that found nothing to send, until
// SIGTERM/SIGINT/SIGQUIT (it finishes the POST in flight first); SIGUSR1
// reopens the log.  It never runs in a request thread.  Where no
// supervisor runs (mod_fcgid, CGI, shared hosting), `fastscim-admin events
// deliver` calls deliver_until_idle() from cron.  Several deliverers at
// once (hosts of a fleet, cron runs that overlap) are safe: each endpoint
// is claimed with a lease in the database (store/webhook_repository.h).
//
// Thread-safety: each function is run by one thread of its process.
#ifndef FASTSCIM_APP_DELIVERY_H_
#define FASTSCIM_APP_DELIVERY_H_

#include "app/config.h"
#include "store/database.h"
#include "webhook/deliverer.h"

namespace fastscim::app {

// The deliverer's settings from the configuration's webhook_* keys.
webhook::DeliverySettings delivery_settings(const Config& config);

// The delivery process's main loop; returns its exit status.
int run_delivery_process(const Config& config);

// Delivers until no endpoint has anything it can deliver now (what is due
// and reachable is delivered; failing endpoints wait for their retry), or
// for at most `max_seconds`.  The totals of all passes; `error` is the
// store's last error.
webhook::PassResult deliver_until_idle(const Config& config, store::Database& db, int max_seconds);

}  // namespace fastscim::app

#endif  // FASTSCIM_APP_DELIVERY_H_
