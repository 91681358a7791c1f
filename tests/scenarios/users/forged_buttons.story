# Callback data is untrusted: a member (or a stranger) pressing admin
# buttons they were never sent is refused and nothing changes.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha member
user raj 7000000002 Raj none
user eve 7000000003 Eve none

sql: INSERT INTO users_profiles (user_id, full_name, phone, age, weight_kg, gender, status) VALUES (7000000001, 'Asha Verma', '+919876543210', 28, 72.5, 'female', 'approved'), (7000000002, 'Raj Kumar', '+917000000002', 35, 80, 'male', 'pending')

asha: /start
bot -> asha: Asha Verma
raj: /start
bot -> raj: waiting for approval
eve: /start
bot -> eve: Welcome
asha forges: uapr:7000000002:a
answer -> asha: Sorry, you are not allowed to do that.
asha forges: uban:7000000002
answer -> asha: Sorry, you are not allowed to do that.
asha forges: udcf:7000000002
answer -> asha: Sorry, you are not allowed to do that.
asha forges: urole:7000000001:admin
answer -> asha: Sorry, you are not allowed to do that.
raj forges: uapr:7000000002:a
answer -> raj: Sorry, you are not allowed to do that.
eve forges: uview:7000000001
answer -> eve: Sorry, you are not allowed to do that.
silence -> asha
silence -> raj
db: SELECT status FROM users_profiles WHERE user_id = 7000000002 => pending
db: SELECT string_agg(id || '=' || role || '/' || banned, ',' ORDER BY id) FROM fb_users WHERE id >= 7000000001 => 7000000001=member/false,7000000002=none/false,7000000003=none/false
db: SELECT count(*) FROM users_profiles => 2
db: SELECT count(*) FROM users_audit => 0

# an admin's button with a target that does not exist, or junk
admin: /pending
bot -> admin: 1 registration(s) waiting
bot -> admin: Raj Kumar
admin forges: uapr:7000000009:a
answer -> admin: This registration no longer exists.
admin forges: uapr:7000000002:x
answer -> admin: This button is not valid.
admin forges: uapr:
answer -> admin: This button is not valid.
db: SELECT status FROM users_profiles WHERE user_id = 7000000002 => pending
