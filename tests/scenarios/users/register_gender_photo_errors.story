# Gender must be one of the buttons (or typed as such); the photo must be
# a photo, not a file or text, unless skipped.
plugins: users
config: users.approval = auto
super admin: 100000001

user admin 100000001 Ravi admin
user asha 7000000001 Asha

asha: /register
bot -> asha: full name
asha: Asha Verma
bot -> asha: mobile
asha: 9876543210
bot -> asha: age
asha: 30
bot -> asha: weight
asha: 60
bot -> asha: Your gender?
asha: yes
bot -> asha: Please choose with the buttons: Male, Female or Other.
buttons: [Male] [Female] [Other]
asha: FEMALE
bot -> asha: Last step
# the gender buttons are stale now: pressing one changes nothing
asha presses data: ugen:m
answer -> asha: This button has expired.
asha: here is my photo
bot -> asha: Please send a photo (as a picture, not as a file), or press Skip.
asha sends document: me.png
bot -> asha: That came as a file: please send it as a photo, or press Skip.
db: SELECT state || ' ' || (data->>'gender') FROM fb_conversations WHERE key_user = 7000000001 => photo female
asha sends photo: me.jpg
bot -> asha: Welcome to the club, Asha Verma!
db: SELECT gender || ' ' || (photo_file_id IS NOT NULL) FROM users_profiles WHERE user_id = 7000000001 => female true
db: SELECT count(*) FROM fb_conversations WHERE key_user = 7000000001 => 0
