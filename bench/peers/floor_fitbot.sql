-- fitbot's database work for one /whoami, for pgbench (bench/peers/run with
-- PEERS_FLOOR=N, run on the last fitbot's database): the same statements
-- the host and the users plugin send, as prepared statements (the session
-- reset after the plugin's query is left out), in the host's round trips:
-- the handler's transaction (BEGIN, claim, sender upsert writing nothing
-- for a known sender and conversation find pipelined in one round trip,
-- the plugin's profile read, the reply's fb_outbox row, COMMIT), then the
-- outbox's two marks, attempted and delivered, each a transaction of its
-- own. PostgreSQL's CPU per run of it is the floor under fitbot's design.
\set uid random(7100000000, 7100000199)
\startpipeline
BEGIN;
INSERT INTO fb_processed_updates (update_id) VALUES (nextval('peer_floor_ids')) ON CONFLICT (update_id) DO NOTHING;
WITH up AS (INSERT INTO fb_users AS u (id, first_name, last_name, username, role) VALUES (:uid, 'Peer', NULL, 'peer', 'none') ON CONFLICT (id) DO UPDATE SET first_name = COALESCE(EXCLUDED.first_name, u.first_name), last_name = COALESCE(EXCLUDED.last_name, u.last_name), username = COALESCE(EXCLUDED.username, u.username), blocked = false, updated_at = now() WHERE u.blocked OR COALESCE(EXCLUDED.first_name, u.first_name) IS DISTINCT FROM u.first_name OR COALESCE(EXCLUDED.last_name, u.last_name) IS DISTINCT FROM u.last_name OR COALESCE(EXCLUDED.username, u.username) IS DISTINCT FROM u.username RETURNING role, banned) SELECT role, banned FROM up UNION ALL SELECT role, banned FROM fb_users WHERE id = :uid AND NOT EXISTS (SELECT FROM up);
SELECT key_chat, key_user, plugin, flow, state, data::text, floor(extract(epoch FROM deadline))::bigint FROM fb_conversations WHERE (key_chat, key_user) IN ((:uid, :uid), (:uid, 0), (0, :uid)) ORDER BY CASE WHEN key_chat = :uid AND key_user = :uid THEN 0 WHEN key_user = 0 THEN 1 ELSE 2 END LIMIT 1 FOR UPDATE;
\endpipeline
SELECT (u.id IS NOT NULL)::int, coalesce(nullif(p.full_name, ''), nullif(u.first_name, ''), 'id ' || u.id::text), u.username, CASE WHEN u.id = 0 THEN 3 ELSE coalesce(array_position(ARRAY['member', 'staff', 'admin'], u.role), 0) END, u.banned::int, u.ban_reason, (p.user_id IS NOT NULL)::int, p.phone, p.age, p.weight_kg::text, p.gender, p.photo_file_id, p.status FROM (SELECT :uid::bigint AS id) q LEFT JOIN fb_users u ON u.id = q.id LEFT JOIN users_profiles p ON p.user_id = q.id;
INSERT INTO fb_outbox (chat, kind, msg_id, text, name, bytes, markup, alert, bulk) VALUES (:uid, 'send', 0, 'You are Peer, id <code>1</code>, not registered yet. Send /start to register.', NULL, NULL, NULL, false, false) ON CONFLICT DO NOTHING RETURNING id AS out_id \gset
COMMIT;
UPDATE fb_outbox SET attempts = attempts + 1 WHERE id = :out_id;
UPDATE fb_outbox SET delivered_at = now(), outcome = 'sent' WHERE id = :out_id;
