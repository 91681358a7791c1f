# A document goes with the broadcast: every member gets it again by its
# file_id (no upload per member), with the text as its caption.
plugins: users, broadcast
user admin 100000001 Ravi admin
user asha 7000000001 Asha member
sql: UPDATE fb_users SET display_name = 'Asha' WHERE id = 7000000001

admin: /broadcast
bot -> admin: Who should receive it?
admin presses: A role
bot edits -> admin: Audience: role
bot -> admin: Which role?
admin presses: Members
bot edits -> admin: Audience: role member
bot -> admin: Role: member: 1 person.
admin: {name}, the new timetable is attached.
bot -> admin: Add a photo or a document
admin sends document: timetable.pdf
bot -> admin: Preview, as Asha will see it:
bot sends document -> admin: timetable.pdf
bot -> admin: Send this to 1 person (Role: member)?
admin presses: 📣 Send
bot sends document -> asha: timetable.pdf
db: SELECT kind || ' ' || (bytes IS NULL) || ' ' || text FROM fb_outbox WHERE tag = 'bc:1' => document true Asha, the new timetable is attached.
