type: Group
where: r.tenant_id = ? AND r.resource_type = ? AND r.seq IN (SELECT m.group_seq FROM resources mr JOIN group_members m ON m.member_seq = mr.seq WHERE mr.tenant_id = ? AND (mr.id IS NOT NULL AND mr.id <> ''))
int: 7
string: Group
int: 7
