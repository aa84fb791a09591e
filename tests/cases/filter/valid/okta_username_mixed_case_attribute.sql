type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (r.display_name = ?)
int: 7
string: User
string: x
