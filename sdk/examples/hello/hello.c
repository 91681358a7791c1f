/* hello: the SDK's example plugin.
 *
 * The conversation it holds:
 *
 *   /hello            anyone     greeting with a [Book a class] button
 *                                (not /start: that is the users plugin's)
 *   /book, [Book]     members    flow "book":
 *       class    pick a class by button  (typed text: "use the buttons")
 *       date     type a date, 2030-01-15 or 15/01/2030 (bad input: say
 *                what is accepted, stay in the state)
 *       confirm  [Confirm] books it, [Cancel] drops it
 *   /mine             members    my bookings as a text document
 *   /bookings         staff      the latest bookings, each with [Drop #id]
 *   [Drop #id]        staff      deletes the booking (a member's forged
 *                                press is refused by the host)
 *
 * Its table lives in sql/001_bookings.sql; the host finds that folder as
 * <sql_dir>/hello (the descriptor's .migrations). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fitbot/plugin.h"
#include "fitbot/sdk.h"
#include "texts.h"

typedef struct gym_class {
    const char *key;
    const char *label;
} gym_class;

static const gym_class classes[] = {
    {"yoga", "Yoga"}, {"spin", "Spin"}, {"strength", "Strength"}};

#define NCLASSES (sizeof classes / sizeof classes[0])

static const gym_class *class_by_key(const char *key)
{
    for (size_t i = 0; key && i < NCLASSES; i++)
        if (strcmp(classes[i].key, key) == 0)
            return &classes[i];
    return NULL;
}

/* 1 when the key's conversation is our "book" flow in state. */
static int in_state(fb_ctx *c, const char *state)
{
    return strcmp(fb_flow_name(c), "book") == 0 &&
           strcmp(fb_flow_state(c), state) == 0;
}

/* A text with one %s filled by s (HTML-escaped) into buf. */
static const char *say1(char *buf, size_t len, const char *fmt, const char *s)
{
    char esc[256];

    if (fb_html_escape(s, esc, sizeof esc) != 0)
        snprintf(esc, sizeof esc, "?");
    snprintf(buf, len, fmt, esc);
    return buf;
}

static int on_hello(fb_ctx *c)
{
    fb_keyboard kb;
    char text[768];

    fb_kb_init(&kb);
    fb_kb_button(&kb, T_BTN_BOOK, "hello:book");
    return fb_reply(c, say1(text, sizeof text, T_WELCOME, fb_first_name(c)),
                    &kb) == 0
               ? FB_OK
               : FB_ERR;
}

/* /book and the [Book a class] button: enter the flow, offer the classes. */
static int on_book(fb_ctx *c)
{
    fb_keyboard kb;
    char data[FB_CALLBACK_DATA_MAX + 1];

    fb_kb_init(&kb);
    for (size_t i = 0; i < NCLASSES; i++) {
        const char *f[] = {classes[i].key};
        if (fb_cbdata(data, sizeof data, "hello:cls:", 1, f) != 0 ||
            fb_kb_button(&kb, classes[i].label, data) != 0)
            return FB_ERR;
    }
    if (fb_flow_start(c, "book", "class") != 0)
        return FB_ERR;
    return fb_reply(c, T_PICK_CLASS, &kb) == 0 ? FB_OK : FB_ERR;
}

/* [Yoga] etc.: remember the class, ask for the day (editing the menu). */
static int on_class(fb_ctx *c)
{
    char buf[FB_CALLBACK_DATA_MAX + 1], text[256];
    const char *f[1];
    const gym_class *k;

    if (!in_state(c, "class") ||
        fb_cbdata_split(fb_data(c), "hello:cls:", buf, sizeof buf, f, 1) != 1 ||
        !(k = class_by_key(f[0])))
        return fb_answer(c, T_EXPIRED, 0) == 0 ? FB_OK : FB_ERR;
    if (fb_flow_set(c, "class", k->key) != 0 || fb_flow_goto(c, "date") != 0)
        return FB_ERR;
    snprintf(text, sizeof text, T_ASK_DATE, k->label);
    return fb_edit(c, text, NULL) == 0 ? FB_OK : FB_ERR;
}

static int class_state_text(fb_ctx *c)
{
    return fb_reply(c, T_USE_BUTTONS, NULL) == 0 ? FB_OK : FB_ERR;
}

