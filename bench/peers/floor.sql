-- The peers' work for one update, for pgbench (bench/peers/run with
-- PEERS_FLOOR=N): one transaction claiming an update id, upserting one of
-- 200 senders, reading the profile. PostgreSQL's CPU per transaction of
-- this, sent as prepared statements, is the floor under any bot.
\set uid random(7100000000, 7100000199)
BEGIN;
INSERT INTO peer_processed (update_id) VALUES (nextval('peer_floor_ids')) ON CONFLICT DO NOTHING;
INSERT INTO peer_users AS u (id, first_name, last_name, username) VALUES (:uid, 'Peer', NULL, 'peer') ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, username = EXCLUDED.username, updated_at = now();
SELECT p.full_name FROM peer_users u LEFT JOIN peer_profiles p ON p.user_id = u.id WHERE u.id = :uid;
COMMIT;
