# An admin voids an unpaid invoice: it keeps its number (the next invoice
# takes the one after it), the member is told and the other admins too,
# and a later Pay or Dispute of it is refused. Voiding twice, or crediting
# a void invoice, is refused.
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

ada presses: 🗑 Void
bot edits -> ada: 🗑 INV/26-27/000001 voided by Ada (7000000009). Its number stays used.
buttons: none
bot -> asha: Invoice INV/26-27/000001 was cancelled by the club; nothing to pay.
bot -> bob: 🗑 INV/26-27/000001 voided by Ada (7000000009). Its number stays used.
db: SELECT number || ' ' || status || ' ' || voided_by FROM inv_invoices => INV/26-27/000001 void 7000000009
db: SELECT last_no FROM inv_counters => 1

# the member's old buttons: nothing to pay, nothing to dispute
asha presses: 💳 Pay ₹999.00
answer -> asha: This invoice was cancelled; nothing to pay.
asha presses: ⚠️ Dispute
answer -> asha: This invoice was cancelled; nothing to pay.
silence -> asha
db: SELECT count(*) FROM pay_payments => 0
db: SELECT count(*) FROM fb_conversations => 0

# bob's copy still has the buttons: void again, a credit note: refused
bob presses: 🗑 Void
answer -> bob: It is void already.
bob forges: icn:1
answer -> bob: A credit note is for a paid invoice
db: SELECT count(*) FROM inv_invoices => 1
silence -> asha

# the next invoice takes the number after the void one
# ada issues INV/26-27/000002 to asha: one monthly membership, ₹999.00
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
bot edits -> ada: ✅ Issued INV/26-27/000002 to Asha Verma (7000000001): ₹999.00.
bot sends document -> asha: INV-26-27-000002.pdf
bot -> asha: 🧾 Your invoice INV/26-27/000002 of 2026-12-01: ₹999.00.
buttons: [💳 Pay ₹999.00] [⚠️ Dispute]
bot sends document -> ada: INV-26-27-000002.pdf
bot -> ada: INV/26-27/000002 · 2026-12-01 · Asha Verma (7000000001) · ₹999.00 · issued
buttons: [🔁 Resend] [🗑 Void]
bot sends document -> bob: INV-26-27-000002.pdf
bot -> bob: INV/26-27/000002 · 2026-12-01 · Asha Verma (7000000001) · ₹999.00 · issued
buttons: [🔁 Resend] [🗑 Void]

db: SELECT string_agg(number || ' ' || status, ', ' ORDER BY seq) FROM inv_invoices => INV/26-27/000001 void, INV/26-27/000002 issued
counter: callbacks_unanswered => 0
