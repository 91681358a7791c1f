# Every audience with its size, as the plugin that knows answers it
# (broadcast.audience): all members (users), expired and in grace
# (subscriptions), inactive for N days (users, from when each last wrote to
# the bot), a role (users). Bad input is re-asked and changes nothing; a
# member cannot use the admin's buttons.
plugins: users, subscriptions, broadcast
config: subscriptions.job_at = 23:59
timezone: Asia/Kolkata
user admin 100000001 Ravi admin
user sunil 100000002 Sunil staff
user asha 7000000001 Asha member
user kiran 7000000002 Kiran member
user meera 7000000003 Meera member
user dev 7000000004 Dev member
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)
sql: INSERT INTO subs_subscriptions (user_id, plan_id, days, price_paise, status, start_date, end_date, grace_days, paid_paise) VALUES (7000000001, 1, 30, 150000, 'paid', current_date - 27, current_date + 2, 7, 150000), (7000000003, 1, 30, 150000, 'paid', current_date - 33, current_date - 4, 7, 150000), (7000000004, 1, 30, 150000, 'paid', current_date - 88, current_date - 59, 7, 150000)
sql: UPDATE fb_users SET last_seen = now() - interval '40 days' WHERE id IN (7000000002, 7000000004)
sql: UPDATE fb_users SET last_seen = now() - interval '10 days' WHERE id = 7000000003
sql: UPDATE fb_users SET display_name = 'Kiran K' WHERE id = 7000000002

asha: /broadcast
bot -> asha: not allowed
asha forges: bca:all
answer -> asha: Sorry, you are not allowed to do that.

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: All members
bot edits -> admin: Audience: all
bot -> admin: All members: 6 people.
admin: /broadcast
bot -> admin: Who should receive it?
admin presses: Expired
bot edits -> admin: Audience: expired
bot -> admin: Expired members: 1 person.
admin: /broadcast
bot -> admin: Who should receive it?
admin presses: In grace
bot edits -> admin: Audience: grace
bot -> admin: Members in grace: 1 person.
admin: /broadcast
bot -> admin: Who should receive it?
admin presses: A role
bot edits -> admin: Audience: role
bot -> admin: Which role?
admin presses: Staff
bot edits -> admin: Audience: role staff
bot -> admin: Role: staff: 1 person.
admin: /broadcast
bot -> admin: Who should receive it?
admin presses: Inactive for N days
bot edits -> admin: Audience: inactive
bot -> admin: Inactive for how many days? (1 to 3650)
admin: thirty
bot -> admin: Please send a whole number of days from 1 to 3650, e.g. 30.
admin: 0
bot -> admin: Please send a whole number of days from 1 to 3650, e.g. 30.
admin: 30
bot -> admin: Inactive for 30 days: 2 people.
admin: We miss you, {name}!
bot -> admin: Add a photo or a document
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as Kiran K will see it:
bot -> admin: We miss you, Kiran K!
bot -> admin: Send this to 2 people (Inactive for 30 days)?
admin presses: 📣 Send
bot -> kiran: We miss you, Kiran K!
bot -> dev: We miss you, member!
silence -> meera
silence -> asha
db: SELECT audience || ' ' || total FROM bc_broadcasts => Inactive for 30 days 2
bot edits -> admin: /Broadcast #1/
bot edits -> admin: /Broadcast #1 finished/
bot -> admin: /Broadcast #1 finished/
admin: /broadcast
bot -> admin: Who should receive it?
admin presses: Cancel
bot edits -> admin: Nothing was sent.
db: SELECT count(*) FROM bc_broadcasts => 1
