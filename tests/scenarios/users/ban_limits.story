# What staff may not do: ban themselves, the super admin, or another staff
# member or admin; a ban button pressed twice bans once; /cancel leaves
# the member as they were.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user sunil 100000003 Sunil staff
user kiran 100000004 Kiran staff
user asha 7000000001 Asha member

sunil: /member 100000004
bot -> sunil: id: 100000004
buttons: none
sunil forges: uban:100000004
answer -> sunil: Only an admin can act on staff or admins.
sunil forges: uban:100000001
answer -> sunil: The super admin cannot be changed.
sunil forges: uban:100000003
answer -> sunil: You cannot do that to yourself.
sunil forges: uban:9999999
answer -> sunil: That member no longer exists.
sunil forges: uban:junk
answer -> sunil: This button is not valid.
sunil forges: uunb:7000000001
answer -> sunil: Not banned.
db: SELECT count(*) FROM fb_users WHERE banned => 0

sunil: /member 7000000001
bot -> sunil: id: 7000000001
sunil presses: 🚫 Ban
bot -> sunil: Why are you banning id 7000000001?
sunil: /cancel
bot -> sunil: Cancelled.
sunil: she was late
bot -> sunil: Sorry, I did not understand that.
db: SELECT banned FROM fb_users WHERE id = 7000000001 => f

# an admin may ban staff
admin: /member 100000004
bot -> admin: role: staff
buttons: [🚫 Ban] [🗑 Delete] / [Make member] [Make admin]
admin presses: 🚫 Ban
bot -> admin: Why are you banning id 100000004?
admin: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
bot -> admin: A reason may be at most 200 characters.
db: SELECT state FROM fb_conversations WHERE key_user = 100000001 => reason
admin: left the club
bot -> admin: id 100000004 is banned. Reason: left the club
bot -> kiran: You are banned
db: SELECT banned FROM fb_users WHERE id = 100000004 => t
