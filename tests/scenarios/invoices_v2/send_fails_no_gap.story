# A Send that fails after the number was taken rolls back whole: the
# number goes back to the counter, the draft and the review stay, and the
# next Send gets it. GST switched off before Send: refused before any
# number is taken. The numbers stay consecutive with no gap.
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
user asha 7000000001 "Asha Verma" member
user ada 7000000009 Ada admin
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('M1', 'Monthly membership', '999723', 'MON', 99900, 500)
sql: UPDATE fb_users SET display_name = 'Asha Verma' WHERE id = 7000000001

# the first invoice goes out
ada: /invoice
bot -> ada: Who is it for?
ada: 7000000001
bot -> ada: /^Billing details of Asha Verma: their GSTIN\?/
buttons: [Not registered] / [✖ Cancel]
ada presses: Not registered
bot edits -> ada: Asha Verma is not registered for GST.
bot -> ada: Billing address of Asha Verma?
buttons: [Skip] / [✖ Cancel]
ada presses: Skip
bot edits -> ada: No billing address.
bot -> ada: Invoice for Asha Verma · line 1.
ada presses: Monthly membership · ₹999.00 · 5%
bot edits -> ada: Line 1: Monthly membership
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
bot -> ada: Send it to the member?
ada presses: 📤 Send
bot edits -> ada: ✅ Issued INV/26-27/000001 to Asha Verma (7000000001): ₹999.00.
bot sends document -> asha: INV-26-27-000001.pdf
bot -> asha: Your invoice INV/26-27/000001
bot sends document -> ada: INV-26-27-000001.pdf
bot -> ada: INV/26-27/000001 · 2026-12-01
db: SELECT last_no FROM inv_counters => 1

# the second: storing its lines fails after its number was taken (a
# constraint the story adds makes the INSERT into inv_lines fail)
ada: /invoice
bot -> ada: Who is it for?
ada: 7000000001
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: Invoice for Asha Verma · line 1.
ada presses: Monthly membership · ₹999.00 · 5%
bot edits -> ada: Line 1: Monthly membership
bot -> ada: Quantity?
ada: 3
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added
bot -> ada: Add another line or finish?
ada presses: ✅ Finish
bot edits -> ada: 1 line(s).
bot -> ada: Shipping charges
ada: 0
bot -> ada: Send it to the member?
buttons: [📤 Send] [✖ Cancel]
sql: ALTER TABLE inv_lines ADD CONSTRAINT story_at_most_two CHECK (qty <= 2)
ada presses: 📤 Send
answer -> ada: Something went wrong, nothing was changed.
counter: callbacks_unanswered => 0
log: story_at_most_two
db: SELECT count(*) FROM inv_invoices => 1
db: SELECT last_no FROM inv_counters => 1
db: SELECT count(*) FROM inv_draft_lines => 1
db: SELECT state FROM fb_conversations => review
silence -> asha

# GST switched off: Send is refused before a number is taken; the review
# and its buttons stay
sql: ALTER TABLE inv_lines DROP CONSTRAINT story_at_most_two
sql: UPDATE gst_settings SET enabled = false
ada presses: 📤 Send
answer -> ada: GST is switched off in the settings: nothing was issued.
db: SELECT last_no FROM inv_counters => 1
db: SELECT count(*) FROM inv_invoices => 1
silence -> ada

# on again: the same draft goes out as the next number, no gap
sql: UPDATE gst_settings SET enabled = true
ada presses: 📤 Send
bot edits -> ada: ✅ Issued INV/26-27/000002 to Asha Verma (7000000001): ₹2,997.00.
bot sends document -> asha: INV-26-27-000002.pdf
bot -> asha: Your invoice INV/26-27/000002
db: SELECT string_agg(number || ' ' || seq || ' ' || total_paise, ', ' ORDER BY seq) FROM inv_invoices => INV/26-27/000001 1 99900, INV/26-27/000002 2 299700
db: SELECT last_no FROM inv_counters => 2
db: SELECT count(*) FROM inv_draft_lines => 0
counter: callbacks_unanswered => 0
