type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (r.external_id = ?)
int: 7
string: User
string: jdoe
