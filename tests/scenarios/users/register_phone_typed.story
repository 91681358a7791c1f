# Typing the number works next to the Share button; a wrong typed number
# is explained and the button is offered again; the age question takes
# the keyboard away, and so does /cancel.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha
user ravi 7000000002 Ravi phone=+919811122233

asha: /register
bot -> asha: full name
asha: Asha Verma
bot -> asha: Your mobile number?
buttons: {📱 Share my phone number}
asha: 98765
bot -> asha: An Indian mobile number has 10 digits
buttons: {📱 Share my phone number}
asha: 98765 43210
bot -> asha: Your age in years?
buttons: {remove keyboard}
db: SELECT data->>'phone' FROM fb_conversations WHERE key_user = 7000000001 => +919876543210

# /cancel at the phone step: the keyboard goes with the flow
ravi: /register
bot -> ravi: full name
ravi: Ravi Kumar
bot -> ravi: Your mobile number?
ravi: /cancel
bot -> ravi: Cancelled.
buttons: {remove keyboard}
