# Admins manage the plans in the bot: a new plan (name, days, price; bad
# input is answered and the question stays), its price and days edited,
# deactivated and back. Members never reach the plans.
plugins: users, subscriptions
user admin 100000001 Ravi admin
user asha 7000000001 Asha member

admin: /plans
bot -> admin: No plans yet. Create the first one.
buttons: [➕ New plan]
admin presses: ➕ New plan
bot -> admin: Name of the new plan?
admin: Monthly
bot -> admin: How many days does it last? (1–3660, e.g. 30)
admin: 0
bot -> admin: Please send a whole number of days from 1 to 3660, e.g. 30.
admin: 3661
bot -> admin: Please send a whole number of days from 1 to 3660, e.g. 30.
admin: thirty
bot -> admin: Please send a whole number of days from 1 to 3660, e.g. 30.
db: SELECT state FROM fb_conversations WHERE key_user = 100000001 => days
admin: 30
bot -> admin: Its price in rupees?
admin: 0
bot -> admin: Please send a price in rupees of at least ₹1
admin: 12.345
bot -> admin: Please send a price in rupees of at least ₹1
admin: 1,500
bot -> admin: /^✅ Saved\.\n\nMonthly\n30 days · ₹1,500\.00 · active\nSubscriptions on it: 0$/
buttons: [Edit days] [Edit price] / [Deactivate] [« Plans]
db: SELECT name || ' ' || days || ' ' || price_paise || ' ' || active FROM subs_plans => Monthly 30 150000 true
db: SELECT count(*) FROM fb_conversations => 0

# the same name again (case ignored) is refused
admin presses: « Plans
bot -> admin: Plans (1)
buttons: [Monthly · 30 days · ₹1,500.00] / [➕ New plan]
admin presses: ➕ New plan
bot -> admin: Name of the new plan?
admin: monthly
bot -> admin: A plan named “monthly” exists already: choose another name.
admin: /cancel
bot -> admin: Cancelled.
db: SELECT count(*) FROM subs_plans => 1

# edit the price and the days
admin presses: Monthly · 30 days · ₹1,500.00
bot -> admin: Subscriptions on it: 0
admin presses: Edit price
bot -> admin: Its price in rupees?
admin: Rs. 1,499.50
bot -> admin: 30 days · ₹1,499.50 · active
admin presses: Edit days
bot -> admin: How many days does it last?
admin: 99999
bot -> admin: Please send a whole number of days from 1 to 3660, e.g. 30.
admin: 31
bot -> admin: 31 days · ₹1,499.50 · active
db: SELECT days || ' ' || price_paise FROM subs_plans => 31 149950

# deactivate: members no longer see it
admin presses: Deactivate
bot -> admin: Deactivated: members no longer see it; subscriptions on it stay.
buttons: [Edit days] [Edit price] / [Activate] [« Plans]
db: SELECT active FROM subs_plans => f
asha: /subscribe
bot -> asha: No membership plans are on offer right now.
admin presses: Activate
bot -> admin: Members see this plan again.
asha: /subscribe
bot -> asha: Which plan would you like?
buttons: [Monthly · 31 days · ₹1,499.50]

# a member's forged admin buttons and /plans are refused
asha: /plans
bot -> asha: not allowed
asha forges: sptgl:1
answer -> asha: Sorry, you are not allowed to do that.
db: SELECT active FROM subs_plans => t
