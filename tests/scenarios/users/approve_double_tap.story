# A double tap on Approve (the same button twice, the second press
# arriving after the first was handled) approves once.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha none

sql: INSERT INTO users_profiles (user_id, full_name, phone, age, weight_kg, gender, status) VALUES (7000000001, 'Asha Verma', '+919876543210', 28, 72.5, 'female', 'pending')

admin: /pending
bot -> admin: 1 registration(s) waiting
bot -> admin: Asha Verma
buttons: [✅ Approve] [❌ Reject]
admin presses: ✅ Approve
answer -> admin: Approved.
bot edits -> admin: Approved by Ravi
bot -> asha: Your registration was approved
# the second tap of the same button (its keyboard is gone by now)
admin forges: uapr:7000000001:a
answer -> admin: Already decided: approved.
bot edits -> admin: Already decided: approved.
silence -> asha
db: SELECT count(*) FROM users_audit WHERE user_id = 7000000001 AND action = 'approved' => 1
db: SELECT role || ' ' || (SELECT status FROM users_profiles WHERE user_id = 7000000001) FROM fb_users WHERE id = 7000000001 => member approved
admin: /pending
bot -> admin: No registrations are waiting for approval.
