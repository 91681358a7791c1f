# In a group every member has a conversation of their own (the key is chat +
# user): another member pressing Asha's menu or typing a date moves nothing.
plugins: hello
plugin dir: examples/plugins
user asha 1001 Asha member
user ravi 1002 Ravi member
group club -1002003004005 "Morning club" asha ravi

asha in club: /book
bot -> club: Which class
ravi in club presses: Spin
answer -> ravi: This menu has expired
asha in club presses: Yoga
bot edits -> club: Yoga it is
bot -> club: Which day?
ravi in club: 2030-01-01
silence -> club
asha in club: 2030-01-01
bot -> club: Book Yoga on 2030-01-01?
db: SELECT state FROM fb_conversations WHERE key_chat = -1002003004005 AND key_user = 1001 => confirm
db: SELECT count(*) FROM fb_conversations WHERE key_user = 1002 => 0
