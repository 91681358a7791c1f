# A config value the plugin cannot use is named in the log at load and the
# default is used: the grace stays 7 days and the job keeps 06:00.
plugins: users, subscriptions
timezone: Asia/Kolkata
config: subscriptions.job_at = 25:00
config: subscriptions.grace_days = seven
user asha 7000000001 Asha member
clock: 2026-12-01 07:00

log: [plugin.subscriptions] job_at = 25:00 is not HH:MM: using 06:00
log: [plugin.subscriptions] grace_days = seven is not a number of days (0..3660): using 7
asha: /my_subscription
bot -> asha: You have no membership yet.
