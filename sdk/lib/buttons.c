/* buttons: keyboards and callback data through the context (ABI 1.2). */
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

/* See sdk.h. NULL (context failed) when out of memory. */
fb_keyboard *fb_kb(fb_ctx *c)
{
    fb_keyboard *kb = fb__alloc(c, "fb_kb", sizeof *kb);

    fb_kb_init(kb);
    return kb;
}

/* See sdk.h. */
const char *fb_cbf(fb_ctx *c, const char *fmt, ...)
{
    va_list ap;
    char *data;

    va_start(ap, fmt);
    data = fb__vformat(c, "fb_cbf", FB__FMT_PLAIN, fmt, ap);
    va_end(ap);
    if (data && strlen(data) > FB_CALLBACK_DATA_MAX) {
        fb__failf(c, "fb_cbf: \"%.40s...\" is over %d bytes", data,
                  FB_CALLBACK_DATA_MAX);
        return NULL;
    }
    return data;
}

/* See sdk.h. Untrusted data is not a failure; only running out of memory
 * is. */
const char *fb_data_field(fb_ctx *c, const char *prefix, int i)
{
    const char *fields[FB_CALLBACK_DATA_MAX + 1];
    const char *data = fb_data(c);
    char *copy;
    int n;

    if (!data || !prefix || i < 0 || fb_kind(c) != FB_UPDATE_CALLBACK)
        return NULL;
    copy = fb__alloc(c, "fb_data_field", FB_CALLBACK_DATA_MAX + 1);
    if (!copy)
        return NULL;
    n = fb_cbdata_split(data, prefix, copy, FB_CALLBACK_DATA_MAX + 1, fields,
                        (int)(sizeof fields / sizeof fields[0]));
    return i < n ? fields[i] : NULL;
}

/* See sdk.h. */
int64_t fb_data_id(fb_ctx *c, const char *prefix, int i)
{
    const char *f = fb_data_field(c, prefix, i);
    int64_t id;

    return f && fb_parse_id(f, &id) == 0 ? id : 0;
}
