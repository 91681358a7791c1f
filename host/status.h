/* host/status: `fitbot status`, what /healthz and /metrics say, for a
 * person: the readiness checks, then one line per area (updates,
 * handlers, outbox, pool, quarantine, jobs, webhook, reloads). */
#ifndef FITBOT_HOST_STATUS_H
#define FITBOT_HOST_STATUS_H

#include <stdio.h>

typedef struct fb__config fb__config;

/* Ask the running host at cfg->metrics_listen and print to out. Returns
 * 0 ready, 1 running but not ready, 2 nothing answers (said on out). */
int fb__status_print(const fb__config *cfg, FILE *out);

#endif
