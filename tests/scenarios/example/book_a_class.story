# A member books a class in three steps; wrong input is answered and the
# conversation stays where it was.
plugins: hello
plugin dir: examples/plugins
user asha 1001 "Asha Rao" member

asha: /hello
bot -> asha: Hello, Asha Rao!
buttons: [Book a class]
asha presses: Book a class
bot -> asha: Which class would you like?
buttons: [Yoga] [Spin] [Strength]
asha: yoga
bot -> asha: Please pick a class with the buttons
asha presses: Yoga
bot edits -> asha: Yoga it is.
bot -> asha: Which day? Type a date
buttons: none
asha: tomorrow
bot -> asha: "tomorrow" is not a date I can book
asha: 31/04/2030
bot -> asha: "31/04/2030" is not a date I can book
asha: 15/01/2030
bot -> asha: /^Book Yoga on 2030-01-15\?$/
buttons: [Confirm] [Cancel]
asha presses: Confirm
bot edits -> asha: Booked: Yoga on 2030-01-15.
db: SELECT class || ' ' || day FROM hello_bookings WHERE user_id = 1001 => yoga 2030-01-15
db: SELECT count(*) FROM fb_conversations => 0
