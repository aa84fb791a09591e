type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (r.seq IN (SELECT e.resource_seq FROM resource_emails e WHERE e.tenant_id = ? AND ((e.type = ?) AND (e.value LIKE ?))) OR EXISTS (SELECT 1 FROM JSON_TABLE(r.document, '$."ims"[*]' COLUMNS (c0 VARCHAR(2048) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$."type"', c1 VARCHAR(2048) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$."value"')) AS jt WHERE ((jt.c0 = ?) AND (jt.c1 LIKE ?))))
int: 7
string: User
int: 7
string: work
string: %@example.com%
string: xmpp
string: %@foo.com%
