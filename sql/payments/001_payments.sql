-- payments plugin: what a member owes for something another plugin sells
-- (its reference: 'sub:12', later 'invoice:INV/26-27/000123'), how they
-- pay it, and the staff's decision.
--   open      the member chooses a method / pays
--   waiting   with the approvers (cash, credit, or UPI paid)
--   approved  decided once: received_paise is what the approver confirmed
--   rejected  decided once, with the reason
CREATE TABLE pay_payments (
    id             BIGSERIAL PRIMARY KEY,
    reference      TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 64),
    user_id        BIGINT NOT NULL,
    description    TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 100),
    amount_paise   BIGINT NOT NULL CHECK (amount_paise > 0),
    method         TEXT CHECK (method IN ('upi', 'cash', 'credit', 'split')),
    upi_paise      BIGINT CHECK (upi_paise > 0 AND upi_paise <= amount_paise),
    status         TEXT NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'waiting', 'approved', 'rejected')),
    screenshot     TEXT,
    received_paise BIGINT CHECK (received_paise >= 0),
    decided_by     BIGINT,
    decided_at     TIMESTAMPTZ,
    reason         TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((status = 'approved') = (received_paise IS NOT NULL)),
    CHECK (status IN ('open', 'waiting') OR decided_at IS NOT NULL)
);
-- One live payment per reference: a redelivered request adds nothing; after
-- a rejection the reference may be paid again.
CREATE UNIQUE INDEX pay_payments_live_ref ON pay_payments (reference)
    WHERE status <> 'rejected';
CREATE INDEX pay_payments_waiting_idx ON pay_payments (id)
    WHERE status = 'waiting';
CREATE INDEX pay_payments_user_idx ON pay_payments (user_id);
