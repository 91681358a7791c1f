/* users plugin: /start and the registration flow.
 *
 *   stranger ── /start ──► welcome [Register]
 *   Register ──► name ──► phone ──► age ──► weight ──► gender ──► photo
 *                 each step: a wrong answer gets its own explanation and
 *                 the step is asked again; /cancel ends the flow.
 *   phone: typed, or shared with the "Share my phone number" reply
 *          keyboard (the sender's own contact only); the age question
 *          takes that keyboard away.
 *   photo or Skip ──► profile saved ──► approval.c
 */
#include <stdio.h>
#include <string.h>

#include "texts.h"
#include "users.h"

/* ---- the questions ------------------------------------------------------ */

static int ask_phone(fb_ctx *c, const char *text)
{
    return fb_ask_contact(c, text, B_SHARE_PHONE);
}

static int ask_age(fb_ctx *c)
{
    char text[256];

    snprintf(text, sizeof text, T_ASK_AGE, USR_AGE_MIN, USR_AGE_MAX);
    return fb_reply_remove_keyboard(c, text);
}

static int ask_gender(fb_ctx *c, const char *text)
{
    fb_keyboard kb;

    fb_kb_init(&kb);
    fb_kb_button(&kb, B_MALE, CB_GENDER "m");
    fb_kb_button(&kb, B_FEMALE, CB_GENDER "f");
    fb_kb_button(&kb, B_OTHER, CB_GENDER "o");
    return fb_reply(c, text, &kb);
}

static int ask_photo(fb_ctx *c, const char *text)
{
    fb_keyboard kb;

    fb_kb_init(&kb);
    fb_kb_button(&kb, B_SKIP, CB_SKIP);
    return fb_reply(c, text, &kb);
}

/* Ask the question of state. */
static int ask(fb_ctx *c, const char *state)
{
    if (strcmp(state, "name") == 0)
        return fb_reply(c, T_ASK_NAME, NULL);
    if (strcmp(state, "phone") == 0)
        return ask_phone(c, T_ASK_PHONE);
    if (strcmp(state, "age") == 0)
        return ask_age(c);
    if (strcmp(state, "weight") == 0)
        return fb__usr_sendf(c, 0, NULL, T_ASK_WEIGHT, USR_WEIGHT_MIN,
                             USR_WEIGHT_MAX);
    if (strcmp(state, "gender") == 0)
        return ask_gender(c, T_ASK_GENDER);
    return ask_photo(c, T_ASK_PHOTO);
}

/* Keep the answer, move to the next step and ask it. */
static int next(fb_ctx *c, const char *key, const char *value,
                const char *state)
{
    if (value && fb_flow_set(c, key, value) != FB_OK)
        return FB_ERR;
    if (fb_flow_goto(c, state) != FB_OK)
        return FB_ERR;
    return ask(c, state);
}

static int in_step(fb_ctx *c, const char *state)
{
    return strcmp(fb_flow_name(c), FLOW_REGISTER) == 0 &&
           strcmp(fb_flow_state(c), state) == 0;
}

/* ---- /start ------------------------------------------------------------- */

static int start_banned(fb_ctx *c, const usr_person *me)
{
    char reason[1600];

    if (!me->ban_reason[0])
        return fb_reply(c, T_BANNED_NO_REASON, NULL);
    return fb__usr_sendf(c, 0, NULL, T_BANNED,
                         fb__usr_esc(me->ban_reason, reason, sizeof reason));
}

static int start_member(fb_ctx *c, const usr_person *me)
{
    char card[2048];
    fb_keyboard kb;

    fb__usr_commands(c, fb_chat(c), me->role);
    fb__usr_card(me, card, sizeof card);
    fb__usr_menu_kb(&kb, me->role);
    return fb_reply(c, card, &kb);
}

static int start_stranger(fb_ctx *c, const usr_person *me)
{
    char name[USR_NAME_BUF * 6], text[2048];
    fb_keyboard kb;
    size_t n;

    fb__usr_commands(c, fb_chat(c), FB_ROLE_ANYONE);
    fb__usr_esc(fb_first_name(c), name, sizeof name);
    snprintf(text, sizeof text, T_WELCOME, name);
    n = strlen(text);
    if (strcmp(me->status, "rejected") == 0)
        snprintf(text + n, sizeof text - n, "\n\n" T_REJECTED_AGAIN);
    fb_kb_init(&kb);
    fb_kb_button(&kb, B_REGISTER, CB_REGISTER);
    return fb_reply(c, text, &kb);
}

