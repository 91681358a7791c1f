-- ar plugin (accounts receivable): what members owe the club, what they
-- paid against it, the reminders sent and the locks.
--
-- A receivable's final amount is bill − discount; paid_paise is the sum of
-- its allocations (kept in the same transaction as they are written) and
-- status follows from it: pending (nothing paid), partial, paid; or
-- cancelled (an invoice credited whole: what was paid towards it went back
-- to the member's credit).
CREATE TABLE ar_receivables (
    id             BIGSERIAL PRIMARY KEY,
    user_id        BIGINT NOT NULL,
    source         TEXT NOT NULL
                   CHECK (source IN ('subscription', 'invoice', 'store', 'other')),
    reference      TEXT CHECK (length(reference) BETWEEN 1 AND 64),
    description    TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 100),
    bill_paise     BIGINT NOT NULL CHECK (bill_paise > 0),
    discount_paise BIGINT NOT NULL DEFAULT 0
                   CHECK (discount_paise >= 0 AND discount_paise < bill_paise),
    amount_paise   BIGINT GENERATED ALWAYS AS (bill_paise - discount_paise) STORED,
    paid_paise     BIGINT NOT NULL DEFAULT 0 CHECK (paid_paise >= 0),
    due_date       DATE NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'partial', 'paid', 'cancelled')),
    payment_id     BIGINT,          -- the payments plugin's payment, if any
    created_by     BIGINT,          -- an admin, or NULL for an event
    created_on     DATE NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (paid_paise <= bill_paise - discount_paise)
);
-- One receivable per payments-plugin payment: a redelivered event adds none.
CREATE UNIQUE INDEX ar_receivables_payment ON ar_receivables (payment_id)
    WHERE payment_id IS NOT NULL;
CREATE INDEX ar_receivables_open ON ar_receivables (user_id, due_date, id)
    WHERE status IN ('pending', 'partial');
CREATE INDEX ar_receivables_ref ON ar_receivables (reference);

-- A payment the club received: one or more method + amount lines; what is
-- not allocated to receivables is the member's credit, used first next time.
CREATE TABLE ar_payments (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT NOT NULL,
    recorded_by BIGINT NOT NULL,
    paid_on     DATE NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ar_payments_user ON ar_payments (user_id, id);

CREATE TABLE ar_payment_lines (
    id           BIGSERIAL PRIMARY KEY,
    payment_id   BIGINT NOT NULL REFERENCES ar_payments ON DELETE CASCADE,
    method       TEXT NOT NULL
                 CHECK (method IN ('cash', 'upi', 'card', 'bank', 'cheque')),
    amount_paise BIGINT NOT NULL CHECK (amount_paise > 0),
    reference    TEXT CHECK (length(reference) BETWEEN 1 AND 40)
);
CREATE INDEX ar_payment_lines_payment ON ar_payment_lines (payment_id);

CREATE TABLE ar_allocations (
    payment_id    BIGINT NOT NULL REFERENCES ar_payments ON DELETE CASCADE,
    receivable_id BIGINT NOT NULL REFERENCES ar_receivables ON DELETE CASCADE,
    amount_paise  BIGINT NOT NULL CHECK (amount_paise > 0),
    PRIMARY KEY (payment_id, receivable_id)
);
CREATE INDEX ar_allocations_receivable ON ar_allocations (receivable_id);

-- The reminder steps sent: once per receivable and step (days from due).
CREATE TABLE ar_reminders (
    receivable_id BIGINT NOT NULL REFERENCES ar_receivables ON DELETE CASCADE,
    step          INT NOT NULL,
    sent_on       DATE NOT NULL,
    PRIMARY KEY (receivable_id, step)
);

-- Locks: a member whose dues passed lock_after_days; lifted_on set when
-- they are paid. At most one open lock per member.
CREATE TABLE ar_locks (
    id            BIGSERIAL PRIMARY KEY,
    user_id       BIGINT NOT NULL,
    since         DATE NOT NULL,     -- the oldest overdue due date then
    locked_on     DATE NOT NULL,
    overdue_paise BIGINT NOT NULL,
    lifted_on     DATE
);
CREATE UNIQUE INDEX ar_locks_open ON ar_locks (user_id) WHERE lifted_on IS NULL;

-- A member's credit: what their payments hold beyond their allocations.
CREATE VIEW ar_credit AS
SELECT p.user_id,
       sum(l.total - coalesce(a.used, 0))::bigint AS credit_paise
FROM ar_payments p
JOIN (SELECT payment_id, sum(amount_paise) AS total FROM ar_payment_lines
      GROUP BY payment_id) l ON l.payment_id = p.id
LEFT JOIN (SELECT payment_id, sum(amount_paise) AS used FROM ar_allocations
           GROUP BY payment_id) a ON a.payment_id = p.id
GROUP BY p.user_id;
