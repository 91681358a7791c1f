# Part UPI, rest cash: the UPI part is asked and checked (above ₹0, below
# the whole), the QR and link are for that part, the rest is named as cash;
# "I have paid" sends it to the approvers without a screenshot.
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
asha presses: ➗ Part UPI, rest cash
bot edits -> asha: Payment #1: Monthly membership, ₹1,500.00 — part UPI, rest cash.
bot -> asha: How much of the ₹1,500.00 do you pay by UPI?
asha: 1500
bot -> asha: Please send an amount in rupees above ₹0 and below ₹1,500.00, e.g. 500 or 1,000.50.
asha: 0
bot -> asha: Please send an amount in rupees above ₹0 and below ₹1,500.00
asha: five hundred
bot -> asha: Please send an amount in rupees above ₹0 and below ₹1,500.00
asha sends photo: early.png
bot -> asha: How much of the ₹1,500.00 do you pay by UPI?
asha: 500
bot sends photo -> asha: Scan to pay ₹500.00 to fitclub@okhdfc (payment #1).
bot -> asha: /Pay ₹500\.00 by UPI.*&am=500\.00&cu=INR\n.*\nThe rest, ₹1,000\.00, you pay in cash at the desk\.$/
buttons: [✅ I have paid]
asha presses: ✅ I have paid
bot edits -> asha: Monthly membership
bot -> asha: Thank you. Payment #1 (Monthly membership) is with the staff
bot -> sam: /^💳 Payment #1 waits for approval\n.*\nMethod: part UPI, rest cash\nUPI ₹500\.00 \+ cash ₹1,000\.00\nScreenshot: none \(the member says it is paid\)$/
bot -> ada: Payment #1 waits for approval
db: SELECT status || ' ' || method || ' ' || upi_paise FROM pay_payments => waiting split 50000
asha forges: ppaid:1
answer -> asha: This payment is already with the staff or decided.
ada presses: ✅ Approve ₹1,500.00
bot -> asha: ✅ Payment #1 approved: ₹1,500.00 received for Monthly membership. Thank you!
bot -> asha: /Monthly.*2026-12-01/
bot edits -> ada: Approved by Ada
db: SELECT received_paise FROM pay_payments => 150000
