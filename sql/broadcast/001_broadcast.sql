-- broadcast plugin: each broadcast, and its recipients as the audience was
-- when the admin confirmed. A recipient is 'waiting' until the feeder queues
-- its message in the host's durable outbox, in the same transaction that
-- marks it 'queued' (so a kill -9 neither loses nor doubles one);
-- 'skipped' when the host already knew the chat blocked the bot.
-- Outcomes (sent, failed, blocked, cancelled) are the outbox's rows tagged
-- 'bc:<id>' (fb_bulk_counts); the final figures are kept here.
CREATE TABLE bc_broadcasts (
    id          BIGSERIAL PRIMARY KEY,
    admin_id    BIGINT NOT NULL,
    chat_id     BIGINT NOT NULL,          -- where the progress message is
    progress_id BIGINT NOT NULL,          -- the message edited with progress
    audience    TEXT NOT NULL,            -- as the admin saw it
    body        TEXT NOT NULL,            -- plain text; {name} placeholders
    media       TEXT NOT NULL DEFAULT 'text'
                CHECK (media IN ('text', 'photo', 'document')),
    file_id     TEXT,
    status      TEXT NOT NULL DEFAULT 'sending'
                CHECK (status IN ('sending', 'stopping', 'done', 'cancelled')),
    total       INT NOT NULL CHECK (total >= 0),
    started_at  BIGINT NOT NULL,          -- fb_now() epoch seconds
    shown_at    BIGINT NOT NULL DEFAULT 0,-- last progress edit
    shown       TEXT NOT NULL DEFAULT '', -- its figures (edit only on change)
    sent        INT NOT NULL DEFAULT 0,   -- final figures (done / cancelled)
    failed      INT NOT NULL DEFAULT 0,
    blocked     INT NOT NULL DEFAULT 0,
    unsent      INT NOT NULL DEFAULT 0,
    finished_at BIGINT,
    CHECK (media = 'text' OR file_id IS NOT NULL)
);
CREATE INDEX bc_broadcasts_running_idx ON bc_broadcasts (id)
    WHERE status IN ('sending', 'stopping');

CREATE TABLE bc_recipients (
    broadcast_id BIGINT NOT NULL REFERENCES bc_broadcasts (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'waiting'
                 CHECK (state IN ('waiting', 'queued', 'skipped')),
    PRIMARY KEY (broadcast_id, user_id)
);
CREATE INDEX bc_recipients_waiting_idx ON bc_recipients (broadcast_id, user_id)
    WHERE state = 'waiting';
