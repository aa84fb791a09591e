type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (r.name_key LIKE ?)
int: 7
string: User
string: J%
