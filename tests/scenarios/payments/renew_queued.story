# A member renews before the end and pays at the desk: the new period is
# queued after the current one (it starts the day after the end), the
# amount recorded is the amount approved, and /my_subscription shows both.
plugins: users, subscriptions, payments
timezone: Asia/Kolkata
config: payments.methods = cash
user asha 7000000001 "Asha Verma" member
user sam 7000000003 Sam staff
clock: 2026-12-20 07:00
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)
sql: INSERT INTO subs_subscriptions (user_id, plan_id, days, price_paise, status, start_date, end_date, grace_days, paid_paise, paid_at) VALUES (7000000001, 1, 30, 150000, 'paid', '2026-12-01', '2026-12-30', 7, 150000, now())

asha: /my_subscription
bot -> asha: /Status: active/
buttons: [🔁 Renew]
asha presses: 🔁 Renew
bot -> asha: Which plan would you like?
asha presses: Monthly · 30 days · ₹1,500.00
bot edits -> asha: Plan: Monthly
bot -> asha: Monthly: 30 days for ₹1,500.00, starting 2026-12-31.
asha presses: ✅ Confirm
bot edits -> asha: Requested: Monthly for ₹1,500.00.
bot -> asha: Payment #1: Monthly membership, ₹1,500.00.
buttons: [💵 Cash at the desk]
asha presses: 💵 Cash at the desk
bot edits -> asha: cash at the desk
bot -> asha: Please pay ₹1,500.00 in cash at the desk
bot -> sam: Payment #1 waits for approval
sam presses: ✅ Approve ₹1,500.00
bot -> asha: ✅ Payment #1 approved: ₹1,500.00 received for Monthly membership.
bot -> asha: /Monthly membership runs from 2026-12-31 to 2027-01-29/
bot edits -> sam: Approved by Sam
db: SELECT string_agg(start_date || '..' || end_date || ' ' || paid_paise, ', ' ORDER BY start_date) FROM subs_subscriptions WHERE status = 'paid' => 2026-12-01..2026-12-30 150000, 2026-12-31..2027-01-29 150000
asha: /my_subscription
bot -> asha: /Status: active(.|\n)*Next period \(paid\) starts 2026-12-31\./
