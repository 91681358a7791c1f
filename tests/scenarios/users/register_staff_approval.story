# A stranger registers (name, phone, age, weight, gender, photo); staff
# approval is on, so the super admin gets the card and approves it.
plugins: users
config: users.approval = staff
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha

asha: /start
bot -> asha: Welcome to the club's bot, Asha!
buttons: [📝 Register]
asha presses: 📝 Register
bot -> asha: What is your full name?
asha: Asha Verma
bot -> asha: Your mobile number?
asha: 98765 43210
bot -> asha: Your age in years? (10–100
asha: 28
bot -> asha: Your weight in kg? (20–300
asha: 72.5
bot -> asha: Your gender?
buttons: [Male] [Female] [Other]
asha presses: Female
bot edits -> asha: Your gender? female
bot -> asha: Last step: send a profile photo, or press Skip.
buttons: [Skip]
asha sends photo: me.jpg
bot -> admin: New registration
buttons: [✅ Approve] [❌ Reject]
bot -> asha: /Your profile is saved.*waiting for approval/
db: SELECT status FROM users_profiles WHERE user_id = 7000000001 => pending
db: SELECT full_name || '|' || phone || '|' || age || '|' || weight_kg || '|' || gender FROM users_profiles WHERE user_id = 7000000001 => Asha Verma|+919876543210|28|72.5|female
db: SELECT photo_file_id <> '' FROM users_profiles WHERE user_id = 7000000001 => t
db: SELECT role FROM fb_users WHERE id = 7000000001 => none

# waiting: /start says so, and nothing member-only works yet
asha: /start
bot -> asha: waiting for approval
asha: /menu
bot -> asha: Sorry, you are not allowed to do that.

admin presses: ✅ Approve
answer -> admin: Approved.
bot edits -> admin: /Approved by Ravi.*Asha Verma/
buttons: none
bot -> asha: Your registration was approved
buttons: [👤 My profile]
db: SELECT role FROM fb_users WHERE id = 7000000001 => member
db: SELECT status || ' ' || decided_by FROM users_profiles WHERE user_id = 7000000001 => approved 100000001
db: SELECT count(*) FROM users_audit WHERE user_id = 7000000001 AND action = 'approved' AND actor = 100000001 => 1

asha: /start
bot -> asha: /Asha Verma.*id: 7000000001.*role: member · status: approved/
buttons: [👤 My profile]

# the photo is kept by its Telegram file_id and shown to staff on request
admin: /member 7000000001
bot -> admin: photo: on file
buttons: [🖼 Photo] [🚫 Ban] [🗑 Delete] / [Make staff] [Make admin]
admin presses: 🖼 Photo
bot -> admin: Asha Verma
