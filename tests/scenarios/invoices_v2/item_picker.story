# The store-item picker: 8 items a page in name order with « Previous /
# Next », typed words search (name or serial; an inactive item never
# shows), a word that finds nothing says so, the paging of a search keeps
# the search, and an item picked from a search is the line.
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
config: payments.methods = cash
user asha 7000000001 "Asha Verma" member
user ravi 7000000002 "Ravi Rao" member
user ada 7000000009 Ada admin
user sam 7000000003 Sam staff
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp, active) VALUES ('E1', 'Yoga mat', '95069190', 'NOS', 120000, 1800, true), ('E2', 'Skipping rope', '95069190', 'NOS', 35000, 1800, true), ('E3', 'Gym gloves', '95069190', 'PRS', 60000, 1800, true), ('E4', 'Shaker bottle', '39241090', 'NOS', 25000, 1800, true), ('E5', 'Towel', '63026090', 'NOS', 40000, 500, true), ('E6', 'Water bottle', '39241090', 'NOS', 30000, 1800, true), ('E7', 'Dumbbell 5 kg', '95069190', 'NOS', 150000, 1800, true), ('E8', 'Kettlebell 8 kg', '95069190', 'NOS', 250000, 1800, true), ('E9', 'Resistance band heavy', '95069190', 'NOS', 90000, 1800, true), ('E10', 'Resistance band light', '95069190', 'NOS', 70000, 1800, true), ('E11', 'Old resistance band', '95069190', 'NOS', 50000, 1800, false)
sql: UPDATE fb_users SET display_name = CASE id WHEN 7000000001 THEN 'Asha Verma' WHEN 7000000002 THEN 'Ravi Rao' WHEN 7000000009 THEN 'Ada' ELSE 'Bob' END WHERE id IN (7000000001, 7000000002, 7000000009, 7000000008)

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
bot -> ada: /^Invoice for Asha Verma · line 1\.\nPick a store item, type a word to search, or add a custom item\.\nStore items: items 1–8 of 10\.$/
buttons: [Dumbbell 5 kg · ₹1,500.00 · 18%] / [Gym gloves · ₹600.00 · 18%] / [Kettlebell 8 kg · ₹2,500.00 · 18%] / [Resistance band heavy · ₹900.00 · 18%] / [Resistance band light · ₹700.00 · 18%] / [Shaker bottle · ₹250.00 · 18%] / [Skipping rope · ₹350.00 · 18%] / [Towel · ₹400.00 · 5%] / [Next »] / [✏️ Custom item] / [✖ Cancel]
ada presses: Next »
bot -> ada: Store items: items 9–10 of 10.
buttons: [Water bottle · ₹300.00 · 18%] / [Yoga mat · ₹1,200.00 · 18%] / [« Previous] / [✏️ Custom item] / [✖ Cancel]
ada presses: « Previous
bot -> ada: Store items: items 1–8 of 10.
buttons: [Dumbbell 5 kg · ₹1,500.00 · 18%] / [Gym gloves · ₹600.00 · 18%] / [Kettlebell 8 kg · ₹2,500.00 · 18%] / [Resistance band heavy · ₹900.00 · 18%] / [Resistance band light · ₹700.00 · 18%] / [Shaker bottle · ₹250.00 · 18%] / [Skipping rope · ₹350.00 · 18%] / [Towel · ₹400.00 · 5%] / [Next »] / [✏️ Custom item] / [✖ Cancel]

# a search: by name (any case), by the start of the serial (E1, E10; the
# inactive E11 is never found)
ada: BAND
bot -> ada: Found for “BAND”: items 1–2 of 2.
buttons: [Resistance band heavy · ₹900.00 · 18%] / [Resistance band light · ₹700.00 · 18%] / [✏️ Custom item] / [✖ Cancel]
ada: e1
bot -> ada: Found for “e1”: items 1–2 of 2.
buttons: [Resistance band light · ₹700.00 · 18%] / [Yoga mat · ₹1,200.00 · 18%] / [✏️ Custom item] / [✖ Cancel]
ada: zumba
bot -> ada: No store item matches “zumba”; type another word.
buttons: [✏️ Custom item] / [✖ Cancel]
ada: o"neil \ 50%
bot -> ada: No store item matches “o"neil \ 50%”; type another word.
# a search that fills more than a page keeps its word on the next page
# (“e”: in most names, and every serial starts with E)
ada: e
bot -> ada: Found for “e”: items 1–8 of 10.
ada presses: Next »
bot -> ada: Found for “e”: items 9–10 of 10.
buttons: [Water bottle · ₹300.00 · 18%] / [Yoga mat · ₹1,200.00 · 18%] / [« Previous] / [✏️ Custom item] / [✖ Cancel]
ada presses: Yoga mat · ₹1,200.00 · 18%
bot edits -> ada: Line 1: Yoga mat (95069190, ₹1,200.00, 18%).
bot -> ada: Quantity?
ada: 1
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added: Yoga mat × 1, ₹1,200.00.
bot -> ada: Add another line or finish?
db: SELECT description || ' ' || hsn || ' ' || unit || ' ' || price_paise || ' ' || rate_bp FROM inv_draft_lines => Yoga mat 95069190 NOS 120000 1800

# the next line starts from the first page again, not the old search
ada presses: ➕ Add line
bot edits -> ada: Adding a line.
bot -> ada: /line 2\.\nPick a store item, type a word to search, or add a custom item\.\nStore items: items 1–8 of 10\./
# an item deactivated while its button is on screen is refused
sql: UPDATE gst_items SET active = false WHERE serial = 'E5'
ada presses: Towel · ₹400.00 · 5%
answer -> ada: That item is not in the store any more.
db: SELECT count(*) FROM inv_draft_lines => 1
counter: callbacks_unanswered => 0
