# Input no plugin claims is never swallowed in silence in a private chat:
# the host says it did not understand and lists the commands this person
# may use, derived from the route table (a stranger never sees staff
# commands). In a group, the bot stays quiet.
plugins: users
user asha 7000000001 "Asha" none
user sunil 100000003 "Sunil" staff
group club -1002003004005 "Morning club" asha sunil

asha: hello there
bot -> asha: /^Sorry, I did not understand that\.\nCommands you can use: \/start \/register \/whoami$/
asha: /frobnicate
bot -> asha: Sorry, I did not understand that.
db: SELECT count(*) FROM users_profiles => 0

sunil: /frobnicate
bot -> sunil: /Commands you can use: .*\/find \/member \/pending$/

asha in club: hello everyone
silence -> club
