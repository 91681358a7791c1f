# Two things another plugin adds to a club's day, through the SDK alone:
# a section on the member's /start card (the request member.card, which
# the users plugin asks and tp_v12b answers), and a daily job at 06:00
# club time that runs when the test clock passes 06:00 — once, even when
# the clock then moves on within the same day. A daily job seen for the
# first time waits for its next 06:00; days missed while nothing ran are
# caught up by one run.
plugins: users, tp_v12b
plugin dir: tests/plugins/v12
plugin: plugins/users.so
super admin: 100000001
timezone: Asia/Kolkata
host env: FITBOT_TICK_MS=200

user admin 100000001 Ravi admin
user asha 7000000001 Asha member

asha: /start
bot -> asha: 🧪 tp_v12b section for 7000000001

# the job's first tick happens on the real clock: no run
sleep 1s
silence -> admin
# years later, before 06:00: the missed days are caught up by one run
clock: 2030-01-15 05:58
bot -> admin: tp daily job ran on 2030-01-15
sleep 1s
silence -> admin
clock: 2030-01-15 06:01
bot -> admin: tp daily job ran on 2030-01-15
clock: 2030-01-15 09:00
sleep 1s
silence -> admin
clock: 2030-01-16 06:05
bot -> admin: tp daily job ran on 2030-01-16
