# Staff ban a member with a reason (the member is told, and only /start
# still answers them), then unban them with a reason.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user sunil 100000003 Sunil staff
user asha 7000000001 Asha member

sql: INSERT INTO users_profiles (user_id, full_name, phone, age, weight_kg, gender, status) VALUES (7000000001, 'Asha Verma', '+919876543210', 28, 72.5, 'female', 'approved')

sunil: /member 7000000001
bot -> sunil: /Asha Verma.*role: member · status: approved/
buttons: [🚫 Ban] [🗑 Delete]
sunil presses: 🚫 Ban
bot -> sunil: Why are you banning Asha Verma? Send the reason (or /cancel).
sunil: rude to the trainers
bot -> sunil: Asha Verma is banned. Reason: rude to the trainers
bot -> asha: You are banned from this club's bot.\nReason: rude to the trainers
db: SELECT banned || ' ' || ban_reason FROM fb_users WHERE id = 7000000001 => true rude to the trainers
db: SELECT detail FROM users_audit WHERE user_id = 7000000001 AND action = 'banned' AND actor = 100000003 => rude to the trainers

# banned: /start tells them why, everything else is refused by the host
asha: /menu
bot -> asha: Your access to this bot has been suspended.
asha: /start
bot -> asha: You are banned from this club's bot.\nReason: rude to the trainers
asha: /whoami
bot -> asha: suspended

sunil: /member 7000000001
bot -> sunil: banned: rude to the trainers
buttons: [♻️ Unban] [🗑 Delete]
sunil presses: ♻️ Unban
bot -> sunil: Why are you unbanning Asha Verma?
sunil: apologised
bot -> sunil: Asha Verma is unbanned. Reason: apologised
bot -> asha: You are no longer banned. Reason: apologised
db: SELECT banned FROM fb_users WHERE id = 7000000001 => f
asha: /menu
bot -> asha: Menu
