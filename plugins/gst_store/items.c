/* gst_store plugin: the store's items.
 *
 *   /items [text] ──► items (name or serial matching text), 8 a page, a
 *                     button each, [‹ Previous] [Next ›]; admins also get
 *                     [New item] [Export CSV] [Import CSV] (port.c)
 *   an item's button ──► its card; admins: [Name] [HSN/SAC] [Unit] [MRP]
 *                        [GST %] [Deactivate] / [Activate]
 *   [New item] ──► serial ──► name ──► HSN/SAC ──► unit ──► MRP ──► GST %
 *   [Name] etc. ──► the new value ──► saved, the card again
 * Staff may look items up; every change is an admin's route. An item is
 * never deleted (invoices name it): it is deactivated. */
#include <string.h>

#include "fields.h"
#include "gst.h"
#include "texts.h"

#define QUERY_BYTES 40 /* of a search kept in the paging buttons */

/* ---- the list -------------------------------------------------------------
 */

/* q cut to QUERY_BYTES at a character boundary. */
static const char *short_query(fb_ctx *c, const char *q)
{
    size_t n = strlen(q);

    if (n > QUERY_BYTES) {
        n = QUERY_BYTES;
        while (n > 0 && ((unsigned char)q[n] & 0xC0) == 0x80)
            n--;
    }
    return fb_plainf(c, "%.*s", (int)n, q);
}

static int list(fb_ctx *c, const char *query, int64_t offset, int edit)
{
    const char *like = *query ? query : NULL;
    int64_t total = fb_sql_int(c, 0,
                               "SELECT count(*) FROM gst_items WHERE $1::text"
                               " IS NULL OR strpos(lower(name), lower($1)) > 0"
                               " OR strpos(serial, upper($1)) = 1",
                               like);
    fb_rows *r;
    fb_keyboard *kb = fb_kb(c);
    const char *match = *query ? fb_strf(c, T_ITEMS_MATCHING, query) : "";
    const char *text;
    int n;

    if (offset >= total)
        offset = total > 0 ? (total - 1) / ITEMS_PAGE * ITEMS_PAGE : 0;
    r = fb_sql(c,
               "SELECT id, serial, name, mrp_paise, active::int FROM gst_items"
               " WHERE $1::text IS NULL OR strpos(lower(name), lower($1)) > 0"
               " OR strpos(serial, upper($1)) = 1"
               " ORDER BY active DESC, lower(name), serial LIMIT $2 OFFSET $3",
               like, ITEMS_PAGE, offset);
    n = fb_nrows(c, r);
    for (int i = 0; i < n; i++) {
        fb_kb_row(kb);
        fb_kb_button(kb,
                     fb_plainf(c, B_ITEM_LABEL, fb_str(c, r, i, 1),
                               fb_str(c, r, i, 2),
                               fb_money_str(c, fb_int(c, r, i, 3)),
                               fb_int(c, r, i, 4) ? "" : B_ITEM_OFF),
                     fb_cbf(c, CB_ITEM "%" PRId64, fb_int(c, r, i, 0)));
    }
    fb_kb_row(kb);
    if (offset > 0)
        fb_kb_button(
            kb, B_PREV,
            fb_cbf(c, CB_ITEMS "%lld:%s",
                   (long long)(offset > ITEMS_PAGE ? offset - ITEMS_PAGE : 0),
                   query));
    if (offset + n < total)
        fb_kb_button(kb, B_NEXT,
                     fb_cbf(c, CB_ITEMS "%lld:%s",
                            (long long)(offset + ITEMS_PAGE), query));
    if (fb_sender_role(c) >= FB_ROLE_ADMIN) {
        fb_kb_row(kb);
        fb_kb_button(kb, B_ITEM_NEW, CB_ITEM_NEW);
        fb_kb_button(kb, B_EXPORT, CB_EXPORT);
        fb_kb_button(kb, B_IMPORT, CB_IMPORT);
    }
    if (total == 0)
        text = fb_strf(c, T_NO_ITEMS, match);
    else
        text = fb_strf(c, T_ITEMS, match, (long long)total,
                       (long long)offset + 1, (long long)(offset + n));
    return edit ? fb_edit(c, text, kb) : fb_reply(c, text, kb);
}

