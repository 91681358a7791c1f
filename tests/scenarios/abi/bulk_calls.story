# ABI 1.4 on the real host: bulk sends are stored with their tag and sent
# after COMMIT, counted by outcome; a refused bulk call fails the handler
# and nothing of it is sent; the 1.4 slots are there (and absent from a 1.3
# table); a job of FB_JOB_SECONDS runs every second.
plugin dir: tests/plugins/v14
plugins: tp_v14
user asha 1001 Asha
user ravi 1002 Ravi

asha: /old13
bot -> asha: 1.4 here 1, on a 1.3 table 0
asha: /bulk
bot -> asha: queued 0 0 0, room yes
bot -> asha: bulk one
bot -> asha: bulk two
bot -> ravi: bulk three
db: SELECT string_agg(chat || ':' || bulk, ',' ORDER BY id) FROM fb_outbox WHERE tag = 'tp:1' => 1001:true,1001:true,1002:true
asha: /counts
bot -> asha: queued 0 sent 3 failed 0 blocked 0 cancelled 0, cancel now 0
asha: /badbulk
bot -> asha: Something went wrong
silence -> asha
db: SELECT count(*) FROM fb_outbox WHERE tag = 'tp:2' => 0
log: tp_v14 tick 3
