# Two admins put an invoice together each and press Send at about the same
# moment (their chats are handled in parallel): the counter row makes one
# wait for the other, so the numbers are INV/26-27/000001 and 000002,
# consecutive, each used once, and each member gets the one that is theirs.
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
user asha 7000000001 "Asha Verma" member
user ravi 7000000002 "Ravi Rao" member
user ada 7000000009 Ada admin
user bob 7000000008 Bob admin
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('M1', 'Monthly membership', '999723', 'MON', 99900, 500)
sql: UPDATE fb_users SET display_name = CASE id WHEN 7000000001 THEN 'Asha Verma' WHEN 7000000002 THEN 'Ravi Rao' END WHERE id IN (7000000001, 7000000002)

ada: /invoice
bot -> ada: Who is it for?
bob: /invoice
bot -> bob: Who is it for?
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
bob: 7000000002
bot -> bob: /^Billing details of Ravi Rao: their GSTIN\?/
buttons: [Not registered] / [✖ Cancel]
bob presses: Not registered
bot edits -> bob: Ravi Rao is not registered for GST.
bot -> bob: Billing address of Ravi Rao?
buttons: [Skip] / [✖ Cancel]
bob presses: Skip
bot edits -> bob: No billing address.
bot -> bob: Invoice for Ravi Rao · line 1.
ada presses: Monthly membership · ₹999.00 · 5%
bot edits -> ada: Line 1: Monthly membership
bot -> ada: Quantity?
bob presses: Monthly membership · ₹999.00 · 5%
bot edits -> bob: Line 1: Monthly membership
bot -> bob: Quantity?
ada: 1
bot -> ada: Discount in %?
bob: 2
bot -> bob: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added
bot -> ada: Add another line or finish?
bob presses: No discount
bot edits -> bob: Discount chosen.
bot -> bob: Line 1 added
bot -> bob: Add another line or finish?
ada presses: ✅ Finish
bot edits -> ada: 1 line(s).
bot -> ada: Shipping charges
bob presses: ✅ Finish
bot edits -> bob: 1 line(s).
bot -> bob: Shipping charges
# services: no state to ask, straight to the review
ada: 0
bot -> ada: /Invoice \(draft\).*To Asha Verma.*Total ₹999\.00/
buttons: [📤 Send] [✖ Cancel]
bob: 0
bot -> bob: /Invoice \(draft\).*To Ravi Rao.*Total ₹1,998\.00/
buttons: [📤 Send] [✖ Cancel]

# both at once
ada presses: 📤 Send
bob presses: 📤 Send
counter: callbacks_unanswered => 0
db: SELECT count(*) FROM inv_invoices => 2
db: SELECT string_agg(number, ' ' ORDER BY number) FROM inv_invoices => INV/26-27/000001 INV/26-27/000002
db: SELECT string_agg(seq::text, ' ' ORDER BY seq) FROM inv_invoices => 1 2
db: SELECT series || ' ' || fy || ' ' || last_no FROM inv_counters => INV 26-27 2
db: SELECT string_agg(user_id || ':' || total_paise, ' ' ORDER BY user_id) FROM inv_invoices => 7000000001:99900 7000000002:199800
db: SELECT count(*) FROM inv_draft_lines => 0
# each member gets their own invoice, under the number stored for them
bot sends document -> asha: /^INV-26-27-00000[12]\.pdf$/
bot -> asha: /^🧾 Your invoice INV\/26-27\/00000[12] of 2026-12-01: ₹999\.00\./
bot sends document -> ravi: /^INV-26-27-00000[12]\.pdf$/
bot -> ravi: /^🧾 Your invoice INV\/26-27\/00000[12] of 2026-12-01: ₹1,998\.00\./
db: SELECT (SELECT number FROM inv_invoices WHERE user_id = 7000000001) <> (SELECT number FROM inv_invoices WHERE user_id = 7000000002) => t
