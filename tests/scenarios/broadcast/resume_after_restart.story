# A graceful stop (SIGTERM: a restart, a deploy) in the middle of a
# broadcast, then a start: the recipients still waiting are fed by the job
# of the next run, what the outbox held is sent from its rows, and every
# member gets exactly one copy. Slowed to one message a second, two in the
# outbox at a time, so the stop lands mid-way.
plugins: users, broadcast
host config: send_rate_global = 1
config: broadcast.window = 2
config: broadcast.progress_every = 3600
user admin 100000001 Ravi admin
user m1 7000000001 M1 member
user m2 7000000002 M2 member
user m3 7000000003 M3 member
user m4 7000000004 M4 member
user m5 7000000005 M5 member
user m6 7000000006 M6 member

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: A role
bot edits -> admin: Audience: role
bot -> admin: Which role?
admin presses: Members
bot edits -> admin: Audience: role member
bot -> admin: Role: member: 6 people.
admin: Gym closed tomorrow.
bot -> admin: Add a photo or a document
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as member will see it:
bot -> admin: Gym closed tomorrow.
bot -> admin: Send this to 6 people (Role: member)?
admin presses: 📣 Send
bot edits -> admin: /^📣 Broadcast #1 — Role: member\nSent 0 · failed 0 · blocked 0 · left 6 of 6/
sleep 2s
stop host
db: SELECT count(*) > 0 FROM bc_recipients WHERE state = 'waiting' => t
start host
bot -> m1: Gym closed tomorrow.
bot -> m2: Gym closed tomorrow.
bot -> m3: Gym closed tomorrow.
bot -> m4: Gym closed tomorrow.
bot -> m5: Gym closed tomorrow.
bot -> m6: Gym closed tomorrow.
bot edits -> admin: /^✅ Broadcast #1 finished — Role: member\nSent 6 · failed 0 · blocked 0 · not sent 0, of 6, in /
bot -> admin: ✅ Broadcast #1 finished
silence -> m1
silence -> m2
silence -> m3
silence -> m4
silence -> m5
silence -> m6
db: SELECT count(*) FROM fb_outbox WHERE tag = 'bc:1' => 6
db: SELECT count(DISTINCT chat) FROM fb_outbox WHERE tag = 'bc:1' AND outcome = 'sent' => 6
db: SELECT count(*) FROM bc_recipients WHERE state = 'queued' => 6
