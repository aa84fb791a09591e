type: Group
where: r.tenant_id = ? AND r.resource_type = ? AND (r.name_key = ?)
int: 7
string: Group
string: Sales Team
