# Two admins act on the same registration at the same moment, one with
# Approve and one with Reject: exactly one decision is recorded, the member
# hears one outcome, the other admin is told it was already decided.
plugins: users
super admin: 100000001

user boss 100000001 Ravi admin
user meera 100000002 Meera admin
user asha 7000000001 Asha none

sql: INSERT INTO users_profiles (user_id, full_name, phone, age, weight_kg, gender, status) VALUES (7000000001, 'Asha Verma', '+919876543210', 28, 72.5, 'female', 'pending')

boss: /pending
bot -> boss: waiting
bot -> boss: Asha Verma
meera: /pending
bot -> meera: waiting
bot -> meera: Asha Verma
# both press before either answer arrives (different chats run in parallel)
boss presses: ✅ Approve
meera presses: ❌ Reject
answer -> boss: /^(Approved\.|Already decided: rejected\.)$/
answer -> meera: /^(Rejected\.|Already decided: approved\.)$/
bot edits -> boss: /Approved by Ravi|Already decided/
bot edits -> meera: /Rejected by Meera|Already decided/
bot -> asha: /registration was approved|registration was not approved/
silence -> asha
db: SELECT count(*) FROM users_audit WHERE user_id = 7000000001 AND action IN ('approved', 'rejected') => 1
db: SELECT (p.status = 'approved') = (u.role = 'member') FROM users_profiles p JOIN fb_users u ON u.id = p.user_id WHERE p.user_id = 7000000001 => t
db: SELECT status <> 'pending' FROM users_profiles WHERE user_id = 7000000001 => t
