-- Tables of the peer bots (bench/peers): what fitbot's core keeps for each
-- update, in their simplest form. Both peers share them; run truncates them
-- before each peer's run.
CREATE TABLE IF NOT EXISTS peer_processed (
    update_id bigint PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS peer_users (
    id bigint PRIMARY KEY,
    first_name text, last_name text, username text,
    updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS peer_profiles (
    user_id bigint PRIMARY KEY REFERENCES peer_users (id),
    full_name text, phone text);
CREATE SEQUENCE IF NOT EXISTS peer_floor_ids; -- floor.sql's update ids
