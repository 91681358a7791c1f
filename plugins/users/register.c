/* users plugin: /start and the registration flow.
 *
 *   stranger ── /start ──► welcome [Register]
 *   Register ──► name ──► phone ──► age ──► weight ──► gender ──► photo
 *                each state declares its question and its check: the host
 *                asks, re-asks with the check's message, and moves on;
 *                /cancel ends the flow, /start asks the question again.
 *   phone: typed, or shared with the "Share my phone number" reply
 *          keyboard (the sender's own contact only); the age question
 *          takes that keyboard away.
 *   gender: a button, or typed.   photo: a photo, or Skip.
 *   ──► profile saved ──► approval.c
 */
#include <string.h>

#include "texts.h"
#include "users.h"

/* ---- /start and Register ------------------------------------------------ */

/* A member's card, with a section from every plugin answering
 * "member.card", and their menu. */
static int start_member(fb_ctx *c, const usr_person *me)
{
    const char *card = fb__usr_card(c, me);
    int n = fb_request(c, "member.card",
                       fb_jsonf(c, "{\"user_id\":\"%" PRId64 "\"}", me->id));

    for (int i = 0; i < n; i++)
        card = fb_strf(c, "%-s" T_CARD_SECTION, card, fb_response(c, i));
    fb_set_commands(c, fb_chat(c), me->role);
    return fb_reply(c, card, fb__usr_menu_kb(c, me->role));
}

static int start_stranger(fb_ctx *c, const usr_person *me)
{
    fb_keyboard *kb = fb_kb(c);
    int rejected = strcmp(me->status, "rejected") == 0;

    fb_kb_button(kb, B_REGISTER, CB_REGISTER);
    fb_set_commands(c, fb_chat(c), FB_ROLE_ANYONE);
    return fb_replyf(c, kb, T_WELCOME "%-s", fb_first_name(c),
                     rejected ? "\n\n" T_REJECTED_AGAIN : "");
}

/* /start: who you are decides what you see. */
int fb__usr_start(fb_ctx *c)
{
    usr_person me = fb__usr_load(c, fb_user(c));

    if (me.banned && !*me.ban_reason)
        return fb_reply(c, T_BANNED_NO_REASON, NULL);
    if (me.banned)
        return fb_replyf(c, NULL, T_BANNED, me.ban_reason);
    if (me.role >= FB_ROLE_MEMBER)
        return start_member(c, &me);
    if (fb_in_flow(c, FLOW_REGISTER, NULL))
        return fb_flow_reask(c);
    if (strcmp(me.status, "pending") == 0)
        return fb_replyf(c, NULL, T_PENDING, me.display);
    return start_stranger(c, &me);
}

/* [Register] or /register: the flow starts at the name, unless there is
 * nothing to register. Only in the private chat: a phone number has no
 * place in a group. */
int fb__usr_register(fb_ctx *c)
{
    usr_person me = fb__usr_load(c, fb_user(c));

    if (fb_kind(c) == FB_UPDATE_CALLBACK &&
        strcmp(fb_data(c), CB_REGISTER) != 0)
        return fb_answerf(c, A_BAD_BUTTON);
    if (fb_chat(c) != fb_user(c))
        return fb_reply(c, T_PRIVATE_ONLY, NULL);
    if (me.has_profile && me.role >= FB_ROLE_MEMBER)
        return fb_reply(c, T_ALREADY_REGISTERED, NULL);
    if (strcmp(me.status, "pending") == 0)
        return fb_replyf(c, NULL, T_PENDING, me.display);
    return fb_flow_start(c, FLOW_REGISTER, "name");
}

/* ---- the checks: NULL accepts (and keeps the value), else why not ------- */

static const char *check_name(fb_ctx *c)
{
    static const char *const why[USR_RANGE + 1] = {[USR_EMPTY] = E_NAME_EMPTY,
                                                   [USR_SHORT] = E_NAME_SHORT,
                                                   [USR_LONG] = E_NAME_LONG,
                                                   [USR_NO_LETTER] =
                                                       E_NAME_NO_LETTER};
    char name[USR_NAME_BUF];
    usr_err e = fb__usr_check_name(fb_text(c), name, sizeof name);

    if (e != USR_OK)
        return why[e] ? why[e] : E_NAME_CHARS;
    fb_flow_set(c, "name", name);
    return NULL;
}

/* Typed, or shared: the sender's own contact only. */
static const char *check_phone(fb_ctx *c)
{
    /* NOLINTBEGIN(bugprone-suspicious-missing-comma): texts join literals */
    static const char *const why[USR_RANGE + 1] = {
        [USR_EMPTY] = E_PHONE_EMPTY,
        [USR_PHONE_LEN] = E_PHONE_LEN,
        [USR_PHONE_START] = E_PHONE_START,
        [USR_PHONE_COUNTRY] = E_PHONE_COUNTRY};
    /* NOLINTEND(bugprone-suspicious-missing-comma) */
    int shared = fb_kind(c) == FB_UPDATE_CONTACT;
    const char *typed = fb_kind(c) == FB_UPDATE_TEXT ? fb_text(c) : "";
    char phone[USR_PHONE_BUF];
    usr_err e;

    if (shared && fb_contact_user(c) != fb_user(c))
        return E_PHONE_NOT_YOURS;
    e = fb__usr_check_phone(shared ? fb_contact_phone(c) : typed, phone,
                            sizeof phone);
    if (e != USR_OK)
        return why[e] ? why[e] : E_PHONE_CHARS;
    fb_flow_set(c, "phone", phone);
    return NULL;
}

