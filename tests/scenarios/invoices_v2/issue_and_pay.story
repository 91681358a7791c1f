# An admin issues an invoice: a member by @username, a store item (₹999
# membership at 5 % inclusive), a custom item typed in with each bad value
# answered, shipping, goods staying in the state, the review, Send. The
# member gets the PDF with Pay / Dispute, the admin a copy with Resend /
# Void; Pay goes through payments, the approval marks the invoice paid once.
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
config: payments.methods = cash
user asha 7000000001 "Asha Verma" member
user ada 7000000009 Ada admin
user sam 7000000003 Sam staff
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('M1', 'Monthly membership', '999723', 'MON', 99900, 500)
sql: UPDATE fb_users SET username = 'asha_v', display_name = 'Asha Verma' WHERE id = 7000000001
sql: UPDATE fb_users SET display_name = 'Ada' WHERE id = 7000000009

ada: /invoice
bot -> ada: Who is it for?
ada: @nobody
bot -> ada: “@nobody” is not a member I know.
ada: 12ab
bot -> ada: “12ab” is not a member I know.
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma: their GSTIN\?/
buttons: [Not registered] / [✖ Cancel]
ada presses: Not registered
bot edits -> ada: Asha Verma is not registered for GST.
bot -> ada: Billing address of Asha Verma?
buttons: [Skip] / [✖ Cancel]
ada presses: Skip
bot edits -> ada: No billing address.
bot -> ada: /Invoice for Asha Verma · line 1\./
buttons: [Monthly membership · ₹999.00 · 5%] / [✏️ Custom item] / [✖ Cancel]
ada presses: Monthly membership · ₹999.00 · 5%
bot edits -> ada: Line 1: Monthly membership (999723, ₹999.00, 5%).
bot -> ada: Quantity?
ada: two
bot -> ada: Please send a whole number from 1 to 100000
ada: 1
bot -> ada: Discount in %?
buttons: [No discount] [5% off] [10% off] [20% off] / [✖ Cancel]
ada: 90
bot -> ada: Please send a discount from 0 to 80 %
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added: Monthly membership × 1, ₹999.00.
bot -> ada: /Taxable value ₹951\.43\nCGST ₹23\.79\nSGST ₹23\.79\nRound off -₹0\.01\nTotal ₹999\.00/
buttons: [➕ Add line] [✅ Finish] / [✖ Cancel]
ada: hello
bot -> ada: Please press Add line or Finish.
ada presses: ➕ Add line
bot edits -> ada: Adding a line.
bot -> ada: line 2
ada presses: ✏️ Custom item
bot edits -> ada: Line 2: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: 21A6
bot -> ada: An HSN/SAC code has 4, 6 or 8 digits
ada: 2106
bot -> ada: GST rate in %?
ada: 17
bot -> ada: Please send a GST rate in %
ada: 18
bot -> ada: Price of one unit in rupees, with GST?
ada: 0
bot -> ada: Please send a price from ₹0.01
ada: 3,499
bot -> ada: Quantity?
ada: 2
bot -> ada: Discount in %?
ada: 10
bot -> ada: Line 2 added: Whey protein 1 kg × 2, ₹3,499.00, 10% off.
bot -> ada: Add another line or finish?
ada presses: ✅ Finish
bot edits -> ada: 2 line(s).
bot -> ada: Shipping charges in rupees, with GST?
ada: -5
bot -> ada: Please send an amount from ₹0 to ₹1,00,000
ada: 0
bot -> ada: Where are the goods shipped to?
buttons: [Same state (Maharashtra)] / [✖ Cancel]
ada: 77
bot -> ada: “77” is not a state code I know.
ada presses: Same state (Maharashtra)
bot edits -> ada: Shipped within Maharashtra.
bot -> ada: /Invoice \(draft\).*To Asha Verma.*Taxable value ₹6,288\.89.*Total ₹7,297\.00.*Place of supply: Maharashtra \(27\)/
buttons: [📤 Send] [✖ Cancel]
ada presses: 📤 Send
bot edits -> ada: ✅ Issued INV/26-27/000001 to Asha Verma (7000000001): ₹7,297.00.
bot sends document -> asha: INV-26-27-000001.pdf
bot -> asha: Your invoice INV/26-27/000001 of 2026-12-01: ₹7,297.00.
buttons: [💳 Pay ₹7,297.00] [⚠️ Dispute]
bot sends document -> ada: INV-26-27-000001.pdf
bot -> ada: INV/26-27/000001 · 2026-12-01 · Asha Verma (7000000001) · ₹7,297.00 · issued
buttons: [🔁 Resend] [🗑 Void]
db: SELECT number || ' ' || status || ' ' || total_paise || ' ' || round_off_paise FROM inv_invoices => INV/26-27/000001 issued 729700 -21
db: SELECT count(*) FROM inv_draft_lines => 0

# a member cannot void (forged), the member pays
asha forges: ivd:1
answer -> asha: not allowed
asha presses: 💳 Pay ₹7,297.00
answer -> asha: The payment is on its way
bot -> asha: Payment #1: Invoice INV/26-27/000001, ₹7,297.00.
buttons: [💵 Cash at the desk]
asha presses: 💵 Cash at the desk
bot edits -> asha: cash at the desk
bot -> asha: Please pay ₹7,297.00 in cash at the desk
bot -> sam: Payment #1 waits for approval
bot -> ada: Payment #1 waits for approval
sam presses: ✅ Approve ₹7,297.00
bot -> asha: Payment #1 approved
bot -> asha: ✅ Invoice INV/26-27/000001 is paid: ₹7,297.00 received.
bot edits -> sam: Approved by Sam
bot -> ada: ✅ Invoice INV/26-27/000001 paid: ₹7,297.00.
buttons: [🔁 Resend] [↩️ Credit note]
db: SELECT status || ' ' || paid_paise FROM inv_invoices => paid 729700
# a paid invoice is not voided: a credit note corrects it
ada presses: 🗑 Void
answer -> ada: A paid invoice cannot be voided
ada presses: ↩️ Credit note
bot edits -> ada: Credit note CN/26-27/000001 issued for INV/26-27/000001 by Ada (7000000009).
bot sends document -> asha: CN-26-27-000001.pdf
bot -> asha: Credit note CN/26-27/000001 for invoice INV/26-27/000001 of 2026-12-01: ₹7,297.00.
bot sends document -> ada: CN-26-27-000001.pdf
bot -> ada: Credit note CN/26-27/000001
db: SELECT string_agg(number || ' ' || status, ', ' ORDER BY id) FROM inv_invoices => INV/26-27/000001 credited, CN/26-27/000001 issued
counter: callbacks_unanswered => 0
