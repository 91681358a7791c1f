# A plugin built for ABI 1.0 loads and runs on this 1.1 host; the 1.1
# wrappers refuse (FB_ERR, 0) on a 1.0 host's table instead of calling a
# NULL slot, and work on this host's.
plugin dir: tests/plugins/old
plugins: tp_old

user asha 1001 Asha phone=+919876543210

asha: /old
bot -> asha: tp_old runs; on a 1.0 table: ask_contact -1, remove -1, contact_user 0
asha: /ask
bot -> asha: Share?
buttons: {📱 Share}
asha presses: 📱 Share
bot -> asha: contact +919876543210 of 1001
buttons: {remove keyboard}
