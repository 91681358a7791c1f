/* subscriptions plugin: the admins' lists.
 *
 *   /memberships ──► today's counts: active, expiring soon (within
 *        remind_days), in grace, expired (grace over: locked), frozen;
 *        a button per list
 *   a list's button ──► its members by end date, LIST_PAGE a page, with
 *        [« Previous] [Next »] */
#include <string.h>

#include "subs.h"
#include "texts.h"

#define LIST_PAGE 20

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
                      fb_today_text(c),
                      fb_config_int(c, CFG_REMIND, 0, MAX_DAYS, DFLT_REMIND));
}

/* /memberships: the counts, a button per list. */
int fb__subs_report(fb_ctx *c)
{
    const char *text = fb_strf(c, T_REPORT, fb_today_text(c));
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

/* [« Previous] / [Next »] of a list page at offset of total. */
static fb_keyboard *pages(fb_ctx *c, const subs_list *l, int64_t offset,
                          int64_t total)
{
    fb_keyboard *kb = fb_kb(c);

    if (offset > 0)
        fb_kb_button(
            kb, B_PREVIOUS,
            fb_cbf(c, CB_LIST "%s:%" PRId64, l->key, offset - LIST_PAGE));
    if (offset + LIST_PAGE < total)
        fb_kb_button(
            kb, B_NEXT,
            fb_cbf(c, CB_LIST "%s:%" PRId64, l->key, offset + LIST_PAGE));
    return kb;
}

/* A list's button: a page of its members with their end dates (a page
 * button turns the page in place). */
int fb__subs_list(fb_ctx *c)
{
    const char *key = fb_data_field(c, CB_LIST, 0);
    const char *page = fb_data_field(c, CB_LIST, 1);
    const subs_list *l = NULL;
    int64_t offset = 0, total;
    const char *text;
    fb_rows *r;

    for (size_t i = 0; key && i < NLISTS; i++)
        if (strcmp(lists[i].key, key) == 0)
            l = &lists[i];
    if (!l || (page && fb_parse_int64(page, 0, 1000000, &offset) != 0))
        return fb_answerf(c, A_BAD_BUTTON);
    r = fb_sql(c,
               fb_plainf(c,
                         "SELECT user_id, plan, end_date::text,"
                         " count(*) OVER () FROM subs_current($1::date)"
                         " WHERE $2::int >= 0 AND %s"
                         " ORDER BY end_date, user_id LIMIT %d OFFSET $3",
                         l->where, LIST_PAGE),
               fb_today_text(c),
               fb_config_int(c, CFG_REMIND, 0, MAX_DAYS, DFLT_REMIND), offset);
    total = fb_int(c, r, 0, 3);
    text = fb_strf(c, T_LIST_HEAD, l->label, (long long)total);
    for (int i = 0; i < fb_nrows(c, r); i++)
        text = fb_strf(c, "%-s" T_LIST_LINE, text,
                       fb__subs_who(c, fb_int(c, r, i, 0)), fb_int(c, r, i, 0),
                       fb_str(c, r, i, 1), fb_str(c, r, i, 2));
    if (total > LIST_PAGE)
        text = fb_strf(c, "%-s" T_LIST_PAGE, text, offset + 1,
                       offset + fb_nrows(c, r), total);
    if (page)
        return fb_editf(c, pages(c, l, offset, total), "%-s", text);
    return fb_reply(c, text, pages(c, l, offset, total));
}
