-- fastscim schema 011: a tenant's own request limits (fastscim-admin tenant
-- set … rate-limit|rate-burst|max-concurrent, PATCH /manage/v1/tenants/{t}/settings).
--
-- NULL: the server's default (configuration keys tenant_rate_limit,
-- tenant_rate_burst, tenant_max_concurrent).  The token lookup reads them
-- with the token, so enforcing them costs no query (doc/limits.md).
-- rate_limit_per_minute: the token bucket's refill, in requests a minute
-- ("100/s" is stored as 6000); rate_burst: the bucket's size;
-- max_concurrent: the tenant's requests served at once.
ALTER TABLE tenants
  ADD COLUMN rate_limit_per_minute INT UNSIGNED NULL,
  ADD COLUMN rate_burst INT UNSIGNED NULL,
  ADD COLUMN max_concurrent SMALLINT UNSIGNED NULL;
