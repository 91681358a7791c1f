-- A club-wide freeze (a closure) is a freeze of every active membership,
-- marked club: it does not count against a member's yearly maximum and
-- staff do not end it for one member.
ALTER TABLE subs_freezes ADD COLUMN club BOOLEAN NOT NULL DEFAULT false;
