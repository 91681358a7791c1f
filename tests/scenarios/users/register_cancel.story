# /cancel in the middle of registering drops the answers; what is typed
# afterwards lands nowhere, and /start offers registration again.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha

asha: /start
bot -> asha: Welcome
asha presses: 📝 Register
bot -> asha: full name
asha: Asha Verma
bot -> asha: mobile
# /start in the middle asks the current question again
asha: /start
bot -> asha: Your mobile number?
asha: /cancel
bot -> asha: Cancelled.
db: SELECT count(*) FROM fb_conversations WHERE key_user = 7000000001 => 0
asha: 9876543210
bot -> asha: Sorry, I did not understand that.
db: SELECT count(*) FROM users_profiles => 0
asha: /start
bot -> asha: Welcome
buttons: [📝 Register]
