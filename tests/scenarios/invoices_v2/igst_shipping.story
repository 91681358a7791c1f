# Goods shipped to another state pay IGST (the place of supply is where
# they go, with its name): a tub of whey to Karnataka, the shipping
# charge taxed like it; the membership on the same invoice is a service
# supplied at the club (CGST + SGST). The review shows it, the stored
# invoice and lines keep it, the PDF goes out.
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
config: payments.methods = cash
user asha 7000000001 "Asha Verma" member
user ravi 7000000002 "Ravi Rao" member
user ada 7000000009 Ada admin
user sam 7000000003 Sam staff
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('M1', 'Monthly membership', '999723', 'MON', 99900, 500)
sql: UPDATE fb_users SET display_name = CASE id WHEN 7000000001 THEN 'Asha Verma' WHEN 7000000002 THEN 'Ravi Rao' WHEN 7000000009 THEN 'Ada' ELSE 'Bob' END WHERE id IN (7000000001, 7000000002, 7000000009, 7000000008)
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('W1', 'Whey protein 1 kg', '21069099', 'KGS', 349900, 1800)

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
ada presses: Whey protein 1 kg · ₹3,499.00 · 18%
bot edits -> ada: Line 1: Whey protein 1 kg (21069099, ₹3,499.00, 18%).
bot -> ada: Quantity?
ada: 1
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added
bot -> ada: Add another line or finish?
ada presses: ➕ Add line
bot edits -> ada: Adding a line.
bot -> ada: line 2
ada presses: Monthly membership · ₹999.00 · 5%
bot edits -> ada: Line 2: Monthly membership
bot -> ada: Quantity?
ada: 1
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 2 added
bot -> ada: Add another line or finish?
ada presses: ✅ Finish
bot edits -> ada: 2 line(s).
bot -> ada: Shipping charges in rupees, with GST?
ada: 150
bot -> ada: Where are the goods shipped to?
buttons: [Same state (Maharashtra)] / [✖ Cancel]
ada: 29
bot -> ada: /Whey protein 1 kg · 21069099 · 1 KGS × ₹3,499\.00\n +taxable ₹2,965\.25, IGST 18% ₹533\.75\n2\. Monthly membership · 999723 · 1 MON × ₹999\.00\n +taxable ₹951\.43, CGST 2\.5% ₹23\.79 \+ SGST 2\.5% ₹23\.79\n3\. Shipping charges · 21069099 · 1 × ₹150\.00\n +taxable ₹127\.12, IGST 18% ₹22\.88\n\nTaxable value ₹4,043\.80\nCGST ₹23\.79\nSGST ₹23\.79\nIGST ₹556\.63\nRound off -₹0\.01\nTotal ₹4,648\.00\nRupees Four Thousand Six Hundred Forty-Eight Only\nPlace of supply: Karnataka \(29\)/
buttons: [📤 Send] [✖ Cancel]
ada presses: 📤 Send
bot edits -> ada: ✅ Issued INV/26-27/000001 to Asha Verma (7000000001): ₹4,648.00.
bot sends document -> asha: INV-26-27-000001.pdf
bot -> asha: Your invoice INV/26-27/000001 of 2026-12-01: ₹4,648.00.
db: SELECT place_state || ' ' || place_code || ' ' || supplier_state_code || ' ' || igst_paise || ' ' || cgst_paise || ' ' || sgst_paise || ' ' || taxable_paise FROM inv_invoices => Karnataka 29 27 55663 2379 2379 404380
db: SELECT string_agg(n || ':' || hsn || ':' || split || ':' || igst_paise, ' ' ORDER BY n) FROM inv_lines => 1:21069099:igst:53375 2:999723:cgst_sgst:0 3:21069099:igst:2288
counter: callbacks_unanswered => 0
