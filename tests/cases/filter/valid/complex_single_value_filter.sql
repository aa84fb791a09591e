type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (((JSON_VALUE(r.document, '$."name"."givenName"') COLLATE utf8mb4_unicode_ci) = ?) AND (JSON_VALUE(r.document, '$."name"."familyName"') IS NOT NULL AND JSON_VALUE(r.document, '$."name"."familyName"') <> ''))
int: 7
string: User
string: Babs