/* /items [text]. */
int fb__gst_items(fb_ctx *c)
{
    return list(c, short_query(c, fb_args(c)), 0, 0);
}

/* [‹ Previous] [Next ›] [« Items] [Items »]: "gil:<offset>[:<query>]". */
int fb__gst_items_page(fb_ctx *c)
{
    const char *off = fb_data_field(c, CB_ITEMS, 0);
    const char *rest = strchr(fb_data(c) + strlen(CB_ITEMS), ':');
    int64_t offset;

    if (!off || fb_parse_int64(off, 0, 1000000, &offset) != 0)
        return fb_answerf(c, A_STALE);
    return list(c, rest ? rest + 1 : "", offset, 1);
}

/* ---- an item ---------------------------------------------------------------
 */

typedef struct item_row {
    int64_t id;
    const char *serial, *name, *hsn, *unit;
    int64_t mrp, bp, today_bp;
    int active, has_rate;
} item_row;

static item_row load(fb_ctx *c, int64_t id)
{
    fb_rows *r =
        fb_sql(c,
               "SELECT id, serial, name, hsn, unit, mrp_paise, rate_bp,"
               " active::int, gst_rate_on(hsn, $2::date)"
               " FROM gst_items WHERE id = $1",
               id, fb_today_text(c));

    return (item_row){.id = fb_int(c, r, 0, 0),
                      .serial = fb_str(c, r, 0, 1),
                      .name = fb_str(c, r, 0, 2),
                      .hsn = fb_str(c, r, 0, 3),
                      .unit = fb_str(c, r, 0, 4),
                      .mrp = fb_int(c, r, 0, 5),
                      .bp = fb_int(c, r, 0, 6),
                      .active = (int)fb_int(c, r, 0, 7),
                      .has_rate = fb_nrows(c, r) && !fb_is_null(c, r, 0, 8),
                      .today_bp = fb_int(c, r, 0, 8)};
}

static int card(fb_ctx *c, const char *head, const item_row *it, int edit)
{
    fb_keyboard *kb = fb_kb(c);
    const char *text;

    if (fb_sender_role(c) >= FB_ROLE_ADMIN) {
        static const char *const edits[][2] = {{B_EDIT_NAME, "name"},
                                               {B_EDIT_HSN, "hsn"},
                                               {B_EDIT_UNIT, "unit"},
                                               {B_EDIT_MRP, "mrp"},
                                               {B_EDIT_RATE, "rate"}};

        for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
            if (i == 3)
                fb_kb_row(kb);
            fb_kb_button(
                kb, edits[i][0],
                fb_cbf(c, CB_ITEM_EDIT "%" PRId64 ":%s", it->id, edits[i][1]));
        }
        fb_kb_button(kb, it->active ? B_DEACTIVATE : B_ACTIVATE,
                     fb_cbf(c, CB_ITEM_TOGGLE "%" PRId64, it->id));
        fb_kb_row(kb);
    }
    fb_kb_button(kb, B_BACK_ITEMS, CB_ITEMS "0");
    text = fb_strf(c, T_ITEM_CARD, head, it->serial, it->name, it->hsn,
                   it->unit, fb_money_str(c, it->mrp), fb__gst_pct(c, it->bp),
                   it->has_rate ? fb_strf(c, T_ITEM_RATE_TODAY,
                                          fb__gst_pct(c, it->today_bp))
                                : "",
                   it->active ? T_ITEM_ACTIVE : T_ITEM_INACTIVE);
    return edit ? fb_edit(c, text, kb) : fb_reply(c, text, kb);
}

/* The item a button "prefix<id>..." points at; id 0 (and the press
 * answered) when there is none. */
