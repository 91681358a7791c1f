/* Internal helpers shared by the libfitbot-sdk modules (not exported). */
#ifndef FITBOT_SDK_UTIL_H
#define FITBOT_SDK_UTIL_H

#include <stddef.h>

/* Set [*start, *end) to s without surrounding ASCII whitespace. */
void fb__span_trim(const char *s, const char **start, const char **end);

/* Empty buf (when it has room) and return rc: the failure path of every
 * function that fills a caller's buffer. */
int fb__fail(char *buf, size_t len, int rc);

#endif
