# The same daily job on dates before the day the test runs (a story
# written in the past, run today): the host starts on the story's
# calendar, so the job's first run is stamped then, not today (which
# would make every earlier occurrence look done: nothing sent).
plugins: users, subscriptions
timezone: Asia/Kolkata
host env: FITBOT_TICK_MS=100
config: subscriptions.job_at = 08:00
config: subscriptions.remind_days = 2
user asha 7000000001 Asha member
clock: 2024-12-28 07:00
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)
sql: INSERT INTO subs_subscriptions (user_id, plan_id, days, price_paise, status, start_date, end_date, grace_days, paid_paise) VALUES (7000000001, 1, 30, 150000, 'paid', '2024-12-01', '2024-12-30', 2, 150000)

silence -> asha
clock: 2024-12-28 08:01
log: job_done
silence -> asha
# two days left, but not yet 08:00
clock: 2024-12-29 07:30
silence -> asha
clock: 2024-12-29 08:01
bot -> asha: ⏰ Your Monthly membership ends on 2024-12-30 (grace until 2025-01-01): 2 day(s) left. Renew with /subscribe.
restart host
clock: 2024-12-30 08:01
silence -> asha
clock: 2024-12-31 08:01
bot -> asha: Your Monthly membership ended on 2024-12-30. You may still come in until 2025-01-01; renew with /subscribe.
clock: 2025-01-01 08:01
bot -> asha: Your Monthly membership ended on 2024-12-30 and its grace ends today (2025-01-01).
clock: 2025-01-02 08:01
bot -> asha: 🔒 Your Monthly membership ended on 2024-12-30 and its grace on 2025-01-01: your access is locked until you renew with /subscribe.
clock: 2025-01-03 08:01
silence -> asha
db: SELECT string_agg(step || ' ' || sent_on, ', ' ORDER BY sent_on) FROM subs_notices => remind 2024-12-29, expired 2024-12-31, grace 2025-01-01, locked 2025-01-02
log: job_done