static item_row pressed(fb_ctx *c, const char *prefix)
{
    item_row it = load(c, fb_data_id(c, prefix, 0));

    if (!it.id)
        fb_answerf(c, A_NO_ITEM);
    return it;
}

/* An item's button: its card. */
int fb__gst_item(fb_ctx *c)
{
    item_row it = pressed(c, CB_ITEM);

    return it.id ? card(c, "", &it, 1) : FB_OK;
}

/* [Deactivate] / [Activate]. */
int fb__gst_item_toggle(fb_ctx *c)
{
    item_row it = pressed(c, CB_ITEM_TOGGLE);

    if (!it.id)
        return FB_OK;
    fb_sql_exec(c,
                "UPDATE gst_items SET active = NOT active,"
                " updated_at = now() WHERE id = $1",
                it.id);
    it.active = !it.active;
    return card(c, it.active ? T_ITEM_ON : T_ITEM_OFF, &it, 1);
}

/* ---- the questions (one check per field, fields.c) -------------------------
 */

static const char *check_serial(fb_ctx *c)
{
    char v[ITEM_SERIAL_MAX + 1];
    const char *why = fb__gst_serial(fb_text(c), v);

    if (why)
        return fb__gst_bad(c, L_SERIAL, why);
    if (fb_sql_int(c, 0, "SELECT count(*) FROM gst_items WHERE serial = $1",
                   v) > 0)
        return fb_strf(c, E_SERIAL_EXISTS, v);
    return fb_flow_set(c, "serial", v) == FB_OK ? NULL : R_EMPTY;
}

/* A text answer through its field check (fields.c) into a buffer that
 * holds any of them: kept under key, or the message to re-ask with. */
static const char *check_text(fb_ctx *c,
                              const char *(*field)(const char *, char *),
                              const char *label, const char *key)
{
    char v[ITEM_NAME_BYTES];
    const char *why = field(fb_text(c), v);

    _Static_assert(ITEM_NAME_BYTES > HSN_MAX && ITEM_NAME_BYTES > ITEM_UNIT_MAX,
                   "check_text's buffer holds every text field");
    if (why)
        return fb__gst_bad(c, label, why);
    return fb_flow_set(c, key, v) == FB_OK ? NULL : R_EMPTY;
}

static const char *check_name(fb_ctx *c)
{
    return check_text(c, fb__gst_name, L_NAME, "name");
}

static const char *check_hsn(fb_ctx *c)
{
    return check_text(c, fb__gst_hsn, L_HSN, "hsn");
}

static const char *check_unit(fb_ctx *c)
{
    return check_text(c, fb__gst_unit, L_UNIT, "unit");
}

static const char *check_mrp(fb_ctx *c)
{
    int64_t v;
    const char *why = fb__gst_mrp(fb_text(c), &v);

    if (why)
        return fb__gst_bad(c, L_MRP, why);
    return fb_flow_set_int(c, "mrp", v) == FB_OK ? NULL : R_EMPTY;
}

static const char *check_rate(fb_ctx *c)
{
    int v;
    const char *why = fb__gst_rate(fb_text(c), &v);

    if (why)
        return fb__gst_bad(c, L_RATE, why);
    return fb_flow_set_int(c, "rate", v) == FB_OK ? NULL : R_EMPTY;
}

/* ---- a new item
 * -------------------------------------------------------------- */

/* [New item]: the host asks for the serial. */
int fb__gst_item_new(fb_ctx *c)
{
    return fb_flow_start(c, FLOW_ITEM_NEW, "serial");
}

/* The rate, the last answer: the item is saved. */
static int save_new(fb_ctx *c)
{
    int64_t id = fb_sql_int(
        c, 0,
        "INSERT INTO gst_items (serial, name, hsn, unit, mrp_paise, rate_bp)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (serial) DO NOTHING"
        " RETURNING id",
        fb_flow_str(c, "serial"), fb_flow_str(c, "name"), fb_flow_str(c, "hsn"),
        fb_flow_str(c, "unit"), fb_flow_int(c, "mrp", 0),
        fb_flow_int(c, "rate", 0));
    item_row it = load(c, id);

    fb_flow_end(c);
    if (!it.id)
        return fb_replyf(c, NULL, E_SERIAL_EXISTS, fb_flow_str(c, "serial"));
    return card(c, T_SAVED, &it, 0);
}

