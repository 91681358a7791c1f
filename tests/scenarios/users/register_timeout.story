# A registration left alone past the conversation timeout is dropped: the
# next message hears that it timed out (and the phone step's keyboard
# goes), and the answers are gone.
plugins: users
super admin: 100000001
conversation timeout: 10

user admin 100000001 Ravi admin
user asha 7000000001 Asha

asha: /register
bot -> asha: full name
asha: Asha Verma
bot -> asha: mobile
sleep 11s
asha: 9876543210
bot -> asha: Registration timed out. Send /start to begin again.
buttons: {remove keyboard}
silence -> asha
db: SELECT count(*) FROM fb_conversations WHERE key_user = 7000000001 => 0
db: SELECT count(*) FROM users_profiles => 0
asha: /start
bot -> asha: Welcome
