# A member gets her bookings as a text document; with none, a plain answer.
plugins: hello
plugin dir: examples/plugins
user asha 1001 Asha member
user ravi 1002 Ravi member

sql: INSERT INTO hello_bookings (user_id, class, day) VALUES (1001, 'yoga', '2030-01-15'), (1001, 'spin', '2030-01-16'), (1002, 'spin', '2030-01-16')
asha: /mine
bot sends document -> asha: /^bookings\.txt$/
ravi: /mine
bot sends document -> ravi: bookings.txt
sql: DELETE FROM hello_bookings WHERE user_id = 1002
ravi: /mine
bot -> ravi: No bookings yet.
