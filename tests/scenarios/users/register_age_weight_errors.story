# Age (10-100, whole years) and weight (20-300 kg, one decimal) refuse
# what they cannot take and say what they accept.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha

asha: /register
bot -> asha: full name
asha: Asha Verma
bot -> asha: mobile
asha: 9876543210
bot -> asha: Your age in years?
asha: twenty eight
bot -> asha: Please send your age as a whole number of years, e.g. 28.
asha: -5
bot -> asha: whole number of years
asha: 28.5
bot -> asha: whole number of years
asha: 9
bot -> asha: Age must be between 10 and 100 years.
asha: 101
bot -> asha: Age must be between 10 and 100 years.
asha: 100
bot -> asha: Your weight in kg?
asha: heavy
bot -> asha: Please send your weight in kg as a number, e.g. 72 or 72.5.
asha: 72.55
bot -> asha: as a number
asha: 19.9
bot -> asha: Weight must be between 20 and 300 kg.
asha: 300.5
bot -> asha: Weight must be between 20 and 300 kg.
db: SELECT state || ' ' || (data->>'age') FROM fb_conversations WHERE key_user = 7000000001 => weight 100
asha: 20,5 kg
bot -> asha: Your gender?
db: SELECT data->>'weight' FROM fb_conversations WHERE key_user = 7000000001 => 20.5
