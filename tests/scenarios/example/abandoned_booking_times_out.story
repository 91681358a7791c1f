# A booking left half-way times out: the host calls the flow's timeout hook
# (the plugin tells the member) and the conversation is gone. The deadline
# is aged in the database instead of waiting ten minutes; the host's
# background tick is made fast for the test.
plugins: hello
plugin dir: examples/plugins
host env: FITBOT_TICK_MS=100
user asha 1001 Asha member

asha: /book
bot -> asha: Which class
asha presses: Spin
bot edits -> asha: Spin it is
bot -> asha: Which day?
db: SELECT state FROM fb_conversations WHERE key_user = 1001 => date
sql: UPDATE fb_conversations SET deadline = now() - interval '1 second' WHERE key_user = 1001
bot -> asha: Your booking was not finished in time
db: SELECT count(*) FROM fb_conversations => 0
asha: 2030-01-15
bot -> asha: Sorry, I did not understand that.
