-- The least any host with a durable outbox must ask of PostgreSQL per
-- update, for pgbench (bench/peers/run with PEERS_FLOOR=N, on fitbot's
-- database): one transaction claiming the update id and storing the
-- reply's outbox row, then one delivery record. No sender upsert, no
-- profile, no conversation: the price of promises 5 and 10 alone.
\set uid random(7100000000, 7100000199)
BEGIN;
INSERT INTO fb_processed_updates (update_id) VALUES (nextval('peer_floor_ids')) ON CONFLICT (update_id) DO NOTHING;
INSERT INTO fb_outbox (chat, kind, msg_id, text, name, bytes, markup, alert, bulk) VALUES (:uid, 'send', 0, 'You are Peer, id <code>1</code>, not registered yet. Send /start to register.', NULL, NULL, NULL, false, false) RETURNING id AS out_id \gset
COMMIT;
UPDATE fb_outbox SET delivered_at = now(), outcome = 'sent' WHERE id = :out_id;
