# Staff freeze a member's membership for N days with a reason (at most
# max_freeze_days a year), end it early (the unused days come back) and
# gift days; the member is told each time. Bad input is answered and the
# question stays; a member cannot press staff buttons.
plugins: users, subscriptions
timezone: Asia/Kolkata
config: subscriptions.job_at = 23:59
config: subscriptions.max_freeze_days = 14
user sunil 100000003 Sunil staff
user asha 7000000001 Asha member
user ravi 7000000002 Ravi member
clock: 2026-12-10 07:00
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)
sql: INSERT INTO subs_subscriptions (user_id, plan_id, days, price_paise, status, start_date, end_date, grace_days, paid_paise) VALUES (7000000001, 1, 30, 150000, 'paid', '2026-12-01', '2026-12-30', 7, 150000)

sunil: /membership
bot -> sunil: Send the member's id: /membership 7000000001
sunil: /membership 42
bot -> sunil: No member with id 42.
sunil: /membership 7000000002
bot -> sunil: /Membership: no membership\nFreeze days left this year: 14$/
buttons: none
sunil: /membership 7000000001
bot -> sunil: /^👤 .+ \(id 7000000001\)/
buttons: [❄️ Freeze] [🎁 Gift days]
sunil presses: ❄️ Freeze
bot -> sunil: Freeze for how many days? (e.g. 10)
sunil: 15
bot -> sunil: At most 14 frozen days a year: 14 left this year. Send fewer days.
sunil: -3
bot -> sunil: Please send a whole number of days, e.g. 10.
sunil: 10
bot -> sunil: Why? (e.g. travel, injury)
sunil: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
bot -> sunil: Please type a reason (up to 200 characters).
sunil: travel
bot -> asha: ❄️ Your membership is frozen for 10 days, until 2026-12-19 (travel). It now ends 2027-01-09.
bot -> sunil: is frozen for 10 days, until 2026-12-19.
bot -> sunil: Membership: Monthly, frozen until 2026-12-19 (now ends 2027-01-09)\nFreeze days left this year: 4
buttons: [▶️ End freeze] [🎁 Gift days]
db: SELECT end_date || ' ' || (SELECT reason || ' ' || by_user FROM subs_freezes) FROM subs_subscriptions => 2027-01-09 travel 100000003
asha: /my_subscription
bot -> asha: Status: frozen

# a member cannot press the staff buttons
asha forges: sunf:7000000001
answer -> asha: Sorry, you are not allowed to do that.
db: SELECT end_date FROM subs_subscriptions => 2027-01-09

# back three days later: 7 unused days come off the end
clock: 2026-12-13 07:00
sunil presses: ▶️ End freeze
answer -> sunil: Freeze ended: 7 unused day(s) taken off the end.
bot -> asha: Your freeze has ended: welcome back! Your membership ends 2027-01-02.
bot -> sunil: Membership: Monthly, active until 2027-01-02 (21 days left)\nFreeze days left this year: 11
buttons: [❄️ Freeze] [🎁 Gift days]
sunil presses data: sunf:7000000001
answer -> sunil: Not possible for this membership now.

# a gift
sunil presses: 🎁 Gift days
bot -> sunil: Gift how many days? (1–365)
sunil: 0
bot -> sunil: Please send a whole number of days from 1 to 365.
sunil: 5
bot -> asha: 🎁 The club gave you 5 days: your membership now ends 2027-01-07.
bot -> sunil: got 5 days: the membership now ends 2027-01-07.
bot -> sunil: active until 2027-01-07 (26 days left)
db: SELECT end_date || ' ' || (SELECT sum(days) FROM subs_gifts) || ' ' || (SELECT days FROM subs_freezes) FROM subs_subscriptions => 2027-01-07 5 3