static int say_pending(fb_ctx *c, const usr_person *me)
{
    char name[USR_NAME_BUF * 6];

    return fb__usr_sendf(c, 0, NULL, T_PENDING,
                         fb__usr_esc(me->display, name, sizeof name));
}

/* /start: who you are decides what you see. */
int fb__usr_start(fb_ctx *c)
{
    usr_person me;
    int rc = fb__usr_load(c, fb_user(c), &me);

    if (rc < 0)
        return FB_ERR;
    if (me.banned)
        return start_banned(c, &me);
    if (me.role >= FB_ROLE_MEMBER)
        return start_member(c, &me);
    if (strcmp(fb_flow_name(c), FLOW_REGISTER) == 0)
        return ask(c, fb_flow_state(c));
    if (strcmp(me.status, "pending") == 0)
        return say_pending(c, &me);
    return start_stranger(c, &me);
}

/* Register button or /register: start at the name, unless there is
 * nothing to register. Only in the private chat: a phone number has no
 * place in a group. */
int fb__usr_register(fb_ctx *c)
{
    usr_person me;
    int rc;

    if (fb_kind(c) == FB_UPDATE_CALLBACK) {
        if (strcmp(fb_data(c), CB_REGISTER) != 0)
            return fb_answer(c, A_BAD_BUTTON, 0);
        fb_answer(c, "", 0);
    }
    if (fb_chat(c) != fb_user(c))
        return fb_reply(c, T_PRIVATE_ONLY, NULL);
    rc = fb__usr_load(c, fb_user(c), &me);
    if (rc < 0)
        return FB_ERR;
    if (me.has_profile && me.role >= FB_ROLE_MEMBER)
        return fb_reply(c, T_ALREADY_REGISTERED, NULL);
    if (strcmp(me.status, "pending") == 0)
        return say_pending(c, &me);
    if (fb_flow_start(c, FLOW_REGISTER, "name") != FB_OK)
        return FB_ERR;
    return ask(c, "name");
}

/* ---- the steps ---------------------------------------------------------- */

static int name_error(fb_ctx *c, usr_err e)
{
    switch (e) {
    case USR_EMPTY:
        return fb_reply(c, E_NAME_EMPTY, NULL);
    case USR_SHORT:
        return fb__usr_sendf(c, 0, NULL, E_NAME_SHORT, USR_NAME_MIN);
    case USR_LONG:
        return fb__usr_sendf(c, 0, NULL, E_NAME_LONG, USR_NAME_MAX);
    case USR_NO_LETTER:
        return fb_reply(c, E_NAME_NO_LETTER, NULL);
    default:
        return fb_reply(c, E_NAME_CHARS, NULL);
    }
}

/* Step 1: the full name. */
int fb__usr_reg_name(fb_ctx *c)
{
    char name[USR_NAME_BUF];
    usr_err e;

    if (fb_kind(c) != FB_UPDATE_TEXT)
        return fb_reply(c, E_NOT_TEXT, NULL);
    e = fb__usr_check_name(fb_text(c), name, sizeof name);
    if (e != USR_OK)
        return name_error(c, e);
    return next(c, "name", name, "phone");
}

static int phone_error(fb_ctx *c, usr_err e)
{
    switch (e) {
    case USR_EMPTY:
        return ask_phone(c, E_PHONE_EMPTY);
    case USR_PHONE_LEN:
        return ask_phone(c, E_PHONE_LEN);
    case USR_PHONE_START:
        return ask_phone(c, E_PHONE_START);
    case USR_PHONE_COUNTRY:
        return ask_phone(c, E_PHONE_COUNTRY);
    default:
        return ask_phone(c, E_PHONE_CHARS);
    }
}

/* Step 2: the phone, typed or shared as the sender's own contact. */
int fb__usr_reg_phone(fb_ctx *c)
{
    char phone[USR_PHONE_BUF];
    const char *typed;
    usr_err e;

    if (fb_kind(c) == FB_UPDATE_CONTACT && fb_contact_user(c) != fb_user(c))
        return ask_phone(c, E_PHONE_NOT_YOURS);
    if (fb_kind(c) == FB_UPDATE_CONTACT)
        typed = fb_contact_phone(c);
    else if (fb_kind(c) == FB_UPDATE_TEXT)
        typed = fb_text(c);
    else
        return ask_phone(c, E_PHONE_EMPTY);
    e = fb__usr_check_phone(typed, phone, sizeof phone);
    if (e != USR_OK)
        return phone_error(c, e);
    return next(c, "phone", phone, "age");
}

