/* gst_store plugin: the answers other plugins get (README.md, "Requests").
 * Every value is a JSON string: money in paise, rates in basis points,
 * dates YYYY-MM-DD. An id or code that is unknown gets no answer (zero
 * responses); invoices never read gst_store's tables. */
#include <string.h>

#include "gst.h"
#include "gstin.h"

/* A day of the request ("date"), else today; NULL when given but not a
 * date (no answer then). */
static const char *day_of(fb_ctx *c)
{
    const char *s = fb_event_str(c, "date");
    fb_date d;

    if (!s || !*s)
        return fb_today_text(c);
    return fb_parse_date(s, &d) == 0 ? fb_date_text(c, d) : NULL;
}

/* gst.settings {} */
int fb__gst_req_settings(fb_ctx *c)
{
    fb_rows *r = fb_sql(c, "SELECT enabled::int, mode, default_rate_bp,"
                           " legal_name, address, gstin, state_code"
                           " FROM gst_settings WHERE id = 1");
    const gst_state *s = fb__gst_state_str(fb_str(c, r, 0, 6));

    return fb_respond(
        c, fb_jsonf(c,
                    "{\"enabled\":\"%s\",\"mode\":\"%s\","
                    "\"default_rate_bp\":\"%s\",\"legal_name\":\"%s\","
                    "\"address\":\"%s\",\"gstin\":\"%s\","
                    "\"state_code\":\"%s\",\"state_name\":\"%s\","
                    "\"utgst\":\"%s\"}",
                    fb_int(c, r, 0, 0) ? "1" : "0", fb_str(c, r, 0, 1),
                    fb_str(c, r, 0, 2), fb_str(c, r, 0, 3), fb_str(c, r, 0, 4),
                    fb_str(c, r, 0, 5), s ? fb_str(c, r, 0, 6) : "",
                    s ? s->name : "", s && s->utgst ? "1" : "0"));
}

/* One item of row i of r (id, serial, name, hsn, unit, mrp, rate). */
static const char *item_json(fb_ctx *c, fb_rows *r, int i)
{
    return fb_jsonf(c,
                    "{\"id\":\"%s\",\"serial\":\"%s\",\"name\":\"%s\","
                    "\"hsn\":\"%s\",\"unit\":\"%s\",\"mrp_paise\":\"%s\","
                    "\"rate_bp\":\"%s\"}",
                    fb_str(c, r, i, 0), fb_str(c, r, i, 1), fb_str(c, r, i, 2),
                    fb_str(c, r, i, 3), fb_str(c, r, i, 4), fb_str(c, r, i, 5),
                    fb_str(c, r, i, 6));
}

#define ITEM_COLUMNS                                                           \
    "id, serial, name, hsn, unit, mrp_paise,"                                  \
    " coalesce(gst_rate_on(hsn, $1::date), rate_bp)"

/* Active items whose name holds $N or whose serial begins with it. */
#define MATCHING(n)                                                            \
    " active AND (" n "::text IS NULL OR strpos(lower(name), lower(" n        \
    ")) > 0 OR strpos(serial, upper(" n ")) = 1)"

/* gst.items {"query", "offset"}: active items, 8 a page, with today's
 * rates. */
int fb__gst_req_items(fb_ctx *c)
{
    const char *q = fb_event_str(c, "query");
    int64_t offset = fb_event_int(c, "offset", 0);
    const char *like = q && *q ? q : NULL;
    fb_rows *r;
    const char *list = "";
    int64_t total;

    if (offset < 0)
        offset = 0;
    r = fb_sql(c,
               "SELECT " ITEM_COLUMNS " FROM gst_items WHERE" MATCHING("$2")
               " ORDER BY lower(name), serial LIMIT $3 OFFSET $4",
               fb_today_text(c), like, ITEMS_PAGE, offset);
    total = fb_sql_int(c, 0, "SELECT count(*) FROM gst_items WHERE"
                       MATCHING("$1"), like);
    for (int i = 0; i < fb_nrows(c, r); i++)
        list = fb_strf(c, "%-s%-s%-s", list, i ? "," : "", item_json(c, r, i));
    return fb_respond(c, fb_jsonf(c, "{\"items\":[%-s],\"total\":\"%lld\"}",
                                  list, (long long)total));
}

/* gst.item {"id", "date"}: an active item with the rate in force that
 * day; no answer for an unknown or inactive one. */
int fb__gst_req_item(fb_ctx *c)
{
    int64_t id = fb_event_int(c, "id", 0);
    const char *day = day_of(c);
    fb_rows *r;

    if (id <= 0 || !day)
        return FB_OK;
    r = fb_sql(c,
               "SELECT " ITEM_COLUMNS " FROM gst_items WHERE id = $2 AND active",
               day, id);
    return fb_nrows(c, r) ? fb_respond(c, item_json(c, r, 0)) : FB_OK;
}

/* gst.rate {"hsn", "date"}: the rate in force, else the default rate. */
int fb__gst_req_rate(fb_ctx *c)
{
    const char *hsn = fb_event_str(c, "hsn");
    const char *day = day_of(c);

    if (!hsn || !day)
        return FB_OK;
    return fb_respond(
        c, fb_jsonf(c, "{\"rate_bp\":\"%lld\"}",
                    (long long)fb_sql_int(
                        c, 0,
                        "SELECT coalesce(gst_rate_on($1, $2::date),"
                        " (SELECT default_rate_bp FROM gst_settings"
                        " WHERE id = 1))",
                        hsn, day)));
}

/* gst.state {"code"}: its name and whether UTGST applies. */
int fb__gst_req_state(fb_ctx *c)
{
    const char *code = fb_event_str(c, "code");
    const gst_state *s = code ? fb__gst_state_str(code)
                              : fb__gst_state((int)fb_event_int(c, "code", 0));

    if (!s)
        return FB_OK;
    return fb_respond(c, fb_jsonf(c, "{\"name\":\"%s\",\"utgst\":\"%s\"}",
                                  s->name, s->utgst ? "1" : "0"));
}

/* gst.gstin_check {"gstin"}: {"ok":"1","gstin" (canonical),"state_code",
 * "state_name"} or {"ok":"0","why"} (HTML: what /gst says of it). */
int fb__gst_req_gstin_check(fb_ctx *c)
{
    const char *in = fb_event_str(c, "gstin");
    char g[GSTIN_LEN + 1];
    const char *why = fb__gst_gstin_why(c, in ? in : "", g);
    const gst_state *s;

    if (why)
        return fb_respond(c, fb_jsonf(c, "{\"ok\":\"0\",\"why\":\"%s\"}", why));
    s = fb__gst_state((g[0] - '0') * 10 + (g[1] - '0'));
    return fb_respond(
        c, fb_jsonf(c,
                    "{\"ok\":\"1\",\"gstin\":\"%s\",\"state_code\":"
                    "\"%.2s\",\"state_name\":\"%s\"}",
                    g, g, s ? s->name : ""));
}
