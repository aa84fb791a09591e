-- fastscim schema 015: provisioning policies — creation templates,
-- overrides ("unlinked" fields) and safe deletion (doc/policies.md).
--
-- A tenant's creation templates, in order: the first whose filter matches a
-- new user sets its values as overrides.  Adding or removing one raises the
-- tenant's config_generation, so workers reload them with the schemas.
CREATE TABLE user_templates (
  tenant_id    BIGINT UNSIGNED NOT NULL,
  name         VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  position     INT NOT NULL,
  filter_text  TEXT COLLATE utf8mb4_bin NOT NULL,
  body         MEDIUMTEXT COLLATE utf8mb4_bin NOT NULL,
  created_at   DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant_id, name),
  KEY ix_user_templates_order (tenant_id, position),
  CONSTRAINT fk_user_templates_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
  CONSTRAINT ck_user_templates_body CHECK (JSON_VALID(body))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The product's own value for one attribute path of a user (scim/overrides.h).
-- Keyed by the user's public id, so the rows outlive a delete that may be
-- restored; they go with the user's purge.
CREATE TABLE user_overrides (
  tenant_id    BIGINT UNSIGNED NOT NULL,
  resource_id  CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  path         VARCHAR(512) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  value        MEDIUMTEXT COLLATE utf8mb4_bin NOT NULL,
  source       VARCHAR(80) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  set_at       DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant_id, resource_id, path),
  CONSTRAINT fk_user_overrides_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
  CONSTRAINT ck_user_overrides_value CHECK (JSON_VALID(value))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Safe deletion: a user deleted through SCIM leaves `resources` at once (a
-- GET answers 404, the userName is free again) and is kept here, restorable
-- through the management API, until the tenant's retention period
-- (deleted_retention_days, NULL = 30) has passed; the purge then removes it
-- and its overrides and records user.purged.
CREATE TABLE deleted_users (
  tenant_id    BIGINT UNSIGNED NOT NULL,
  resource_id  CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_name    VARCHAR(255) COLLATE utf8mb4_unicode_ci NULL,
  document     LONGTEXT COLLATE utf8mb4_bin NOT NULL,
  version      BIGINT UNSIGNED NOT NULL,
  created      DATETIME(3) NOT NULL,
  deleted_at   DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (tenant_id, resource_id),
  KEY ix_deleted_users_time (tenant_id, deleted_at),
  CONSTRAINT fk_deleted_users_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
  CONSTRAINT ck_deleted_users_document CHECK (JSON_VALID(document))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE tenants
  ADD COLUMN deleted_retention_days INT UNSIGNED NULL;
