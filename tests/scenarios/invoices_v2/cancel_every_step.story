# /cancel at every step of /invoice: each time the admin is told nothing
# was issued, and no invoice, no draft line and no counter is left. The
# ✖ Cancel button says the same at the first and the last step. The
# billing details (GSTIN, address, its state) are cancelled at each of
# their questions too; once given they are the member's and stay.
plugins: users, payments, gst_store, invoices_v2
timezone: Asia/Kolkata
user asha 7000000001 "Asha Verma" member
user ada 7000000009 Ada admin
clock: 2026-12-01 10:00
sql: UPDATE gst_settings SET enabled = true, mode = 'inclusive', legal_name = 'Fit Club Pvt Ltd', address = '12 MG Road, Pune', gstin = '27AAPFU0939F1ZV', state_code = '27'
sql: INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp) VALUES ('M1', 'Monthly membership', '999723', 'MON', 99900, 500)
sql: UPDATE fb_users SET username = 'asha_v', display_name = 'Asha Verma' WHERE id = 7000000001


# /cancel at "member"
ada: /invoice
bot -> ada: Who is it for?
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "gstin"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma: their GSTIN\?/
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0
db: SELECT count(*) FROM inv_recipients => 0

# /cancel at "address"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma: their GSTIN\?/
ada presses: Not registered
bot edits -> ada: Asha Verma is not registered for GST.
bot -> ada: Billing address of Asha Verma?
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0
db: SELECT count(*) FROM inv_recipients => 0

# /cancel at "b_state" (an unregistered recipient's address's state)
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma: their GSTIN\?/
ada presses: Not registered
bot edits -> ada: Asha Verma is not registered for GST.
bot -> ada: Billing address of Asha Verma?
ada: 4 Brigade Road, Bengaluru
bot -> ada: Which state is that address in?
buttons: [Same state (Maharashtra)] / [✖ Cancel]
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0
db: SELECT count(*) FROM inv_recipients => 0

# /cancel at "line" (the billing details are the member's: they stay)
ada: /invoice
bot -> ada: Who is it for?
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
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0
db: SELECT gstin || '|' || address || '|' || state_code FROM inv_recipients WHERE user_id = 7000000001 => ||

