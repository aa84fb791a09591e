-- fastscim schema 003: tenant-defined schema extensions and per-tenant
-- settings (fastscim-admin schema …, tenant set …).
--
-- config_generation is raised, in the same transaction, by every change to
-- a tenant's extensions or settings.  The token lookup that authenticates
-- each request reads it with the tenant, so a worker keeps each tenant's
-- schema registry cached and rebuilds it only when the number moves: no
-- extra query per request.
--
-- unknown_attributes / unknown_extensions: 'reject' or 'ignore'; NULL means
-- the server's configured default (unknown_attributes = ignore,
-- unknown_extensions = reject; see scim/validator.h).

ALTER TABLE tenants
  ADD COLUMN config_generation BIGINT UNSIGNED NOT NULL DEFAULT 1,
  ADD COLUMN unknown_attributes VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN unknown_extensions VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NULL;

-- One row per extension schema of a tenant.  `definition` is the schema in
-- its RFC 7643 §7 form as fastscim-admin normalised it (scim::to_json);
-- `urn` repeats its id, unique per tenant ignoring case (RFC 7643 §2.1), so
-- a URN extends exactly one resource type of a tenant.
CREATE TABLE tenant_schemas (
  tenant_id      BIGINT UNSIGNED NOT NULL,
  urn            VARCHAR(255) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  resource_type  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  required       TINYINT(1) NOT NULL DEFAULT 0,
  definition     LONGTEXT COLLATE utf8mb4_bin NOT NULL,
  created_at     DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (tenant_id, urn),
  CONSTRAINT fk_tenant_schemas_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
  CONSTRAINT ck_tenant_schemas_definition CHECK (JSON_VALID(definition))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
