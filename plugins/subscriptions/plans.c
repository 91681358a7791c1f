/* subscriptions plugin: the plans, managed by admins.
 *
 *   /plans ──► every plan as a button, and [New plan]
 *   a plan's button ──► its card: [Edit days] [Edit price] [Deactivate]
 *                       (or [Activate])
 *   [New plan] ──► name ──► days (1..3660) ──► price ──► saved
 *   [Edit days] / [Edit price] ──► the new value ──► saved
 * A plan is never deleted: a subscription refers to it for good. A plan's
 * change applies to requests made after it (a request keeps the days and
 * price the member confirmed). */
#include <string.h>

#include "subs.h"
#include "texts.h"

#define PLAN_NAME_BYTES 60 /* a button label holds it with its price */

/* See subs.h. */
subs_plan fb__subs_plan(fb_ctx *c, int64_t id)
{
    fb_rows *r = fb_sql(c,
                        "SELECT id, name, days, price_paise, active::int"
                        " FROM subs_plans WHERE id = $1",
                        id);

    return (subs_plan){.id = fb_int(c, r, 0, 0),
                       .name = fb_str(c, r, 0, 1),
                       .days = fb_int(c, r, 0, 2),
                       .price = fb_int(c, r, 0, 3),
                       .active = (int)fb_int(c, r, 0, 4)};
}

/* /plans and [« Plans]: every plan (active first), and [New plan]. */
int fb__subs_plans(fb_ctx *c)
{
    fb_rows *r = fb_sql(c, "SELECT id, name, days, price_paise, active"
                           " FROM subs_plans ORDER BY active DESC, days, name");
    fb_keyboard *kb = fb_kb(c);
    int n = fb_nrows(c, r);

    for (int i = 0; i < n; i++) {
        fb_kb_row(kb);
        fb_kb_button(
            kb,
            fb_plainf(c, B_PLAN_LABEL, fb_str(c, r, i, 1),
                      (long long)fb_int(c, r, i, 2),
                      fb_money_str(c, fb_int(c, r, i, 3)),
                      strcmp(fb_str(c, r, i, 4), "t") == 0 ? "" : B_PLAN_OFF),
            fb_cbf(c, CB_PLAN "%" PRId64, fb_int(c, r, i, 0)));
    }
    fb_kb_row(kb);
    fb_kb_button(kb, B_PLAN_NEW, CB_PLAN_NEW);
    if (n == 0)
        return fb_reply(c, T_NO_PLANS, kb);
    return fb_replyf(c, kb, T_PLANS, n);
}

static int show_plan(fb_ctx *c, const char *head, const subs_plan *p)
{
    fb_keyboard *kb = fb_kb(c);
    int64_t in_use = fb_sql_int(
        c, 0, "SELECT count(*) FROM subs_subscriptions WHERE plan_id = $1",
        p->id);

    fb_kb_button(kb, B_PLAN_DAYS, fb_cbf(c, CB_PLAN_DAYS "%" PRId64, p->id));
    fb_kb_button(kb, B_PLAN_PRICE, fb_cbf(c, CB_PLAN_PRICE "%" PRId64, p->id));
    fb_kb_row(kb);
    fb_kb_button(kb, p->active ? B_PLAN_DEACTIVATE : B_PLAN_ACTIVATE,
                 fb_cbf(c, CB_PLAN_TOGGLE "%" PRId64, p->id));
    fb_kb_button(kb, B_PLANS, CB_PLANS);
    return fb_replyf(c, kb, T_PLAN_CARD, head, p->name, (long long)p->days,
                     fb_money_str(c, p->price),
                     p->active ? T_ACTIVE : T_INACTIVE, (long long)in_use);
}

/* The plan a button "prefix<id>" points at; id 0 (and the press
 * answered) when there is none. */
static subs_plan pressed_plan(fb_ctx *c, const char *prefix)
{
    subs_plan p = fb__subs_plan(c, fb_data_id(c, prefix, 0));

    if (!p.id)
        fb_answerf(c, A_NO_PLAN);
    return p;
}

/* A plan's button: its card. */
int fb__subs_plan_button(fb_ctx *c)
{
    subs_plan p = pressed_plan(c, CB_PLAN);

    return p.id ? show_plan(c, "", &p) : FB_OK;
}