# /cancel at "b_known"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
buttons: [Keep] [Change] / [✖ Cancel]
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "c_desc"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "c_hsn"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "c_rate"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: 2106
bot -> ada: GST rate in %?
buttons: [18% (in force)] / [✖ Cancel]
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "c_price"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: 2106
bot -> ada: GST rate in %?
buttons: [18% (in force)] / [✖ Cancel]
ada presses: 18% (in force)
bot edits -> ada: GST rate: 18%
bot -> ada: Price of one unit in rupees, with GST?
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "qty"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: 2106
bot -> ada: GST rate in %?
buttons: [18% (in force)] / [✖ Cancel]
ada presses: 18% (in force)
bot edits -> ada: GST rate: 18%
bot -> ada: Price of one unit in rupees, with GST?
ada: 1,000
bot -> ada: Quantity?
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "disc"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: 2106
bot -> ada: GST rate in %?
buttons: [18% (in force)] / [✖ Cancel]
ada presses: 18% (in force)
bot edits -> ada: GST rate: 18%
bot -> ada: Price of one unit in rupees, with GST?
ada: 1,000
bot -> ada: Quantity?
ada: 2
bot -> ada: Discount in %?
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "more"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: 2106
bot -> ada: GST rate in %?
buttons: [18% (in force)] / [✖ Cancel]
ada presses: 18% (in force)
bot edits -> ada: GST rate: 18%
bot -> ada: Price of one unit in rupees, with GST?
ada: 1,000
bot -> ada: Quantity?
ada: 2
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added: Whey protein 1 kg × 2, ₹1,000.00.
bot -> ada: Add another line or finish?
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "ship"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: 2106
bot -> ada: GST rate in %?
buttons: [18% (in force)] / [✖ Cancel]
ada presses: 18% (in force)
bot edits -> ada: GST rate: 18%
bot -> ada: Price of one unit in rupees, with GST?
ada: 1,000
bot -> ada: Quantity?
ada: 2
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added: Whey protein 1 kg × 2, ₹1,000.00.
bot -> ada: Add another line or finish?
ada presses: ✅ Finish
bot edits -> ada: 1 line(s).
bot -> ada: Shipping charges in rupees, with GST?
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "state"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: 2106
bot -> ada: GST rate in %?
buttons: [18% (in force)] / [✖ Cancel]
ada presses: 18% (in force)
bot edits -> ada: GST rate: 18%
bot -> ada: Price of one unit in rupees, with GST?
ada: 1,000
bot -> ada: Quantity?
ada: 2
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added: Whey protein 1 kg × 2, ₹1,000.00.
bot -> ada: Add another line or finish?
ada presses: ✅ Finish
bot edits -> ada: 1 line(s).
bot -> ada: Shipping charges in rupees, with GST?
ada: 0
bot -> ada: Where are the goods shipped to?
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# /cancel at "review"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: 2106
bot -> ada: GST rate in %?
buttons: [18% (in force)] / [✖ Cancel]
ada presses: 18% (in force)
bot edits -> ada: GST rate: 18%
bot -> ada: Price of one unit in rupees, with GST?
ada: 1,000
bot -> ada: Quantity?
ada: 2
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added: Whey protein 1 kg × 2, ₹1,000.00.
bot -> ada: Add another line or finish?
ada presses: ✅ Finish
bot edits -> ada: 1 line(s).
bot -> ada: Shipping charges in rupees, with GST?
ada: 0
bot -> ada: Where are the goods shipped to?
ada presses: Same state (Maharashtra)
bot edits -> ada: Shipped within Maharashtra.
bot -> ada: /Invoice \(draft\).*Total ₹2,000\.00.*Send it to the member\?/
ada: /cancel
bot -> ada: Nothing was issued.
bot -> ada: Cancelled.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# ✖ Cancel at "line"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✖ Cancel
bot edits -> ada: Nothing was issued.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0

# ✖ Cancel at "review"
ada: /invoice
bot -> ada: Who is it for?
ada: @asha_v
bot -> ada: /^Billing details of Asha Verma:\nGSTIN: unregistered\nKeep them/
ada presses: Keep
bot edits -> ada: Billing details of Asha Verma kept
bot -> ada: /Invoice for Asha Verma · line 1\./
ada presses: ✏️ Custom item
bot edits -> ada: Line 1: a custom item.
bot -> ada: Description of the custom item?
ada: Whey protein 1 kg
bot -> ada: Its HSN code
ada: 2106
bot -> ada: GST rate in %?
buttons: [18% (in force)] / [✖ Cancel]
ada presses: 18% (in force)
bot edits -> ada: GST rate: 18%
bot -> ada: Price of one unit in rupees, with GST?
ada: 1,000
bot -> ada: Quantity?
ada: 2
bot -> ada: Discount in %?
ada presses: No discount
bot edits -> ada: Discount chosen.
bot -> ada: Line 1 added: Whey protein 1 kg × 2, ₹1,000.00.
bot -> ada: Add another line or finish?
ada presses: ✅ Finish
bot edits -> ada: 1 line(s).
bot -> ada: Shipping charges in rupees, with GST?
ada: 0
bot -> ada: Where are the goods shipped to?
ada presses: Same state (Maharashtra)
bot edits -> ada: Shipped within Maharashtra.
bot -> ada: /Invoice \(draft\).*Total ₹2,000\.00.*Send it to the member\?/
ada presses: ✖ Cancel
bot edits -> ada: Nothing was issued.
db: SELECT count(*) FROM inv_invoices => 0
db: SELECT count(*) FROM inv_draft_lines => 0
db: SELECT count(*) FROM inv_counters => 0
db: SELECT count(*) FROM fb_conversations => 0
# a press on the old review does nothing
ada presses: 📤 Send
answer -> ada: This menu has expired.
db: SELECT count(*) FROM inv_counters => 0
counter: callbacks_unanswered => 0
