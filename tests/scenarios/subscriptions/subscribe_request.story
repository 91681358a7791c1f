# A member picks a plan and confirms: a pending subscription waits for the
# payment (subscription.requested is published for the payments plugin).
# Typed text is answered, a stale Confirm changes nothing, a plan
# deactivated mid-flow is refused, Cancel requests nothing.
plugins: users, subscriptions
timezone: Asia/Kolkata
user asha 7000000001 Asha member
user sam 7000000002 Sam none
clock: 2026-12-01 07:00
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000), ('Quarterly', 90, 400000), ('Old', 7, 10000)
sql: UPDATE subs_plans SET active = false WHERE name = 'Old'

asha: /subscribe
bot -> asha: Which plan would you like?
buttons: [Monthly · 30 days · ₹1,500.00] / [Quarterly · 90 days · ₹4,000.00]
asha: monthly please
bot -> asha: Please pick a plan with the buttons.
buttons: [Monthly · 30 days · ₹1,500.00] / [Quarterly · 90 days · ₹4,000.00]
asha forges: spick:3
answer -> asha: That plan is no longer on offer.
asha presses: Monthly · 30 days · ₹1,500.00
bot edits -> asha: Plan: Monthly
bot -> asha: /^Monthly: 30 days for ₹1,500\.00, starting 2026-12-01\.\nConfirm to go on to the payment\.$/
buttons: [✅ Confirm] [Cancel]
asha: yes
bot -> asha: Please press Confirm or Cancel.
buttons: [✅ Confirm] [Cancel]
asha presses: ✅ Confirm
bot edits -> asha: Requested: Monthly for ₹1,500.00. The payment comes next; your membership starts when it is approved.
db: SELECT status || ' ' || days || ' ' || price_paise || ' ' || coalesce(start_date::text, '-') FROM subs_subscriptions WHERE user_id = 7000000001 => pending 30 150000 -
asha presses data: sok:
answer -> asha: This button has expired.
db: SELECT count(*) FROM subs_subscriptions => 1
asha: /my_subscription
bot -> asha: /^💳 You have no membership yet\. Press Subscribe to choose a plan\.\nWaiting for payment: Monthly\.$/
buttons: [💳 Subscribe]

# deactivated while she looks at it
asha presses: 💳 Subscribe
bot -> asha: Which plan would you like?
asha presses: Quarterly · 90 days · ₹4,000.00
bot edits -> asha: Plan: Quarterly
bot -> asha: Quarterly: 90 days for ₹4,000.00, starting 2026-12-01.
sql: UPDATE subs_plans SET active = false WHERE name = 'Quarterly'
asha presses: ✅ Confirm
bot edits -> asha: Sorry, that plan is no longer on offer.
db: SELECT count(*) FROM subs_subscriptions => 1
db: SELECT count(*) FROM fb_conversations => 0

# Cancel
asha: /subscribe
bot -> asha: Which plan would you like?
buttons: [Monthly · 30 days · ₹1,500.00]
asha presses: Monthly · 30 days · ₹1,500.00
bot edits -> asha: Plan: Monthly
bot -> asha: starting 2026-12-01
asha presses: Cancel
bot edits -> asha: Nothing was requested.
db: SELECT count(*) FROM subs_subscriptions => 1

# not a member: refused
sam: /subscribe
bot -> sam: not allowed
db: SELECT count(*) FROM subs_subscriptions => 1
