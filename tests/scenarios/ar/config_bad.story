# Values of [plugin.ar] that cannot be used are named in the log at load,
# each with the default used instead; the plugin loads and works.
plugins: users, ar
config: ar.job_at = 7:3x
config: ar.remind_days = soon, 3
config: ar.lock_after_days = -1
config: ar.credit_days = lots
user asha 7000000001 "Asha Verma" member

log: level=warn plugin=ar event=log msg="[plugin.ar] job_at = 7:3x is not HH:MM: using 09:00"
log: remind_days = soon, 3 is not a list of up to 12 numbers of days (e.g. -3, 1, 7): using -3, 1, 7, 15, 30
log: lock_after_days = -1 is not a number of days (0..3650): using 30
log: credit_days = lots is not a number of days (0..3650): using 15
asha: /my_dues
bot -> asha: /^🧾 Your dues\nNothing to pay\.$/
