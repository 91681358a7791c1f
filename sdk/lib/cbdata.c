/* Callback data: "prefix" + ":"-joined fields, at most 64 bytes. */
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

/* Append src to buf at *pos if the result stays within cap bytes. */
static int append(char *buf, size_t *pos, size_t cap, const char *src)
{
    size_t n = strlen(src);

    if (*pos + n > cap)
        return FB_E_TOOLONG;
    memcpy(buf + *pos, src, n);
    *pos += n;
    buf[*pos] = '\0';
    return 0;
}

/* The usable size: the 64-byte limit or the buffer, whichever is smaller. */
static size_t capacity(size_t len)
{
    return len - 1 < FB_CALLBACK_DATA_MAX ? len - 1 : FB_CALLBACK_DATA_MAX;
}

/* See sdk.h. Fields containing ':' are FB_E_JUNK; NULL fields FB_E_ARG.
 * On failure buf is "". */
int fb_cbdata(char *buf, size_t len, const char *prefix, int nfields,
              const char *const *fields)
{
    size_t pos = 0, cap;
    int i, rc;

    if (!buf || len == 0 || !prefix || nfields < 0 || (nfields && !fields))
        return fb__fail(buf, len, FB_E_ARG);
    cap = capacity(len);
    buf[0] = '\0';
    rc = append(buf, &pos, cap, prefix);
    for (i = 0; rc == 0 && i < nfields; i++) {
        if (!fields[i])
            rc = FB_E_ARG;
        else if (strchr(fields[i], ':'))
            rc = FB_E_JUNK;
        else if (i > 0)
            rc = append(buf, &pos, cap, ":");
        if (rc == 0)
            rc = append(buf, &pos, cap, fields[i]);
    }
    if (rc == 0 && pos == 0)
        rc = FB_E_EMPTY;
    return rc ? fb__fail(buf, len, rc) : 0;
}

/* Cut buf at every ':' into fields. Returns the count or FB_E_RANGE. */
static int split_fields(char *buf, const char **fields, int max)
{
    int n = 0;
    char *p = buf, *colon;

    if (*buf == '\0')
        return 0;
    for (;;) {
        if (n == max)
            return FB_E_RANGE;
        fields[n++] = p;
        colon = strchr(p, ':');
        if (!colon)
            return n;
        *colon = '\0';
        p = colon + 1;
    }
}

/* See sdk.h. Data not starting with prefix is FB_E_JUNK, data over 64 bytes
 * or not fitting buf FB_E_TOOLONG, more fields than max FB_E_RANGE. The
 * fields point into buf; "prefix" alone gives 0 fields. */
int fb_cbdata_split(const char *data, const char *prefix, char *buf, size_t len,
                    const char **fields, int max)
{
    size_t plen, rest;
    int n;

    if (!data || !prefix || !buf || len == 0 || !fields || max < 0)
        return fb__fail(buf, len, FB_E_ARG);
    plen = strlen(prefix);
    if (strlen(data) > FB_CALLBACK_DATA_MAX)
        return fb__fail(buf, len, FB_E_TOOLONG);
    if (strncmp(data, prefix, plen) != 0)
        return fb__fail(buf, len, FB_E_JUNK);
    rest = strlen(data + plen);
    if (rest >= len)
        return fb__fail(buf, len, FB_E_TOOLONG);
    memcpy(buf, data + plen, rest + 1);
    n = split_fields(buf, fields, max);
    return n < 0 ? fb__fail(buf, len, n) : n;
}
