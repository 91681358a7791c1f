# What a member sees of the other plugins: /menu lists the commands of
# every loaded plugin the member may use (hello's after users'), staff see
# theirs too; an approved member's full name becomes their name for every
# plugin (fb_user_name reads fb_users.display_name).
plugins: users, hello
plugin dir: examples/plugins
plugin: plugins/users.so
super admin: 100000001

user admin 100000001 Ravi admin
user sunil 100000003 Sunil staff
user asha 7000000001 Asha none

sql: INSERT INTO users_profiles (user_id, full_name, phone, age, weight_kg, gender, status) VALUES (7000000001, 'Asha Verma', '+919876543210', 28, 72.5, 'female', 'pending')

admin: /pending
bot -> admin: 1 registration(s) waiting
bot -> admin: Asha Verma
admin presses: ✅ Approve
answer -> admin: Approved.
bot -> asha: Your registration was approved
db: SELECT display_name FROM fb_users WHERE id = 7000000001 => Asha Verma

asha: /menu
bot -> asha: /^📋 Menu, Asha Verma\n\n\/start — Start: your status and menu\n\/register — Register as a member\n\/whoami — Who am I\n\/menu — Your menu\n\/hello — say hello\n\/book — book a class\n\/mine — my bookings$/
buttons: [👤 My profile]
asha: /book
bot -> asha: Which class would you like?

sunil: /menu
bot -> sunil: /pending — Registrations waiting for approval\n/hello — say hello\n/book — book a class\n/mine — my bookings\n/bookings — latest bookings
buttons: [👤 My profile] / [🔎 Find a member] / [⏳ Pending registrations]
