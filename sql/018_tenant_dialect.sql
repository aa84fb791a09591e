-- fastscim schema 018: how strictly a tenant's requests are read
-- (fastscim-admin tenant set … dialect strict|lenient; src/scim/dialect.h).
--
-- NULL or 'strict': RFC 7644 as written.  'lenient': also the habits of
-- Microsoft's test collection (unquoted filter values, value filters in
-- `attributes`, /serviceConfiguration).  Changing it raises the tenant's
-- configuration generation, so every worker rebuilds the tenant's service.
ALTER TABLE tenants
  ADD COLUMN dialect VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NULL;
