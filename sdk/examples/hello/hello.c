/* hello: the SDK's example plugin, written in the ABI 1.2 style.
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
 * Each state declares its question (fb_ask): the host asks it when the
 * flow enters the state and asks again, with the check's message, when
 * the answer is wrong. A failed host call (a query, a send) fails the
 * handler by itself: handlers just return FB_OK. Its table lives in
 * sql/001_bookings.sql; the host finds that folder as <sql_dir>/hello. */
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

static int on_hello(fb_ctx *c)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, T_BTN_BOOK, "hello:book");
    return fb_replyf(c, kb, T_WELCOME, fb_first_name(c));
}

/* ---- flow "book" ---------------------------------------------------------
 */

/* /book and the [Book a class] button: the host asks the first question. */
static int on_book(fb_ctx *c)
{
    return fb_flow_start(c, "book", "class");
}

/* The class question (or its re-ask) with a button per class. */
static int ask_class(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);

    for (size_t i = 0; i < NCLASSES; i++)
        fb_kb_button(kb, classes[i].label,
                     fb_cbf(c, "hello:cls:%s", classes[i].key));
    return fb_reply(c, html, kb);
}

/* Typed text never answers a question of buttons. */
static const char *use_buttons(fb_ctx *c)
{
    return T_USE_BUTTONS;
}

/* [Yoga] etc.: remember the class; the host then asks for the day. */
static int on_class(fb_ctx *c)
{
    const gym_class *k = class_by_key(fb_data_field(c, "hello:cls:", 0));

    if (!fb_in_flow(c, "book", "class") || !k)
        return fb_answerf(c, T_EXPIRED);
    fb_flow_set(c, "class", k->key);
    fb_editf(c, NULL, T_PICKED, k->label);
    return fb_flow_goto(c, "date");
}

/* The typed day: a date we can book, or why not. */
static const char *check_day(fb_ctx *c)
{
    fb_date d;

    if (fb_parse_date(fb_text(c), &d) != 0)
        return fb_strf(c, T_BAD_DATE, fb_text(c));
    fb_flow_set_date(c, "day", d);
    return NULL;
}

/* "Book Yoga on 2030-01-15?" with [Confirm] [Cancel]; html is the re-ask. */
static int ask_confirm(fb_ctx *c, const char *html)
{
    const gym_class *k = class_by_key(fb_flow_str(c, "class"));
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, T_BTN_CONFIRM, "hello:ok");
    fb_kb_button(kb, T_BTN_CANCEL, "hello:no");
    if (html)
        return fb_reply(c, html, kb);
    return fb_replyf(c, kb, T_CONFIRM, k ? k->label : "?",
                     fb_flow_str(c, "day"));
}

static const char *press_confirm(fb_ctx *c)
{
    return T_PRESS_CONFIRM;
}

/* [Confirm]: store the booking once and tell the other plugins. */
static int on_confirm(fb_ctx *c)
{
    const gym_class *k = class_by_key(fb_flow_str(c, "class"));
    const char *day = fb_flow_str(c, "day");
    long long fresh;

    if (!fb_in_flow(c, "book", "confirm") || !k)
        return fb_answerf(c, T_EXPIRED);
    fresh = fb_sql_exec(c,
                        "INSERT INTO hello_bookings (user_id, class, day) "
                        "VALUES ($1, $2, $3::date) ON CONFLICT DO NOTHING",
                        fb_user(c), k->key, day);
    if (fresh == 1)
        fb_publish(c, "hello.booked",
                   fb_jsonf(c,
                            "{\"user\":\"%s\",\"class\":\"%s\","
                            "\"day\":\"%s\"}",
                            fb_id_str(c, fb_user(c)), k->key, day));
    fb_editf(c, NULL, fresh == 1 ? T_BOOKED : T_ALREADY, k->label, day);
    return fb_flow_end(c);
}

/* [Cancel]. */
static int on_decline(fb_ctx *c)
{
    if (!fb_in_flow(c, "book", "confirm"))
        return fb_answerf(c, T_EXPIRED);
    fb_editf(c, NULL, T_NOT_BOOKED);
    return fb_flow_end(c);
}

static int on_timeout(fb_ctx *c)
{
    return fb_replyf(c, NULL, T_TIMEOUT);
}

