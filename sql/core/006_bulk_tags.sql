-- ABI 1.4: a bulk send carries its broadcast's tag, so the broadcast plugin
-- can count its rows by outcome (fb_bulk_counts) and cancel the ones not
-- requested yet (fb_bulk_cancel: outcome 'cancelled').
ALTER TABLE fb_outbox ADD COLUMN tag TEXT;
CREATE INDEX fb_outbox_tag_idx ON fb_outbox (tag, outcome) WHERE tag IS NOT NULL;
-- When a person last wrote to the bot (any update), for audiences such as
-- "inactive for N days"; NULL: not since this column exists.
ALTER TABLE fb_users ADD COLUMN last_seen TIMESTAMPTZ;
UPDATE fb_users SET last_seen = updated_at;
