# Only admins change roles: promote a member to staff (who then may use
# staff commands), demote them again; staff cannot, even with forged data.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user sunil 100000003 Sunil staff
user asha 7000000001 Asha member
user raj 7000000002 Raj none

sql: INSERT INTO users_profiles (user_id, full_name, phone, age, weight_kg, gender, status) VALUES (7000000001, 'Asha Verma', '+919876543210', 28, 72.5, 'female', 'approved')

asha: /find Raj
bot -> asha: Sorry, you are not allowed to do that.

admin: /member 7000000001
bot -> admin: /Asha Verma.*role: member/
buttons: [🚫 Ban] [🗑 Delete] / [Make staff] [Make admin]
admin presses: Make staff
answer -> admin: Asha Verma is now staff.
bot edits -> admin: role: staff
buttons: [🚫 Ban] [🗑 Delete] / [Make member] [Make admin]
bot -> asha: Your role in the club's bot is now: staff.
db: SELECT role FROM fb_users WHERE id = 7000000001 => staff
db: SELECT detail FROM users_audit WHERE user_id = 7000000001 AND action = 'role' => staff

asha: /find 7000000002
bot -> asha: id: 7000000002

# staff may not change roles: the host refuses, nothing changes
sunil: /pending
bot -> sunil: No registrations are waiting
sunil forges: urole:7000000001:admin
answer -> sunil: Sorry, you are not allowed to do that.
sunil forges: urole:7000000002:staff
answer -> sunil: Sorry, you are not allowed to do that.
db: SELECT string_agg(role, ',' ORDER BY id) FROM fb_users WHERE id IN (7000000001, 7000000002) => staff,none

# admins: not on strangers, not on themselves, not twice, not to junk
admin forges: urole:7000000002:staff
answer -> admin: Only registered members can be given a role
admin forges: urole:100000001:member
answer -> admin: You cannot do that to yourself.
admin forges: urole:7000000001:staff
answer -> admin: They already have that role.
admin forges: urole:7000000001:owner
answer -> admin: This button is not valid.

admin: /member 7000000001
bot -> admin: role: staff
admin presses: Make member
answer -> admin: Asha Verma is now member.
bot edits -> admin: role: member
bot -> asha: Your role in the club's bot is now: member.
asha: /pending
bot -> asha: Sorry, you are not allowed to do that.
db: SELECT role FROM fb_users WHERE id = 7000000001 => member
