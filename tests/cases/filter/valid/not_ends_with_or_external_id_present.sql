type: User
where: r.tenant_id = ? AND r.resource_type = ? AND ((NOT COALESCE(r.seq IN (SELECT e.resource_seq FROM resource_emails e WHERE e.tenant_id = ? AND (e.value LIKE ?)), FALSE)) OR (r.external_id IS NOT NULL))
int: 7
string: User
int: 7
string: %.example
