# The progress message while a broadcast runs: sent, failed, blocked and
# left of how many, the rate and the time left, edited every
# progress_every seconds while a figure changed. Sending is slowed to one
# message a second at most (14 copies: 14 s or more) and progress_every is
# 30 s on the host's clock. The test clock is moved on 30 s twice, and each
# time the next run of the job (every 2 s) edits the message once; then
# it goes back 30 s, so no further edit falls due before the summary (the
# job, stamped on that clock, runs again 30 s later and finishes). The
# rate is the copies done over the host's seconds since Send (the clock
# moved on: a fraction of a message a second). Meera blocked the bot:
# counted blocked.
plugins: users, broadcast
timeout: 60000
host config: send_rate_global = 1
config: broadcast.progress_every = 30
user admin 100000001 Ravi admin
user meera 7000000001 Meera member
user m02 7000000002 M02 member
user m03 7000000003 M03 member
user m04 7000000004 M04 member
user m05 7000000005 M05 member
user m06 7000000006 M06 member
user m07 7000000007 M07 member
user m08 7000000008 M08 member
user m09 7000000009 M09 member
user m10 7000000010 M10 member
user m11 7000000011 M11 member
user m12 7000000012 M12 member
user m13 7000000013 M13 member
user m14 7000000014 M14 member
meera blocks the bot

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: A role
bot edits -> admin: Audience: role
bot -> admin: Which role?
admin presses: Members
bot edits -> admin: Audience: role member
bot -> admin: Role: member: 14 people.
admin: The sauna is closed on Monday.
bot -> admin: Add a photo or a document
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as member will see it:
bot -> admin: The sauna is closed on Monday.
bot -> admin: Send this to 14 people (Role: member)?
admin presses: 📣 Send
bot edits -> admin: /^📣 Broadcast #1 — Role: member\nSent 0 · failed 0 · blocked 0 · left 14 of 14\nstarting…$/
buttons: [⏹ Stop]
sleep 3s
clock: +30s
bot edits -> admin: /^📣 Broadcast #1 — Role: member\nSent [1-9][0-9]? · failed 0 · blocked 1 · left [1-9][0-9]? of 14\n0\.[0-9] msg\/s, about ([0-9]+m )?[0-9]+s left$/
buttons: [⏹ Stop]
clock: +30s
bot edits -> admin: /^📣 Broadcast #1 — Role: member\nSent [1-9][0-9]? · failed 0 · blocked 1 · left [1-9][0-9]? of 14\n0\.[0-9] msg\/s, about ([0-9]+m )?[0-9]+s left$/
buttons: [⏹ Stop]
clock: -30s
bot edits -> admin: /^✅ Broadcast #1 finished — Role: member\nSent 13 · failed 0 · blocked 1 · not sent 0, of 14, in ([0-9]+m )?[0-9]+s\.$/
bot -> admin: ✅ Broadcast #1 finished
db: SELECT sent || ' ' || failed || ' ' || blocked FROM bc_broadcasts WHERE id = 1 => 13 0 1
