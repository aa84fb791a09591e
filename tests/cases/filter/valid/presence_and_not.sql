type: User
where: r.tenant_id = ? AND r.resource_type = ? AND ((JSON_VALUE(r.document, '$."title"') IS NOT NULL AND JSON_VALUE(r.document, '$."title"') <> '') AND (NOT COALESCE(((JSON_VALUE(r.document, '$."userType"') COLLATE utf8mb4_unicode_ci) = ?), FALSE)))
int: 7
string: User
string: Intern
