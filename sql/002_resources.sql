-- fastscim schema 002: SCIM resources, their indexed attributes, group
-- membership and the change-event outbox.
--
-- A resource's full JSON document lives in `document`; the attributes that
-- identity providers match on are copied into indexed columns (see
-- doc/storage.md).  `seq` is the clustered key and the stable default
-- order; `id` is the public UUID.  Every row carries tenant_id and every
-- query filters on it.

CREATE TABLE resources (
  seq              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id        BIGINT UNSIGNED NOT NULL,
  id               CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  resource_type    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- userName of a User, displayName of a Group: unique per tenant and type,
  -- compared case-insensitively (SCH-01, CRT-06).
  name_key         VARCHAR(255) COLLATE utf8mb4_unicode_ci NULL,
  display_name     VARCHAR(255) COLLATE utf8mb4_unicode_ci NULL,
  external_id      VARCHAR(255) COLLATE utf8mb4_bin NULL,
  active           TINYINT(1) NULL,
  employee_number  VARCHAR(255) COLLATE utf8mb4_unicode_ci NULL,
  document         LONGTEXT COLLATE utf8mb4_bin NOT NULL,
  version          BIGINT UNSIGNED NOT NULL DEFAULT 1,
  created          DATETIME(3) NOT NULL,
  last_modified    DATETIME(3) NOT NULL,
  PRIMARY KEY (seq),
  UNIQUE KEY uq_resources_id (tenant_id, id),
  UNIQUE KEY uq_resources_name (tenant_id, resource_type, name_key),
  KEY ix_resources_type_seq (tenant_id, resource_type, seq),
  KEY ix_resources_external_id (tenant_id, resource_type, external_id),
  KEY ix_resources_display_name (tenant_id, resource_type, display_name),
  KEY ix_resources_employee_number (tenant_id, resource_type, employee_number),
  KEY ix_resources_last_modified (tenant_id, resource_type, last_modified),
  CONSTRAINT fk_resources_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
  CONSTRAINT ck_resources_document CHECK (JSON_VALID(document))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per email of a user, so that emails.value and
-- emails[type eq "work"].value lookups hit an index.
CREATE TABLE resource_emails (
  resource_seq  BIGINT UNSIGNED NOT NULL,
  tenant_id     BIGINT UNSIGNED NOT NULL,
  value         VARCHAR(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  type          VARCHAR(64) COLLATE utf8mb4_unicode_ci NULL,
  KEY ix_resource_emails_value (tenant_id, value),
  KEY ix_resource_emails_resource (resource_seq),
  CONSTRAINT fk_resource_emails_resource FOREIGN KEY (resource_seq) REFERENCES resources (seq) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Group membership: one row per (group, member).  Adding or removing one
-- member touches one row whatever the group's size; deleting a user or a
-- group removes its rows through the foreign keys, in the same transaction.
CREATE TABLE group_members (
  group_seq   BIGINT UNSIGNED NOT NULL,
  member_seq  BIGINT UNSIGNED NOT NULL,
  tenant_id   BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (group_seq, member_seq),
  KEY ix_group_members_member (member_seq),
  CONSTRAINT fk_group_members_group FOREIGN KEY (group_seq) REFERENCES resources (seq) ON DELETE CASCADE,
  CONSTRAINT fk_group_members_member FOREIGN KEY (member_seq) REFERENCES resources (seq) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The outbox: every change, written in the transaction that made it, in
-- order per tenant (seq), for the host product to consume exactly once.
CREATE TABLE events (
  seq            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id      BIGINT UNSIGNED NOT NULL,
  resource_type  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  resource_id    CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind           VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version        BIGINT UNSIGNED NOT NULL,
  occurred_at    DATETIME(3) NOT NULL,
  PRIMARY KEY (seq),
  KEY ix_events_tenant (tenant_id, seq),
  CONSTRAINT fk_events_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
