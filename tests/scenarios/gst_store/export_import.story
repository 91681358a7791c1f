# Items go out as a CSV document and come in as CSV: a file with any bad
# row changes nothing and names every bad row with its line; a good one
# updates items by serial and adds the rest, all at once. A member's
# forged admin buttons are refused and change nothing.
# The file comes as a document (the host fetches its bytes: ABI 1.3) or
# as rows pasted into a message; both are imported the same way.
plugins: users, gst_store
timezone: Asia/Kolkata
user ada 7000000009 Ada admin
user asha 7000000001 Asha member
clock: 2026-12-01 10:00
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('P001', 'Whey 1kg', '2106', 'NOS', 250000, 1800), ('E01', 'Dumbbell 5 kg', '9506', 'PCS', 150000, 1200)

ada: /items
bot -> ada: Store items: 2 (1–2 shown)
ada presses: ⬇️ Export CSV
bot sends document -> ada: items-2026-12-01.csv
answer -> ada: The CSV file is on its way.

ada presses: ⬆️ Import CSV
bot -> ada: Send the CSV file of items, or paste its rows into a message.
ada sends document: items_bad.csv
bot -> ada: /^❌ Nothing was imported: 1 line to fix\.\s+line 3: HSN\/SAC must be 4, 6 or 8 digits/
db: SELECT count(*) || ' ' || sum(mrp_paise) FROM gst_items => 2 400000

# every bad row named; nothing changed; the question stays
ada: serial,name,hsn_sac,unit,mrp,gst_percent\nP001,Whey 1kg,2106,NOS,2400,18\nP002,Protein bar,21O6,NOS,50,18\n"E01","Dumbbell, 5 kg",9506,PCS,1450,12,yes\nP003,Shaker,3924,NOS,0,18\nP001,Whey again,2106,NOS,2400,18\nP004,Mat,9506,NOS,900
bot -> ada: /^❌ Nothing was imported: 4 lines to fix\.\s+line 3: HSN\/SAC must be 4, 6 or 8 digits \(e\.g\. 2106 or 999723\)\s+line 5: MRP must be an amount in rupees from ₹0\.01 to ₹1,00,00,000 \(e\.g\. 2500 or 2,499\.50\)\s+line 6: serial repeats line 2\s+line 7: has 5 fields; expected 6 \(serial, name, hsn_sac, unit, mrp, gst_percent\) or 7 \(with active\)\s+Fix them and send the file again, or \/cancel\.$/
db: SELECT count(*) || ' ' || sum(mrp_paise) FROM gst_items => 2 400000

# the fixed file, as a document: two updated, two added, in one go
ada sends document: items.csv
bot -> ada: ✅ Imported 4 items: 2 new, 2 updated.
db: SELECT string_agg(serial || '=' || mrp_paise || '/' || active::text, ' ' ORDER BY serial) FROM gst_items => E01=145000/false P001=240000/true P002=5000/true P003=19900/true
db: SELECT name FROM gst_items WHERE serial = 'E01' => Dumbbell, 5 kg
ada: /items
bot -> ada: Store items: 4 (1–4 shown)

# a member's forged admin buttons: refused, nothing changed
asha: /gst
bot -> asha: not allowed
asha: /items
bot -> asha: not allowed
asha forges: gexp:
answer -> asha: not allowed
asha forges: gimp:
answer -> asha: not allowed
asha forges: ginew:
answer -> asha: not allowed
asha forges: gitog:1
answer -> asha: not allowed
asha forges: gstog:on
answer -> asha: not allowed
asha forges: gsed:gstin
answer -> asha: not allowed
asha forges: gil:0
answer -> asha: not allowed
silence -> asha
db: SELECT enabled::text || ' ' || count(*) FROM gst_settings, gst_items WHERE gst_items.active GROUP BY enabled => false 3
db: SELECT count(*) FROM fb_conversations => 0