/* State "date": a typed day; wrong input keeps the state and says why. */
static int date_state_text(fb_ctx *c)
{
    char day[11], text[768];
    const gym_class *k = class_by_key(fb_flow_get(c, "class"));
    fb_keyboard kb;
    fb_date d;

    if (fb_parse_date(fb_text(c), &d) != 0)
        return fb_reply(c, say1(text, sizeof text, T_BAD_DATE, fb_text(c)),
                        NULL) == 0
                   ? FB_OK
                   : FB_ERR;
    if (!k || fb_flow_set(c, "day", fb_date_str(&d, day)) != 0 ||
        fb_flow_goto(c, "confirm") != 0)
        return FB_ERR;
    snprintf(text, sizeof text, T_CONFIRM, k->label, day);
    fb_kb_init(&kb);
    fb_kb_button(&kb, T_BTN_CONFIRM, "hello:ok");
    fb_kb_button(&kb, T_BTN_CANCEL, "hello:no");
    return kb.error == 0 && fb_reply(c, text, &kb) == 0 ? FB_OK : FB_ERR;
}

static int confirm_state_text(fb_ctx *c)
{
    return fb_reply(c, T_PRESS_CONFIRM, NULL) == 0 ? FB_OK : FB_ERR;
}

/* Store the booking; *fresh is 1 when it was new. */
static int store_booking(fb_ctx *c, const char *class_key, const char *day,
                         int *fresh)
{
    char user[21];
    const char *p[] = {fb_int64_str(fb_user(c), user), class_key, day};
    fb_rows *r = fb_query(c,
                          "INSERT INTO hello_bookings (user_id, class, day) "
                          "VALUES ($1, $2, $3::date) ON CONFLICT DO NOTHING",
                          3, p);
    char json[160];

    if (!r)
        return -1;
    *fresh = fb_rows_affected(c, r) == 1;
    fb_rows_free(c, r);
    if (!*fresh)
        return 0;
    snprintf(json, sizeof json,
             "{\"user\":\"%s\",\"class\":\"%s\","
             "\"day\":\"%s\"}",
             user, class_key, day);
    return fb_publish(c, "hello.booked", json);
}

/* [Confirm]. */
static int on_confirm(fb_ctx *c)
{
    const gym_class *k = class_by_key(fb_flow_get(c, "class"));
    const char *day = fb_flow_get(c, "day");
    char text[256], dcopy[16];
    int fresh = 0;

    if (!in_state(c, "confirm") || !k || !day)
        return fb_answer(c, T_EXPIRED, 0) == 0 ? FB_OK : FB_ERR;
    snprintf(dcopy, sizeof dcopy, "%s", day);
    if (store_booking(c, k->key, dcopy, &fresh) != 0 || fb_flow_end(c) != 0)
        return FB_ERR;
    snprintf(text, sizeof text, fresh ? T_BOOKED : T_ALREADY, k->label, dcopy);
    return fb_edit(c, text, NULL) == 0 ? FB_OK : FB_ERR;
}

/* [Cancel]. */
static int on_decline(fb_ctx *c)
{
    if (!in_state(c, "confirm"))
        return fb_answer(c, T_EXPIRED, 0) == 0 ? FB_OK : FB_ERR;
    if (fb_flow_end(c) != 0)
        return FB_ERR;
    return fb_edit(c, T_NOT_BOOKED, NULL) == 0 ? FB_OK : FB_ERR;
}

static int on_timeout(fb_ctx *c)
{
    return fb_reply(c, T_TIMEOUT, NULL) == 0 ? FB_OK : FB_ERR;
}

/* /mine: the member's bookings as a small text document. */
static int on_mine(fb_ctx *c)
{
    char user[21], doc[1024];
    const char *p[] = {fb_int64_str(fb_user(c), user)};
    fb_rows *r = fb_query(c,
                          "SELECT day, class FROM hello_bookings "
                          "WHERE user_id = $1 ORDER BY day LIMIT 20",
                          1, p);
    size_t n = 0;

    if (!r)
        return FB_ERR;
    doc[0] = '\0';
    for (int i = 0; i < fb_rows_count(c, r) && n < sizeof doc; i++)
        n += (size_t)snprintf(doc + n, sizeof doc - n, "%s %s\n",
                              fb_rows_get(c, r, i, 0), fb_rows_get(c, r, i, 1));
    fb_rows_free(c, r);
    if (n == 0)
        return fb_reply(c, T_NONE, NULL) == 0 ? FB_OK : FB_ERR;
    return fb_send_document(c, 0, T_CARD_FILE, doc, strlen(doc),
                            T_CARD_CAPTION) == 0
               ? FB_OK
               : FB_ERR;
}

