# A member starts paying an invoice (cash at the desk), an admin voids it
# before the staff confirm the cash, then the staff approve the payment:
# the invoice stays void (never paid) and every admin is told that money
# came for a void invoice, so someone refunds it or invoices again.
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

asha presses: 💳 Pay ₹999.00
bot -> asha: Payment #1: Invoice INV/26-27/000001, ₹999.00.
answer -> asha: The payment is on its way
asha presses: 💵 Cash at the desk
bot edits -> asha: cash at the desk
bot -> asha: Please pay ₹999.00 in cash at the desk
bot -> ada: Payment #1 waits for approval
bot -> bob: Payment #1 waits for approval
bot -> sam: Payment #1 waits for approval
ada presses: 🗑 Void
bot edits -> ada: 🗑 INV/26-27/000001 voided by Ada (7000000009). Its number stays used.
bot -> asha: Invoice INV/26-27/000001 was cancelled by the club; nothing to pay.
bot -> bob: 🗑 INV/26-27/000001 voided by Ada (7000000009).
sam presses: ✅ Approve ₹999.00
bot -> asha: ✅ Payment #1 approved: ₹999.00 received for Invoice INV/26-27/000001.
bot -> ada: ⚠️ ₹999.00 was received for invoice INV/26-27/000001, which is void: refund the member or issue a new invoice for it.
bot -> bob: ⚠️ ₹999.00 was received for invoice INV/26-27/000001, which is void
bot edits -> sam: Approved by Sam
db: SELECT status || ' ' || coalesce(paid_paise::text, '-') FROM inv_invoices => void -
db: SELECT status || ' ' || received_paise FROM pay_payments => approved 99900
