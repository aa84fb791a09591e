-- fastscim schema 006: webhook endpoints and their delivery log.
--
-- A webhook endpoint is one reader of its tenant's event feed (events, by
-- position) with its own cursor: cursor_position is the last position the
-- receiver acknowledged with a 2xx.  The deliverer (fastscimd's delivery
-- process, or `fastscim-admin events deliver` from cron) claims a due
-- endpoint with a lease (lease_until, lease_token) so that two deliverers
-- never deliver one endpoint at the same time; a deliverer that dies loses
-- its lease when lease_until passes.
--
-- `secret` is the signing secret.  The deliverer needs it in clear to sign
-- (HMAC-SHA256), so it is stored as given, readable only through the
-- database account; it is printed once by `webhook add` and
-- `webhook rotate-secret` and never logged nor listed.
--
-- failures counts consecutive failed attempts; failing_since is the time of
-- the first of them (NULL while the endpoint is healthy).  An endpoint that
-- keeps failing is disabled: disabled_at and disabled_reason are set, and
-- `webhook enable` clears them.

CREATE TABLE webhooks (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id        BIGINT UNSIGNED NOT NULL,
  url              VARCHAR(2048) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  secret           VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  cursor_position  BIGINT UNSIGNED NOT NULL DEFAULT 0,
  failures         INT UNSIGNED NOT NULL DEFAULT 0,
  failing_since    DATETIME(3) NULL,
  next_attempt_at  DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  lease_until      DATETIME(3) NULL,
  lease_token      CHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  disabled_at      DATETIME(3) NULL,
  disabled_reason  VARCHAR(512) NULL,
  last_success_at  DATETIME(3) NULL,
  created_at       DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  KEY ix_webhooks_tenant (tenant_id, id),
  KEY ix_webhooks_due (disabled_at, next_attempt_at),
  CONSTRAINT fk_webhooks_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per delivery attempt: the batch (first and last position, count),
-- the attempt number of that batch, the HTTP status (NULL when no response
-- came), the latency and the error.  Never the secret, never the body.
CREATE TABLE webhook_deliveries (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id       BIGINT UNSIGNED NOT NULL,
  webhook_id      BIGINT UNSIGNED NOT NULL,
  first_position  BIGINT UNSIGNED NOT NULL,
  last_position   BIGINT UNSIGNED NOT NULL,
  event_count     INT UNSIGNED NOT NULL,
  attempt         INT UNSIGNED NOT NULL,
  http_status     SMALLINT UNSIGNED NULL,
  latency_ms      INT UNSIGNED NOT NULL,
  error           VARCHAR(1024) NULL,
  attempted_at    DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_webhook_deliveries_endpoint (tenant_id, webhook_id, id),
  CONSTRAINT fk_webhook_deliveries_webhook FOREIGN KEY (webhook_id) REFERENCES webhooks (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
