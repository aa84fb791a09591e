-- fastscim schema 005: the management API (/manage/v1, fastscim-admin
-- apikey …, token rotate, tenant set … provisioning|invitations).
--
-- tenants.provisioning: 0 switches the tenant's SCIM surface off (every
-- SCIM request answers 403; its tokens stay valid).  The token lookup reads
-- it with the token, so the check costs no query of its own.
-- tenants.invitations: whether user.created events ask the product to
-- invite the new user ('on-create') or not ('off').
ALTER TABLE tenants
  ADD COLUMN provisioning TINYINT(1) NOT NULL DEFAULT 1,
  ADD COLUMN invitations ENUM('off', 'on-create') CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'off';

-- Token expiry and rotation.  A rotated token keeps its name and its row
-- (so `token list` shows it, with the expiry its overlap gave it); the new
-- secret takes the name over.  A name is therefore unique only among the
-- tenant's tokens that were not rotated out: `current_name` is the name
-- while rotated_at is NULL, NULL afterwards (NULLs never collide).
ALTER TABLE tokens
  ADD COLUMN expires_at DATETIME(6) NULL,
  ADD COLUMN rotated_at DATETIME(6) NULL,
  ADD COLUMN current_name VARCHAR(64) AS (IF(rotated_at IS NULL, name, NULL)) STORED,
  ADD UNIQUE KEY uq_tokens_tenant_current_name (tenant_id, current_name),
  DROP INDEX uq_tokens_tenant_name;

-- API keys for the management API.  Like tokens, only the SHA-256 of the
-- secret is stored, and `prefix` is its non-secret start.  tenant_id NULL:
-- an operator key that sees every tenant; otherwise the key sees only that
-- tenant, and goes with it.
CREATE TABLE api_keys (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name          VARCHAR(64)     NOT NULL,
  tenant_id     BIGINT UNSIGNED NULL,
  prefix        VARCHAR(16)     NOT NULL,
  key_hash      BINARY(32)      NOT NULL,
  created_at    DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_used_at  DATETIME(6)     NULL,
  revoked_at    DATETIME(6)     NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_api_keys_hash (key_hash),
  UNIQUE KEY uq_api_keys_name (name),
  KEY ix_api_keys_tenant (tenant_id),
  CONSTRAINT fk_api_keys_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
