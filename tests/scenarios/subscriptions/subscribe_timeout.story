# A plan choice left past the conversation timeout is dropped: the member
# hears that nothing was changed and nothing was requested.
plugins: users, subscriptions
conversation timeout: 10
host env: FITBOT_TICK_MS=100
user asha 7000000001 Asha member
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)

asha: /subscribe
bot -> asha: Which plan would you like?
asha presses: Monthly · 30 days · ₹1,500.00
bot edits -> asha: Plan: Monthly
bot -> asha: Monthly: 30 days for ₹1,500.00
clock: +11s
bot -> asha: ⌛ Nothing was changed: the answer did not come in time.
asha presses data: sok:
answer -> asha: This button has expired.
db: SELECT count(*) FROM subs_subscriptions => 0
db: SELECT count(*) FROM fb_conversations => 0
