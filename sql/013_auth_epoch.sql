-- fastscim schema 013: the auth epoch.
--
-- Workers keep the tokens they accepted in memory (auth/token_cache.h), so
-- authenticating a request costs no query.  Every change to what the token
-- lookup returns for an existing token (a revocation or rotation, a tenant's
-- settings, schemas or deletion) raises this one number in its own
-- transaction; the lookup reads it with the token, and each worker reads it
-- at least every half second, dropping what it cached when it moved
-- (doc/auth-cache.md).
CREATE TABLE auth_epoch (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  epoch BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB;

INSERT INTO auth_epoch (id, epoch) VALUES (1, 0);
