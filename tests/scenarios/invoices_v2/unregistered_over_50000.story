# An unregistered recipient may go without an address, but an invoice of
# ₹50,000 or more must name their address and state (rule 46): Send is
# refused with the reason, nothing is numbered, the address is asked (no
# Skip this time) with its state, and the review comes back for Send.
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
config: payments.methods = cash
user asha 7000000001 "Asha Verma" member
user ada 7000000009 Ada admin
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('P1', 'Personal training, 1 year', '999723', 'OTH', 6000000, 500)
sql: UPDATE fb_users SET display_name = CASE id WHEN 7000000001 THEN 'Asha Verma' ELSE 'Ada' END WHERE id IN (7000000001, 7000000009)

ada: /invoice
bot -> ada: Who is it for?
ada: 7000000001
bot -> ada: /^Billing details of Asha Verma: their GSTIN\?/
ada presses: Not registered
bot edits -> ada: Asha Verma is not registered for GST.
bot -> ada: /^Billing address of Asha Verma\? \(1–200 characters\)\nPress Skip if there is none/
buttons: [Skip] / [✖ Cancel]
ada presses: Skip
bot edits -> ada: No billing address.
bot -> ada: Invoice for Asha Verma · line 1.
ada presses: Personal training, 1 year · ₹60,000.00 · 5%
bot edits -> ada: Line 1: Personal training, 1 year
bot -> ada: Quantity?
ada: 1
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added
bot -> ada: Add another line or finish?
ada presses: ✅ Finish
bot edits -> ada: 1 line(s).
bot -> ada: Shipping charges
ada: 0
bot -> ada: /To Asha Verma\nGSTIN: unregistered\n1\. Personal training.*Total ₹60,000\.00/
buttons: [📤 Send] [✖ Cancel]
ada presses: 📤 Send
bot edits -> ada: ⚠️ Not issued: an invoice of ₹60,000.00 to a recipient without a GSTIN must name their address and state (₹50,000 or more, GST rule 46).
bot -> ada: /^Billing address of Asha Verma\? \(1–200 characters\)$/
buttons: [✖ Cancel]
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_counters => 0
# a Skip pressed on the old question does not skip it now
ada forges: iskip:
answer -> ada: This menu has expired.
ada: Park Street Park Street Park Street Park Street Park Street Park Street Park Street Park Street Park Street Park Street Park Street Park Street Park Street Park Street Park Street Park Street Kolkata 700016 West Bengal India
bot -> ada: Please send an address of 1 to 200 characters.
ada: 22 Park Street, Kolkata 700016
bot -> ada: Which state is that address in?
buttons: [Same state (Maharashtra)] / [✖ Cancel]
ada: 88
bot -> ada: “88” is not a state code I know.
ada: 19
bot -> ada: /To Asha Verma\n22 Park Street, Kolkata 700016\nGSTIN: unregistered\nState: West Bengal \(19\)\n.*Total ₹60,000\.00.*Place of supply: Maharashtra \(27\)/
buttons: [📤 Send] [✖ Cancel]
ada presses: 📤 Send
bot edits -> ada: ✅ Issued INV/26-27/000001 to Asha Verma (7000000001): ₹60,000.00.
bot sends document -> asha: INV-26-27-000001.pdf
bot -> asha: Your invoice INV/26-27/000001 of 2026-12-01: ₹60,000.00.
bot sends document -> ada: INV-26-27-000001.pdf
bot -> ada: INV/26-27/000001 ·
db: SELECT recipient_address || '|' || recipient_gstin || '|' || recipient_state || '|' || recipient_state_code || '|' || place_code FROM inv_invoices => 22 Park Street, Kolkata 700016||West Bengal|19|27
db: SELECT gstin || '|' || address || '|' || state_code FROM inv_recipients WHERE user_id = 7000000001 => |22 Park Street, Kolkata 700016|19
counter: callbacks_unanswered => 0
