-- users plugin: the registration profile of each person, and a log of what
-- staff and admins did to whom. Roles and bans live in the core fb_users.

CREATE TABLE users_profiles (
    user_id       BIGINT PRIMARY KEY REFERENCES fb_users (id) ON DELETE CASCADE,
    full_name     TEXT NOT NULL,
    phone         TEXT NOT NULL CHECK (phone ~ '^\+91[6-9][0-9]{9}$'),
    age           INT NOT NULL CHECK (age BETWEEN 10 AND 100),
    weight_kg     NUMERIC(4, 1) NOT NULL CHECK (weight_kg BETWEEN 20 AND 300),
    gender        TEXT NOT NULL CHECK (gender IN ('male', 'female', 'other')),
    photo_file_id TEXT,
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by    BIGINT,
    decided_at    TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX users_profiles_phone_idx ON users_profiles (phone);
CREATE INDEX users_profiles_pending_idx ON users_profiles (created_at)
    WHERE status = 'pending';

-- Who approved, rejected, banned, unbanned, deleted or re-roled whom. Kept
-- after the person is deleted (no foreign key), without their profile data.
CREATE TABLE users_audit (
    id       BIGSERIAL PRIMARY KEY,
    user_id  BIGINT NOT NULL,
    actor    BIGINT NOT NULL,
    action   TEXT NOT NULL,
    detail   TEXT,
    at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX users_audit_user_idx ON users_audit (user_id);
