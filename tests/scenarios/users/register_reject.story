# The admin rejects a registration: the registrant is told, stays a
# stranger and may register again.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user raj 7000000002 Raj

raj: /start
bot -> raj: Welcome
raj presses: 📝 Register
bot -> raj: full name
raj: Raj Kumar
bot -> raj: mobile number
raj: +91 70000 00002
bot -> raj: age
raj: 35
bot -> raj: weight
raj: 80
bot -> raj: gender
raj: m
bot -> raj: Last step
raj: skip
bot -> admin: /New registration.*Raj Kumar/
bot -> raj: waiting for approval

admin presses: ❌ Reject
answer -> admin: Rejected.
bot edits -> admin: /Rejected by Ravi.*Raj Kumar/
bot -> raj: Your registration was not approved.
db: SELECT status FROM users_profiles WHERE user_id = 7000000002 => rejected
db: SELECT role FROM fb_users WHERE id = 7000000002 => none
db: SELECT count(*) FROM users_audit WHERE user_id = 7000000002 AND action = 'rejected' => 1

raj: /start
bot -> raj: /Welcome.*not approved. You may register again/
buttons: [📝 Register]
raj presses: 📝 Register
bot -> raj: What is your full name?
