/* Text helpers: trimming. */
#include <ctype.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

/* Internal: see sdkutil.h. */
void fb__span_trim(const char *s, const char **start, const char **end)
{
    const char *e = s + strlen(s);

    while (*s && isspace((unsigned char)*s))
        s++;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    *start = s;
    *end = e;
}

/* Internal: see sdkutil.h. */
int fb__fail(char *buf, size_t len, int rc)
{
    if (buf && len > 0)
        buf[0] = '\0';
    return rc;
}

/* See sdk.h. FB_E_TOOLONG if the trimmed text does not fit (buf ""). */
int fb_trim(const char *s, char *buf, size_t len)
{
    const char *p, *end;

    if (!s || !buf || len == 0)
        return fb__fail(buf, len, FB_E_ARG);
    fb__span_trim(s, &p, &end);
    if ((size_t)(end - p) >= len)
        return fb__fail(buf, len, FB_E_TOOLONG);
    memcpy(buf, p, (size_t)(end - p));
    buf[end - p] = '\0';
    return 0;
}
