plugins: hello
plugins: users
user asha 1 A
asha: hi
