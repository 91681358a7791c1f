# [Stop] on a running broadcast: what the outbox has not requested yet is
# dropped (fb_bulk_cancel: the senders skip those rows), nothing more is
# queued, and the summary counts what was sent and what was not (no
# request was made for a cancelled row). Sending is slowed to one message a
# second so the press comes mid-way.
plugins: users, broadcast
host config: send_rate_global = 1
config: broadcast.progress_every = 3600
user admin 100000001 Ravi admin
user m1 7000000001 M1 member
user m2 7000000002 M2 member
user m3 7000000003 M3 member
user m4 7000000004 M4 member
user m5 7000000005 M5 member
user m6 7000000006 M6 member
user m7 7000000007 M7 member
user m8 7000000008 M8 member

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: A role
bot edits -> admin: Audience: role
bot -> admin: Which role?
admin presses: Members
bot edits -> admin: Audience: role member
bot -> admin: Role: member: 8 people.
admin: Class moved to 7 pm.
bot -> admin: Add a photo or a document
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as member will see it:
bot -> admin: Class moved to 7 pm.
bot -> admin: Send this to 8 people (Role: member)?
admin presses: 📣 Send
bot edits -> admin: /^📣 Broadcast #1 — Role: member\nSent 0 · failed 0 · blocked 0 · left 8 of 8/
buttons: [⏹ Stop]
sleep 2s
admin presses: ⏹ Stop
answer -> admin: Stopping: nothing more will be queued.
bot edits -> admin: Stopping broadcast #1
bot edits -> admin: /^⏹ Broadcast #1 stopped — Role: member\nSent [1-5] · failed 0 · blocked 0 · not sent [3-7], of 8, in /
bot -> admin: ⏹ Broadcast #1 stopped
db: SELECT status || ' ' || (sent + unsent) FROM bc_broadcasts => cancelled 8
db: SELECT count(*) FROM fb_outbox o, bc_broadcasts b WHERE o.tag = 'bc:1' AND o.outcome = 'cancelled' AND b.unsent = (SELECT count(*) FROM fb_outbox WHERE tag = 'bc:1' AND outcome = 'cancelled') => /^[3-7]$/
db: SELECT count(*) FROM fb_outbox WHERE tag = 'bc:1' AND outcome = 'cancelled' AND attempts > 0 => 0
db: SELECT count(*) FROM fb_outbox WHERE tag = 'bc:1' AND outcome = 'sent' => /^[1-5]$/
db: SELECT count(*) FROM bc_recipients WHERE state = 'waiting' => 0
admin forges: bcstop:1
answer -> admin: That broadcast is not running any more.
