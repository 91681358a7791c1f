# Admins see today's memberships counted — active, expiring soon (within
# remind_days), in grace, expired (grace over), frozen — and each list.
# Staff and members do not.
plugins: users, subscriptions
timezone: Asia/Kolkata
config: subscriptions.job_at = 23:59
user admin 100000001 Ravi admin
user sunil 100000003 Sunil staff
user asha 7000000001 Asha member
user kiran 7000000002 Kiran member
user meera 7000000003 Meera member
user dev 7000000004 Dev member
user lata 7000000005 Lata member
clock: 2026-12-28 07:00
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)
sql: INSERT INTO subs_subscriptions (user_id, plan_id, days, price_paise, status, start_date, end_date, grace_days, paid_paise) VALUES (7000000001, 1, 30, 150000, 'paid', '2026-12-01', '2026-12-30', 7, 150000), (7000000002, 1, 30, 150000, 'paid', '2026-12-15', '2027-01-13', 7, 150000), (7000000003, 1, 30, 150000, 'paid', '2026-11-25', '2026-12-24', 7, 150000), (7000000004, 1, 30, 150000, 'paid', '2026-10-01', '2026-10-30', 7, 150000), (7000000005, 1, 30, 150000, 'paid', '2026-12-01', '2027-01-09', 7, 150000)
sql: INSERT INTO subs_freezes (subscription_id, start_date, end_date, days, reason, by_user) VALUES (5, '2026-12-25', '2027-01-03', 10, 'travel', 100000003)
sql: INSERT INTO subs_subscriptions (user_id, plan_id, days, price_paise) VALUES (7000000004, 1, 30, 150000)

admin: /memberships
bot -> admin: /^📊 Memberships on 2026-12-28\nActive: 2\nExpiring soon: 1\nIn grace: 1\nExpired: 1\nFrozen: 1$/
buttons: [Active (2)] [Expiring soon (1)] [In grace (1)] / [Expired (1)] [Frozen (1)]
admin presses: Active (2)
bot -> admin: /^Active \(2\)\n.+ \(7000000001\) · Monthly · ends 2026-12-30\n.+ \(7000000002\) · Monthly · ends 2027-01-13$/
admin presses: In grace (1)
bot -> admin: /^In grace \(1\)\n.+ \(7000000003\) · Monthly · ends 2026-12-24$/
admin presses: Expired (1)
bot -> admin: /^Expired \(1\)\n.+ \(7000000004\) · Monthly · ends 2026-10-30$/
admin presses: Frozen (1)
bot -> admin: /^Frozen \(1\)\n.+ \(7000000005\) · Monthly · ends 2027-01-09$/
admin forges: slist:nosuch
answer -> admin: This button is not valid.

sunil: /memberships
bot -> sunil: not allowed
sunil forges: slist:active
answer -> sunil: Sorry, you are not allowed to do that.
