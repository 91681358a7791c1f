# A registered recipient: their GSTIN is checked as gst_store checks the
# club's (a wrong check character is refused, naming the right one), the
# state follows the GSTIN, and their address is required (no Skip).
# Goods for a recipient registered in Karnataka go there by default (the
# draft already shows IGST; the state question offers their state first).
# The review and the stored invoice (what the PDF prints) carry the
# address, GSTIN and state.
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
config: payments.methods = cash
user asha 7000000001 "Asha Verma" member
user ada 7000000009 Ada admin
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('W1', 'Whey protein 1 kg', '21069099', 'KGS', 349900, 1800)
sql: UPDATE fb_users SET display_name = CASE id WHEN 7000000001 THEN 'Asha Verma' ELSE 'Ada' END WHERE id IN (7000000001, 7000000009)

ada: /invoice
bot -> ada: Who is it for?
ada: 7000000001
bot -> ada: /^Billing details of Asha Verma: their GSTIN\? \(15 characters/
buttons: [Not registered] / [✖ Cancel]
ada: 29AAACB1234C1ZA
bot -> ada: The check character of “29AAACB1234C1ZA” is wrong: it should end in B if the rest is right.
buttons: [Not registered] / [✖ Cancel]
ada: 99AAACB1234
bot -> ada: A GSTIN has 15 characters; “99AAACB1234” has 11.
db: SELECT count(*) FROM inv_recipients => 0
ada:  29aaacb1234c1zb 
bot -> ada: /^GSTIN 29AAACB1234C1ZB: Karnataka \(29\)\.\nBilling address of Asha Verma\? \(1–200 characters\)$/
buttons: [✖ Cancel]
ada: 4 Brigade Road, Bengaluru 560025
bot -> ada: Invoice for Asha Verma · line 1.
db: SELECT gstin || '|' || address || '|' || state_code FROM inv_recipients WHERE user_id = 7000000001 => 29AAACB1234C1ZB|4 Brigade Road, Bengaluru 560025|29
ada presses: Whey protein 1 kg · ₹3,499.00 · 18%
bot edits -> ada: Line 1: Whey protein 1 kg
bot -> ada: Quantity?
ada: 1
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added
bot -> ada: /To Asha Verma\n4 Brigade Road, Bengaluru 560025\nGSTIN 29AAACB1234C1ZB\nState: Karnataka \(29\)\n1\. Whey protein 1 kg .*IGST 18% ₹533\.75.*Place of supply: Karnataka \(29\)/
ada presses: ✅ Finish
bot edits -> ada: 1 line(s).
bot -> ada: Shipping charges in rupees, with GST?
ada: 0
bot -> ada: Where are the goods shipped to?
buttons: [Karnataka (the recipient's)] / [Same state (Maharashtra)] / [✖ Cancel]
ada presses: Karnataka (the recipient's)
bot edits -> ada: Shipped to Karnataka.
bot -> ada: /To Asha Verma\n4 Brigade Road, Bengaluru 560025\nGSTIN 29AAACB1234C1ZB\nState: Karnataka \(29\)\n.*Total ₹3,499\.00.*Place of supply: Karnataka \(29\)/
buttons: [📤 Send] [✖ Cancel]
ada presses: 📤 Send
bot edits -> ada: ✅ Issued INV/26-27/000001 to Asha Verma (7000000001): ₹3,499.00.
bot sends document -> asha: INV-26-27-000001.pdf
bot -> asha: Your invoice INV/26-27/000001 of 2026-12-01: ₹3,499.00.
bot sends document -> ada: INV-26-27-000001.pdf
bot -> ada: INV/26-27/000001 · 2026-12-01 · Asha Verma (7000000001) · ₹3,499.00 · issued
db: SELECT recipient_address || '|' || recipient_gstin || '|' || recipient_state || '|' || recipient_state_code FROM inv_invoices => 4 Brigade Road, Bengaluru 560025|29AAACB1234C1ZB|Karnataka|29
db: SELECT place_state || ' ' || place_code || ' ' || igst_paise || ' ' || cgst_paise FROM inv_invoices => Karnataka 29 53375 0
db: SELECT count(*) FROM inv_draft_lines => 0
counter: callbacks_unanswered => 0