/* /bookings (staff): the ten latest, each with a [Drop #id] button. */
static int on_list(fb_ctx *c)
{
    fb_rows *r = fb_query(c,
                          "SELECT id, user_id, class, day FROM hello_bookings "
                          "ORDER BY id DESC LIMIT 10",
                          0, NULL);
    char text[2048], label[64], data[FB_CALLBACK_DATA_MAX + 1];
    fb_keyboard kb;
    size_t n;
    int i;

    if (!r)
        return FB_ERR;
    fb_kb_init(&kb);
    n = (size_t)snprintf(text, sizeof text, "%s",
                         fb_rows_count(c, r) ? T_LIST_HEAD : T_NONE);
    for (i = 0; i < fb_rows_count(c, r) && n < sizeof text; i++) {
        const char *id = fb_rows_get(c, r, i, 0), *f[] = {id};
        n += (size_t)snprintf(text + n, sizeof text - n, "\n#%s %s %s (%s)", id,
                              fb_rows_get(c, r, i, 2), fb_rows_get(c, r, i, 3),
                              fb_rows_get(c, r, i, 1));
        snprintf(label, sizeof label, T_BTN_DROP, id);
        if (fb_cbdata(data, sizeof data, "hello:drop:", 1, f) == 0)
            fb_kb_button(&kb, label, data);
        fb_kb_row(&kb);
    }
    fb_rows_free(c, r);
    return fb_reply(c, text, kb.rows ? &kb : NULL) == 0 ? FB_OK : FB_ERR;
}

/* [Drop #id] (staff). The id comes from callback data: untrusted. */
static int on_drop(fb_ctx *c)
{
    char buf[FB_CALLBACK_DATA_MAX + 1], text[128];
    const char *f[1];
    int64_t id;
    fb_rows *r;

    if (fb_cbdata_split(fb_data(c), "hello:drop:", buf, sizeof buf, f, 1) !=
            1 ||
        fb_parse_id(f[0], &id) != 0)
        return fb_answer(c, T_EXPIRED, 0) == 0 ? FB_OK : FB_ERR;
    r = fb_query(c, "DELETE FROM hello_bookings WHERE id = $1", 1, f);
    if (!r)
        return FB_ERR;
    snprintf(text, sizeof text, fb_rows_affected(c, r) ? T_DROPPED : T_GONE,
             f[0]);
    fb_rows_free(c, r);
    return fb_edit(c, text, NULL) == 0 ? FB_OK : FB_ERR;
}

static const fb_state book_states[] = {
    {.name = "class", .handler = class_state_text, .role = FB_ROLE_MEMBER},
    {.name = "date", .handler = date_state_text, .role = FB_ROLE_MEMBER},
    {.name = "confirm", .handler = confirm_state_text, .role = FB_ROLE_MEMBER},
    {0}};

static const fb_flow flows[] = {
    {.name = "book", .states = book_states, .on_timeout = on_timeout}, {0}};

/* A route: what it matches, the least role, the handler, its menu line,
 * and the flow it enters (the host first ends the key's current flow). */
#define CMD(m, r, h, menu, flow)                                               \
    {                                                                          \
        .kind = FB_ROUTE_COMMAND, .match = (m), .role = (r), .handler = (h),   \
        .help = (menu), .enters = (flow)                                       \
    }
#define BUTTON(m, r, h, flow)                                                  \
    {                                                                          \
        .kind = FB_ROUTE_CALLBACK, .match = (m), .role = (r), .handler = (h),  \
        .enters = (flow)                                                       \
    }

static const fb_route routes[] = {
    CMD("hello", FB_ROLE_ANYONE, on_hello, "say hello", NULL),
    CMD("book", FB_ROLE_MEMBER, on_book, "book a class", "book"),
    CMD("mine", FB_ROLE_MEMBER, on_mine, "my bookings", NULL),
    CMD("bookings", FB_ROLE_STAFF, on_list, "latest bookings", NULL),
    BUTTON("hello:book", FB_ROLE_MEMBER, on_book, "book"),
    BUTTON("hello:cls:", FB_ROLE_MEMBER, on_class, NULL),
    BUTTON("hello:ok", FB_ROLE_MEMBER, on_confirm, NULL),
    BUTTON("hello:no", FB_ROLE_MEMBER, on_decline, NULL),
    BUTTON("hello:drop:", FB_ROLE_STAFF, on_drop, NULL),
    {0}};

static const fb_plugin hello = {
    FB_PLUGIN_HEADER,
    .name = "hello",
    .version = "1.0.0",
    .description = "SDK example: book a class in three steps",
    .priority = 100,
    .routes = routes,
    .flows = flows,
    .migrations = "hello",
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void);

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &hello;
}
