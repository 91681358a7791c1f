# Stories run with fast pacing; this one keeps Telegram's: the host's send
# rates and the sandbox's flood limits (one message a second per chat after
# a burst). Six replies to one chat all arrive, and the sandbox saw no
# flood-limit violation (fbt kit test sdk_kit_env checks that it takes
# the time, too).
plugins: hello
plugin dir: examples/plugins
pacing: real
user asha 1001 Asha member

asha: /hello
asha: /hello
asha: /hello
asha: /hello
asha: /hello
asha: /hello
bot -> asha: Hello, Asha!
bot -> asha: Hello, Asha!
bot -> asha: Hello, Asha!
bot -> asha: Hello, Asha!
bot -> asha: Hello, Asha!
bot -> asha: Hello, Asha!
counter: messages_sent => 6
counter: limit_violations => 0
