# The reports on the test clock: outstanding, aging by days past the due
# date (the bucket edges: 0, 1, 30, 31, 60, 61, 90, 91 days), payment
# methods, the two CSV documents and the two charts (PNG photos). The same
# dues move buckets as the club's date moves on. Members may not see them.
plugins: users, ar
timezone: Asia/Kolkata
config: ar.job_at = 23:59
host env: FITBOT_LOG_LEVEL=debug
user asha 7000000001 "Asha Verma" member
user ravi 7000000002 Ravi member
user sam 7000000003 Sam staff
clock: 2026-12-31 10:00
sql: INSERT INTO ar_receivables (user_id, source, description, bill_paise, due_date, created_on) VALUES (7000000001, 'other', 'A due today', 10000, '2026-12-31', '2026-12-01'), (7000000001, 'other', 'B 1 day', 20000, '2026-12-30', '2026-12-01'), (7000000001, 'other', 'C 30 days', 40000, '2026-12-01', '2026-11-01'), (7000000002, 'other', 'D 31 days', 80000, '2026-11-30', '2026-11-01'), (7000000002, 'other', 'E 60 days', 160000, '2026-11-01', '2026-10-01'), (7000000002, 'other', 'F 61 days', 320000, '2026-10-31', '2026-10-01'), (7000000002, 'other', 'G 90 days', 640000, '2026-10-02', '2026-10-01'), (7000000002, 'other', 'H 91 days', 1280000, '2026-10-01', '2026-09-01')
sql: INSERT INTO ar_receivables (user_id, source, description, bill_paise, due_date, created_on, status, paid_paise) VALUES (7000000001, 'store', 'Paid shaker', 5000, '2026-09-01', '2026-09-01', 'paid', 5000)
sql: INSERT INTO ar_payments (user_id, recorded_by, paid_on) VALUES (7000000001, 7000000003, '2026-12-05'), (7000000002, 7000000003, '2026-11-20')
sql: INSERT INTO ar_payment_lines (payment_id, method, amount_paise, reference) VALUES (1, 'cash', 3000, NULL), (1, 'upi', 2000, 'UTR 9, "x"'), (2, 'upi', 10000, NULL)
sql: INSERT INTO ar_allocations (payment_id, receivable_id, amount_paise) VALUES (1, 9, 5000)

asha: /ar
bot -> asha: Sorry, you are not allowed to do that.
sam: /ar
bot -> sam: Receivables: which report?
buttons: [📋 Outstanding] [⏳ Aging] / [💳 Payment methods] [📄 CSV] / [📊 Aging chart] [📈 Collections chart]
asha forges: arr:age
answer -> asha: Sorry, you are not allowed to do that.
sam presses: ⏳ Aging
bot -> sam: /^⏳ Aging on 2026-12-31 \(days past the due date\)\nNot yet due: ₹100\.00 \(1\)\n1–30 days: ₹600\.00 \(2\)\n31–60 days: ₹2,400\.00 \(2\)\n61–90 days: ₹9,600\.00 \(2\)\n90\+ days: ₹12,800\.00 \(1\)\nTotal: ₹25,500\.00$/
sam presses: 📋 Outstanding
bot -> sam: /^📋 Outstanding: ₹25,500\.00\n\? \(7000000002\): ₹24,800\.00 \(5 open, oldest due 2026-10-01\)\nAsha Verma \(7000000001\): ₹700\.00 \(3 open, oldest due 2026-12-01\)\nCredit held for members: ₹100\.00$/
sam presses: 💳 Payment methods
bot -> sam: /^💳 Payment methods \(this month · all time · lines\)\nupi: ₹20\.00 · ₹120\.00 · 2\ncash: ₹30\.00 · ₹30\.00 · 1$/
sam presses: 📄 CSV
bot sends document -> sam: ar_receivables.csv
bot sends document -> sam: ar_payments.csv
log: csv ar_receivables.csv: \"id\",\"member_id\",\"member\",\"source\",\"reference\",\"description\",\"bill\",\"discount\",\"amount\",\"paid\",\"outstanding\",\"due_date\",\"days_past_due\",\"bucket\",\"status\",\"created_on\"
log: csv ar_receivables.csv: \"3\",\"7000000001\",\"Asha Verma\",\"other\",\"\",\"C 30 days\",\"400.00\",\"0.00\",\"400.00\",\"0.00\",\"400.00\",\"2026-12-01\",\"30\",\"1-30\",\"pending\",\"2026-11-01\"
log: csv ar_receivables.csv: \"8\",\"7000000002\",\"\",\"other\",\"\",\"H 91 days\",\"12800.00\",\"0.00\",\"12800.00\",\"0.00\",\"12800.00\",\"2026-10-01\",\"91\",\"90+\",\"pending\",\"2026-09-01\"
log: csv ar_receivables.csv: \"9\",\"7000000001\",\"Asha Verma\",\"store\",\"\",\"Paid shaker\",\"50.00\",\"0.00\",\"50.00\",\"50.00\",\"0.00\",\"2026-09-01\",\"121\",\"\",\"paid\",\"2026-09-01\"
log: csv ar_payments.csv: \"payment_id\",\"paid_on\",\"member_id\",\"member\",\"method\",\"amount\",\"reference\",\"recorded_by\"
log: csv ar_payments.csv: \"1\",\"2026-12-05\",\"7000000001\",\"Asha Verma\",\"upi\",\"20.00\",\"UTR 9, \"\"x\"\"\",\"7000000003\"
sam presses: 📊 Aging chart
bot sends photo -> sam: Aging of the dues: ₹25,500.00 outstanding.
log: chart ar-aging.png: Not yet due = ₹100.00
log: chart ar-aging.png: 61–90 days = ₹9,600.00
log: chart ar-aging.png: 90+ days = ₹12,800.00
sam presses: 📈 Collections chart
bot sends photo -> sam: Collections recorded in the last 12 months: ₹150.00.
log: chart ar-collections.png: Jan 2026 = ₹0.00
log: chart ar-collections.png: Oct 2026 = ₹0.00
log: chart ar-collections.png: Nov 2026 = ₹100.00
log: chart ar-collections.png: Dec 2026 = ₹50.00
sam forges: arr:nope
answer -> sam: This button is not valid.

# a month on, everything is older
clock: 2027-01-31 10:00
sam: /ar
bot -> sam: which report?
sam presses: ⏳ Aging
bot -> sam: /^⏳ Aging on 2027-01-31 \(days past the due date\)\nNot yet due: ₹0\.00 \(0\)\n1–30 days: ₹0\.00 \(0\)\n31–60 days: ₹300\.00 \(2\)\n61–90 days: ₹1,200\.00 \(2\)\n90\+ days: ₹24,000\.00 \(4\)\nTotal: ₹25,500\.00$/

# thirty more members owe ₹1 each: the largest thirty are listed
sql: INSERT INTO ar_receivables (user_id, source, description, bill_paise, due_date, created_on) SELECT 8000000000 + g, 'other', 'Tab', 100, '2027-01-20', '2027-01-01' FROM generate_series(1, 30) g
sam: /ar
bot -> sam: which report?
sam presses: 📋 Outstanding
bot -> sam: /^📋 Outstanding: ₹25,530\.00\n\? \(7000000002\): ₹24,800\.00 .*\nAsha Verma \(7000000001\): ₹700\.00 .*\n…and 2 more \(the CSV has everyone\)\nCredit held for members: ₹100\.00$/