/* ---- editing
 * ------------------------------------------------------------------- */

/* [Name] [HSN/SAC] [Unit] [MRP] [GST %]: "gied:<id>:<field>". */
int fb__gst_item_edit(fb_ctx *c)
{
    static const char *const fields[] = {"name", "hsn", "unit", "mrp", "rate"};
    const char *what = fb_data_field(c, CB_ITEM_EDIT, 1);
    item_row it = pressed(c, CB_ITEM_EDIT);

    if (!it.id)
        return FB_OK;
    for (size_t i = 0; what && i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(what, fields[i]) == 0) {
            fb_flow_start(c, FLOW_ITEM_EDIT, fields[i]);
            return fb_flow_set_int(c, "item", it.id);
        }
    return fb_answerf(c, A_STALE);
}

static int save_edit(fb_ctx *c)
{
    int64_t id = fb_flow_int(c, "item", 0);
    item_row it;

    fb_sql_exec(c,
                "UPDATE gst_items SET name = coalesce($2, name),"
                " hsn = coalesce($3, hsn), unit = coalesce($4, unit),"
                " mrp_paise = coalesce($5::bigint, mrp_paise),"
                " rate_bp = coalesce($6::integer, rate_bp),"
                " updated_at = now() WHERE id = $1",
                id, fb_flow_get(c, "name"), fb_flow_get(c, "hsn"),
                fb_flow_get(c, "unit"), fb_flow_get(c, "mrp"),
                fb_flow_get(c, "rate"));
    fb_flow_end(c);
    it = load(c, id);
    if (!it.id)
        return fb_reply(c, A_NO_ITEM, NULL);
    return card(c, T_SAVED, &it, 0);
}

/* clang-format off */
static const fb_ask serial_q = {.prompt = T_ASK_SERIAL, .check = check_serial, .next = "name"};
static const fb_ask name_q = {.prompt = T_ASK_NAME, .check = check_name, .next = "hsn"};
static const fb_ask hsn_q = {.prompt = T_ASK_HSN, .check = check_hsn, .next = "unit"};
static const fb_ask unit_q = {.prompt = T_ASK_UNIT, .check = check_unit, .next = "mrp"};
static const fb_ask mrp_q = {.prompt = T_ASK_MRP, .check = check_mrp, .next = "rate"};
static const fb_ask rate_q = {.prompt = T_ASK_RATE, .check = check_rate};

const fb_state fb__gst_item_new_states[] = {
    {.name = "serial", .role = FB_ROLE_ADMIN, .ask = &serial_q},
    {.name = "name", .role = FB_ROLE_ADMIN, .ask = &name_q},
    {.name = "hsn", .role = FB_ROLE_ADMIN, .ask = &hsn_q},
    {.name = "unit", .role = FB_ROLE_ADMIN, .ask = &unit_q},
    {.name = "mrp", .role = FB_ROLE_ADMIN, .ask = &mrp_q},
    {.name = "rate", .role = FB_ROLE_ADMIN, .ask = &rate_q, .handler = save_new},
    {0}};

/* One question, then saved: the same questions as a new item's. */
const fb_state fb__gst_item_edit_states[] = {
    {.name = "name", .role = FB_ROLE_ADMIN, .ask = &name_q, .handler = save_edit},
    {.name = "hsn", .role = FB_ROLE_ADMIN, .ask = &hsn_q, .handler = save_edit},
    {.name = "unit", .role = FB_ROLE_ADMIN, .ask = &unit_q, .handler = save_edit},
    {.name = "mrp", .role = FB_ROLE_ADMIN, .ask = &mrp_q, .handler = save_edit},
    {.name = "rate", .role = FB_ROLE_ADMIN, .ask = &rate_q, .handler = save_edit},
    {0}};
/* clang-format on */
