# An approval mode the plugin does not know is named in the log and
# treated as staff approval: the registration waits for an approver.
plugins: users
config: users.approval = sometimes
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha

log: approval = sometimes is not staff or auto: using staff
asha: /register
bot -> asha: full name
asha: Asha Verma
bot -> asha: mobile
asha: 9876543210
bot -> asha: age
asha: 28
bot -> asha: weight
asha: 60
bot -> asha: gender
asha: female
bot -> asha: Last step
asha: skip
bot -> admin: New registration
bot -> asha: waiting for approval
db: SELECT status FROM users_profiles WHERE user_id = 7000000001 => pending
