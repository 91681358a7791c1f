# /ping counts in the plugin's own table; the button pings again; people
# who are not members are refused by the host before the plugin runs.
plugins: myplugin
user asha 1001 Asha member
user sam 1002 Sam

asha: /ping
bot -> asha: pong #1
buttons: [Ping again]
asha presses: Ping again
bot -> asha: pong #2
sam: /ping
bot -> sam: not allowed
db: SELECT count FROM myplugin_pings WHERE user_id = 1001 => 2
db: SELECT count(*) FROM myplugin_pings WHERE user_id = 1002 => 0
