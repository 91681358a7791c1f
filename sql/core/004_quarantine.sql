-- Quarantine (promise 10): an update that could not be handled is counted
-- here, one row per update_id, across restarts; once it failed
-- quarantine_after runs it is held (held_at set): its offset is
-- acknowledged, its user told once, and it waits for an operator
-- (`fitbot quarantine list`, `fitbot quarantine replay ID`). An update or
-- a getUpdates body that cannot be read at all has no update_id and is
-- held at once (one row per distinct raw text).
CREATE TABLE fb_quarantine (
    id        BIGSERIAL PRIMARY KEY,
    update_id BIGINT UNIQUE,  -- NULL: no update_id could be read
    chat_id   BIGINT,
    user_id   BIGINT,
    raw       TEXT NOT NULL,  -- the update's JSON, or the body as received
    error     TEXT NOT NULL,  -- why its last run failed
    runs      INT NOT NULL DEFAULT 1,
    first_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    held_at   TIMESTAMPTZ     -- NULL: failed runs counted, not held yet
);
CREATE UNIQUE INDEX fb_quarantine_unread_idx ON fb_quarantine (md5(raw))
    WHERE update_id IS NULL;
CREATE INDEX fb_quarantine_held_idx ON fb_quarantine (id)
    WHERE held_at IS NOT NULL;
