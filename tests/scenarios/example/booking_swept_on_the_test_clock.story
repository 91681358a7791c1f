# The sweeper reads the host's clock too: with the test clock eleven
# minutes on, a booking left half-way times out by itself.
plugins: hello
plugin dir: examples/plugins
host env: FITBOT_TICK_MS=100
user asha 1001 Asha member

asha: /book
bot -> asha: Which class
asha presses: Spin
bot edits -> asha: Spin it is
bot -> asha: Which day?
silence -> asha
clock: +11m
bot -> asha: Your booking was not finished in time
db: SELECT count(*) FROM fb_conversations => 0
