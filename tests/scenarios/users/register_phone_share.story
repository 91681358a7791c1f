# The phone step offers a "Share my phone number" reply keyboard: pressing
# it shares the member's own contact; someone else's contact is refused;
# typing the number still works. The age question takes the keyboard away.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 "Asha Rao" phone=+919876543210
user meera 7000000002 Meera phone=917012345678
user vikram 7000000003 Vikram

# shared with the button
asha: /register
bot -> asha: full name
asha: Asha Rao
bot -> asha: Your mobile number? Press “📱 Share my phone number” below, or type it
buttons: {📱 Share my phone number}
asha presses: 📱 Share my phone number
bot -> asha: Your age in years?
buttons: {remove keyboard}
db: SELECT data->>'phone' FROM fb_conversations WHERE key_user = 7000000001 => +919876543210

# someone else's contact is refused, the question and keyboard come again
vikram: /register
bot -> vikram: full name
vikram: Vikram Singh
bot -> vikram: Your mobile number?
vikram sends contact of meera: +917012345678
bot -> vikram: That is someone else's contact. Please share your own number with “📱 Share my phone number”, or type it.
buttons: {📱 Share my phone number}
db: SELECT state || '|' || coalesce(data->>'phone', 'none') FROM fb_conversations WHERE key_user = 7000000003 => phone|none
# a contact of his own (as Telegram sends it: no '+') is fine
vikram sends contact: 919812345678
bot -> vikram: Your age in years?
buttons: {remove keyboard}
db: SELECT data->>'phone' FROM fb_conversations WHERE key_user = 7000000003 => +919812345678
