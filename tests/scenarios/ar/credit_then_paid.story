# Pay later through payments becomes a receivable (due in credit_days);
# the member sees it on /my_dues and on the /start card; the admin records
# the payment in two lines (cash + UPI with its reference) against it;
# the overpayment becomes credit, used first on the next receivable.
plugins: users, subscriptions, payments, ar
timezone: Asia/Kolkata
config: payments.vpa = fitclub@okhdfc
config: payments.payee = Fit Club
config: ar.credit_days = 10
config: ar.job_at = 23:59
user asha 7000000001 "Asha Verma" member
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
bot edits -> asha: pay later (credit)
bot -> asha: You asked to pay ₹1,500.00 later.
bot -> ada: Payment #1 waits for approval
ada presses: ✅ Allow credit ₹1,500.00
bot -> asha: ✅ Payment #1: you may pay the ₹1,500.00 for Monthly membership later.
bot -> asha: /Monthly.*2026-12-01/
bot -> asha: 🧾 Receivable #1: ₹1,500.00 for Monthly membership is on your account, due by 2026-12-11. /my_dues shows what you owe.
bot edits -> ada: Credit allowed by Ada
db: SELECT source || ' ' || reference || ' ' || amount_paise || ' ' || due_date || ' ' || status || ' ' || payment_id FROM ar_receivables => subscription sub:1 150000 2026-12-11 pending 1

asha: /my_dues
bot -> asha: /^🧾 Your dues\n#1 Monthly membership · ₹1,500\.00 of ₹1,500\.00 · due 2026-12-11\nTo pay: ₹1,500\.00$/
asha: /start
bot -> asha: /Membership: Monthly, active until 2026-12-30 \(30 days left\)\n\nDues: ₹1,500\.00 \(/my_dues\)$/

# a member may not record payments
asha: /ar_pay
bot -> asha: Sorry, you are not allowed to do that.

ada: /ar_pay
bot -> ada: Whose payment? Send the member's id or @username.
ada: 70000000O1
bot -> ada: "70000000O1" is not a member I know.
ada: 7000000055
bot -> ada: "7000000055" is not a member I know.
ada: 7000000001
bot -> ada: Which dues of Asha Verma (7000000001) does this payment go to first?
buttons: [#1 Monthly membership · ₹1,500.00 · due 2026-12-11] / [⏳ Oldest first]
ada: first one
bot -> ada: Please use the buttons above (or /cancel).
buttons: [#1 Monthly membership · ₹1,500.00 · due 2026-12-11] / [⏳ Oldest first]
ada presses: #1 Monthly membership · ₹1,500.00 · due 2026-12-11
bot edits -> ada: Paying: #1 Monthly membership.
bot -> ada: How was it paid? One line per method and amount
ada: bitcoin 500
bot -> ada: Line 1: the method must be cash, upi, card, bank or cheque
ada: cash 500\nupi 0
bot -> ada: Line 2: the amount must be in rupees, above ₹0
ada: cash 500\nupi 1,200 UTR 4455
bot -> ada: /^💰 Payment from Asha Verma \(7000000001\)\ncash ₹500\.00\nupi ₹1,200\.00 \(UTR 4455\)\nTotal: ₹1,700\.00\nGoes to:\n#1 Monthly membership: ₹1,500\.00 \(paid\)\nCredit: ₹200\.00 \(used first on the next dues\)\n\nRecord it\?$/
buttons: [✅ Record] [✖ Cancel]
ada presses: ✅ Record
bot edits -> ada: /^✅ Payment #1 of ₹1,700\.00 from Asha Verma \(7000000001\) recorded by Ada \(7000000009\)\.\n#1 Monthly membership: ₹1,500\.00 \(paid\)\nCredit now: ₹200\.00/
bot -> asha: /^✅ The club received ₹1,700\.00 from you\. Thank you!\ncash ₹500\.00\nupi ₹1,200\.00 \(UTR 4455\)\nWhere it went:\n#1 Monthly membership: ₹1,500\.00 \(paid\)\nCredit now: ₹200\.00/
# a second press finds the conversation over
ada forges: arok
answer -> ada: This menu has expired.
db: SELECT count(*) || ' ' || sum(amount_paise) FROM ar_payment_lines => 2 170000
db: SELECT status || ' ' || paid_paise FROM ar_receivables WHERE id = 1 => paid 150000
db: SELECT credit_paise FROM ar_credit => 20000
db: SELECT string_agg(method || ':' || coalesce(reference, '-'), ',' ORDER BY id) FROM ar_payment_lines => cash:-,upi:UTR 4455

# the credit pays first on the next receivable, written by hand
ada: /ar_new
bot -> ada: Who owes it?
ada: 7000000001
bot -> ada: Is it a sale from the store, or something else?
buttons: [🛒 Store] [📝 Other]
ada: store
bot -> ada: Please use the buttons above (or /cancel).
buttons: [🛒 Store] [📝 Other]
ada presses: 🛒 Store
bot edits -> ada: Source: 🛒 Store.
bot -> ada: What is it for?
ada: Protein shake x3
bot -> ada: How much is the bill?
ada: 0
bot -> ada: Please send the bill in rupees, above ₹0
ada: 600
bot -> ada: Any discount on the ₹600.00? Send 0 for none
ada: 600
bot -> ada: Please send a discount in rupees from 0 up to below the bill (₹600.00)
ada: 100
bot -> ada: By when is it due?
ada: 31/02/2026
bot -> ada: Please send the due date, e.g. 2026-12-31 or 31/12/2026.
ada: 15/12/2026
bot -> ada: /^🧾 New receivable\nMember: Asha Verma \(7000000001\)\nFor: Protein shake x3\nBill: ₹600\.00\nDiscount: ₹100\.00\nTo pay: ₹500\.00\nDue: 2026-12-15\n\nCreate it\?$/
buttons: [✅ Create] [✖ Cancel]
ada presses: ✅ Create
bot -> asha: /^🧾 Receivable #2: ₹500\.00 for Protein shake x3 is on your account, due by 2026-12-15\. .*\n₹200\.00 of your credit was used on it: ₹300\.00 is left to pay\.$/
bot edits -> ada: ✅ Receivable #2 created: Asha Verma (7000000001) owes ₹500.00.
db: SELECT source || ' ' || bill_paise || ' ' || discount_paise || ' ' || amount_paise || ' ' || paid_paise || ' ' || status || ' ' || created_by FROM ar_receivables WHERE id = 2 => store 60000 10000 50000 20000 partial 7000000009
db: SELECT coalesce((SELECT credit_paise FROM ar_credit), -1) => 0
asha: /my_dues
bot -> asha: /^🧾 Your dues\n#2 Protein shake x3 · ₹300\.00 of ₹500\.00 · due 2026-12-15\nTo pay: ₹300\.00\n\nLast payments:\n2026-12-01 · ₹1,700\.00 · cash \+ upi$/
# the ledger adds up: each receivable's paid is the sum of its allocations,
# and no member holds credit while owing
db: SELECT count(*) FROM ar_receivables r WHERE paid_paise <> coalesce((SELECT sum(amount_paise) FROM ar_allocations a WHERE a.receivable_id = r.id), 0) => 0
db: SELECT count(*) FROM ar_credit c WHERE credit_paise > 0 AND EXISTS (SELECT 1 FROM ar_receivables r WHERE r.user_id = c.user_id AND r.status IN ('pending', 'partial')) => 0
