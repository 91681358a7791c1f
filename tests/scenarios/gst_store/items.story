# An admin creates, edits and deactivates a store item; each typed field is
# checked with its own message and the question stays. Staff may look
# items up but get no admin buttons.
plugins: users, gst_store
timezone: Asia/Kolkata
user ada 7000000009 Ada admin
user sam 7000000005 Sam staff
clock: 2026-12-01 10:00

ada: /items
bot -> ada: No store items yet.
buttons: [➕ New item] [⬇️ Export CSV] [⬆️ Import CSV]
ada presses: ➕ New item
bot -> ada: Serial of the new item?
ada: P 001
bot -> ada: serial “P 001” must be 1 to 20 letters, digits, - _ / or . (e.g. P001). Please send it again, or /cancel.
ada: p001
bot -> ada: Its name?
ada: Whey protein 1 kg
bot -> ada: Its HSN/SAC code?
ada: 21O6
bot -> ada: HSN/SAC “21O6” must be 4, 6 or 8 digits
ada: 21061
bot -> ada: HSN/SAC “21061” must be 4, 6 or 8 digits
ada: 2106
bot -> ada: Its unit?
ada: 1kg
bot -> ada: unit “1kg” must be 1 to 8 letters
ada: nos
bot -> ada: Its MRP in rupees?
ada: free
bot -> ada: MRP “free” must be an amount in rupees
ada: 0
bot -> ada: MRP “0” must be an amount in rupees
ada: 2,499.50
bot -> ada: Its own GST rate in per cent?
ada: 50
bot -> ada: GST % “50” must be a per cent from 0 to 40
ada: 18
bot -> ada: /^✅ Saved\.\s+📦 P001 · Whey protein 1 kg\s+HSN\/SAC 2106 · unit NOS\s+MRP ₹2,499.50 · GST 18 % \(item\); in force today for its code: 18 %\s+Active/
buttons: [Name] [HSN/SAC] [Unit] / [MRP] [GST %] [Deactivate] / [« Items]
db: SELECT serial || ' ' || name || ' ' || hsn || ' ' || unit || ' ' || mrp_paise || ' ' || rate_bp || ' ' || active FROM gst_items => P001 Whey protein 1 kg 2106 NOS 249950 1800 true

# a serial is unique
ada: /items
bot -> ada: Store items: 1 (1–1 shown)
buttons: [P001 · Whey protein 1 kg · ₹2,499.50] / [➕ New item] [⬇️ Export CSV] [⬆️ Import CSV]
ada presses: ➕ New item
bot -> ada: Serial of the new item?
ada: P001
bot -> ada: An item with serial P001 exists already: choose another.
ada: /cancel
bot -> ada: Cancelled.

# edit the MRP, then the HSN (9506: no rate of its own, the item's GST %)
ada: /items whey
bot -> ada: Store items matching “whey”: 1
ada presses: P001 · Whey protein 1 kg · ₹2,499.50
bot edits -> ada: P001 · Whey protein 1 kg
ada presses: MRP
bot -> ada: Its MRP in rupees?
ada: 2600
bot -> ada: /^✅ Saved\..*MRP ₹2,600.00 · GST 18 %/
ada presses: HSN/SAC
bot -> ada: Its HSN/SAC code?
ada: 950699
bot -> ada: /HSN\/SAC 950699 · unit NOS\s+MRP ₹2,600.00 · GST 18 % \(item\)\s+Active/
ada presses: Deactivate
bot edits -> ada: /^Deactivated: no longer offered for new invoices\..*Inactive/
buttons: [Name] [HSN/SAC] [Unit] / [MRP] [GST %] [Activate] / [« Items]
db: SELECT active || ' ' || mrp_paise || ' ' || hsn FROM gst_items => false 260000 950699

# staff see the list and the card, without the admin buttons
sam: /items
bot -> sam: Store items: 1 (1–1 shown)
buttons: [P001 · Whey protein 1 kg · ₹2,600.00 (inactive)]
sam presses: P001 · Whey protein 1 kg · ₹2,600.00 (inactive)
bot edits -> sam: Inactive: not offered for invoices
buttons: [« Items]
sam forges: gitog:1
answer -> sam: not allowed
sam forges: gied:1:mrp
answer -> sam: not allowed
db: SELECT active::text FROM gst_items => false

ada presses: Activate
bot edits -> ada: ✅ Active again.
db: SELECT active::text FROM gst_items => true
ada forges: gi:99
answer -> ada: That item does not exist.
ada forges: gied:1:serial
answer -> ada: This button has expired.
