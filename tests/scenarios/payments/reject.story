# The admin rejects a UPI payment with a reason: the member reads it, the
# subscription is closed, the reference may be paid again; a reason must
# be 1..200 characters; the other approver's copy is told who decided.
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
asha presses: 📱 UPI
bot edits -> asha: UPI.
bot sends photo -> asha: Scan to pay ₹1,500.00
bot -> asha: Pay ₹1,500.00 by UPI
asha presses: ✅ I have paid
bot edits -> asha: Monthly membership
bot -> asha: is with the staff
bot -> sam: Payment #1 waits for approval
bot -> ada: Payment #1 waits for approval
ada presses: ❌ Reject
bot -> ada: Why is payment #1 not approved?
ada: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
bot -> ada: Please write a reason of 1 to 200 characters.
ada: No such payment reached the club's account
bot -> asha: /^❌ Payment #1 \(Monthly membership, ₹1,500\.00\) was not approved: No such payment reached the club's account\nYou may try again\.$/
bot -> asha: /Monthly/
bot -> ada: ❌ Rejected by Ada (7000000009) (payment #1): No such payment reached the club's account
db: SELECT status || ' ' || reason || ' ' || (received_paise IS NULL) FROM pay_payments => rejected No such payment reached the club's account true
db: SELECT status FROM subs_subscriptions => rejected
sam presses: ✅ Approve ₹1,500.00
answer -> sam: Already decided: rejected by Ada (7000000009).
db: SELECT status FROM subs_subscriptions => rejected
