# Every wrong phone number gets its own explanation; typed and shared
# numbers are normalised to +91XXXXXXXXXX.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha

asha: /register
bot -> asha: full name
asha: Asha Verma
bot -> asha: Your mobile number?
asha: call me maybe
bot -> asha: A phone number has digits only
asha: 12345
bot -> asha: An Indian mobile number has 10 digits, e.g. 98765 43210.
asha: 98765 432100
bot -> asha: An Indian mobile number has 10 digits
asha: 5876543210
bot -> asha: Indian mobile numbers start with 6, 7, 8 or 9
asha: +1 415 555 2671
bot -> asha: Only Indian mobile numbers (+91) are accepted
asha sends contact: +44 20 7946 0958
bot -> asha: Only Indian mobile numbers (+91) are accepted
db: SELECT state FROM fb_conversations WHERE key_user = 7000000001 => phone
asha: 0091-98765-43210
bot -> asha: Your age in years?
db: SELECT data->>'phone' FROM fb_conversations WHERE key_user = 7000000001 => +919876543210
