# A copy whose request may have reached Telegram when the host died is not
# sent again (a broadcast is at most once per member): here the kill comes
# while Dev's copy waits, and the row is made to look mid-request (its
# attempt counted), as a kill between the attempt mark and the delivery
# mark leaves it. At the start it is finished "unconfirmed", counted as
# sent, and the summary says so; Dev gets nothing more.
plugins: users, broadcast
host config: send_rate_global = 1
config: broadcast.progress_every = 3600
user admin 100000001 Ravi admin
user dev 7000000004 Dev staff

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: A role
bot edits -> admin: Audience: role
bot -> admin: Which role?
admin presses: Staff
bot edits -> admin: Audience: role staff
bot -> admin: Role: staff: 1 person.
admin: Staff meeting at 5.
bot -> admin: Add a photo or a document
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as member will see it:
bot -> admin: Staff meeting at 5.
bot -> admin: Send this to 1 person (Role: staff)?
admin presses: 📣 Send
bot edits -> admin: /^📣 Broadcast #1 — Role: staff/
kill host
sql: UPDATE fb_outbox SET attempts = 1 WHERE tag = 'bc:1' AND delivered_at IS NULL
db: SELECT count(*) FROM fb_outbox WHERE tag = 'bc:1' AND attempts = 1 => 1
start host
log: event=outbox_bulk_unconfirmed
bot edits -> admin: /^✅ Broadcast #1 finished — Role: staff\nSent 1 · failed 0 · blocked 0 · not sent 0, of 1, in .*\n1 of the sent were being sent when the bot stopped/
bot -> admin: ✅ Broadcast #1 finished
silence -> dev
db: SELECT outcome FROM fb_outbox WHERE tag = 'bc:1' => unconfirmed