/* [Deactivate] / [Activate]: members no longer see it (or see it again). */
int fb__subs_plan_toggle(fb_ctx *c)
{
    subs_plan p = pressed_plan(c, CB_PLAN_TOGGLE);

    if (!p.id)
        return FB_OK;
    fb_sql_exec(c, "UPDATE subs_plans SET active = NOT active WHERE id = $1",
                p.id);
    p.active = !p.active;
    return show_plan(c, p.active ? T_PLAN_ON : T_PLAN_OFF, &p);
}

/* ---- a new plan ---------------------------------------------------------- */

/* [New plan]: the host asks for the name. */
int fb__subs_plan_new(fb_ctx *c)
{
    return fb_flow_start(c, FLOW_PLAN_NEW, "name");
}

/* A name no other plan has (case ignored) that fits a button. */
static const char *check_plan_name(fb_ctx *c)
{
    const char *name = fb_text(c);
    char trimmed[256];

    if (fb_trim(name, trimmed, sizeof trimmed) != 0 ||
        strlen(trimmed) > PLAN_NAME_BYTES)
        return E_PLAN_NAME;
    if (fb_sql_int(c, 0,
                   "SELECT count(*) FROM subs_plans WHERE lower(name) ="
                   " lower($1)",
                   trimmed) > 0)
        return fb_strf(c, E_PLAN_EXISTS, trimmed);
    return NULL;
}

/* The price, the last answer: the plan is saved. */
static int save_plan(fb_ctx *c)
{
    const char *name = fb_flow_str(c, "name");
    int64_t id = fb_sql_int(
        c, 0,
        "INSERT INTO subs_plans (name, days, price_paise) VALUES ($1, $2, $3)"
        " ON CONFLICT (name) DO NOTHING RETURNING id",
        name, fb_flow_int(c, "days", 0), fb_flow_int(c, "price", 0));
    subs_plan p = fb__subs_plan(c, id);

    fb_flow_end(c);
    if (!p.id)
        return fb_replyf(c, NULL, E_PLAN_EXISTS, name);
    return show_plan(c, T_PLAN_SAVED, &p);
}

/* ---- editing ------------------------------------------------------------- */

/* [Edit days] / [Edit price]: ask for the new value. */
int fb__subs_plan_edit(fb_ctx *c)
{
    int days = fb_data_field(c, CB_PLAN_DAYS, 0) != NULL;
    subs_plan p = pressed_plan(c, days ? CB_PLAN_DAYS : CB_PLAN_PRICE);

    if (!p.id)
        return FB_OK;
    fb_flow_start(c, FLOW_PLAN_EDIT, days ? "days" : "price");
    return fb_flow_set_int(c, "plan", p.id);
}

static int save_edit(fb_ctx *c)
{
    int64_t id = fb_flow_int(c, "plan", 0);
    subs_plan p;

    fb_sql_exec(c,
                "UPDATE subs_plans SET days = coalesce($2, days),"
                " price_paise = coalesce($3, price_paise) WHERE id = $1",
                id, fb_flow_get(c, "days"), fb_flow_get(c, "price"));
    fb_flow_end(c);
    p = fb__subs_plan(c, id);
    if (!p.id)
        return fb_reply(c, A_NO_PLAN, NULL);
    return show_plan(c, T_PLAN_SAVED, &p);
}

/* clang-format off */
static const fb_ask name_q = {.prompt = T_ASK_PLAN_NAME, .bad = E_PLAN_NAME, .min = 1, .max = 40, .check = check_plan_name, .key = "name", .next = "days"};
static const fb_ask days_q = {.prompt = T_ASK_PLAN_DAYS, .type = FB_IN_INT, .min = 1, .max = MAX_DAYS, .bad = E_PLAN_DAYS, .key = "days", .next = "price"};
static const fb_ask price_q = {.prompt = T_ASK_PLAN_PRICE, .type = FB_IN_MONEY, .min = 100, .max = 100000000000, .bad = E_PLAN_PRICE, .key = "price"};

const fb_state fb__subs_plan_new_states[] = {
    {.name = "name", .role = FB_ROLE_ADMIN, .ask = &name_q},
    {.name = "days", .role = FB_ROLE_ADMIN, .ask = &days_q},
    {.name = "price", .role = FB_ROLE_ADMIN, .ask = &price_q, .handler = save_plan},
    {0}};

/* One question, then saved: the same questions as a new plan's. */
const fb_state fb__subs_plan_edit_states[] = {
    {.name = "days", .role = FB_ROLE_ADMIN, .ask = &days_q, .handler = save_edit},
    {.name = "price", .role = FB_ROLE_ADMIN, .ask = &price_q, .handler = save_edit},
    {0}};
/* clang-format on */
