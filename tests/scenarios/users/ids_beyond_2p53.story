# Telegram types ids as 64-bit integers: a member whose id is beyond 2^53
# (where a double can no longer hold every integer) talks to the bot. The
# host reads the update with exact ids, so the reply reaches that chat and
# the member's row carries the same id (read as a double, 9007199254740993
# would become ...992: another chat, another person).
plugins: users
config: users.approval = auto
super admin: 100000001

user admin 100000001 Ravi admin
user big 9007199254740993 Big phone=919876543210

big: /register
bot -> big: What is your full name?
big: Big Kumar
bot -> big: Your mobile number?
big presses: 📱 Share my phone number
bot -> big: Your age in years?
big: 30
bot -> big: Your weight in kg?
big: 70
bot -> big: Your gender?
big presses: Male
bot edits -> big: Your gender? male
bot -> big: Last step
big presses: Skip
bot edits -> big: send a profile photo, or press Skip. Skip
bot -> big: Welcome to the club, Big Kumar! You are now a member.
big: /whoami
bot -> big: /id: 9007199254740993/
db: SELECT count(*) || '|' || min(id)::text FROM fb_users WHERE id > 9007199254740000 => 1|9007199254740993
db: SELECT user_id::text FROM users_profiles WHERE user_id > 9007199254740000 => 9007199254740993
