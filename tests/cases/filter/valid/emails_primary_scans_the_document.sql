type: User
where: r.tenant_id = ? AND r.resource_type = ? AND EXISTS (SELECT 1 FROM JSON_TABLE(r.document, '$."emails"[*]' COLUMNS (c0 VARCHAR(2048) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$."primary"')) AS jt WHERE (jt.c0 IN ('true', '1')))
int: 7
string: User
