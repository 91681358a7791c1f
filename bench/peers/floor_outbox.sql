-- The peers' transaction (floor.sql) with a durable outbox, for pgbench
-- (bench/peers/run with PEERS_FLOOR=N, on fitbot's database, where the
-- peers' tables are made too): claim, sender upsert, profile read and the
-- reply's outbox row in one transaction, then one delivery record. What
-- /whoami costs PostgreSQL at the least once its reply is durable.
\set uid random(7100000000, 7100000199)
BEGIN;
INSERT INTO peer_processed (update_id) VALUES (nextval('peer_floor_ids')) ON CONFLICT DO NOTHING;
INSERT INTO peer_users AS u (id, first_name, last_name, username) VALUES (:uid, 'Peer', NULL, 'peer') ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, username = EXCLUDED.username, updated_at = now();
SELECT p.full_name FROM peer_users u LEFT JOIN peer_profiles p ON p.user_id = u.id WHERE u.id = :uid;
INSERT INTO fb_outbox (chat, kind, msg_id, text, name, bytes, markup, alert, bulk) VALUES (:uid, 'send', 0, 'You are Peer, id <code>1</code>, not registered yet. Send /start to register.', NULL, NULL, NULL, false, false) RETURNING id AS out_id \gset
COMMIT;
UPDATE fb_outbox SET delivered_at = now(), outcome = 'sent' WHERE id = :out_id;
