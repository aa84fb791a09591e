type: User
where: r.tenant_id = ? AND r.resource_type = ? AND r.seq IN (SELECT m.member_seq FROM resources g JOIN group_members m ON m.group_seq = g.seq WHERE g.tenant_id = ? AND (g.name_key = ?))
int: 7
string: User
int: 7
string: Sales
