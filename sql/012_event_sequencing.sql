-- fastscim schema 012: event positions are given after commit.
--
-- A writing transaction inserts its events with no position (and the change
-- each makes to the tenant's seats); the sequencer
-- (store/event_sequencer.h) numbers the committed ones, per tenant, dense
-- and in the order they became visible, before anything reads the feed.  So
-- writers of one tenant no longer queue on the tenant's counter row until
-- COMMIT (doc/storage.md, "The event feed").

-- The payload is stored without the tenant, position and cursor, which
-- readers add (scim/event.h, numbered_event_text).

ALTER TABLE events
  MODIFY COLUMN position BIGINT UNSIGNED NULL,
  ADD COLUMN seat_change TINYINT NOT NULL DEFAULT 0 AFTER version;

UPDATE events SET payload = JSON_REMOVE(payload, '$.tenant', '$.position', '$.cursor');
