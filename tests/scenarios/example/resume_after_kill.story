# A conversation lives in PostgreSQL: kill -9 the host mid-flow, start it
# again, and the member carries on where she was. Her id needs 33 bits.
plugins: hello
plugin dir: examples/plugins
user meera 7000000001 Meera member

meera: /book
bot -> meera: Which class
meera presses: Strength
bot edits -> meera: Strength it is
bot -> meera: Which day?
kill host
start host
meera: 2030-12-31
bot -> meera: Book Strength on 2030-12-31?
meera presses: Cancel
bot edits -> meera: Not booked
db: SELECT count(*) FROM hello_bookings => 0
db: SELECT count(*) FROM fb_users WHERE id = 7000000001 => 1
