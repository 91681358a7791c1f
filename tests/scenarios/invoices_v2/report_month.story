# /invoice_report for a month: three CSV documents (the register, GST by
# rate, by HSN/SAC) with the month's invoices only; a void invoice is in
# the register but in no sum. Their rows are read back from the host's
# debug log (each CSV row is logged as it is sent).
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
config: payments.methods = cash
user asha 7000000001 "Asha Verma" member
user ravi 7000000002 "Ravi Rao" member
user ada 7000000009 Ada admin
user sam 7000000003 Sam staff
host env: FITBOT_LOG_LEVEL=debug
clock: 2026-11-30 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('M1', 'Monthly membership', '999723', 'MON', 99900, 500)
sql: UPDATE fb_users SET display_name = CASE id WHEN 7000000001 THEN 'Asha Verma' WHEN 7000000002 THEN 'Ravi Rao' WHEN 7000000009 THEN 'Ada' ELSE 'Bob' END WHERE id IN (7000000001, 7000000002, 7000000009, 7000000008)
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('W1', 'Whey protein 1 kg', '21069099', 'KGS', 349900, 1800)

# November: one membership; December: a membership and two tubs of whey
# (that invoice voided)

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
bot edits -> ada: Line 1:
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
bot -> asha: Your invoice INV/26-27/000001 of 2026-11-30
bot sends document -> ada: INV-26-27-000001.pdf
bot -> ada: INV/26-27/000001 · 2026-11-30
clock: 2026-12-01 10:00

ada: /invoice
bot -> ada: Who is it for?
ada: 7000000001
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: Invoice for Asha Verma · line 1.
ada presses: Monthly membership · ₹999.00 · 5%
bot edits -> ada: Line 1:
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
bot -> asha: Your invoice INV/26-27/000002 of 2026-12-01
bot sends document -> ada: INV-26-27-000002.pdf
bot -> ada: INV/26-27/000002 · 2026-12-01

ada: /invoice
bot -> ada: Who is it for?
ada: 7000000001
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: Invoice for Asha Verma · line 1.
ada presses: Whey protein 1 kg · ₹3,499.00 · 18%
bot edits -> ada: Line 1:
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
bot -> ada: Where are the goods shipped to?
ada presses: Same state (Maharashtra)
bot edits -> ada: Shipped within Maharashtra.
bot -> ada: Send it to the member?
ada presses: 📤 Send
bot edits -> ada: ✅ Issued INV/26-27/000003 to Asha Verma (7000000001): ₹6,998.00.
bot sends document -> asha: INV-26-27-000003.pdf
bot -> asha: Your invoice INV/26-27/000003 of 2026-12-01
bot sends document -> ada: INV-26-27-000003.pdf
bot -> ada: INV/26-27/000003 · 2026-12-01
ada presses: 🗑 Void
bot edits -> ada: 🗑 INV/26-27/000003 voided by Ada (7000000009).
bot -> asha: Invoice INV/26-27/000003 was cancelled by the club

# this month: December only; the void invoice is listed, not summed
ada: /invoice_report
bot -> ada: 📊 Invoice reports: which period?
buttons: [This month] [Last month] / [This quarter] [Last quarter] / [This financial year] [Last financial year] / [Custom range]
ada presses: This month
bot sends document -> ada: invoice-register_2026-12-01_2026-12-31.csv
bot sends document -> ada: gst-by-rate_2026-12-01_2026-12-31.csv
bot sends document -> ada: gst-by-hsn_2026-12-01_2026-12-31.csv
bot -> ada: 📊 2026-12-01 to 2026-12-31: 2 invoices and credit notes; the register and the summaries by rate and by HSN/SAC are above.
log: csv invoice-register_2026-12-01_2026-12-31.csv: \"number\",\"date\",\"type\",\"member\",\"member_id\",\"gstin\",\"place_of_supply\",\"taxable\",\"cgst\",\"sgst_utgst\",\"igst\",\"round_off\",\"total\",\"status\"
log: csv invoice-register_2026-12-01_2026-12-31.csv: \"INV/26-27/000002\",\"2026-12-01\",\"invoice\",\"Asha Verma\",\"7000000001\",\"\",\"27\",\"951.43\",\"23.79\",\"23.79\",\"0.00\",\"-0.01\",\"999.00\",\"issued\"
log: csv invoice-register_2026-12-01_2026-12-31.csv: \"INV/26-27/000003\",\"2026-12-01\",\"invoice\",\"Asha Verma\",\"7000000001\",\"\",\"27\",\"5930.51\",\"533.75\",\"533.75\",\"0.00\",\"-0.01\",\"6998.00\",\"void\"
log: csv gst-by-rate_2026-12-01_2026-12-31.csv: \"rate_percent\",\"taxable\",\"cgst\",\"sgst_utgst\",\"igst\",\"total_tax\"
log: csv gst-by-rate_2026-12-01_2026-12-31.csv: \"5\",\"951.43\",\"23.79\",\"23.79\",\"0.00\",\"47.58\"
log: csv gst-by-hsn_2026-12-01_2026-12-31.csv: \"hsn_sac\",\"unit\",\"rate_percent\",\"quantity\",\"taxable\",\"cgst\",\"sgst_utgst\",\"igst\",\"total_tax\"
log: csv gst-by-hsn_2026-12-01_2026-12-31.csv: \"999723\",\"MON\",\"5\",\"1\",\"951.43\",\"23.79\",\"23.79\",\"0.00\",\"47.58\"
no log: /csv gst-by-rate_2026-12-01_2026-12-31.csv: .*18/
no log: /csv gst-by-hsn_2026-12-01_2026-12-31.csv: .*21069099/

# last month: November's one invoice
ada: /invoice_report
bot -> ada: which period?
ada presses: Last month
bot sends document -> ada: invoice-register_2026-11-01_2026-11-30.csv
bot sends document -> ada: gst-by-rate_2026-11-01_2026-11-30.csv
bot sends document -> ada: gst-by-hsn_2026-11-01_2026-11-30.csv
bot -> ada: 📊 2026-11-01 to 2026-11-30: 1 invoices and credit notes
log: csv invoice-register_2026-11-01_2026-11-30.csv: \"INV/26-27/000001\",\"2026-11-30\",\"invoice\",\"Asha Verma\",\"7000000001\",\"\",\"27\",\"951.43\",\"23.79\",\"23.79\",\"0.00\",\"-0.01\",\"999.00\",\"issued\"
counter: callbacks_unanswered => 0
