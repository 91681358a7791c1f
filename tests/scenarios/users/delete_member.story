# An admin deletes a member with everything they own: a confirmation
# first, then the core row and the profile go (user.deleted tells the
# other plugins); the person is a stranger again.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha member

sql: INSERT INTO users_profiles (user_id, full_name, phone, age, weight_kg, gender, status) VALUES (7000000001, 'Asha Verma', '+919876543210', 28, 72.5, 'female', 'approved')

admin: /member 7000000001
bot -> admin: Asha Verma
admin presses: 🗑 Delete
bot -> admin: Delete Asha Verma (id 7000000001) and everything that belongs to them? This cannot be undone.
buttons: [🗑 Yes, delete everything] [Keep]
# Keep shows the card again and deletes nothing
admin presses: Keep
bot -> admin: /Asha Verma.*role: member/
db: SELECT count(*) FROM users_profiles WHERE user_id = 7000000001 => 1
admin presses: 🗑 Delete
bot -> admin: This cannot be undone.
admin presses: 🗑 Yes, delete everything
answer -> admin: Deleted.
bot edits -> admin: Asha Verma (id 7000000001) and everything that belonged to them were deleted.
bot -> asha: Your membership and your data were deleted by the club.
db: SELECT count(*) FROM fb_users WHERE id = 7000000001 => 0
db: SELECT count(*) FROM users_profiles WHERE user_id = 7000000001 => 0
db: SELECT count(*) FROM users_audit WHERE user_id = 7000000001 AND action = 'deleted' => 1

# pressing the stale confirmation again finds nobody
admin forges: udcf:7000000001
answer -> admin: That member no longer exists.
asha: /start
bot -> asha: Welcome to the club's bot
db: SELECT role FROM fb_users WHERE id = 7000000001 => none
