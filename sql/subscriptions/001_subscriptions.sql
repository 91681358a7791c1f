-- subscriptions plugin: plans, members' subscriptions (requested, paid,
-- rejected), freezes and gifted days, and the job's notices.

CREATE TABLE subs_plans (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
    days        INT NOT NULL CHECK (days BETWEEN 1 AND 3660),
    price_paise BIGINT NOT NULL CHECK (price_paise > 0),
    active      BOOLEAN NOT NULL DEFAULT true,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A member's period. 'pending' from the member's confirmation until the
-- payment is decided; 'paid' has its dates. days and price are the plan's
-- when it was requested. A plan in use is never deleted (RESTRICT).
CREATE TABLE subs_subscriptions (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES fb_users (id) ON DELETE CASCADE,
    plan_id     BIGINT NOT NULL REFERENCES subs_plans (id) ON DELETE RESTRICT,
    days        INT NOT NULL CHECK (days > 0),
    price_paise BIGINT NOT NULL CHECK (price_paise > 0),
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'paid', 'rejected')),
    start_date  DATE,
    end_date    DATE,
    grace_days  INT NOT NULL DEFAULT 0 CHECK (grace_days >= 0),
    paid_paise  BIGINT,
    payment_id  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    paid_at     TIMESTAMPTZ,
    CHECK (status <> 'paid' OR (start_date IS NOT NULL AND end_date >= start_date))
);
CREATE INDEX subs_subscriptions_user_idx ON subs_subscriptions (user_id);

-- A freeze moved the end by days; ended early, end_date is the day before
-- it ended and days what was used.
CREATE TABLE subs_freezes (
    id              BIGSERIAL PRIMARY KEY,
    subscription_id BIGINT NOT NULL REFERENCES subs_subscriptions (id) ON DELETE CASCADE,
    start_date      DATE NOT NULL,
    end_date        DATE NOT NULL CHECK (end_date >= start_date - 1),
    days            INT NOT NULL CHECK (days >= 0),
    reason          TEXT NOT NULL,
    by_user         BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX subs_freezes_sub_idx ON subs_freezes (subscription_id);

CREATE TABLE subs_gifts (
    id              BIGSERIAL PRIMARY KEY,
    subscription_id BIGINT NOT NULL REFERENCES subs_subscriptions (id) ON DELETE CASCADE,
    days            INT NOT NULL CHECK (days > 0),
    by_user         BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What the daily job told whom: one row per subscription and step, so a
-- rerun sends nothing twice.
CREATE TABLE subs_notices (
    subscription_id BIGINT NOT NULL REFERENCES subs_subscriptions (id) ON DELETE CASCADE,
    step            TEXT NOT NULL CHECK (step IN ('remind', 'expired', 'grace', 'locked')),
    sent_on         DATE NOT NULL,
    PRIMARY KEY (subscription_id, step)
);

-- Each member's membership on day d: the paid period covering d, else the
-- next queued one, else the last one that ended; its state computed from
-- the dates and freezes. One row per member with a paid subscription.
CREATE FUNCTION subs_current(d date)
RETURNS TABLE (user_id bigint, sub_id bigint, plan text, start_date date,
               end_date date, grace_end date, state text, days_left int,
               freeze_end date)
LANGUAGE sql STABLE AS $$
    SELECT DISTINCT ON (s.user_id) s.user_id, s.id, p.name, s.start_date,
           s.end_date, s.end_date + s.grace_days,
           CASE WHEN f.id IS NOT NULL THEN 'frozen'
                WHEN d < s.start_date THEN 'queued'
                WHEN d <= s.end_date THEN 'active'
                WHEN d <= s.end_date + s.grace_days THEN 'in grace'
                ELSE 'locked' END,
           greatest(s.end_date - d + 1, 0), f.end_date
      FROM subs_subscriptions s
      JOIN subs_plans p ON p.id = s.plan_id
      LEFT JOIN subs_freezes f ON f.subscription_id = s.id
           AND d BETWEEN f.start_date AND f.end_date
     WHERE s.status = 'paid'
     ORDER BY s.user_id,
           CASE WHEN d BETWEEN s.start_date AND s.end_date THEN 0
                WHEN s.start_date > d THEN 1 ELSE 2 END,
           CASE WHEN s.start_date > d THEN s.start_date - d
                ELSE d - s.end_date END
$$;
