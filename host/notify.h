/* host/notify: systemd's notification protocol (sd_notify), without
 * libsystemd: one datagram to the AF_UNIX socket named by $NOTIFY_SOCKET
 * (a path, or '@' for the abstract namespace). Under Type=notify the host
 * says READY=1 once serving, RELOADING=1 / READY=1 around a SIGHUP
 * reload, STOPPING=1 when asked to stop, and WATCHDOG=1 at half of
 * WatchdogSec (WATCHDOG_USEC) while its threads are alive. */
#ifndef FITBOT_HOST_NOTIFY_H
#define FITBOT_HOST_NOTIFY_H

#include <stdint.h>

/* Send msg ("READY=1\nSTATUS=..."). Returns 1 when sent, 0 when there is
 * no $NOTIFY_SOCKET (not under systemd), -1 on an error (errno set). */
int fb__notify(const char *msg);

/* The watchdog interval systemd asked for, in microseconds: WATCHDOG_USEC
 * when WATCHDOG_PID is unset or this process; 0 when none. */
uint64_t fb__notify_watchdog_usec(void);

#endif
