# Register again: a waiting registrant is told to wait, a member is told
# they are registered already; neither starts a new flow.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha member
user raj 7000000002 Raj none

sql: INSERT INTO users_profiles (user_id, full_name, phone, age, weight_kg, gender, status) VALUES (7000000001, 'Asha Verma', '+919876543210', 28, 72.5, 'female', 'approved'), (7000000002, 'Raj Kumar', '+917000000002', 35, 80, 'male', 'pending')

asha: /register
bot -> asha: You are already registered. Send /menu to see what you can do.
raj: /register
bot -> raj: Your registration is waiting for approval
db: SELECT count(*) FROM fb_conversations => 0
raj: /start
bot -> raj: waiting for approval
asha: /start
bot -> asha: /Asha Verma.*role: member · status: approved/
