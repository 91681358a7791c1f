# A member (and staff) forging the admins' buttons of an invoice is
# refused by the host (admin routes): nothing is voided, resent,
# credited or sent, and no counter moves.
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
config: payments.methods = cash
user asha 7000000001 "Asha Verma" member
user ravi 7000000002 "Ravi Rao" member
user ada 7000000009 Ada admin
user bob 7000000008 Bob admin
user sam 7000000003 Sam staff
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('M1', 'Monthly membership', '999723', 'MON', 99900, 500)
sql: UPDATE fb_users SET display_name = CASE id WHEN 7000000001 THEN 'Asha Verma' WHEN 7000000002 THEN 'Ravi Rao' WHEN 7000000009 THEN 'Ada' ELSE 'Bob' END WHERE id IN (7000000001, 7000000002, 7000000009, 7000000008)

# ada issues INV/26-27/000001 to asha: one monthly membership, ₹999.00
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
bot -> asha: 🧾 Your invoice INV/26-27/000001 of 2026-12-01: ₹999.00.
buttons: [💳 Pay ₹999.00] [⚠️ Dispute]
bot sends document -> ada: INV-26-27-000001.pdf
bot -> ada: INV/26-27/000001 · 2026-12-01 · Asha Verma (7000000001) · ₹999.00 · issued
buttons: [🔁 Resend] [🗑 Void]
bot sends document -> bob: INV-26-27-000001.pdf
bot -> bob: INV/26-27/000001 · 2026-12-01 · Asha Verma (7000000001) · ₹999.00 · issued
buttons: [🔁 Resend] [🗑 Void]

asha forges: ivd:1
answer -> asha: Sorry, you are not allowed to do that.
asha forges: irs:1
answer -> asha: Sorry, you are not allowed to do that.
asha forges: icn:1
answer -> asha: Sorry, you are not allowed to do that.
asha forges: isend:
answer -> asha: Sorry, you are not allowed to do that.
asha forges: irp:m
answer -> asha: Sorry, you are not allowed to do that.
asha: /invoice
bot -> asha: Sorry, you are not allowed to do that.
silence -> asha
silence -> ada
db: SELECT number || ' ' || status FROM inv_invoices => INV/26-27/000001 issued
db: SELECT last_no FROM inv_counters => 1
counter: callbacks_unanswered => 0
