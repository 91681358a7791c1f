-- fitbot core tables: users and roles, processed updates, conversations,
-- scheduled jobs. (fb_migrations is created by the migrator itself.)

CREATE TABLE fb_users (
    id          BIGINT PRIMARY KEY,
    first_name  TEXT,
    last_name   TEXT,
    username    TEXT,
    role        TEXT NOT NULL DEFAULT 'none'
                CHECK (role IN ('none', 'member', 'staff', 'admin')),
    banned      BOOLEAN NOT NULL DEFAULT false,
    ban_reason  TEXT,
    blocked     BOOLEAN NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX fb_users_role_idx ON fb_users (role) WHERE role <> 'none';

-- One row per handled update, written in the handler's transaction.
CREATE TABLE fb_processed_updates (
    update_id    BIGINT PRIMARY KEY,
    processed_at TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX fb_processed_updates_at_idx ON fb_processed_updates (processed_at);

-- One conversation per key: (chat, user), (chat, 0) or (0, user).
CREATE TABLE fb_conversations (
    key_chat   BIGINT NOT NULL,
    key_user   BIGINT NOT NULL,
    plugin     TEXT NOT NULL,
    flow       TEXT NOT NULL,
    state      TEXT NOT NULL,
    data       JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
    deadline   TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ DEFAULT now(),
    PRIMARY KEY (key_chat, key_user)
);
CREATE INDEX fb_conversations_deadline_idx ON fb_conversations (deadline);

-- Last run of each scheduled job.
CREATE TABLE fb_jobs (
    plugin   TEXT NOT NULL,
    name     TEXT NOT NULL,
    last_run TIMESTAMPTZ,
    PRIMARY KEY (plugin, name)
);
