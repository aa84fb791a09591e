-- fastscim schema 001: tenants and their bearer tokens.
-- Migrations are numbered and forward-only; `fastscim-admin db migrate`
-- applies each file once, statement by statement, and records it in
-- schema_migrations.

CREATE TABLE tenants (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name        VARCHAR(64)     NOT NULL,
  created_at  DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (id),
  UNIQUE KEY uq_tenants_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Only the SHA-256 of a token is stored; `prefix` is the non-secret start of
-- the token, shown by `token list` so operators can tell tokens apart.
CREATE TABLE tokens (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id     BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(64)     NOT NULL,
  prefix        VARCHAR(16)     NOT NULL,
  token_hash    BINARY(32)      NOT NULL,
  created_at    DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_used_at  DATETIME(6)     NULL,
  revoked_at    DATETIME(6)     NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_tokens_hash (token_hash),
  UNIQUE KEY uq_tokens_tenant_name (tenant_id, name),
  CONSTRAINT fk_tokens_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
