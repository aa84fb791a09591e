-- fastscim schema 004: the event feed and the seat counters.
--
-- Every committed change writes its events in its own transaction
-- (store/outbox.h).  `position` is dense per tenant and in commit order:
-- it is taken from the tenant's row in tenant_counters as the last step
-- before COMMIT, and that row stays locked until the COMMIT, so a reader
-- that has seen position P never later finds a committed P' < P it did
-- not see (doc/storage.md, "The event feed").  `payload` is the whole
-- event exactly as a consumer receives it (scim/event.h).

ALTER TABLE events
  ADD COLUMN position BIGINT UNSIGNED NULL AFTER tenant_id,
  ADD COLUMN event_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER position,
  ADD COLUMN type VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER event_id,
  ADD COLUMN payload LONGTEXT COLLATE utf8mb4_bin NULL;

-- Events written before this migration keep their order and get the new
-- shape, with no data (none was recorded).
UPDATE events e
  JOIN (SELECT seq, ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY seq) AS n FROM events) o ON o.seq = e.seq
  SET e.position = o.n, e.event_id = UUID(), e.type = CONCAT(LOWER(e.resource_type), '.', e.kind);

UPDATE events e JOIN tenants t ON t.id = e.tenant_id
  SET e.payload = JSON_OBJECT(
    'id', e.event_id, 'tenant', t.name, 'type', e.type,
    'occurred_at', CONCAT(DATE_FORMAT(e.occurred_at, '%Y-%m-%dT%H:%i:%s.'),
                          LPAD(MICROSECOND(e.occurred_at) DIV 1000, 3, '0'), 'Z'),
    'position', e.position, 'cursor', CAST(e.position AS CHAR),
    'resource', JSON_OBJECT('type', e.resource_type, 'id', e.resource_id, 'version', e.version),
    'data', NULL);

ALTER TABLE events
  MODIFY COLUMN position BIGINT UNSIGNED NOT NULL,
  MODIFY COLUMN event_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  MODIFY COLUMN type VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  MODIFY COLUMN payload LONGTEXT COLLATE utf8mb4_bin NOT NULL,
  DROP COLUMN kind,
  DROP KEY ix_events_tenant,
  ADD UNIQUE KEY uq_events_position (tenant_id, position),
  ADD UNIQUE KEY uq_events_event_id (event_id),
  ADD KEY ix_events_occurred (tenant_id, occurred_at);

-- Per-tenant counters, updated in the writing transaction: the last event
-- position taken, and the users that take a seat (users whose `active` is
-- not false; deleted users are gone).
CREATE TABLE tenant_counters (
  tenant_id       BIGINT UNSIGNED NOT NULL,
  event_position  BIGINT UNSIGNED NOT NULL DEFAULT 0,
  active_users    BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id),
  CONSTRAINT fk_tenant_counters_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Seats per UTC day, for billing: the most active users seen that day and
-- the count at its end (or now, for today).  A day without any change in
-- the active count has no row: its count is the previous row's active_end.
CREATE TABLE seat_days (
  tenant_id   BIGINT UNSIGNED NOT NULL,
  day         DATE NOT NULL,
  active_max  BIGINT NOT NULL,
  active_end  BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, day),
  CONSTRAINT fk_seat_days_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO tenant_counters (tenant_id, event_position, active_users)
  SELECT t.id,
         COALESCE((SELECT MAX(e.position) FROM events e WHERE e.tenant_id = t.id), 0),
         (SELECT COUNT(*) FROM resources r
           WHERE r.tenant_id = t.id AND r.resource_type = 'User' AND (r.active IS NULL OR r.active <> 0))
    FROM tenants t;

INSERT INTO seat_days (tenant_id, day, active_max, active_end)
  SELECT tenant_id, UTC_DATE(), active_users, active_users FROM tenant_counters;
