# Other reminder steps (on the due date and 10 days after), no lock
# (lock_after_days = 0), the job at its own time. Years ahead
# of any real date, so the job's first run is never in the story's future.
plugins: users, ar
timezone: Asia/Kolkata
host env: FITBOT_TICK_MS=100
config: ar.job_at = 07:30
config: ar.remind_days = 10, 0
config: ar.lock_after_days = 0
user asha 7000000001 "Asha Verma" member
clock: 2031-12-01 07:00
sql: INSERT INTO ar_receivables (user_id, source, description, bill_paise, discount_paise, due_date, created_on) VALUES (7000000001, 'store', 'Gloves', 90000, 10000, '2031-12-02', '2031-12-01')

silence -> asha
clock: 2031-12-01 07:31
log: ar daily job for 2031-12-01 done
silence -> asha
clock: 2031-12-02 07:31
bot -> asha: ⏰ Reminder: #1 Gloves, ₹800.00, is due today. /my_dues shows what you owe.
clock: 2031-12-12 07:31
bot -> asha: ⏰ #1 Gloves, ₹800.00, was due on 2031-12-02: 10 day(s) overdue.
# far past any age: never locked
clock: 2032-03-12 07:31
log: ar daily job for 2032-03-12 done
silence -> asha
db: SELECT count(*) FROM ar_locks => 0
asha: /start
bot -> asha: /\n\nDues: ₹800\.00, ₹800\.00 of it overdue \(/my_dues\)$/
no log: level=warn plugin=ar

