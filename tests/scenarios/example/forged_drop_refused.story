# Dropping a booking is for staff. A member who forges the staff button's
# callback data is refused by the host, and nothing changes.
plugins: hello
plugin dir: examples/plugins
user asha 1001 Asha member
user ravi 1002 Ravi staff

sql: INSERT INTO hello_bookings (id, user_id, class, day) VALUES (41, 1001, 'spin', '2030-05-01')
asha: /bookings
bot -> asha: /not allowed|not permitted|only for|staff/
asha forges: hello:drop:41
answer -> asha: /./
log: /event=refused user=1001 route=hello:drop:/
db: SELECT count(*) FROM hello_bookings => 1
ravi: /bookings
bot -> ravi: #41 spin 2030-05-01
buttons: [Drop #41]
ravi presses: Drop #41
bot edits -> ravi: Dropped booking #41.
db: SELECT count(*) FROM hello_bookings => 0
counter: callbacks_unanswered => 0
