-- gst_store: the club's GST settings (one row), the rate history and the
-- store's item master. Other plugins ask for these through requests
-- (gst.settings, gst.items, gst.item, gst.rate, gst.state), never by
-- reading the tables.

CREATE TABLE IF NOT EXISTS gst_settings (
    id              smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    enabled         boolean NOT NULL DEFAULT false,
    mode            text NOT NULL DEFAULT 'inclusive'
                    CHECK (mode IN ('inclusive', 'exclusive')),
    default_rate_bp integer NOT NULL DEFAULT 1800
                    CHECK (default_rate_bp BETWEEN 0 AND 4000),
    legal_name      text NOT NULL DEFAULT '',
    address         text NOT NULL DEFAULT '',
    gstin           text NOT NULL DEFAULT ''
                    CHECK (gstin = '' OR gstin ~ '^[0-9]{2}[A-Z0-9]{13}$'),
    state_code      text NOT NULL DEFAULT ''
                    CHECK (state_code = '' OR state_code ~ '^[0-9]{2}$'),
    -- the GSTIN's state is the club's state
    CHECK (gstin = '' OR left(gstin, 2) = state_code),
    updated_by      bigint,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO gst_settings (id) VALUES (1) ON CONFLICT DO NOTHING;

-- A rate applies to every HSN/SAC code that begins with hsn, from
-- effective_from on, until a later row of the same hsn. Rows are never
-- deleted: the history is what old invoices were taxed with.
CREATE TABLE IF NOT EXISTS gst_rates (
    id             bigserial PRIMARY KEY,
    hsn            text NOT NULL CHECK (hsn ~ '^([0-9]{2}){1,4}$'),
    rate_bp        integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 4000),
    effective_from date NOT NULL,
    note           text NOT NULL DEFAULT '',
    created_by     bigint,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (hsn, effective_from)
);

-- Gym and fitness-centre services (SAC 9997xx, group 99972): 18 % until
-- 21 Sep 2025, 5 % (2.5 % CGST + 2.5 % SGST, no input tax credit) from
-- 22 Sep 2025. Protein supplements (HSN 2106): 18 %. Sports equipment
-- (HSN 9506) has no row: each item's own GST % applies.
INSERT INTO gst_rates (hsn, rate_bp, effective_from, note) VALUES
    ('9997', 1800, '2017-07-01', 'GST from its start'),
    ('9997', 500, '2025-09-22', 'gym and fitness services: 5 % from 22 Sep 2025'),
    ('2106', 1800, '2017-07-01', 'food preparations n.e.c. (protein supplements)')
ON CONFLICT (hsn, effective_from) DO NOTHING;

-- The rate in force for code on day: the longest prefix of code that has
-- a rate in force that day, its latest; NULL when none has.
CREATE OR REPLACE FUNCTION gst_rate_on(code text, day date) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT rate_bp FROM gst_rates
     WHERE code LIKE hsn || '%' AND effective_from <= day
     ORDER BY length(hsn) DESC, effective_from DESC
     LIMIT 1
$$;

CREATE TABLE IF NOT EXISTS gst_items (
    id         bigserial PRIMARY KEY,
    serial     text NOT NULL UNIQUE CHECK (serial ~ '^[A-Z0-9_./-]{1,20}$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    hsn        text NOT NULL CHECK (hsn ~ '^([0-9]{4}|[0-9]{6}|[0-9]{8})$'),
    unit       text NOT NULL CHECK (unit ~ '^[A-Z]{1,8}$'),
    mrp_paise  bigint NOT NULL CHECK (mrp_paise BETWEEN 1 AND 1000000000),
    rate_bp    integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 4000),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS gst_items_name ON gst_items (lower(name));
