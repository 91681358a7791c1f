# The daily job on the test clock (years ahead of any real date, so the
# job's first run is never in the story's future): a reminder at each default step (3 days
# before the due date, then 1, 7, 15 and 30 days after), each once — a
# restart and a day with no step send nothing; at 30 days past due the
# member's access is locked and they are told; /start shows it; a part
# payment keeps the lock, paying the rest lifts it and the member is told.
plugins: users, ar
timezone: Asia/Kolkata
host env: FITBOT_TICK_MS=100
config: ar.job_at = 08:00
config: ar.lock_after_days = 30
user asha 7000000001 "Asha Verma" member
user ada 7000000009 Ada admin
clock: 2031-12-07 07:00
sql: INSERT INTO ar_receivables (user_id, source, description, bill_paise, due_date, created_on) VALUES (7000000001, 'subscription', 'Monthly', 150000, '2031-12-10', '2031-12-01')

# the job's first run (at start: its last run is long past, or at 08:00)
clock: 2031-12-07 08:01
bot -> asha: ⏰ Reminder: #1 Monthly, ₹1,500.00, is due on 2031-12-10, in 3 day(s). /my_dues shows what you owe.
clock: 2031-12-08 08:01
log: ar daily job for 2031-12-08 done
silence -> asha
restart host
clock: 2031-12-11 08:01
bot -> asha: ⏰ #1 Monthly, ₹1,500.00, was due on 2031-12-10: 1 day(s) overdue. Please pay at the desk
clock: 2031-12-17 08:01
bot -> asha: was due on 2031-12-10: 7 day(s) overdue.
clock: 2031-12-25 08:01
bot -> asha: was due on 2031-12-10: 15 day(s) overdue.
clock: 2032-01-08 08:01
log: ar daily job for 2032-01-08 done
silence -> asha
asha: /start
bot -> asha: /\n\nDues: ₹1,500\.00, ₹1,500\.00 of it overdue \(/my_dues\)$/
clock: 2032-01-09 08:01
bot -> asha: was due on 2031-12-10: 30 day(s) overdue.
bot -> asha: 🔒 Your access to the club is locked: ₹1,500.00 overdue since 2031-12-10 (30 days or more past due). Pay at the desk to open it again; /my_dues shows what you owe.
clock: 2032-01-10 08:01
log: ar daily job for 2032-01-10 done
silence -> asha
db: SELECT string_agg(step || '@' || sent_on, ' ' ORDER BY step) FROM ar_reminders => -3@2031-12-07 1@2031-12-11 7@2031-12-17 15@2031-12-25 30@2032-01-09
db: SELECT since || ' ' || locked_on || ' ' || overdue_paise || ' ' || coalesce(lifted_on::text, 'open') FROM ar_locks => 2031-12-10 2032-01-09 150000 open
asha: /start
bot -> asha: /\n\n🔒 Access locked: ₹1,500\.00 overdue since 2031-12-10\. Pay at the desk to open it again\.$/
asha: /my_dues
bot -> asha: /^🧾 Your dues\n#1 Monthly · ₹1,500\.00 of ₹1,500\.00 · due 2031-12-10 · 31 days overdue\nTo pay: ₹1,500\.00\n🔒 Access locked/

# part of it: still locked
ada: /ar_pay
bot -> ada: Whose payment?
ada: 7000000001
bot -> ada: Which dues
ada presses: ⏳ Oldest first
bot edits -> ada: Paying: the oldest dues first.
bot -> ada: How was it paid?
ada: cash 500
bot -> ada: #1 Monthly: ₹500.00 (part paid)
ada presses: ✅ Record
bot edits -> ada: Payment #1 of ₹500.00
bot -> asha: The club received ₹500.00 from you.
asha: /start
bot -> asha: 🔒 Access locked: ₹1,000.00 overdue since 2031-12-10.

# the rest: the lock is lifted, the member told
ada: /ar_pay
bot -> ada: Whose payment?
ada: 7000000001
bot -> ada: Which dues
ada presses: ⏳ Oldest first
bot edits -> ada: Paying: the oldest dues first.
bot -> ada: How was it paid?
ada: upi 1000 UTR77
bot -> ada: #1 Monthly: ₹1,000.00 (paid)
ada presses: ✅ Record
bot edits -> ada: Payment #2 of ₹1,000.00
bot -> asha: The club received ₹1,000.00 from you.
bot -> asha: 🔓 Your overdue dues are paid: your access to the club is open again. Thank you!
db: SELECT lifted_on FROM ar_locks => 2032-01-10
asha: /start
bot -> asha: /Asha Verma\nid: 7000000001\nrole: member · status: not registered$/
clock: 2032-01-11 08:01
log: ar daily job for 2032-01-11 done
silence -> asha
