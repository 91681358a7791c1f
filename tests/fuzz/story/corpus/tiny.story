user asha 1 A
asha: hi
bot -> asha: hello
