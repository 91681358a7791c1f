user asha 1 A
clock: 2030-13-45 99:99
