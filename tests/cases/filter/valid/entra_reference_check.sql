type: User
where: r.tenant_id = ? AND r.resource_type = ? AND ((r.id = ?) AND ((JSON_VALUE(r.document, '$."urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"."manager"."value"') COLLATE utf8mb4_unicode_ci) = ?))
int: 7
string: User
string: u1
string: u2
