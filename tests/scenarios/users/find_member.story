# Staff find members by id, @username, part of a name or phone; several
# matches come as buttons; junk queries are refused with examples.
plugins: users
super admin: 100000001

user admin 100000001 Ravi admin
user sunil 100000003 Sunil staff
user asha 7000000001 Asha member
user anand 7000000002 Anand member
user raj 7000000003 Raj member

sql: INSERT INTO users_profiles (user_id, full_name, phone, age, weight_kg, gender, status) VALUES (7000000001, 'Asha Verma', '+919876543210', 28, 72.5, 'female', 'approved'), (7000000002, 'Anand Varma', '+917000000002', 41, 90, 'male', 'approved'), (7000000003, 'Raj Kumar', '+918888888888', 35, 80, 'male', 'approved')
sql: UPDATE fb_users SET username = 'raj_k' WHERE id = 7000000003

sunil: /find 7000000001
bot -> sunil: /Asha Verma.*id: 7000000001/
sunil: /find @RAJ_K
bot -> sunil: /Raj Kumar.*id: 7000000003/
sunil: /find 88888 88888
bot -> sunil: Raj Kumar
sunil: /find +91 98765-43210
bot -> sunil: Asha Verma
sunil: /find verma
bot -> sunil: Asha Verma
sunil: /find  zed 
bot -> sunil: Nobody matches “zed”.
sunil: /find MA
bot -> sunil: 3 match(es) for “MA”:
buttons: [Anand Varma · 7000000002] / [Asha Verma · 7000000001] / [Raj Kumar · 7000000003]
sunil presses: Raj Kumar · 7000000003
bot -> sunil: /Raj Kumar.*phone: \+918888888888/
sunil: /find 70000000O1
bot -> sunil: Search by id (digits only, e.g. 7000000001), @username, name (letters, e.g. Asha) or phone
sunil: /find 100%
bot -> sunil: Search by id
sunil: /find V_RMA
bot -> sunil: Search by id

# /find alone asks, and a refused answer is asked again
sunil: /find
bot -> sunil: Who are you looking for?
sunil: Asha2
bot -> sunil: Search by id
sunil: asha
bot -> sunil: Asha Verma
sunil: asha
bot -> sunil: Sorry, I did not understand that.

# the same from the menu's buttons
sunil: /menu
bot -> sunil: Menu
buttons: [👤 My profile] / [🔎 Find a member] / [⏳ Pending registrations]
sunil presses: ⏳ Pending registrations
bot -> sunil: No registrations are waiting for approval.
sunil presses: 🔎 Find a member
bot -> sunil: Who are you looking for?
sunil: kumar
bot -> sunil: /Raj Kumar.*@raj_k/
