# A paid value the plugin does not know is named in the log at load, and
# copies go free: the confirmation shows no cost.
plugins: users, broadcast
host config: paid_broadcast_rate = 1000
config: broadcast.paid = ture
user admin 100000001 Ravi admin
user asha 7000000001 Asha member
sql: UPDATE fb_users SET display_name = 'Asha' WHERE id = 7000000001

log: [plugin.broadcast] paid = ture is not true or false: using false
admin: /broadcast
bot -> admin: Who should receive it?
admin presses: A role
bot edits -> admin: Audience: role
bot -> admin: Which role?
admin presses: Members
bot edits -> admin: Audience: role member
bot -> admin: Role: member: 1 person.
admin: Hello {name}
bot -> admin: Add a photo or a document
admin presses: No attachment
bot edits -> admin: Add a photo or a document
bot -> admin: Preview, as Asha will see it:
bot -> admin: Hello Asha
bot -> admin: /^Send this to 1 person \(Role: member\)\?$/
