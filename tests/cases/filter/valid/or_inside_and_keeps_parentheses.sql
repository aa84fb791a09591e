type: User
where: r.tenant_id = ? AND r.resource_type = ? AND (((JSON_VALUE(r.document, '$."userType"') COLLATE utf8mb4_unicode_ci) = ?) AND (r.seq IN (SELECT e.resource_seq FROM resource_emails e WHERE e.tenant_id = ? AND (e.value LIKE ?)) OR r.seq IN (SELECT e.resource_seq FROM resource_emails e WHERE e.tenant_id = ? AND (e.value LIKE ?))))
int: 7
string: User
string: Employee
int: 7
string: %example.com%
int: 7
string: %example.org%
