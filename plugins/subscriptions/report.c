/* subscriptions plugin: the admins' lists.
 *
 *   /memberships ──► today's counts: active, expiring soon (within
 *        remind_days), in grace, expired (grace over: locked), frozen;
 *        a button per list
 *   a list's button ──► its members (the first LIST_MAX, by end date) */
#include <string.h>

#include "subs.h"
#include "texts.h"

#define LIST_MAX 30

typedef struct subs_list {
    const char *key, *label, *where; /* where: over subs_current, $2 remind */
} subs_list;

/* clang-format off */
static const subs_list lists[] = {
    {"active", L_ACTIVE, "state = 'active'"},
    {"soon", L_SOON, "state = 'active' AND days_left <= $2"},
    {"grace", L_GRACE, "state = 'in grace'"},
    {"expired", L_EXPIRED, "state = 'locked'"},
    {"frozen", L_FROZEN, "state = 'frozen'"},
};
/* clang-format on */
#define NLISTS (sizeof lists / sizeof lists[0])

static int64_t count(fb_ctx *c, const subs_list *l)
{
    return fb_sql_int(c, 0,
                      fb_plainf(c,
                                "SELECT count(*) FROM subs_current($1::date)"
                                " WHERE $2::int >= 0 AND %s",
                                l->where),
                      fb__subs_today(c),
                      fb__subs_cfg(c, CFG_REMIND, DFLT_REMIND, MAX_DAYS));
}

/* /memberships: the counts, a button per list. */
int fb__subs_report(fb_ctx *c)
{
    const char *text = fb_strf(c, T_REPORT, fb__subs_today(c));
    fb_keyboard *kb = fb_kb(c);

    for (size_t i = 0; i < NLISTS; i++) {
        int64_t n = count(c, &lists[i]);

        text =
            fb_strf(c, "%-s" T_REPORT_LINE, text, lists[i].label, (long long)n);
        if (i % 3 == 0)
            fb_kb_row(kb);
        fb_kb_button(kb,
                     fb_plainf(c, "%s (%lld)", lists[i].label, (long long)n),
                     fb_cbf(c, CB_LIST "%s", lists[i].key));
    }
    return fb_reply(c, text, kb);
}

/* A list's button: its members with their end dates. */
int fb__subs_list(fb_ctx *c)
{
    const char *key = fb_data_field(c, CB_LIST, 0);
    const subs_list *l = NULL;
    const char *text;
    fb_rows *r;

    for (size_t i = 0; key && i < NLISTS; i++)
        if (strcmp(lists[i].key, key) == 0)
            l = &lists[i];
    if (!l)
        return fb_answerf(c, A_BAD_BUTTON);
    r = fb_sql(c,
               fb_plainf(c,
                         "SELECT user_id, plan, end_date::text,"
                         " count(*) OVER () FROM subs_current($1::date)"
                         " WHERE $2::int >= 0 AND %s"
                         " ORDER BY end_date, user_id LIMIT %d",
                         l->where, LIST_MAX),
               fb__subs_today(c),
               fb__subs_cfg(c, CFG_REMIND, DFLT_REMIND, MAX_DAYS));
    text = fb_strf(c, T_LIST_HEAD, l->label, (long long)fb_int(c, r, 0, 3));
    for (int i = 0; i < fb_nrows(c, r); i++) {
        text = fb_strf(c, "%-s" T_LIST_LINE, text,
                       fb__subs_who(c, fb_int(c, r, i, 0)), fb_int(c, r, i, 0),
                       fb_str(c, r, i, 1), fb_str(c, r, i, 2));
    }
    if (fb_int(c, r, 0, 3) > LIST_MAX)
        text = fb_strf(c, "%-s" T_LIST_MORE, text, LIST_MAX);
    return fb_reply(c, text, NULL);
}
