# fb_send_bulk_ex with FB_BULK_PAID on a host whose paid_broadcast_rate is
# on: the row is stored paid and sent with allow_paid_broadcast (the
# sandbox counts a paid message and its 0.1 Star); the tally's paid figure
# counts it. A flag bit the host does not know is refused: the handler
# fails and nothing of it is sent.
plugin dir: tests/plugins/v14
plugins: tp_v14
host config: paid_broadcast_rate = 1000
user asha 1001 Asha

asha: /paidbulk
bot -> asha: queued paid 0
bot -> asha: paid one
db: SELECT string_agg(chat || ':' || bulk || ':' || paid, ',') FROM fb_outbox WHERE tag = 'tp:3' => 1001:true:true
counter: paid_messages => 1
counter: stars_spent_x10 => 1
asha: /paidcounts
bot -> asha: sent 1 paid 1 no_stars 0
asha: /badflags
bot -> asha: Something went wrong
silence -> asha
log: send_bulk: unknown flags
db: SELECT count(*) FROM fb_outbox WHERE tag = 'tp:4' => 0
