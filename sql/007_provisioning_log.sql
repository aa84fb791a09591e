-- fastscim schema 007: the provisioning log.
--
-- One row per SCIM write (POST, PUT, PATCH, DELETE on a resource endpoint)
-- of an authenticated tenant, successful or not, written by its own INSERT
-- after the answer is decided (http/server.cc through
-- store/provisioning_log_repository.h).  It holds no secret: no header but
-- the User-Agent, no request body, only the resource's userName or
-- displayName (doc/storage.md, "The provisioning log").  Rows older than
-- the retention period are deleted by `fastscim-admin log purge`.

CREATE TABLE provisioning_log (
  seq            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  tenant_id      BIGINT UNSIGNED NOT NULL,
  occurred_at    DATETIME(3)     NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  method         VARCHAR(8)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  resource_type  VARCHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  resource_id    VARCHAR(255)    NOT NULL DEFAULT '',
  name           VARCHAR(255)    NOT NULL DEFAULT '',
  status         SMALLINT UNSIGNED NOT NULL,
  scim_type      VARCHAR(32)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  detail         VARCHAR(1024)   NOT NULL DEFAULT '',
  user_agent     VARCHAR(255)    NOT NULL DEFAULT '',
  PRIMARY KEY (seq),
  KEY ix_provisioning_log_tenant (tenant_id, seq),
  KEY ix_provisioning_log_time (tenant_id, occurred_at),
  CONSTRAINT fk_provisioning_log_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
