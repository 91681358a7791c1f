# Pay later: the staff allow the credit (no other amount is offered); the
# payment is recorded as credit (₹0 received, the whole amount owed) and
# the membership starts. The member's own /my_payments shows it.
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
asha presses: 🧾 Pay later
bot edits -> asha: Payment #1: Monthly membership, ₹1,500.00 — pay later (credit).
bot -> asha: You asked to pay ₹1,500.00 later. Payment #1 is with the staff
bot -> sam: /^💳 Payment #1 waits for approval\nAsha Verma \(7000000001\)\nMonthly membership: ₹1,500\.00\nMethod: pay later \(credit\)$/
buttons: [✅ Allow credit ₹1,500.00] [❌ Reject]
bot -> ada: Payment #1 waits for approval
asha: /my_payments
bot -> asha: /^💳 Your payments\n#1 · Monthly membership · ₹1,500\.00 · with the staff$/
buttons: none
sam presses: ✅ Allow credit ₹1,500.00
bot -> asha: ✅ Payment #1: you may pay the ₹1,500.00 for Monthly membership later. It is on your account.
bot -> asha: /Monthly.*2026-12-01.*2026-12-30/
bot edits -> sam: ✅ Credit allowed by Sam (7000000003): ₹1,500.00 owed (payment #1).
db: SELECT status || ' ' || method || ' ' || received_paise || ' ' || decided_by FROM pay_payments => approved credit 0 7000000003
db: SELECT status || ' ' || paid_paise FROM subs_subscriptions => paid 150000
