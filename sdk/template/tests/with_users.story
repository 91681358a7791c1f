# A companion plugin in a story: fitbot's users plugin (registration,
# roles) loaded next to this one, as in a real club. Both must load; each
# answers its own commands.
plugins: myplugin, users
user asha 1001 Asha member

asha: /ping
bot -> asha: pong #1
log: plugin=users event=plugin_loaded
