-- The durable outbox (promise 10): what a handler sends is a row written in
-- the handler's own transaction; the host's senders deliver it after
-- COMMIT, in id order per chat, and mark it delivered. A row still without
-- delivered_at at start is delivered then. attempts > 0 on such a row
-- means a request for it may have reached Telegram before the crash: it is
-- sent again and counted (at-least-once, see docs/ARCHITECTURE.md).
CREATE TABLE fb_outbox (
    id           BIGSERIAL PRIMARY KEY,
    chat         BIGINT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('send', 'edit', 'delete',
                     'document', 'photo', 'commands', 'answer')),
    msg_id       BIGINT NOT NULL DEFAULT 0,
    text         TEXT,
    name         TEXT,      -- file name / file_id; the callback query id
    bytes        BYTEA,
    markup       TEXT,      -- reply_markup or the commands array (JSON)
    alert        BOOLEAN NOT NULL DEFAULT false,
    attempts     INT NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at TIMESTAMPTZ,
    outcome      TEXT       -- sent, dropped, blocked, expired
);
CREATE INDEX fb_outbox_pending_idx ON fb_outbox (id)
    WHERE delivered_at IS NULL;
CREATE INDEX fb_outbox_delivered_idx ON fb_outbox (delivered_at)
    WHERE delivered_at IS NOT NULL;
-- One answer per callback query, whatever runs it again.
CREATE UNIQUE INDEX fb_outbox_answer_idx ON fb_outbox (name)
    WHERE kind = 'answer';
