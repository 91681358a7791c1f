# What the lock covers beyond the card: new credit. A member locked for
# overdue dues is not offered Pay later (payments asks ar.access), and a
# stale or forged press of it is refused; every other way to pay stays.
# Once the old dues are paid the lock lifts and Pay later is back.
plugins: users, subscriptions, payments, ar
timezone: Asia/Kolkata
config: payments.vpa = fitclub@okhdfc
config: payments.payee = Fit Club
config: ar.job_at = 23:59
user asha 7000000001 "Asha Verma" member
user ada 7000000009 Ada admin
clock: 2026-12-01 07:00
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)
sql: INSERT INTO ar_receivables (user_id, source, description, bill_paise, due_date, created_on) VALUES (7000000001, 'store', 'Old shake tab', 40000, '2026-10-01', '2026-09-20')
sql: INSERT INTO ar_locks (user_id, since, locked_on, overdue_paise) VALUES (7000000001, '2026-10-01', '2026-10-31', 40000)

asha: /subscribe
bot -> asha: Which plan would you like?
asha presses: Monthly · 30 days · ₹1,500.00
bot edits -> asha: Plan: Monthly
bot -> asha: Monthly: 30 days for ₹1,500.00
asha presses: ✅ Confirm
bot edits -> asha: Requested: Monthly for ₹1,500.00.
bot -> asha: How would you like to pay?
buttons: [📱 UPI] / [💵 Cash at the desk] / [➗ Part UPI, rest cash]
asha forges: pm:1:credit
answer -> asha: That way of paying is not available.
db: SELECT status || ' ' || coalesce(method, '-') FROM pay_payments => open -

ada: /ar_pay
bot -> ada: Whose payment?
ada: 7000000001
bot -> ada: Which dues
ada presses: ⏳ Oldest first
bot edits -> ada: Paying: the oldest dues first.
bot -> ada: How was it paid?
ada: cash 400
bot -> ada: Record it?
ada presses: ✅ Record
bot edits -> ada: Payment #1 of ₹400.00
bot -> asha: The club received ₹400.00 from you.
bot -> asha: 🔓 Your overdue dues are paid
asha: /my_payments
bot -> asha: #1 · Monthly membership · ₹1,500.00 · to pay
asha presses: 💳 Pay #1
bot -> asha: How would you like to pay?
buttons: [📱 UPI] / [💵 Cash at the desk] / [🧾 Pay later] / [➗ Part UPI, rest cash]
