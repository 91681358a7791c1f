/* config: the plugin's [plugin.NAME] values read the same way by every
 * plugin -- a number with a default, a number of days checked at load
 * time, the "HH:MM" of a daily job -- with the same log line for a value
 * that is not what the key takes; a yes or no. */
#include <stdio.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

/* See sdk.h. */
int64_t fb_config_int(fb_ctx *c, const char *key, int64_t min, int64_t max,
                      int64_t dflt)
{
    int64_t v;

    return fb_parse_int64(fb_config(c, key, ""), min, max, &v) == 0 ? v : dflt;
}

static const char *const yes_words[] = {"true", "yes", "on", "1", NULL};
static const char *const no_words[] = {"false", "no", "off", "0", NULL};

/* 1 when v is among words (NULL-terminated). */
static int one_of(const char *v, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(v, *words) == 0)
            return 1;
    return 0;
}

/* See sdk.h. */
int fb_config_bool(fb_ctx *c, const char *key, int dflt)
{
    const char *v = fb_config(c, key, "");

    if (one_of(v, yes_words))
        return 1;
    return one_of(v, no_words) ? 0 : dflt != 0;
}

/* See sdk.h. */
void fb_config_check_bool(fb_ctx *c, const char *key, int dflt)
{
    const char *v = fb_config(c, key, "");

    if (*v && !one_of(v, yes_words) && !one_of(v, no_words))
        fb_log(c, FB_LOG_WARN,
               "[plugin.%s] %s = %s is not true or false: using %s",
               FB__API(c)->plugin_name(c), key, v, dflt ? "true" : "false");
}

/* See sdk.h. */
void fb_config_check_days(fb_ctx *c, const char *key, int64_t max,
                          int64_t dflt)
{
    const char *v = fb_config(c, key, "");
    int64_t n;

    if (*v && fb_parse_int64(v, 0, max, &n) != 0)
        fb_log(c, FB_LOG_WARN,
               "[plugin.%s] %s = %s is not a number of days (0..%lld): "
               "using %lld",
               FB__API(c)->plugin_name(c), key, v, (long long)max,
               (long long)dflt);
}

/* See sdk.h. */
void fb_config_hhmm(fb_ctx *c, const char *key, char at[6])
{
    const char *v = fb_config(c, key, at);
    unsigned hh, mm;
    char tail;

    /* NOLINTNEXTLINE(cert-err34-c): range and trailing junk are checked */
    if (strlen(v) == 5 && sscanf(v, "%2u:%2u%c", &hh, &mm, &tail) == 2 &&
        hh < 24 && mm < 60)
        snprintf(at, 6, "%02u:%02u", hh, mm);
    else
        fb_log(c, FB_LOG_WARN, "[plugin.%s] %s = %s is not HH:MM: using %s",
               FB__API(c)->plugin_name(c), key, v, at);
}

/* See sdk.h. */
const char *fb_today_text(fb_ctx *c)
{
    return fb_date_text(c, fb_today(c));
}
