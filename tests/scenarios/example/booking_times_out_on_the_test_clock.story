# A conversation's deadline is on the host's clock, and a story moves that
# clock: eleven minutes on, the booking left half-way has timed out, and
# the next press meets the timeout (no waiting, no ageing rows by hand).
# The background sweeper is kept out of the way: the press finds it.
plugins: hello
plugin dir: examples/plugins
host env: FITBOT_TICK_MS=600000
user asha 1001 Asha member

asha: /book
bot -> asha: Which class
asha presses: Spin
bot edits -> asha: Spin it is
bot -> asha: Which day?
clock: +9m
asha: 15/01/2030
bot -> asha: /^Book Spin on 2030-01-15\?$/
clock: +11m
asha presses: Confirm
bot -> asha: Your booking was not finished in time
db: SELECT count(*) FROM fb_conversations => 0
db: SELECT count(*) FROM hello_bookings => 0
