# every kind of step once
plugins: hello, users
timezone: Asia/Kolkata
config: hello.greeting = Hi
host config: workers = 2
host env: FOO=bar
user asha 7000000001 "Asha Rao" member phone=+919800000001
user ravi 7000000002 Ravi staff
group gym -1001 "Gym" asha ravi
---
asha: /start
bot -> asha: Welcome*
buttons: [Book] [Cancel] / [Help]
asha presses: Book
bot edits -> asha: Booked\nsee you
answer -> asha: ok
asha presses data: usr:approve:1
asha forges: usr:ban:2
asha sends contact: +919800000001
ravi sends contact of asha: +919800000001
asha sends photo: me.jpg
asha sends document: a.pdf
bot sends document -> asha: *.pdf
bot sends photo -> asha: caption
silence -> asha
db: SELECT count(*) FROM users => 2
sql: UPDATE users SET name = 'x'
role asha: staff
counter: sent => 3
log: started
no log: secret
sleep 500ms
sleep 2s
clock: 2030-01-15 09:00
clock: +3d
clock: -2h
restart host
kill host
stop host
start host
