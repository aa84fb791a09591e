-- fastscim schema 009: the secret that seals list cursors.
--
-- nextCursor (RFC 9865) carries a position in the resources table, sealed
-- with this secret for one tenant and resource type (src/auth/seal.h), so
-- that it reveals nothing about other tenants' writes and a cursor that was
-- changed, made up or issued to another tenant is refused with 400
-- invalidCursor.  The first worker that issues a cursor generates the
-- secret (256 random bits, hex) with INSERT IGNORE; every worker on every
-- host then reads the same row.  Deleting the row invalidates the cursors
-- issued so far (clients start their listing again) and a new one is made.

CREATE TABLE server_secrets (
  name        VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  secret      VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
