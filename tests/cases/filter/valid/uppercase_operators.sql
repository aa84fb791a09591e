type: User
where: r.tenant_id = ? AND r.resource_type = ? AND ((r.name_key = ?) AND (NOT COALESCE((r.active = ?), FALSE)))
int: 7
string: User
string: x
int: 0
