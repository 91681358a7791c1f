# An invoice issued on credit: the admin issues it, the member presses Pay
# and chooses Pay later, the staff allow the credit — the receivable comes
# from payments' payment.credit with the invoice's reference (source
# invoice). A credit note for the invoice cancels the receivable; what was
# paid towards it becomes the member's credit.
plugins: users, payments, gst_store, invoices_v2, ar
timezone: Asia/Kolkata
config: payments.methods = cash, credit
config: ar.job_at = 23:59
user asha 7000000001 "Asha Verma" member
user ada 7000000009 Ada admin
user sam 7000000003 Sam staff
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('M1', 'Monthly membership', '999723', 'MON', 99900, 500)
sql: UPDATE fb_users SET display_name = CASE id WHEN 7000000001 THEN 'Asha Verma' ELSE 'Ada' END WHERE id IN (7000000001, 7000000009)

ada: /invoice
bot -> ada: Who is it for?
ada: 7000000001
bot -> ada: /^Billing details of Asha Verma: their GSTIN\?/
ada presses: Not registered
bot edits -> ada: Asha Verma is not registered for GST.
bot -> ada: Billing address of Asha Verma?
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
bot -> asha: Your invoice INV/26-27/000001 of 2026-12-01: ₹999.00.
bot sends document -> ada: INV-26-27-000001.pdf
bot -> ada: INV/26-27/000001 · 2026-12-01 · Asha Verma (7000000001) · ₹999.00 · issued

asha presses: 💳 Pay ₹999.00
bot -> asha: Payment #1: Invoice INV/26-27/000001, ₹999.00.
asha presses: 🧾 Pay later
bot edits -> asha: pay later (credit)
bot -> asha: You asked to pay ₹999.00 later.
bot -> ada: Payment #1 waits for approval
bot -> sam: Payment #1 waits for approval
sam presses: ✅ Allow credit ₹999.00
bot -> asha: ✅ Payment #1: you may pay the ₹999.00 for Invoice INV/26-27/000001 later.
bot -> asha: 🧾 Invoice INV/26-27/000001 is settled on credit: ₹999.00 to pay later (see /my_dues).
bot -> asha: 🧾 Receivable #1: ₹999.00 for Invoice INV/26-27/000001 is on your account, due by 2026-12-16.
db: SELECT source || ' ' || reference || ' ' || amount_paise || ' ' || status FROM ar_receivables => invoice invoice:INV/26-27/000001 99900 pending

bot -> ada: ✅ Invoice INV/26-27/000001 paid: ₹999.00.
buttons: [🔁 Resend] [↩️ Credit note]

# part paid at the desk, then the invoice is credited whole
ada: /ar_pay
bot -> ada: Whose payment?
ada: 7000000001
bot -> ada: Which dues
ada presses: ⏳ Oldest first
bot edits -> ada: Paying: the oldest dues first.
bot -> ada: How was it paid?
ada: cash 300
bot -> ada: Record it?
ada presses: ✅ Record
bot edits -> ada: #1 Invoice INV/26-27/000001: ₹300.00 (part paid)
bot -> asha: The club received ₹300.00 from you.
ada presses: ↩️ Credit note
bot sends document -> asha: CN-26-27-000001.pdf
bot -> asha: Credit note CN/26-27/000001 for invoice INV/26-27/000001
bot -> asha: Receivable #1 (Invoice INV/26-27/000001) is cancelled: invoice INV/26-27/000001 was credited. What you paid towards it is your credit.
db: SELECT status || ' ' || paid_paise FROM ar_receivables => cancelled 0
db: SELECT credit_paise FROM ar_credit => 30000
asha: /my_dues
bot -> asha: /^🧾 Your dues\nNothing to pay\.\nCredit: ₹300\.00/
# the ledger adds up: each receivable's paid is the sum of its allocations,
# and no member holds credit while owing
db: SELECT count(*) FROM ar_receivables r WHERE paid_paise <> coalesce((SELECT sum(amount_paise) FROM ar_allocations a WHERE a.receivable_id = r.id), 0) => 0
db: SELECT count(*) FROM ar_credit c WHERE credit_paise > 0 AND EXISTS (SELECT 1 FROM ar_receivables r WHERE r.user_id = c.user_id AND r.status IN ('pending', 'partial')) => 0
