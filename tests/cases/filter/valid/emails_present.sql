type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (JSON_LENGTH(JSON_EXTRACT(r.document, '$."emails"')) > 0)
int: 7
string: User
