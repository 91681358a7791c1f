# Buttons are untrusted: another member's payment, a method that is off, a
# made-up payment, a method after the choice was made. With no usable UPI
# id the club offers only what it can take, and the log says why.
plugins: users, subscriptions, payments
timezone: Asia/Kolkata
config: payments.vpa = not a vpa
config: payments.payee = Fit Club
config: payments.methods = upi, cash
user asha 7000000001 "Asha Verma" member
user ravi 7000000002 Ravi member
user ada 7000000009 Ada admin
clock: 2026-12-01 07:00
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)

log: UPI is not offered
asha: /subscribe
bot -> asha: Which plan would you like?
asha presses: Monthly · 30 days · ₹1,500.00
bot edits -> asha: Plan: Monthly
bot -> asha: Monthly: 30 days for ₹1,500.00
asha presses: ✅ Confirm
bot edits -> asha: Requested: Monthly for ₹1,500.00.
bot -> asha: How would you like to pay?
buttons: [💵 Cash at the desk]
ravi: /my_payments
bot -> ravi: You have no payments yet.
ravi forges: pm:1:cash
answer -> ravi: This button is not valid.
asha forges: pm:1:upi
answer -> asha: That way of paying is not available.
asha forges: pm:1:credit
answer -> asha: That way of paying is not available.
asha forges: pm:99:cash
answer -> asha: This button is not valid.
asha forges: pm:1
answer -> asha: That way of paying is not available.
db: SELECT status || ' ' || coalesce(method, '-') FROM pay_payments => open -
ravi forges: pok:1
answer -> ravi: not allowed
asha: /my_payments
bot -> asha: /^💳 Your payments\n#1 · Monthly membership · ₹1,500\.00 · to pay$/
buttons: [💳 Pay #1]
asha presses: 💳 Pay #1
bot -> asha: How would you like to pay?
buttons: [💵 Cash at the desk]
asha presses: 💵 Cash at the desk
bot edits -> asha: cash at the desk
bot -> asha: Please pay ₹1,500.00 in cash at the desk
bot -> ada: Payment #1 waits for approval
asha presses data: pm:1:cash
answer -> asha: This payment is already with the staff or decided.
ada: /payments
bot -> ada: Payments waiting for approval: 1
bot -> ada: Payment #1 waits for approval
buttons: [✅ Approve ₹1,500.00] [✏️ Other amount] [❌ Reject]
db: SELECT count(*) FROM pay_payments => 1
