type: User
where: r.tenant_id = ? AND r.resource_type = ? AND r.seq IN (SELECT e.resource_seq FROM resource_emails e WHERE e.tenant_id = ? AND ((e.type = ?) AND (e.value = ?)))
int: 7
string: User
int: 7
string: work
string: mira@acme.example
