# Members who blocked the bot: one the host already knew (fb_users.blocked,
# skipped without a request) and one who blocks it now (a 403 during the
# broadcast: the host marks her once). Both count as blocked; the others
# get their copy. A role audience (members) answered by the users plugin.
plugins: users, broadcast
user admin 100000001 Ravi admin
user asha 7000000001 Asha member
user kiran 7000000002 Kiran member
user meera 7000000003 Meera member
user dev 7000000004 Dev staff
sql: UPDATE fb_users SET display_name = 'Asha R' WHERE id = 7000000001
sql: UPDATE fb_users SET blocked = true WHERE id = 7000000002
meera blocks the bot

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: A role
bot edits -> admin: Audience: role
bot -> admin: Which role?
buttons: [Members] [Staff] [Admins] / [Cancel]
admin presses: Members
bot edits -> admin: Audience: role member
bot -> admin: Role: member: 3 people.
admin: Dear {name}: the pool is closed today.
bot -> admin: Add a photo or a document
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as Asha R will see it:
bot -> admin: Dear Asha R: the pool is closed today.
bot -> admin: Send this to 3 people (Role: member)?
admin presses: 📣 Send
bot -> asha: /^Dear Asha R: the pool is closed today\.$/
silence -> kiran
silence -> dev
bot edits -> admin: /Broadcast #1/
bot edits -> admin: /^✅ Broadcast #1 finished — Role: member\nSent 1 · failed 0 · blocked 2 · not sent 0, of 3, in /
bot -> admin: ✅ Broadcast #1 finished
db: SELECT sent || ' ' || blocked FROM bc_broadcasts WHERE id = 1 => 1 2
db: SELECT string_agg(id::text, ',' ORDER BY id) FROM fb_users WHERE blocked => 7000000002,7000000003
db: SELECT count(*) FROM fb_outbox WHERE tag = 'bc:1' => 2
counter: blocked_403 => 1
