# A member chose UPI and never sent the screenshot: at the conversation's
# deadline they hear that nothing was changed, the payment stays open (not
# sent to the approvers) and /my_payments offers it again.
plugins: users, subscriptions, payments
conversation timeout: 10
host env: FITBOT_TICK_MS=100
config: payments.vpa = fitclub@okhdfc
config: payments.payee = Fit Club
user asha 7000000001 "Asha Verma" member
user sam 7000000003 Sam staff
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
clock: +11s
bot -> asha: ⌛ Nothing was changed: the answer did not come in time.
silence -> sam
db: SELECT status || ' ' || method FROM pay_payments => open upi
db: SELECT count(*) FROM fb_conversations => 0
asha: /my_payments
bot -> asha: /^💳 Your payments\n#1 · Monthly membership · ₹1,500\.00 · to pay$/
buttons: [💳 Pay #1]
