# Ids typed by staff: surrounding spaces trimmed, junk refused with an
# example, 64-bit ids handled exactly (no rounding through a double).
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user sunil 100000003 Sunil staff
user asha 7000000001 Asha member

sql: INSERT INTO fb_users (id, first_name, role) VALUES (9007199254740993, 'Big', 'member')

sunil: /member  7000000001 
bot -> sunil: id: 7000000001
sunil: /member 70000000O1
bot -> sunil: “70000000O1” is not an id: an id has digits only, e.g. 7000000001.
sunil: /member -5
bot -> sunil: “-5” is not an id: an id has digits only, e.g. 7000000001.
sunil: /member
bot -> sunil: Send the member's id after the command, e.g. /member 7000000001.
sunil: /member 12345678901234567890
bot -> sunil: “12345678901234567890” is not a Telegram id (too large or zero), e.g. 7000000001.
sunil: /member 0
bot -> sunil: not a Telegram id
sunil: /member 9007199254740993
bot -> sunil: /Big.*id: 9007199254740993/
sunil: /member 9007199254740992
bot -> sunil: No member with id 9007199254740992.
sunil: /find 9007199254740993
bot -> sunil: id: 9007199254740993
sunil: /find 12345678901234567890
bot -> sunil: is not a Telegram id
sunil: /find -5
bot -> sunil: “-5” is not an id
