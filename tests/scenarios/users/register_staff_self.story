# Staff who fill in their own profile are approved at once and keep their
# role, even with staff approval on; nobody is asked to approve them.
plugins: users
config: users.approval = staff
super admin: 100000001

user admin 100000001 Ravi admin
user sunil 100000003 Sunil staff

sunil: /start
bot -> sunil: /Sunil.*role: staff · status: not registered/
sunil: /register
bot -> sunil: full name
sunil: Sunil Rao
bot -> sunil: mobile
sunil: 7777777777
bot -> sunil: age
sunil: 45
bot -> sunil: weight
sunil: 70
bot -> sunil: gender
sunil presses: Male
bot edits -> sunil: Your gender? male
bot -> sunil: Last step
sunil presses: Skip
bot edits -> sunil: Skip
bot -> sunil: Welcome to the club, Sunil Rao!
buttons: [👤 My profile] / [🔎 Find a member] / [⏳ Pending registrations]
silence -> admin
db: SELECT u.role || ' ' || p.status FROM fb_users u JOIN users_profiles p ON p.user_id = u.id WHERE u.id = 100000003 => staff approved
sunil: /register
bot -> sunil: You are already registered.
