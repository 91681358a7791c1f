# The billing details given once are offered on the member's next
# invoice: [Keep] takes them as they are; [Change] asks them again. An
# issued invoice keeps the details it was issued with: changing the
# member's details later changes no invoice.
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
config: payments.methods = cash
user asha 7000000001 "Asha Verma" member
user ada 7000000009 Ada admin
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('M1', 'Monthly membership', '999723', 'MON', 99900, 500)
sql: UPDATE fb_users SET display_name = CASE id WHEN 7000000001 THEN 'Asha Verma' ELSE 'Ada' END WHERE id IN (7000000001, 7000000009)

# the first invoice: the details asked
ada: /invoice
bot -> ada: Who is it for?
ada: 7000000001
bot -> ada: /^Billing details of Asha Verma: their GSTIN\?/
ada: 27AAPFU0939F1ZV
bot -> ada: /^GSTIN 27AAPFU0939F1ZV: Maharashtra \(27\)\.\nBilling address of Asha Verma\?/
ada: Flat 7, Sea View,\nBandra, Mumbai
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
bot -> ada: /To Asha Verma\nFlat 7, Sea View,\nBandra, Mumbai\nGSTIN 27AAPFU0939F1ZV\nState: Maharashtra \(27\)\n.*Place of supply: Maharashtra \(27\)/
ada presses: 📤 Send
bot edits -> ada: ✅ Issued INV/26-27/000001
bot sends document -> asha: INV-26-27-000001.pdf
bot -> asha: Your invoice INV/26-27/000001
bot sends document -> ada: INV-26-27-000001.pdf
bot -> ada: INV/26-27/000001 ·

# the next invoice: [Keep]
ada: /invoice
bot -> ada: Who is it for?
ada: 7000000001
bot -> ada: /^Billing details of Asha Verma:\nFlat 7, Sea View,\nBandra, Mumbai\nGSTIN 27AAPFU0939F1ZV\nState: Maharashtra \(27\)\nKeep them for this invoice, or change them\?$/
buttons: [Keep] [Change] / [✖ Cancel]
ada: yes
bot -> ada: Please press Keep or Change.
ada presses: Keep
bot edits -> ada: /^Billing details of Asha Verma kept:\nFlat 7/
bot -> ada: Invoice for Asha Verma · line 1.
ada presses: Monthly membership · ₹999.00 · 5%
bot edits -> ada: Line 1: Monthly membership
bot -> ada: Quantity?
ada: 2
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added
bot -> ada: Add another line or finish?
ada presses: ✅ Finish
bot edits -> ada: 1 line(s).
bot -> ada: Shipping charges
ada: 0
bot -> ada: /To Asha Verma\nFlat 7, Sea View,\nBandra, Mumbai\nGSTIN 27AAPFU0939F1ZV\n/
ada presses: 📤 Send
bot edits -> ada: ✅ Issued INV/26-27/000002
bot sends document -> asha: INV-26-27-000002.pdf
bot -> asha: Your invoice INV/26-27/000002
bot sends document -> ada: INV-26-27-000002.pdf
bot -> ada: INV/26-27/000002 ·
db: SELECT string_agg(recipient_gstin || '|' || recipient_state_code, ' ' ORDER BY id) FROM inv_invoices => 27AAPFU0939F1ZV|27 27AAPFU0939F1ZV|27

# [Change]: the member is no longer registered, and has moved
ada: /invoice
bot -> ada: Who is it for?
ada: 7000000001
bot -> ada: Billing details of Asha Verma:
ada presses: Change
bot edits -> ada: Changing the billing details of Asha Verma.
bot -> ada: /^Billing details of Asha Verma: their GSTIN\?/
ada presses: Not registered
bot edits -> ada: Asha Verma is not registered for GST.
bot -> ada: Billing address of Asha Verma?
buttons: [Skip] / [✖ Cancel]
ada: 9 FC Road, Pune
bot -> ada: Which state is that address in?
ada presses: Same state (Maharashtra)
bot edits -> ada: Billing state: Maharashtra (27).
bot -> ada: Invoice for Asha Verma · line 1.
db: SELECT gstin || '|' || address || '|' || state_code FROM inv_recipients WHERE user_id = 7000000001 => |9 FC Road, Pune|27
ada presses: ✖ Cancel
bot edits -> ada: Nothing was issued.
# the issued invoices keep what they were issued with
db: SELECT count(*) FROM inv_invoices WHERE recipient_gstin = '27AAPFU0939F1ZV' AND recipient_address = E'Flat 7, Sea View,\nBandra, Mumbai' AND recipient_state = 'Maharashtra' => 2
# a resend prints the stored copy
ada presses data: irs:1
answer -> ada: Sent to the member again.
bot sends document -> asha: INV-26-27-000001.pdf
bot -> asha: Your invoice INV/26-27/000001
counter: callbacks_unanswered => 0
