-- invoices_v2: GST tax invoices and credit notes, numbered gaplessly per
-- series and financial year.

-- The last number given in each series (INV, CN) and financial year
-- ('26-27'). Taken with INSERT ... ON CONFLICT DO UPDATE ... RETURNING in
-- the issuing transaction: the row stays locked until it commits, so two
-- admins issuing at once get consecutive numbers, and a rollback gives
-- the number back. Never a sequence (a sequence leaves gaps).
CREATE TABLE inv_counters (
    series  TEXT NOT NULL,
    fy      TEXT NOT NULL,
    last_no INTEGER NOT NULL CHECK (last_no BETWEEN 1 AND 999999),
    PRIMARY KEY (series, fy)
);

-- An invoice (kind 'invoice') or a credit note (kind 'credit', refers_to
-- its invoice), with what it said when issued: the supplier's and the
-- place of supply's details are copied, so a later change of settings
-- never changes an issued document.
CREATE TABLE inv_invoices (
    id              BIGSERIAL PRIMARY KEY,
    kind            TEXT NOT NULL DEFAULT 'invoice'
                    CHECK (kind IN ('invoice', 'credit')),
    number          TEXT NOT NULL UNIQUE
                    CHECK (length(number) BETWEEN 1 AND 16
                           AND number ~ '^[A-Za-z0-9/-]+$'),
    series          TEXT NOT NULL,
    fy              TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    issue_date      DATE NOT NULL,
    user_id         BIGINT NOT NULL,
    recipient       TEXT NOT NULL,
    supplier        TEXT NOT NULL,
    supplier_address TEXT NOT NULL DEFAULT '',
    supplier_gstin  TEXT NOT NULL DEFAULT '',
    supplier_state  TEXT NOT NULL,
    supplier_state_code TEXT NOT NULL,
    place_state     TEXT NOT NULL,
    place_code      TEXT NOT NULL,
    inclusive       BOOLEAN NOT NULL,
    utgst           BOOLEAN NOT NULL DEFAULT false,
    taxable_paise   BIGINT NOT NULL,
    cgst_paise      BIGINT NOT NULL,
    sgst_paise      BIGINT NOT NULL,
    igst_paise      BIGINT NOT NULL,
    round_off_paise BIGINT NOT NULL,
    total_paise     BIGINT NOT NULL CHECK (total_paise >= 0),
    status          TEXT NOT NULL DEFAULT 'issued'
                    CHECK (status IN ('issued', 'paid', 'void', 'credited')),
    refers_to       BIGINT REFERENCES inv_invoices (id),
    reason          TEXT,
    created_by      BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    paid_at         TIMESTAMPTZ,
    paid_paise      BIGINT,
    voided_by       BIGINT,
    voided_at       TIMESTAMPTZ,
    disputed_at     TIMESTAMPTZ,
    dispute         TEXT,
    UNIQUE (series, fy, seq)
);
CREATE INDEX inv_invoices_date_idx ON inv_invoices (issue_date);
CREATE INDEX inv_invoices_user_idx ON inv_invoices (user_id);
-- one credit note per invoice (it credits the whole invoice)
CREATE UNIQUE INDEX inv_invoices_credit_idx ON inv_invoices (refers_to)
    WHERE kind = 'credit';

CREATE TABLE inv_lines (
    invoice_id    BIGINT NOT NULL REFERENCES inv_invoices (id) ON DELETE CASCADE,
    n             INTEGER NOT NULL,
    description   TEXT NOT NULL,
    hsn           TEXT NOT NULL,
    unit          TEXT NOT NULL DEFAULT '',
    qty           BIGINT NOT NULL,
    price_paise   BIGINT NOT NULL,
    rate_bp       INTEGER NOT NULL,
    disc_bp       INTEGER NOT NULL,
    split         TEXT NOT NULL CHECK (split IN ('cgst_sgst', 'cgst_utgst', 'igst')),
    base_paise    BIGINT NOT NULL,
    discount_paise BIGINT NOT NULL,
    taxable_paise BIGINT NOT NULL,
    cgst_paise    BIGINT NOT NULL,
    sgst_paise    BIGINT NOT NULL,
    igst_paise    BIGINT NOT NULL,
    total_paise   BIGINT NOT NULL,
    PRIMARY KEY (invoice_id, n)
);

-- The lines an admin is putting together (/invoice), until Send or
-- Cancel: one draft per admin.
CREATE TABLE inv_draft_lines (
    admin_id    BIGINT NOT NULL,
    n           INTEGER NOT NULL,
    description TEXT NOT NULL,
    hsn         TEXT NOT NULL,
    unit        TEXT NOT NULL DEFAULT '',
    qty         BIGINT NOT NULL,
    price_paise BIGINT NOT NULL,
    rate_bp     INTEGER NOT NULL,
    disc_bp     INTEGER NOT NULL,
    PRIMARY KEY (admin_id, n)
);