static const char *check_age(fb_ctx *c)
{
    int age;
    usr_err e = fb__usr_check_age(fb_text(c), &age);

    if (e != USR_OK)
        return e == USR_RANGE ? E_AGE_RANGE : E_AGE_NUMBER;
    fb_flow_set_int(c, "age", age);
    return NULL;
}

static const char *check_weight(fb_ctx *c)
{
    int tenths;
    usr_err e = fb__usr_check_weight(fb_text(c), &tenths);

    if (e != USR_OK)
        return e == USR_RANGE ? E_WEIGHT_RANGE : E_WEIGHT_NUMBER;
    fb_flow_set(c, "weight", fb_strf(c, "%d.%d", tenths / 10, tenths % 10));
    return NULL;
}

/* Typed instead of pressed. */
static const char *check_gender(fb_ctx *c)
{
    const char *g;

    if (fb__usr_check_gender(fb_text(c), &g) != USR_OK)
        return E_GENDER;
    fb_flow_set(c, "gender", g);
    return NULL;
}

/* A photo (kept by its file_id), or "skip" typed. */
static const char *check_photo(fb_ctx *c)
{
    if (fb_kind(c) == FB_UPDATE_DOCUMENT)
        return E_PHOTO_FILE;
    if (fb_kind(c) == FB_UPDATE_TEXT && fb__usr_is_skip(fb_text(c)))
        return NULL;
    if (fb_kind(c) != FB_UPDATE_PHOTO)
        return E_PHOTO;
    fb_flow_set(c, "photo", fb_file_id(c));
    return NULL;
}

/* ---- the questions with keyboards ---------------------------------------- */

static int ask_phone(fb_ctx *c, const char *html)
{
    return fb_ask_contact(c, html, B_SHARE_PHONE);
}

/* The phone's reply keyboard goes with the next question. */
static int ask_age(fb_ctx *c, const char *html)
{
    return fb_reply_remove_keyboard(c, html);
}

static int ask_gender(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_MALE, CB_GENDER "m");
    fb_kb_button(kb, B_FEMALE, CB_GENDER "f");
    fb_kb_button(kb, B_OTHER, CB_GENDER "o");
    return fb_reply(c, html, kb);
}

static int ask_photo(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_SKIP, CB_SKIP);
    return fb_reply(c, html, kb);
}

/* ---- the buttons ------------------------------------------------------------
 * A button of an earlier question is stale. */

/* [Male] [Female] [Other] */
int fb__usr_gender_button(fb_ctx *c)
{
    const char *g;

    if (!fb_in_flow(c, FLOW_REGISTER, "gender"))
        return fb_answerf(c, E_STALE_BUTTON);
    if (fb__usr_check_gender(fb_data_field(c, CB_GENDER, 0), &g) != USR_OK)
        return fb_answerf(c, A_BAD_BUTTON);
    fb_flow_set(c, "gender", g);
    fb_editf(c, NULL, T_ASK_GENDER " %s", g);
    return fb_flow_goto(c, "photo");
}

/* [Skip] at the photo. */
int fb__usr_skip_button(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_REGISTER, "photo") ||
        strcmp(fb_data(c), CB_SKIP) != 0)
        return fb_answerf(c, E_STALE_BUTTON);
    fb_edit(c, T_ASK_PHOTO " " B_SKIP, NULL);
    return fb__usr_submit(c);
}

/* The deadline passed: the answers are dropped, say so. */
int fb__usr_register_timeout(fb_ctx *c)
{
    return fb_send_plain(c, fb_chat(c), T_REG_TIMEOUT, FB_SEND_REMOVE_KEYBOARD);
}

/* ---- the flow ------------------------------------------------------------ */

/* Each question: its prompt (and keyboard), what a wrong kind of answer
 * hears, its check, and the state after it. */
/* clang-format off */
static const fb_ask name_q = {.prompt = T_ASK_NAME, .bad = E_NOT_TEXT, .check = check_name, .next = "phone"};
static const fb_ask phone_q = {.prompt = T_ASK_PHONE, .ask = ask_phone, .type = FB_IN_ANY, .check = check_phone, .next = "age"};
static const fb_ask age_q = {.prompt = T_ASK_AGE, .ask = ask_age, .bad = E_AGE_NUMBER, .check = check_age, .next = "weight"};
static const fb_ask weight_q = {.prompt = T_ASK_WEIGHT, .bad = E_WEIGHT_NUMBER, .check = check_weight, .next = "gender"};
static const fb_ask gender_q = {.prompt = T_ASK_GENDER, .ask = ask_gender, .bad = E_GENDER, .check = check_gender, .next = "photo"};
static const fb_ask photo_q = {.prompt = T_ASK_PHOTO, .ask = ask_photo, .type = FB_IN_ANY, .check = check_photo};

/* The photo is the last answer: submitting it hands over to approval. */
const fb_state fb__usr_register_states[] = {
    {.name = "name", .role = FB_ROLE_ANYONE, .ask = &name_q},
    {.name = "phone", .role = FB_ROLE_ANYONE, .ask = &phone_q},
    {.name = "age", .role = FB_ROLE_ANYONE, .ask = &age_q},
    {.name = "weight", .role = FB_ROLE_ANYONE, .ask = &weight_q},
    {.name = "gender", .role = FB_ROLE_ANYONE, .ask = &gender_q},
    {.name = "photo", .role = FB_ROLE_ANYONE, .ask = &photo_q, .handler = fb__usr_submit},
    {0}};
/* clang-format on */
