# A plugin tested with a companion next to it: hello from the examples'
# folder, users as one more plugin file. Both load, and each answers its
# own commands.
plugins: hello, users
plugin dir: examples/plugins
plugin: plugins/users.so
user asha 1001 Asha member

asha: /hello
bot -> asha: Hello, Asha!
asha: /start
bot -> asha: /./
log: plugin=users event=plugin_loaded
log: plugin=hello event=plugin_loaded
