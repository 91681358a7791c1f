# A banned member is in no audience: the subscriptions plugin's answers
# (active, here) leave banned people out as the users plugin's do. Kiran's
# membership is active but he is banned: the audience counts Asha only and
# he gets no copy.
plugins: users, subscriptions, broadcast
config: subscriptions.job_at = 23:59
config: broadcast.progress_every = 3600
user admin 100000001 Ravi admin
user asha 7000000001 Asha member
user kiran 7000000002 Kiran member
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)
sql: INSERT INTO subs_subscriptions (user_id, plan_id, days, price_paise, status, start_date, end_date, grace_days, paid_paise) VALUES (7000000001, 1, 30, 150000, 'paid', current_date - 10, current_date + 19, 7, 150000), (7000000002, 1, 30, 150000, 'paid', current_date - 10, current_date + 19, 7, 150000)
sql: UPDATE fb_users SET display_name = (ARRAY['Asha', 'Kiran'])[id - 7000000000] WHERE id > 7000000000
sql: UPDATE fb_users SET banned = true, ban_reason = 'rude to staff' WHERE id = 7000000002

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: Active
bot edits -> admin: Audience: active
bot -> admin: Active members: 1 person.
admin: Hi {name}, the club opens at 6 on Sunday.
bot -> admin: Add a photo or a document
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as Asha will see it:
bot -> admin: /^Hi Asha, the club opens at 6 on Sunday\.$/
bot -> admin: Send this to 1 person (Active members)?
admin presses: 📣 Send
bot -> asha: /^Hi Asha, the club opens at 6 on Sunday\.$/
bot edits -> admin: /Broadcast #1 — Active members/
bot edits -> admin: /^✅ Broadcast #1 finished — Active members\nSent 1 · failed 0 · blocked 0 · not sent 0, of 1, in /
bot -> admin: /^✅ Broadcast #1 finished/
silence -> kiran
db: SELECT string_agg(user_id::text, ',') FROM bc_recipients => 7000000001
db: SELECT count(*) FROM fb_outbox WHERE tag = 'bc:1' => 1
