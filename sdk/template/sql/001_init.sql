-- myplugin's tables. Files run once each, in NNN order, recorded with a
-- checksum: never edit a file that was applied; add 002_*.sql instead.
CREATE TABLE myplugin_pings (
    user_id BIGINT PRIMARY KEY,
    count BIGINT NOT NULL DEFAULT 0
);
