# An admin broadcasts to the active members: the audience's size comes from
# the subscriptions plugin (broadcast.audience), the text has {name}, the
# preview is the first member's copy, and after [Send] each active member
# (a frozen one too) gets their own copy once; the one in grace and the
# expired one get nothing. The progress message ends as the summary.
plugins: users, subscriptions, broadcast
timezone: Asia/Kolkata
config: subscriptions.job_at = 23:59
user admin 100000001 Ravi admin
user asha 7000000001 Asha member
user kiran 7000000002 Kiran member
user meera 7000000003 Meera member
user dev 7000000004 Dev member
sql: UPDATE fb_users SET display_name = (ARRAY['Asha Rao', 'Kiran', 'Meera', 'Dev'])[id - 7000000000] WHERE id > 7000000000
sql: INSERT INTO subs_plans (name, days, price_paise) VALUES ('Monthly', 30, 150000)
sql: INSERT INTO subs_subscriptions (user_id, plan_id, days, price_paise, status, start_date, end_date, grace_days, paid_paise) VALUES (7000000001, 1, 30, 150000, 'paid', current_date - 27, current_date + 2, 7, 150000), (7000000002, 1, 30, 150000, 'paid', current_date - 13, current_date + 16, 7, 150000), (7000000003, 1, 30, 150000, 'paid', current_date - 33, current_date - 4, 7, 150000), (7000000004, 1, 30, 150000, 'paid', current_date - 88, current_date - 59, 7, 150000)
sql: INSERT INTO subs_freezes (subscription_id, start_date, end_date, days, reason, by_user) VALUES (2, current_date - 3, current_date + 6, 10, 'travel', 100000001)

admin: /broadcast
bot -> admin: New broadcast. Who should receive it?
buttons: [All members] [Active] / [Expired] [In grace] / [Inactive for N days] [A role] / [Cancel]
admin: hello
bot -> admin: Please pick the audience with the buttons
admin presses: Active
bot edits -> admin: Audience: active
bot -> admin: Active members: 2 people.
admin: Hi {name}, the club opens at 6 on Sunday.
bot -> admin: Add a photo or a document
buttons: [No attachment] [Cancel]
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as Asha Rao will see it:
bot -> admin: /^Hi Asha Rao, the club opens at 6 on Sunday\.$/
bot -> admin: Send this to 2 people (Active members)?
buttons: [📣 Send] [Cancel]
admin presses: 📣 Send
bot -> asha: /^Hi Asha Rao, the club opens at 6 on Sunday\.$/
bot -> kiran: /^Hi Kiran, the club opens at 6 on Sunday\.$/
silence -> meera
silence -> dev
bot edits -> admin: /Broadcast #1 — Active members/
bot edits -> admin: /^✅ Broadcast #1 finished — Active members\nSent 2 · failed 0 · blocked 0 · not sent 0, of 2, in /
bot -> admin: /^✅ Broadcast #1 finished/
buttons: none
db: SELECT status || ' ' || sent || ' ' || failed || ' ' || blocked || ' ' || unsent FROM bc_broadcasts => done 2 0 0 0
db: SELECT count(*) FROM fb_outbox WHERE tag = 'bc:1' AND outcome = 'sent' => 2
