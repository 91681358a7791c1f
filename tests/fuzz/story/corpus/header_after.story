user asha 1 A
asha: hi
plugins: x
