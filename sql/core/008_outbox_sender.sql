-- Several webhook hosts on one database (docs/OPERATIONS.md): any host
-- writes replies here, one host at a time (the sender, an advisory lock)
-- delivers every host's rows. sender is the number the sending host drew
-- when it took the lock; a row claimed by a sender that died is claimed
-- again by the next (rows it had requested counted at-least-once). NULL:
-- not claimed yet (and every row of a polling host, which sends its own).
ALTER TABLE fb_outbox ADD COLUMN sender BIGINT;
