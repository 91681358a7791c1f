# Two approvers press Approve on their own copies at the same moment, and
# one double-taps: the payment is approved once, payment.approved acts once
# (one paid period) and the member hears it once.
plugins: users, subscriptions, payments
timezone: Asia/Kolkata
config: payments.vpa = fitclub@okhdfc
config: payments.payee = Fit Club
user asha 7000000001 "Asha Verma" member
user sam 7000000003 Sam staff
user ada 7000000009 Ada admin
clock: 2026-12-01 07:00
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)

asha: /subscribe
bot -> asha: Which plan would you like?
asha presses: Monthly · 30 days · ₹1,500.00
bot edits -> asha: Plan: Monthly
bot -> asha: Monthly: 30 days for ₹1,500.00
asha presses: ✅ Confirm
bot edits -> asha: Requested: Monthly for ₹1,500.00.
bot -> asha: How would you like to pay?
asha presses: 💵 Cash at the desk
bot edits -> asha: cash at the desk
bot -> asha: Please pay ₹1,500.00 in cash at the desk
bot -> sam: Payment #1 waits for approval
bot -> ada: Payment #1 waits for approval
sam presses: ✅ Approve ₹1,500.00
ada presses: ✅ Approve ₹1,500.00
ada presses: ✅ Approve ₹1,500.00
bot -> asha: ✅ Payment #1 approved: ₹1,500.00 received
bot -> asha: /Monthly.*2026-12-01.*2026-12-30/
silence -> asha
counter: callbacks_unanswered => 0
db: SELECT count(*) FROM pay_payments WHERE status = 'approved' => 1
db: SELECT count(*) || ' ' || sum(paid_paise) FROM subs_subscriptions WHERE status = 'paid' => 1 150000
