type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (r.last_modified > ?)
int: 7
string: User
string: 2011-05-13 04:42:34.000
