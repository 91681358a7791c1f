-- invoices_v2: the recipient's billing details (CGST Rules, rule 46: the
-- recipient's address, and GSTIN when registered; an unregistered
-- recipient's address and state from ₹50,000 on).

-- What the admins gave for a member, offered again on their next invoice
-- ([Keep] [Change]). gstin '' for an unregistered recipient (the check
-- character is gst_store's: gst.gstin_check); state_code is the GSTIN's,
-- or an unregistered recipient's address's ('' for none).
CREATE TABLE inv_recipients (
    user_id    BIGINT PRIMARY KEY,
    gstin      TEXT NOT NULL DEFAULT ''
               CHECK (gstin = '' OR gstin ~ '^[0-9]{2}[0-9A-Z]{13}$'),
    address    TEXT NOT NULL DEFAULT ''
               CHECK (char_length(address) <= 200),
    state_code TEXT NOT NULL DEFAULT ''
               CHECK (state_code = '' OR state_code ~ '^[0-9]{2}$'),
    CHECK (gstin = '' OR substr(gstin, 1, 2) = state_code),
    updated_by BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- An invoice keeps the recipient's details as they were when it was
-- issued: a later change of the member's details never changes it.
ALTER TABLE inv_invoices
    ADD COLUMN recipient_address    TEXT NOT NULL DEFAULT '',
    ADD COLUMN recipient_gstin      TEXT NOT NULL DEFAULT '',
    ADD COLUMN recipient_state      TEXT NOT NULL DEFAULT '',
    ADD COLUMN recipient_state_code TEXT NOT NULL DEFAULT '';

-- Before this, the recipient's state shown was where goods went when
-- that was not the club's state: kept as it was.
UPDATE inv_invoices SET recipient_state = place_state,
                        recipient_state_code = place_code
 WHERE place_code <> supplier_state_code;