/* ---- lists ---------------------------------------------------------------
 */

/* /mine: the member's bookings as a small text document. */
static int on_mine(fb_ctx *c)
{
    const char *doc = fb_sql_str(c,
                                 "SELECT string_agg(day || ' ' || class || "
                                 "E'\\n', '' ORDER BY day) FROM (SELECT day, "
                                 "class FROM hello_bookings WHERE user_id = $1 "
                                 "ORDER BY day LIMIT 20) b",
                                 fb_user(c));

    if (!doc)
        return fb_replyf(c, NULL, T_NONE);
    return fb_send_document(c, 0, T_CARD_FILE, doc, strlen(doc),
                            T_CARD_CAPTION);
}

/* /bookings (staff): the ten latest, each with a [Drop #id] button. */
static int on_list(fb_ctx *c)
{
    fb_rows *r = fb_sql(c, "SELECT id, user_id, class, day FROM hello_bookings "
                           "ORDER BY id DESC LIMIT 10");
    const char *text = fb_nrows(c, r) ? T_LIST_HEAD : T_NONE;
    fb_keyboard *kb = fb_kb(c);

    for (int i = 0; i < fb_nrows(c, r); i++) {
        int64_t id = fb_int(c, r, i, 0);
        text = fb_strf(c, T_LIST_LINE, text, id, fb_str(c, r, i, 2),
                       fb_str(c, r, i, 3), fb_str(c, r, i, 1));
        fb_kb_button(kb, fb_plainf(c, T_BTN_DROP, id),
                     fb_cbf(c, "hello:drop:%" PRId64, id));
        fb_kb_row(kb);
    }
    return fb_reply(c, text, kb->rows ? kb : NULL);
}

/* [Drop #id] (staff). The id comes from callback data: untrusted. */
static int on_drop(fb_ctx *c)
{
    int64_t id = fb_data_id(c, "hello:drop:", 0);

    if (!id)
        return fb_answerf(c, T_EXPIRED);
    if (fb_sql_exec(c, "DELETE FROM hello_bookings WHERE id = $1", id) == 1)
        return fb_editf(c, NULL, T_DROPPED, id);
    return fb_editf(c, NULL, T_GONE, id);
}

/* ---- the descriptor ------------------------------------------------------
 */
static const fb_ask ask_which_class = {
    .prompt = T_PICK_CLASS, .ask = ask_class, .check = use_buttons};
static const fb_ask ask_which_day = {.prompt = T_ASK_DATE,
                                     .bad = T_NOT_TEXT,
                                     .check = check_day,
                                     .next = "confirm"};
static const fb_ask ask_sure = {
    .ask = ask_confirm, .type = FB_IN_ANY, .check = press_confirm};

static const fb_state book_states[] = {
    {.name = "class", .role = FB_ROLE_MEMBER, .ask = &ask_which_class},
    {.name = "date", .role = FB_ROLE_MEMBER, .ask = &ask_which_day},
    {.name = "confirm", .role = FB_ROLE_MEMBER, .ask = &ask_sure},
    {0}};

static const fb_flow flows[] = {
    {.name = "book", .states = book_states, .on_timeout = on_timeout}, {0}};

static const fb_route routes[] = {
    FB_COMMAND("hello", FB_ROLE_ANYONE, on_hello, "say hello", NULL),
    FB_COMMAND("book", FB_ROLE_MEMBER, on_book, "book a class", "book"),
    FB_COMMAND("mine", FB_ROLE_MEMBER, on_mine, "my bookings", NULL),
    FB_COMMAND("bookings", FB_ROLE_STAFF, on_list, "latest bookings", NULL),
    FB_BUTTON("hello:book", FB_ROLE_MEMBER, on_book, "book"),
    FB_BUTTON("hello:cls:", FB_ROLE_MEMBER, on_class, NULL),
    FB_BUTTON("hello:ok", FB_ROLE_MEMBER, on_confirm, NULL),
    FB_BUTTON("hello:no", FB_ROLE_MEMBER, on_decline, NULL),
    FB_BUTTON("hello:drop:", FB_ROLE_STAFF, on_drop, NULL),
    {0}};

static const fb_plugin hello = {
    FB_PLUGIN_HEADER,
    .name = "hello",
    .version = "1.2.0",
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
