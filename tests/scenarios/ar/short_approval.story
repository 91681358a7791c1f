# Cash approved for less than was due: payments publishes payment.credit
# with the rest, which becomes a receivable named by the payment's
# description and due in credit_days (default 15); a member's credit from
# an earlier overpayment is used on it at once. The second approver's late
# press adds nothing.
plugins: users, subscriptions, payments, ar
timezone: Asia/Kolkata
config: payments.vpa = fitclub@okhdfc
config: payments.payee = Fit Club
config: ar.job_at = 23:59
user asha 7000000001 "Asha Verma" member
user sam 7000000003 Sam staff
user ada 7000000009 Ada admin
clock: 2026-12-01 07:00
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)
sql: INSERT INTO ar_payments (user_id, recorded_by, paid_on) VALUES (7000000001, 7000000009, '2026-11-20')
sql: INSERT INTO ar_payment_lines (payment_id, method, amount_paise) VALUES (1, 'cash', 10000)

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
bot -> asha: Please pay ₹1,500.00 in cash at the desk.
bot -> sam: Payment #1 waits for approval
bot -> ada: Payment #1 waits for approval
ada presses: ✏️ Other amount
bot -> ada: How much was received for payment #1
ada: 1,000
bot -> asha: ₹500.00 is still to be paid; it is on your account.
bot -> asha: /Monthly.*2026-12-01.*2026-12-30/
bot -> asha: /^🧾 Receivable #1: ₹500\.00 for Monthly membership is on your account, due by 2026-12-16\. .*\n₹100\.00 of your credit was used on it: ₹400\.00 is left to pay\.$/
bot -> ada: Approved by Ada (7000000009): ₹1,000.00 received (payment #1).
sam presses: ✅ Approve ₹1,500.00
answer -> sam: Already decided: approved by Ada (7000000009).
db: SELECT count(*) || ' ' || sum(amount_paise) || ' ' || sum(paid_paise) || ' ' || min(status) || ' ' || min(source) || ' ' || min(reference) FROM ar_receivables => 1 50000 10000 partial subscription sub:1
asha: /my_dues
bot -> asha: /^🧾 Your dues\n#1 Monthly membership · ₹400\.00 of ₹500\.00 · due 2026-12-16\nTo pay: ₹400\.00\n\nLast payments:\n2026-11-20 · ₹100\.00 · cash$/
