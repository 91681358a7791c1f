# Paid broadcasts, switched on twice as the operator does it: the host's
# paid_broadcast_rate and [plugin.broadcast] paid = true. The confirmation
# tells the admin the cost; each copy leaves with allow_paid_broadcast (the
# sandbox counts the paid messages and the Stars they cost) and its row is
# stored paid; the summary says how many were paid. A second broadcast
# when the bot's Stars run out: Telegram refuses the copies it cannot pay
# (400), each is counted failed, once, not retried, and the summary says why.
plugins: users, broadcast
host config: paid_broadcast_rate = 1000
config: broadcast.paid = true
user admin 100000001 Ravi admin
user asha 7000000001 Asha member
user kiran 7000000002 Kiran member
user meera 7000000003 Meera member
sql: UPDATE fb_users SET display_name = (ARRAY['Asha', 'Kiran', 'Meera'])[id - 7000000000] WHERE id > 7000000000

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: A role
bot edits -> admin: Audience: role
bot -> admin: Which role?
admin presses: Members
bot edits -> admin: Audience: role member
bot -> admin: Role: member: 3 people.
admin: Hello {name}: open day on Sunday.
bot -> admin: Add a photo or a document
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as Asha will see it:
bot -> admin: Hello Asha: open day on Sunday.
bot -> admin: /^Send this to 3 people \(Role: member\)\?\n⭐ Paid broadcast: about 3 × 0\.1 ⭐ = 0\.3 Stars from the bot's balance/
buttons: [📣 Send] [Cancel]
admin presses: 📣 Send
bot -> asha: Hello Asha: open day on Sunday.
bot -> kiran: Hello Kiran: open day on Sunday.
bot -> meera: Hello Meera: open day on Sunday.
bot edits -> admin: /Broadcast #1/
bot edits -> admin: /^✅ Broadcast #1 finished — Role: member\nSent 3 · failed 0 · blocked 0 · not sent 0, of 3, in [0-9]+s\.\n⭐ 3 sent as paid broadcasts \(about 0\.3 Stars\)\.$/
bot -> admin: /^✅ Broadcast #1 finished/
counter: paid_messages => 3
counter: stars_spent_x10 => 3
counter: limit_violations => 0
db: SELECT string_agg(paid::text || ':' || outcome, ',') FROM fb_outbox WHERE tag = 'bc:1' => true:sent,true:sent,true:sent

# the balance pays for one more copy only (whichever leaves first)
stars: 0.1
admin: /broadcast
bot -> admin: Who should receive it?
admin presses: A role
bot edits -> admin: Audience: role
bot -> admin: Which role?
admin presses: Members
bot edits -> admin: Audience: role member
bot -> admin: Role: member: 3 people.
admin: Reminder: open day tomorrow.
bot -> admin: Add a photo or a document
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as Asha will see it:
bot -> admin: Reminder: open day tomorrow.
bot -> admin: /about 3 × 0\.1 ⭐ = 0\.3 Stars/
admin presses: 📣 Send
bot edits -> admin: /Broadcast #2/
bot edits -> admin: /^✅ Broadcast #2 finished — Role: member\nSent 1 · failed 2 · blocked 0 · not sent 0, of 3, in [0-9]+s\.\n⭐ 1 sent as paid broadcasts \(about 0\.1 Stars\)\.\n⚠️ 2 not sent: Telegram refused them because the bot's Star balance ran out\./
bot -> admin: /^✅ Broadcast #2 finished/
db: SELECT sent || ' ' || failed FROM bc_broadcasts WHERE id = 2 => 1 2
db: SELECT string_agg(outcome, ',' ORDER BY outcome DESC) FROM fb_outbox WHERE tag = 'bc:2' => sent,no_stars,no_stars
counter: responses_400_no_stars => 2
counter: paid_messages => 4
log: event=send_dropped
