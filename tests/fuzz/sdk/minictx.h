/* The smallest host for the SDK's 1.2 helpers outside a real host (the
 * fuzz properties, the allocation-failure runs): context memory and the
 * failure mark, nothing else. */
#ifndef FITBOT_MINICTX_H
#define FITBOT_MINICTX_H

#include <stddef.h>

#include "fitbot/plugin.h"

struct fb_ctx {
    const fb_host_api *api;
    void **mem;
    size_t n;
    int failed;
};

/* A fresh context: minictx_open(&c) before, minictx_close(&c) after (frees
 * everything the helpers allocated in it). */
void minictx_open(fb_ctx *c);
void minictx_close(fb_ctx *c);

#endif
