# The member's /start card (users plugin) carries the membership line that
# subscriptions answers to member.card; /my_subscription says the same.
# Both follow the club's date on the test clock: active, in grace, locked.
plugins: users, subscriptions
timezone: Asia/Kolkata
config: subscriptions.job_at = 23:59
user asha 7000000001 Asha member
user ravi 7000000002 Ravi member
clock: 2026-12-01 07:00
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)
sql: INSERT INTO subs_subscriptions (user_id, plan_id, days, price_paise, status, start_date, end_date, grace_days, paid_paise) VALUES (7000000001, 1, 30, 150000, 'paid', '2026-12-01', '2026-12-30', 3, 150000)

asha: /start
bot -> asha: /id: 7000000001.*\n\nMembership: Monthly, active until 2026-12-30 \(30 days left\)$/
ravi: /start
bot -> ravi: /\n\nMembership: no membership$/
ravi: /my_subscription
bot -> ravi: You have no membership yet. Press Subscribe to choose a plan.
buttons: [💳 Subscribe]
asha: /my_subscription
bot -> asha: /^💳 Your membership\nPlan: Monthly\nFrom 2026-12-01 to 2026-12-30\nDays left: 30\nStatus: active\nGrace until: 2027-01-02$/
buttons: [🔁 Renew]

clock: 2026-12-30 07:00
asha: /start
bot -> asha: Membership: Monthly, active until 2026-12-30 (1 day left)
clock: 2026-12-31 07:00
asha: /start
bot -> asha: Membership: Monthly, expired 2026-12-30, in grace until 2027-01-02
asha: /my_subscription
bot -> asha: Status: in grace
clock: 2027-01-03 07:00
asha: /start
bot -> asha: Membership: Monthly, expired 2026-12-30 (locked)
asha: /my_subscription
bot -> asha: Days left: 0\nStatus: locked
asha presses: 🔁 Renew
bot -> asha: Which plan would you like?
buttons: [Monthly · 30 days · ₹1,500.00]
