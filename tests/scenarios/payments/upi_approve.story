# A member subscribes and pays by UPI: the QR picture and the link come,
# text instead of a screenshot is answered, the screenshot goes to every
# approver with the card; the admin approves the amount expected, the
# member is told and the membership starts with that amount recorded.
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
bot -> asha: /^💳 Payment #1: Monthly membership, ₹1,500\.00\.\nHow would you like to pay\?$/
buttons: [📱 UPI] / [💵 Cash at the desk] / [🧾 Pay later] / [➗ Part UPI, rest cash]
asha presses: 📱 UPI
bot edits -> asha: Payment #1: Monthly membership, ₹1,500.00 — UPI.
bot sends photo -> asha: Scan to pay ₹1,500.00 to fitclub@okhdfc (payment #1).
bot -> asha: /Pay ₹1,500\.00 by UPI to fitclub@okhdfc \(Fit Club\).*\nupi://pay\?pa=fitclub@okhdfc&pn=Fit%20Club&tr=sub%3A1&tn=Monthly%20membership&am=1500\.00&cu=INR\n/
buttons: [✅ I have paid]
asha: done!
bot -> asha: Please send the screenshot of the payment as a photo
buttons: [✅ I have paid]
asha sends photo: paid.png
bot -> asha: Thank you. Payment #1 (Monthly membership) is with the staff
bot sends photo -> sam: Screenshot of payment #1 from Asha Verma (7000000001)
bot -> sam: /^💳 Payment #1 waits for approval\nAsha Verma \(7000000001\)\nMonthly membership: ₹1,500\.00\nMethod: UPI\nScreenshot: above$/
buttons: [✅ Approve ₹1,500.00] [✏️ Other amount] [❌ Reject]
bot sends photo -> ada: Screenshot of payment #1
bot -> ada: Payment #1 waits for approval
db: SELECT status || ' ' || method || ' ' || upi_paise || ' ' || (screenshot IS NOT NULL) FROM pay_payments => waiting upi 150000 true

# a member cannot approve (forged), the admin can
asha forges: pok:1
answer -> asha: not allowed
ada presses: ✅ Approve ₹1,500.00
bot -> asha: ✅ Payment #1 approved: ₹1,500.00 received for Monthly membership. Thank you!
bot -> asha: /Monthly.*2026-12-01.*2026-12-30/
bot edits -> ada: ✅ Approved by Ada (7000000009): ₹1,500.00 received (payment #1).
db: SELECT status || ' ' || received_paise || ' ' || decided_by FROM pay_payments => approved 150000 7000000009
db: SELECT status || ' ' || paid_paise || ' ' || start_date || ' ' || end_date FROM subs_subscriptions => paid 150000 2026-12-01 2026-12-30

# the staff member's copy comes too late: told who decided, nothing changes
sam presses: ✅ Approve ₹1,500.00
answer -> sam: Already decided: approved by Ada (7000000009).
db: SELECT count(*) FROM subs_subscriptions WHERE status = 'paid' => 1
asha: /my_payments
bot -> asha: /^💳 Your payments\n#1 · Monthly membership · ₹1,500\.00 · approved$/
