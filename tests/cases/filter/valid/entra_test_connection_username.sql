type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (r.name_key = ?)
int: 7
string: User
string: c0b5f8f2-1c7e-4a55-9b0e-6d2f4e3a7c11
