/* See minictx.h. */
#include "minictx.h"

#include <stdlib.h>

static void *ctx_alloc(fb_ctx *c, size_t n)
{
    void **mem = realloc(c->mem, (c->n + 1) * sizeof *mem);
    void *p = mem ? calloc(1, n ? n : 1) : NULL;

    if (mem)
        c->mem = mem;
    if (!p) {
        c->failed = 1;
        return NULL;
    }
    c->mem[c->n++] = p;
    return p;
}

static void ctx_fail(fb_ctx *c, const char *why)
{
    (void)why;
    c->failed = 1;
}

static int ctx_failed(fb_ctx *c)
{
    return c->failed;
}

static const fb_host_api api = {.size = sizeof(fb_host_api),
                                .alloc = ctx_alloc,
                                .fail = ctx_fail,
                                .failed = ctx_failed};

/* See minictx.h. */
void minictx_open(fb_ctx *c)
{
    c->api = &api;
    c->mem = NULL;
    c->n = 0;
    c->failed = 0;
}

/* See minictx.h. */
void minictx_close(fb_ctx *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->mem[i]);
    free(c->mem);
    c->mem = NULL;
    c->n = 0;
}
