-- fastscim schema 020: a user's groups kept in its own row.
--
-- resources.member_of: the user's groups in the order group_members joins
-- them, or NULL for none; per group its 36-character id, the byte length of
-- its displayName as 4 digits, and the displayName.  Reading a user (an
-- identity provider's match, a page of a list) is then one statement, not
-- two.  group_members stays the truth that filters and deletions use; its
-- rows now carry their group's id and name, so that every write that
-- changes a user's groups rebuilds the column from the user's rows alone,
-- in the same transaction (src/store/statements.cc, kRefreshMemberOf).
ALTER TABLE group_members
  ADD COLUMN group_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ADD COLUMN group_name VARCHAR(255) COLLATE utf8mb4_unicode_ci NULL;

UPDATE group_members gm JOIN resources g ON g.seq = gm.group_seq
  SET gm.group_id = g.id, gm.group_name = g.name_key;

ALTER TABLE resources
  ADD COLUMN member_of MEDIUMTEXT COLLATE utf8mb4_bin NULL;

-- The users who are members of a group already.  One statement: a table of
-- a million users takes a while, once.
UPDATE resources u SET u.member_of = (
  SELECT GROUP_CONCAT(gm.group_id, LPAD(LENGTH(COALESCE(gm.group_name, '')), 4, '0'), COALESCE(gm.group_name, '')
                      ORDER BY gm.group_seq SEPARATOR '')
  FROM group_members gm WHERE gm.member_seq = u.seq)
WHERE u.resource_type = 'User' AND u.seq IN (SELECT m.member_seq FROM group_members m);
