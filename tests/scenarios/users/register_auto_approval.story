# approval = auto: the phone is shared with the button, the photo is
# skipped with the button, and the registrant is a member at once.
plugins: users
config: users.approval = auto
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha phone=919876543210

asha: /register
bot -> asha: What is your full name?
asha:   asha   d'souza-rao  
bot -> asha: Your mobile number?
asha presses: 📱 Share my phone number
bot -> asha: Your age in years?
asha: 10
bot -> asha: Your weight in kg?
asha: 300 kg
bot -> asha: Your gender?
asha presses: Other
bot edits -> asha: Your gender? other
bot -> asha: Last step
asha presses: Skip
bot edits -> asha: send a profile photo, or press Skip. Skip
bot -> asha: Welcome to the club, asha d'souza-rao! You are now a member.
buttons: [👤 My profile]
silence -> admin
db: SELECT status || '|' || phone || '|' || age || '|' || weight_kg || '|' || gender || '|' || coalesce(photo_file_id, 'no photo') FROM users_profiles WHERE user_id = 7000000001 => approved|+919876543210|10|300.0|other|no photo
db: SELECT role FROM fb_users WHERE id = 7000000001 => member

asha: /menu
bot -> asha: Menu
buttons: [👤 My profile]
asha presses: 👤 My profile
bot -> asha: /asha d'souza-rao.*phone: \+919876543210.*age: 10 · weight: 300.0 kg · other/
asha: /whoami
bot -> asha: role: member · status: approved
