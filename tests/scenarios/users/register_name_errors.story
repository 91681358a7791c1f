# Every wrong full name gets its own explanation; the flow stays at the
# name until a good one comes.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha

asha: /register
bot -> asha: What is your full name?
asha: A
bot -> asha: That name is too short: use at least 2 letters
asha: Asha2 Verma
bot -> asha: A name may hold letters, spaces, dots, hyphens and apostrophes only
asha: Asha 😀
bot -> asha: (no digits or emoji)
asha: <b>Asha</b>
bot -> asha: A name may hold letters
asha: .-'.
bot -> asha: A name needs letters, e.g. Asha Verma.
asha: Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
bot -> asha: That name is too long: at most 64 characters
db: SELECT state FROM fb_conversations WHERE key_user = 7000000001 => name
asha: आशा वर्मा
bot -> asha: Your mobile number?
db: SELECT state || ' ' || (data->>'name') FROM fb_conversations WHERE key_user = 7000000001 => phone आशा वर्मा
