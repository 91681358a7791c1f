# The preview is the first member's copy (the admin's own, here). A
# member named "<b>&" gets her name escaped, never read as markup; the
# admin's own text is plain text too (a "<i>" stays as typed). With a photo
# the text becomes its caption; a caption too long for {name} is refused
# and nothing changes.
plugins: users, broadcast
user admin 100000001 Ravi admin
user asha 7000000001 Asha member
sql: UPDATE fb_users SET display_name = '<b>&' WHERE id = 7000000001

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: All members
bot edits -> admin: Audience: all
bot -> admin: All members: 2 people.
admin: Hello {name} <i>team</i> & friends
bot -> admin: Add a photo or a document
admin: no photo
bot -> admin: Please send a photo or a document, or press No attachment.
buttons: [No attachment] [Cancel]
admin sends photo: poster.jpg
bot -> admin: /^👀 Preview, as Ravi will see it:$/
bot sends photo -> admin: /^Hello Ravi <i>team</i> & friends$/
bot -> admin: Send this to 2 people (All members)?
admin: yes
bot -> admin: Please press Send or Cancel.
buttons: [📣 Send] [Cancel]
admin presses: 📣 Send
bot sends photo -> asha: /^Hello <b>& <i>team</i> & friends$/
bot edits -> admin: /^📣 Broadcast #1 — All members/
bot sends photo -> admin: /^Hello Ravi <i>team</i> & friends$/
bot edits -> admin: /^✅ Broadcast #1 finished — All members\nSent 2 · failed 0/
bot -> admin: ✅ Broadcast #1 finished
db: SELECT text FROM fb_outbox WHERE tag = 'bc:1' AND chat = 7000000001 => Hello &lt;b&gt;&amp; &lt;i&gt;team&lt;/i&gt; &amp; friends
db: SELECT kind FROM fb_outbox WHERE tag = 'bc:1' AND chat = 7000000001 => photo

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: All members
bot edits -> admin: Audience: all
bot -> admin: All members: 2 people.
admin: {name} {name} {name} {name} {name} {name} {name} {name}
bot -> admin: Add a photo or a document
admin sends photo: poster.jpg
bot -> admin: /With an attachment the text is its caption: at most 1024 characters/
admin presses: Cancel
bot edits -> admin: Nothing was sent.
db: SELECT count(*) FROM bc_broadcasts => 1
