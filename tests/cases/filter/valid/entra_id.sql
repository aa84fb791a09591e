type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (r.id = ?)
int: 7
string: User
string: 2819c223-7f76-453a-919d-413861904646
