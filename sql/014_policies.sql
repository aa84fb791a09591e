-- fastscim schema 014: provisioning policies (doc/policies.md): identifiers
-- owned by one tenant, accounts that existed before provisioning
-- (linking), and extensions every tenant has.

-- Deployment-wide settings (fastscim-admin policy set|show).  Each write
-- reads the row it depends on with a shared lock inside its own
-- transaction, so a change applies from the next request and never to half
-- of a write; `policy set` takes the row's exclusive lock.
-- unique-across-tenants: 'off', or a comma list of 'emails' and 'mobile'.
CREATE TABLE deployment_settings (
  name        VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  value       VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  changed_at  DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO deployment_settings (name, value) VALUES ('unique-across-tenants', 'off');

-- unique-across-tenants: which tenant owns an identifier.  The primary key
-- is the rule: one owner per (kind, key) across the deployment, decided by
-- the unique index when two tenants race (the loser's INSERT waits for the
-- winner's commit, then finds the row).  `value_key` is the normalised form
-- (scim/identifiers.h): an email in lower case, a mobile number without
-- spaces, dashes and brackets.
CREATE TABLE identifier_claims (
  kind       VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  value_key  VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  tenant_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (kind, value_key),
  KEY ix_identifier_claims_tenant (tenant_id),
  CONSTRAINT fk_identifier_claims_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The users of the owning tenant that hold each claimed identifier (several
-- users of one tenant may share an address); a claim whose last holder
-- lets go is deleted in the same transaction.
CREATE TABLE identifier_holders (
  resource_seq  BIGINT UNSIGNED NOT NULL,
  kind          VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  value_key     VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
  tenant_id     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (resource_seq, kind, value_key),
  KEY ix_identifier_holders_key (kind, value_key, tenant_id),
  CONSTRAINT fk_identifier_holders_resource FOREIGN KEY (resource_seq) REFERENCES resources (seq) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Linking.  resources.origin: NULL for a resource the identity provider
-- created; 'local' for a user the product imported (POST
-- /manage/v1/tenants/{t}/users, fastscim-admin user import) that no
-- provider has adopted yet; 'linked' once one has.
-- tenants.link_existing: NULL (off) or a comma list of 'email' and
-- 'employeeNumber': what an identity provider's POST may match a local user on.
ALTER TABLE resources
  ADD COLUMN origin ENUM('local', 'linked') CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD KEY ix_resources_origin (tenant_id, resource_type, origin);

ALTER TABLE tenants
  ADD COLUMN link_existing VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL;

-- Deployment-wide extension schemas (fastscim-admin schema add
-- --all-tenants): every tenant, present and future, has them, as if each
-- had its own row in tenant_schemas (which may not repeat their URN).
CREATE TABLE deployment_schemas (
  urn            VARCHAR(255) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  resource_type  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  required       TINYINT(1) NOT NULL DEFAULT 0,
  definition     LONGTEXT COLLATE utf8mb4_bin NOT NULL,
  created_at     DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (urn),
  CONSTRAINT ck_deployment_schemas_definition CHECK (JSON_VALID(definition))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
