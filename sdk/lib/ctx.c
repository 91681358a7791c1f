/* ctx: failing and allocating through the handler's context (ABI 1.2), the
 * two things every context-taking SDK function does. */
#include <stdio.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

/* Internal: see sdkutil.h. */
int fb__failf(fb_ctx *c, const char *fmt, ...)
{
    char why[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return fb_fail(c, why);
}

/* Internal: see sdkutil.h. */
void *fb__alloc(fb_ctx *c, const char *who, size_t n)
{
    void *p = fb_alloc(c, n);

    if (!p)
        fb__failf(c, "%s: out of memory", who);
    return p;
}

/* Internal: see sdkutil.h. */
char *fb__strndup(fb_ctx *c, const char *who, const char *s, size_t n)
{
    char *p = fb__alloc(c, who, n + 1);

    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}
