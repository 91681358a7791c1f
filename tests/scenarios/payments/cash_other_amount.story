# Cash at the desk: the approvers get the card; the admin received less
# than was due and types what came: bad amounts are answered, the amount
# typed is the amount recorded (never ₹0), the member hears what is still
# owed, and a second press is told it was decided.
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
bot edits -> asha: Payment #1: Monthly membership, ₹1,500.00 — cash at the desk.
bot -> asha: Please pay ₹1,500.00 in cash at the desk. Payment #1 is with the staff
bot -> sam: /^💳 Payment #1 waits for approval\nAsha Verma \(7000000001\)\nMonthly membership: ₹1,500\.00\nMethod: cash at the desk$/
buttons: [✅ Approve ₹1,500.00] [✏️ Other amount] [❌ Reject]
bot -> ada: Payment #1 waits for approval
ada presses: ✏️ Other amount
bot -> ada: How much was received for payment #1 (₹1,500.00 expected)?
ada: a thousand
bot -> ada: Please send the amount received in rupees, above ₹0
ada: 0
bot -> ada: Please send the amount received in rupees, above ₹0
ada: 1000.505
bot -> ada: Please send the amount received in rupees, above ₹0
db: SELECT status FROM pay_payments => waiting
ada: 1,000
bot -> asha: /^✅ Payment #1 approved: ₹1,000\.00 received for Monthly membership\. Thank you!\n₹500\.00 is still to be paid; it is on your account\.$/
bot -> asha: /Monthly.*2026-12-01.*2026-12-30/
bot -> ada: ✅ Approved by Ada (7000000009): ₹1,000.00 received (payment #1).
db: SELECT status || ' ' || received_paise FROM pay_payments => approved 100000
db: SELECT status || ' ' || paid_paise FROM subs_subscriptions => paid 100000
ada presses: ✅ Approve ₹1,500.00
answer -> ada: Already decided: approved by Ada (7000000009).
sam presses: ❌ Reject
answer -> sam: Already decided: approved by Ada (7000000009).
db: SELECT received_paise FROM pay_payments => 100000
db: SELECT count(*) FROM fb_conversations => 0
