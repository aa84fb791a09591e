-- fastscim schema 016: the setup portal (/portal, doc/portal.md).
--
-- A portal link is a one-time credential for one tenant, minted by
-- `fastscim-admin portal link` or POST /manage/v1/tenants/{t}/portal-links.
-- Like tokens, only the SHA-256 of the secret is stored, with its
-- non-secret prefix.  Opening it sets used_at (once: the claim is an UPDATE
-- that only an unused, unexpired link matches) and makes a session.
CREATE TABLE portal_links (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id   BIGINT UNSIGNED NOT NULL,
  prefix      VARCHAR(16)     NOT NULL,
  link_hash   BINARY(32)      NOT NULL,
  created_at  DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  expires_at  DATETIME(6)     NOT NULL,
  used_at     DATETIME(6)     NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_portal_links_hash (link_hash),
  KEY ix_portal_links_tenant (tenant_id, expires_at),
  CONSTRAINT fk_portal_links_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A portal session: the SHA-256 of the cookie's secret.  It ends at
-- expires_at, or earlier when idle (last_seen_at too long ago).
CREATE TABLE portal_sessions (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id     BIGINT UNSIGNED NOT NULL,
  session_hash  BINARY(32)      NOT NULL,
  created_at    DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_seen_at  DATETIME(6)     NOT NULL,
  expires_at    DATETIME(6)     NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_portal_sessions_hash (session_hash),
  KEY ix_portal_sessions_tenant (tenant_id, expires_at),
  CONSTRAINT fk_portal_sessions_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
