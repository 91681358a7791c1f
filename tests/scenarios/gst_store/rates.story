# Rates keep their history: the seeded 18 % → 5 % change of gym services
# on 22 Sep 2025, a new change added by an admin (each answer checked),
# a correction of the same day replacing its rate, and the rate in force
# on a date following the longest matching code.
plugins: users, gst_store
timezone: Asia/Kolkata
user ada 7000000009 Ada admin
user asha 7000000001 Asha member
clock: 2026-12-01 10:00

ada: /gst_rates
bot -> ada: /GST rates by HSN\/SAC.*else the default 18 %\.\s+2106: 18 % from 2017-07-01 \(today\);\s+9997: 18 % from 2017-07-01; 5 % from 2025-09-22 \(today\);$/
buttons: [➕ Add a rate change]
db: SELECT gst_rate_on('999723', '2025-09-21') || ' ' || gst_rate_on('999723', '2025-09-22') || ' ' || coalesce(gst_rate_on('9506', '2026-01-01')::text, 'none') => 1800 500 none

ada presses: ➕ Add a rate change
bot -> ada: Which HSN/SAC code does the rate apply to?
ada: 999
bot -> ada: Please send 2, 4, 6 or 8 digits, e.g. 9997 (gym services) or 2106.
ada: 999723
bot -> ada: The rate in per cent?
ada: 3.333
bot -> ada: GST % “3.333” must be a per cent from 0 to 40 with at most two decimals
ada: 12
bot -> ada: In force from which day?
ada: 31/02/2027
bot -> ada: Please send a date from 2017-07-01 (the start of GST) on, e.g. 22/09/2025.
ada: 2016-04-01
bot -> ada: Please send a date from 2017-07-01
ada: 01/04/2027
bot -> ada: /^✅ From 2027-04-01, HSN\/SAC 999723 is taxed at 12 %\.\s+History of 999723:\s+999723: 12 % from 2027-04-01;$/
# the longest code wins from that day; 9997 still holds for 999711 and before
db: SELECT gst_rate_on('999723', '2027-03-31') || ' ' || gst_rate_on('999723', '2027-04-01') || ' ' || gst_rate_on('999711', '2027-04-01') => 500 1200 500

# a second change for the same code and day corrects it; history is kept
ada: /gst_rates
bot -> ada: 999723: 12 % from 2027-04-01;
ada presses: ➕ Add a rate change
bot -> ada: Which HSN/SAC code
ada: 999723
bot -> ada: The rate in per cent?
ada: 18
bot -> ada: In force from which day?
ada: 2027-04-01
bot -> ada: ✅ From 2027-04-01, HSN/SAC 999723 is taxed at 18 % (replacing 12 % set for that day).
db: SELECT count(*) || ' ' || gst_rate_on('999723', '2027-04-01') FROM gst_rates WHERE hsn = '999723' => 1 1800
db: SELECT count(*) FROM gst_rates WHERE hsn = '9997' => 2

# members cannot see or change rates, even with forged buttons
asha: /gst_rates
bot -> asha: not allowed
asha forges: gradd:
answer -> asha: not allowed
asha forges: grl:
answer -> asha: not allowed
db: SELECT count(*) FROM gst_rates => 4