/* Step 3: the age. */
int fb__usr_reg_age(fb_ctx *c)
{
    char value[8];
    int age;
    usr_err e = fb__usr_check_age(fb_text(c), &age);

    if (e == USR_RANGE)
        return fb__usr_sendf(c, 0, NULL, E_AGE_RANGE, USR_AGE_MIN, USR_AGE_MAX);
    if (e != USR_OK)
        return fb_reply(c, E_AGE_NUMBER, NULL);
    snprintf(value, sizeof value, "%d", age);
    return next(c, "age", value, "weight");
}

/* Step 4: the weight. */
int fb__usr_reg_weight(fb_ctx *c)
{
    char value[16];
    int tenths;
    usr_err e = fb__usr_check_weight(fb_text(c), &tenths);

    if (e == USR_RANGE)
        return fb__usr_sendf(c, 0, NULL, E_WEIGHT_RANGE, USR_WEIGHT_MIN,
                             USR_WEIGHT_MAX);
    if (e != USR_OK)
        return fb_reply(c, E_WEIGHT_NUMBER, NULL);
    snprintf(value, sizeof value, "%d.%d", tenths / 10, tenths % 10);
    return next(c, "weight", value, "gender");
}

/* Gender typed instead of pressed. */
int fb__usr_reg_gender(fb_ctx *c)
{
    const char *g;

    if (fb__usr_check_gender(fb_text(c), &g) != USR_OK)
        return ask_gender(c, E_GENDER);
    return next(c, "gender", g, "photo");
}

/* Step 5 by button; a button from an earlier message is stale. */
int fb__usr_reg_gender_button(fb_ctx *c)
{
    const char *d = fb_data(c), *g = NULL;

    if (!in_step(c, "gender"))
        return fb_answer(c, E_STALE_BUTTON, 0);
    if (strcmp(d, CB_GENDER "m") == 0 || strcmp(d, CB_GENDER "f") == 0 ||
        strcmp(d, CB_GENDER "o") == 0)
        fb__usr_check_gender(d + strlen(CB_GENDER), &g);
    if (!g)
        return fb_answer(c, A_BAD_BUTTON, 0);
    fb_answer(c, "", 0);
    if (fb__usr_editf(c, NULL, "%s %s", T_ASK_GENDER, g) != FB_OK)
        return FB_ERR;
    return next(c, "gender", g, "photo");
}

/* The last answer is in: keep the photo and hand over to approval. */
static int finish(fb_ctx *c, const char *file_id)
{
    if (file_id && fb_flow_set(c, "photo", file_id) != FB_OK)
        return FB_ERR;
    return fb__usr_submit(c);
}

/* Step 6: a photo, or "skip" typed. */
int fb__usr_reg_photo(fb_ctx *c)
{
    switch (fb_kind(c)) {
    case FB_UPDATE_PHOTO:
        return finish(c, fb_file_id(c));
    case FB_UPDATE_DOCUMENT:
        return ask_photo(c, E_PHOTO_FILE);
    case FB_UPDATE_TEXT:
        if (fb__usr_is_skip(fb_text(c)))
            return finish(c, NULL);
        /* fall through */
    default:
        return ask_photo(c, E_PHOTO);
    }
}

/* [Skip] at step 6. */
int fb__usr_reg_skip_button(fb_ctx *c)
{
    if (!in_step(c, "photo") || strcmp(fb_data(c), CB_SKIP) != 0)
        return fb_answer(c, E_STALE_BUTTON, 0);
    fb_answer(c, "", 0);
    if (fb__usr_editf(c, NULL, "%s", T_ASK_PHOTO " " B_SKIP) != FB_OK)
        return FB_ERR;
    return finish(c, NULL);
}

/* /cancel or another flow's entry: the host says "Cancelled."; the
 * answers given so far are dropped with the flow. */
int fb__usr_reg_cancel(fb_ctx *c)
{
    (void)c;
    return FB_OK;
}

/* The deadline passed: the answers are dropped, say so. */
int fb__usr_reg_timeout(fb_ctx *c)
{
    return fb_send_plain(c, fb_chat(c), T_REG_TIMEOUT, FB_SEND_REMOVE_KEYBOARD);
}
