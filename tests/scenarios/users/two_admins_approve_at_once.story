# Two admins press Approve on their own copies at the same moment: the
# member is approved once and hears it once.
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
boss presses: ✅ Approve
meera presses: ✅ Approve
answer -> boss: /^(Approved\.|Already decided: approved\.)$/
answer -> meera: /^(Approved\.|Already decided: approved\.)$/
bot -> asha: Your registration was approved
silence -> asha
db: SELECT count(*) FROM users_audit WHERE user_id = 7000000001 AND action = 'approved' => 1
db: SELECT role FROM fb_users WHERE id = 7000000001 => member
