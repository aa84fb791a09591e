-- fastscim schema 019: the deprovisioning guard (doc/policies.md).
--
-- tenants.deprovision_guard: NULL (off) or the deactivations and deletions
-- of users an hour beyond which a provider's further ones are held until an
-- admin approves or rejects them.
ALTER TABLE tenants
  ADD COLUMN deprovision_guard INT UNSIGNED NULL;

-- One row per deactivation or deletion counted by the guard, for the
-- sliding hour.  Written and counted under the tenant's tenant_counters row
-- lock, so two writes racing at the threshold are counted one after the
-- other; rows older than an hour are deleted by the next one.
CREATE TABLE deprovisions (
  seq          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id    BIGINT UNSIGNED NOT NULL,
  occurred_at  DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (seq),
  KEY ix_deprovisions_time (tenant_id, occurred_at),
  CONSTRAINT fk_deprovisions_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A held change: the provider's write committed (SCIM shows it), its
-- effect on the product waits for an admin.  A held deactivation keeps the
-- user active for the product through an `active` override with source
-- 'hold'; a held deletion keeps the user in deleted_users (not purged while
-- held).  The row goes when the hold is decided.
CREATE TABLE held_changes (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id    BIGINT UNSIGNED NOT NULL,
  resource_id  CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_name    VARCHAR(255) COLLATE utf8mb4_unicode_ci NULL,
  kind         ENUM('deactivation', 'deletion') CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  held_at      DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  KEY ix_held_changes_user (tenant_id, resource_id),
  CONSTRAINT fk_held_changes_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The events a held change withheld, as the outbox would have inserted
-- them into `events`; approving moves them there in this order (`seq`), so
-- the sequencer numbers them like any event committed at that moment.
CREATE TABLE held_events (
  seq            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  hold_id        BIGINT UNSIGNED NOT NULL,
  tenant_id      BIGINT UNSIGNED NOT NULL,
  event_id       CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  type           VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  resource_type  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  resource_id    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version        BIGINT UNSIGNED NOT NULL,
  seat_change    TINYINT NOT NULL DEFAULT 0,
  occurred_at    DATETIME(3) NOT NULL,
  payload        LONGTEXT COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (seq),
  KEY ix_held_events_hold (hold_id, seq),
  CONSTRAINT fk_held_events_hold FOREIGN KEY (hold_id) REFERENCES held_changes (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
