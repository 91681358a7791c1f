# A payment without a chosen receivable pays the oldest due first: two
# paid, the third partly; the member's buttons and forged presses change
# nothing; a receivable of another member cannot be picked; Cancel records
# nothing.
plugins: users, ar
timezone: Asia/Kolkata
config: ar.job_at = 23:59
user asha 7000000001 "Asha Verma" member
user ravi 7000000002 Ravi member
user sam 7000000003 Sam staff
user ada 7000000009 Ada admin
clock: 2026-12-20 10:00
sql: INSERT INTO ar_receivables (user_id, source, description, bill_paise, due_date, created_on) VALUES (7000000001, 'store', 'Shaker', 50000, '2026-12-10', '2026-12-01'), (7000000001, 'other', 'Locker', 30000, '2026-11-05', '2026-11-01'), (7000000001, 'subscription', 'Monthly', 150000, '2026-12-25', '2026-12-01'), (7000000002, 'other', 'Towel', 20000, '2026-12-01', '2026-12-01')

ravi: /my_dues
bot -> ravi: /^🧾 Your dues\n#4 Towel · ₹200\.00 of ₹200\.00 · due 2026-12-01 · 19 days overdue\nTo pay: ₹200\.00$/

# members and staff cannot record; forged admin buttons are refused
asha: /ar_pay
bot -> asha: Sorry, you are not allowed to do that.
asha forges: arok
answer -> asha: Sorry, you are not allowed to do that.
sam: /ar_pay
bot -> sam: Sorry, you are not allowed to do that.
sam forges: arpk:4
answer -> sam: Sorry, you are not allowed to do that.

ada: /ar_pay
bot -> ada: Whose payment?
ada: 7000000001
bot -> ada: Which dues of Asha Verma (7000000001)
buttons: [#2 Locker · ₹300.00 · due 2026-11-05] / [#1 Shaker · ₹500.00 · due 2026-12-10] / [#3 Monthly · ₹1,500.00 · due 2026-12-25] / [⏳ Oldest first]
# Ravi's receivable is not Asha's: refused, the flow stays
ada forges: arpk:4
answer -> ada: This button is not valid.
ada forges: arpk:x
answer -> ada: This button is not valid.
ada presses: ⏳ Oldest first
bot edits -> ada: Paying: the oldest dues first.
bot -> ada: How was it paid?
ada: 1000 cash
bot -> ada: /Goes to:\n#2 Locker: ₹300\.00 \(paid\)\n#1 Shaker: ₹500\.00 \(paid\)\n#3 Monthly: ₹200\.00 \(part paid\)\n\nRecord it\?$/
ada: yes
bot -> ada: Please use the buttons above (or /cancel).
ada presses: ✖ Cancel
bot edits -> ada: Nothing was recorded.
db: SELECT count(*) FROM ar_payments => 0
ada forges: arok
answer -> ada: This menu has expired.

ada: /ar_pay
bot -> ada: Whose payment?
ada: 7000000001
bot -> ada: Which dues
ada presses: ⏳ Oldest first
bot edits -> ada: Paying: the oldest dues first.
bot -> ada: How was it paid?
ada: cash 1000
bot -> ada: Record it?
ada presses: ✅ Record
bot edits -> ada: /Payment #1 of ₹1,000\.00 from Asha Verma \(7000000001\) recorded by Ada \(7000000009\)\.\n#2 Locker: ₹300\.00 \(paid\)\n#1 Shaker: ₹500\.00 \(paid\)\n#3 Monthly: ₹200\.00 \(part paid\)$/
bot -> asha: The club received ₹1,000.00 from you.
db: SELECT string_agg(id || ':' || status || ':' || paid_paise, ' ' ORDER BY id) FROM ar_receivables => 1:paid:50000 2:paid:30000 3:partial:20000 4:pending:0
db: SELECT string_agg(receivable_id || ':' || amount_paise, ' ' ORDER BY receivable_id) FROM ar_allocations => 1:50000 2:30000 3:20000

# the chosen receivable first, then the oldest: Ravi pays his towel twice over
ada: /ar_pay
bot -> ada: Whose payment?
ada: 7000000002
bot -> ada: Which dues of Ravi (7000000002)
ada presses: #4 Towel · ₹200.00 · due 2026-12-01
bot edits -> ada: Paying: #4 Towel.
bot -> ada: How was it paid?
ada: upi 400 REF-1; card 50
bot -> ada: /Total: ₹450\.00\nGoes to:\n#4 Towel: ₹200\.00 \(paid\)\nCredit: ₹250\.00/
ada presses: ✅ Record
bot edits -> ada: Credit now: ₹250.00
bot -> ravi: Credit now: ₹250.00
ravi: /my_dues
bot -> ravi: /^🧾 Your dues\nNothing to pay\.\nCredit: ₹250\.00 \(used first on the next dues\)\n\nLast payments:\n2026-12-20 · ₹450\.00 · upi \+ card$/
sam: /dues 7000000002
bot -> sam: /^🧾 Dues of Ravi \(7000000002\)\nNothing to pay\./
sam: /dues
bot -> sam: Whose dues? Send /dues with a member's id or @username, e.g. /dues 7000000001.
sam: /dues @nobody
bot -> sam: "@nobody" is not a member I know. Send /dues with a member's id or @username

# a receivable by hand, dropped at the end: nothing created
ada: /ar_new
bot -> ada: Who owes it?
ada: @nobody
bot -> ada: "@nobody" is not a member I know.
ada: 7000000002
bot -> ada: Is it a sale from the store
ada presses: 📝 Other
bot edits -> ada: Source: 📝 Other.
bot -> ada: What is it for?
ada: Towel
bot -> ada: How much is the bill?
ada: 200
bot -> ada: Any discount on the ₹200.00?
ada: 0
bot -> ada: By when is it due?
ada: 2041-12-31
bot -> ada: 2041-12-31 is too far from today: the due date must be within ten years.
ada: 2026-12-31
bot -> ada: Create it?
ada presses: ✖ Cancel
bot edits -> ada: Nothing was created.
db: SELECT count(*) FROM ar_receivables => 4
ada forges: arnok
answer -> ada: This menu has expired.
# the ledger adds up: each receivable's paid is the sum of its allocations,
# and no member holds credit while owing
db: SELECT count(*) FROM ar_receivables r WHERE paid_paise <> coalesce((SELECT sum(amount_paise) FROM ar_allocations a WHERE a.receivable_id = r.id), 0) => 0
db: SELECT count(*) FROM ar_credit c WHERE credit_paise > 0 AND EXISTS (SELECT 1 FROM ar_receivables r WHERE r.user_id = c.user_id AND r.status IN ('pending', 'partial')) => 0
