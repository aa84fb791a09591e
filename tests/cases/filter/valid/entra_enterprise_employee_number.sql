type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (r.employee_number = ?)
int: 7
string: User
string: 701984
