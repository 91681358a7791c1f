# An admin keeps the club's GST settings in the bot: each field a typed
# question checked with its own message (the question stays until the
# answer is good); a GSTIN decides the state; the toggles act at once.
plugins: users, gst_store
timezone: Asia/Kolkata
user ada 7000000009 Ada admin

ada: /gst
bot -> ada: /GST: off.*Prices: GST included in the price.*Default rate: 18 %.*Legal name: not set.*GSTIN: not set.*State: not set/
buttons: [Turn GST on] [Make prices exclusive] / [Default rate] [Legal name] [Address] / [GSTIN] [State] / [Rates »] [Items »]
ada presses: Turn GST on
bot edits -> ada: GST: on (invoices carry GST)
ada presses: Make prices exclusive
bot edits -> ada: GST added to the price (exclusive)
db: SELECT enabled || ' ' || mode FROM gst_settings => true exclusive

# the default rate: a per cent from 0 to 40, two decimals at most
ada presses: Default rate
bot -> ada: Default GST rate in per cent
ada: eighteen
bot -> ada: Please send a rate in per cent from 0 to 40 with at most two decimals, e.g. 18 or 2.5.
ada: 41
bot -> ada: Please send a rate in per cent from 0 to 40
ada: 2.555
bot -> ada: Please send a rate in per cent from 0 to 40
ada: 5 %
bot -> ada: /^✅ Saved\..*Default rate: 5 %/
db: SELECT default_rate_bp FROM gst_settings => 500

ada presses: Legal name
bot -> ada: The club's legal name
ada: Iron Temple Fitness LLP
bot -> ada: Legal name: Iron Temple Fitness LLP
ada presses: Address
bot -> ada: The club's address
ada: 12 MG Road, Pune 411001
bot -> ada: Address: 12 MG Road, Pune 411001

# the state alone, by name or code; unknown ones refused
ada presses: State
bot -> ada: The club's state
ada: Atlantis
bot -> ada: “Atlantis” is not a GST state. Send its code (01–38, 97, 99) or its name
ada: 39
bot -> ada: “39” is not a GST state.
ada: karnataka
bot -> ada: State: 29 Karnataka
db: SELECT state_code FROM gst_settings => 29

# the GSTIN: every refusal says what is wrong; the good one sets the state
ada presses: GSTIN
bot -> ada: The club's GSTIN?
ada: 27AAPFU0939F1Z
bot -> ada: A GSTIN has 15 characters; “27AAPFU0939F1Z” has 14.
ada: 27AAPFU0939F1Z-
bot -> ada: A GSTIN has only letters and digits
ada: 40AAPFU0939F1ZV
bot -> ada: “40AAPFU0939F1ZV” does not begin with a state code (01–38, 97 or 99).
ada: 27AAPF10939F1ZV
bot -> ada: Characters 3–12 of “27AAPF10939F1ZV” are not a PAN
ada: 27AAPFU0939F0ZV
bot -> ada: Character 13 of “27AAPFU0939F0ZV” must be 1–9 or a letter
ada: 27AAPFU0939F1ZO
bot -> ada: The check character of “27AAPFU0939F1ZO” is wrong: it should end in V if the rest is right.
db: SELECT gstin FROM gst_settings =>
ada: 27aapfu0939f1zv
bot -> ada: /^GSTIN saved; the state is now 27 Maharashtra \(from the GSTIN\)\..*GSTIN: 27AAPFU0939F1ZV.*State: 27 Maharashtra$/
db: SELECT gstin || ' ' || state_code FROM gst_settings => 27AAPFU0939F1ZV 27

# the state follows the GSTIN
ada presses: State
bot -> ada: The club's state
ada: 29
bot -> ada: The state follows the GSTIN: 27AAPFU0939F1ZV is in Maharashtra (27). Change or clear the GSTIN first.
ada: /cancel
bot -> ada: Cancelled.
db: SELECT state_code FROM gst_settings => 27

# clearing the GSTIN keeps the state; a union territory says UTGST
ada presses: GSTIN
bot -> ada: The club's GSTIN?
ada: none
bot -> ada: GSTIN: not set
ada presses: State
bot -> ada: The club's state
ada: 4
bot -> ada: State: 04 Chandigarh (UTGST instead of SGST)
db: SELECT gstin || '|' || state_code FROM gst_settings => |04
