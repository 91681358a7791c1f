/* users plugin: member management for staff and admins.
 *
 *   /find [query] or [Find a member] ──► id, @username, name or phone
 *        ──► one match: the card; several: a button per person
 *   /member ID or a person's button ──► the card with
 *        [Ban] or [Unban] · [Delete]       (staff and admins)
 *        [Make member|staff|admin]         (admins; the host refuses
 *                                           anyone else)
 *   [Ban]/[Unban] ──► "why?" ──► reason ──► done, the person is told
 *   [Delete] ──► confirm ──► user.deleted published, everything removed
 *
 * Every button's target is checked again when it is pressed: it still
 * exists, it is not the presser or the super admin, and staff may act on
 * members only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "texts.h"
#include "users.h"

#define MAX_FOUND 10
#define NAME_HTML (USR_NAME_BUF * 6)

/* Tell the presser (toast) or the typer (message) why not. */
static int refuse(fb_ctx *c, const char *why)
{
    if (fb_kind(c) == FB_UPDATE_CALLBACK)
        return fb_answer(c, why, 0);
    return fb_reply(c, why, NULL);
}

/* Load and check the target of an action. Returns 1 if the sender may act
 * on them, 0 if refused (the sender was told), -1 on a database error. */
static int target(fb_ctx *c, int64_t id, usr_person *p)
{
    int rc = fb__usr_load(c, id, p);

    if (rc <= 0)
        return rc < 0 ? -1 : (refuse(c, A_NO_SUCH_USER), 0);
    if (id == fb_user(c))
        return refuse(c, A_NOT_SELF), 0;
    if (id == fb_super_admin(c))
        return refuse(c, A_NOT_SUPER), 0;
    if (p->role >= FB_ROLE_STAFF && fb_sender_role(c) < FB_ROLE_ADMIN)
        return refuse(c, A_STAFF_LIMIT), 0;
    return 1;
}

/* The target of a pressed button "prefix<id>[:extra]", checked as by
 * target(). Returns 1 to go on, 0 when the press was answered with a
 * refusal, -1 on a database error. */
static int pressed(fb_ctx *c, const char *prefix, usr_person *p, char *extra,
                   size_t len)
{
    int64_t id;

    if (fb__usr_cb_id(c, prefix, &id, extra, len) != 0)
        return fb_answer(c, A_BAD_BUTTON, 0), 0;
    return target(c, id, p);
}

/* ---- the card of a person, with what the viewer may do ------------------ */

static void role_buttons(fb_keyboard *kb, const usr_person *p)
{
    static const struct {
        fb_role role;
        const char *name, *text;
    } all[] = {
        {FB_ROLE_MEMBER, "member", B_MAKE_MEMBER},
        {FB_ROLE_STAFF, "staff", B_MAKE_STAFF},
        {FB_ROLE_ADMIN, "admin", B_MAKE_ADMIN},
    };
    size_t i;

    fb_kb_row(kb);
    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i].role != p->role)
            fb__usr_kb_id(kb, all[i].text, CB_ROLE, p->id, all[i].name);
}

static void person_kb(fb_ctx *c, const usr_person *p, fb_keyboard *kb)
{
    fb_kb_init(kb);
    if (p->photo[0])
        fb__usr_kb_id(kb, B_PHOTO, CB_PHOTO, p->id, NULL);
    if (p->id == fb_user(c) || p->id == fb_super_admin(c))
        return;
    if (p->role >= FB_ROLE_STAFF && fb_sender_role(c) < FB_ROLE_ADMIN)
        return;
    fb__usr_kb_id(kb, p->banned ? B_UNBAN : B_BAN,
                  p->banned ? CB_UNBAN : CB_BAN, p->id, NULL);
    fb__usr_kb_id(kb, B_DELETE, CB_DELETE, p->id, NULL);
    if (fb_sender_role(c) >= FB_ROLE_ADMIN && p->role >= FB_ROLE_MEMBER)
        role_buttons(kb, p);
}

/* Send the card (edit: replace the pressed message instead). */
static int show_person(fb_ctx *c, const usr_person *p, int edit)
{
    char card[2048];
    fb_keyboard kb;

    fb__usr_card(p, card, sizeof card);
    person_kb(c, p, &kb);
    return edit ? fb_edit(c, card, &kb) : fb_reply(c, card, &kb);
}

/* ---- typed ids ---------------------------------------------------------- */

static int id_error(fb_ctx *c, int rc, const char *typed)
{
    char trimmed[256], html[1600];

    if (fb_trim(typed, trimmed, sizeof trimmed) != 0)
        snprintf(trimmed, sizeof trimmed, "…");
    fb__usr_esc(trimmed, html, sizeof html);
    if (rc == FB_E_EMPTY)
        return fb_reply(c, E_ID_EMPTY, NULL);
    if (rc == FB_E_RANGE && trimmed[0] != '-')
        return fb__usr_sendf(c, 0, NULL, E_ID_RANGE, html);
    return fb__usr_sendf(c, 0, NULL, E_ID_JUNK, html);
}

/* /member ID */
int fb__usr_view(fb_ctx *c)
{
    usr_person p;
    int64_t id;
    int rc = fb_parse_id(fb_args(c), &id);

    if (rc != 0)
        return id_error(c, rc, fb_args(c));
    rc = fb__usr_load(c, id, &p);
    if (rc < 0)
        return FB_ERR;
    if (rc == 0) {
        char ids[21];
        return fb__usr_sendf(c, 0, NULL, T_NO_SUCH_USER, fb_int64_str(id, ids));
    }
    return show_person(c, &p, 0);
}

/* A person's button in a search result: their card. */
int fb__usr_view_button(fb_ctx *c)
{
    usr_person p;
    int64_t id;
    int rc;

    if (fb__usr_cb_id(c, CB_VIEW, &id, NULL, 0) != 0)
        return fb_answer(c, A_BAD_BUTTON, 0);
    rc = fb__usr_load(c, id, &p);
    if (rc <= 0)
        return rc < 0 ? FB_ERR : fb_answer(c, A_NO_SUCH_USER, 0);
    fb_answer(c, "", 0);
    return show_person(c, &p, 0);
}

/* [Photo]: the profile photo, sent again by its Telegram file_id. */
int fb__usr_photo_button(fb_ctx *c)
{
    char name[NAME_HTML];
    usr_person p;
    int64_t id;
    int rc;

    if (fb__usr_cb_id(c, CB_PHOTO, &id, NULL, 0) != 0)
        return fb_answer(c, A_BAD_BUTTON, 0);
    rc = fb__usr_load(c, id, &p);
    if (rc <= 0)
        return rc < 0 ? FB_ERR : fb_answer(c, A_NO_SUCH_USER, 0);
    if (!p.photo[0])
        return fb_answer(c, A_NO_PHOTO, 0);
    fb_answer(c, "", 0);
    return fb_send_photo(c, 0, p.photo, NULL, 0,
                         fb__usr_esc(p.display, name, sizeof name));
}

/* ---- find --------------------------------------------------------------- */

static const char *const FIND_SQL =
    "SELECT u.id, coalesce(nullif(p.full_name, ''), u.first_name, '')"
    " FROM fb_users u LEFT JOIN users_profiles p ON p.user_id = u.id"
    " WHERE u.id = $1::bigint OR p.phone = $2"
    " OR lower(u.username) = lower($3) OR p.full_name ILIKE $4"
    " OR (coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, ''))"
    " ILIKE $4 ORDER BY 2, 1 LIMIT 11";

/* A button label: the name cut at a character boundary, then the id. */
static void label(char *buf, size_t len, const char *name, const char *id)
{
    size_t n = strlen(name);

    if (n > 80) {
        n = 80;
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
            n--;
    }
    snprintf(buf, len, "%.*s · %s", (int)n, name, id);
}

static int list_found(fb_ctx *c, fb_rows *r, const char *q)
{
    int i, n = fb_rows_count(c, r);
    char html[1600], text[FB_KB_TEXT_MAX];
    fb_keyboard kb;

    fb__usr_esc(q, html, sizeof html);
    fb_kb_init(&kb);
    for (i = 0; i < n && i < MAX_FOUND; i++) {
        int64_t id = strtoll(fb_rows_get(c, r, i, 0), NULL, 10);
        label(text, sizeof text, fb_rows_get(c, r, i, 1),
              fb_rows_get(c, r, i, 0));
        fb_kb_row(&kb);
        fb__usr_kb_id(&kb, text, CB_VIEW, id, NULL);
    }
    if (n > MAX_FOUND)
        return fb__usr_sendf(c, 0, &kb, T_FOUND_MORE, MAX_FOUND, html,
                             MAX_FOUND);
    return fb__usr_sendf(c, 0, &kb, T_FOUND_MANY, n, html);
}

static int show_found(fb_ctx *c, fb_rows *r, const char *q)
{
    usr_person p;
    int n = fb_rows_count(c, r);

    if (n == 0) {
        char html[1600];
        return fb__usr_sendf(c, 0, NULL, T_FOUND_NONE,
                             fb__usr_esc(q, html, sizeof html));
    }
    if (n > 1)
        return list_found(c, r, q);
    if (fb__usr_load(c, strtoll(fb_rows_get(c, r, 0, 0), NULL, 10), &p) <= 0)
        return FB_ERR;
    return show_person(c, &p, 0);
}

/* Fill the four search parameters from q. Returns 0, or 1 when q is not
 * a usable query (the sender was told why). */
static int query_params(fb_ctx *c, const char *q, char *id, char *phone,
                        char *like, size_t like_len, const char **p)
{
    int64_t v;
    int rc;

    switch (fb__usr_query_kind(q)) {
    case USR_Q_NUMBER:
        rc = fb_parse_id(q, &v);
        if (rc == 0)
            p[0] = fb_int64_str(v, id);
        if (fb__usr_check_phone(q, phone, USR_PHONE_BUF) == USR_OK)
            p[1] = phone;
        if (!p[0] && !p[1])
            return id_error(c, rc, q), 1;
        return 0;
    case USR_Q_USERNAME:
        if (fb_trim(q, like, like_len) != 0)
            break;
        p[2] = like + 1;
        return 0;
    case USR_Q_NAME:
        if (fb__usr_like_pattern(q, like, like_len) != USR_OK)
            break;
        p[3] = like;
        return 0;
    default:
        break;
    }
    fb_reply(c, E_QUERY, NULL);
    return 1;
}

/* Search and show. Returns 0 when done, 1 when the query was refused,
 * -1 on a database error. */
static int search(fb_ctx *c, const char *q)
{
    char id[21], phone[USR_PHONE_BUF], like[600];
    const char *p[4] = {NULL, NULL, NULL, NULL};
    fb_rows *r;
    int rc;

    if (query_params(c, q, id, phone, like, sizeof like, p) != 0)
        return 1;
    r = fb_query(c, FIND_SQL, 4, p);
    if (!r)
        return -1;
    rc = show_found(c, r, q) == FB_OK ? 0 : -1;
    fb_rows_free(c, r);
    return rc;
}

static int ask_query(fb_ctx *c)
{
    if (fb_flow_start(c, FLOW_FIND, "query") != FB_OK)
        return FB_ERR;
    return fb_reply(c, T_ASK_QUERY, NULL);
}

/* /find [query] */
int fb__usr_find(fb_ctx *c)
{
    if (!*fb_args(c))
        return ask_query(c);
    return search(c, fb_args(c)) < 0 ? FB_ERR : FB_OK;
}

/* [Find a member]: ask for the query. */
int fb__usr_find_button(fb_ctx *c)
{
    fb_answer(c, "", 0);
    return ask_query(c);
}

/* The query typed in the find flow; a refused one is asked again. */
int fb__usr_find_query(fb_ctx *c)
{
    int rc;

    if (fb_kind(c) != FB_UPDATE_TEXT)
        return fb_reply(c, E_QUERY, NULL);
    rc = search(c, fb_text(c));
    if (rc < 0)
        return FB_ERR;
    return rc == 0 ? fb_flow_end(c) : FB_OK;
}

/* ---- ban / unban -------------------------------------------------------- */

static int ask_reason(fb_ctx *c, int ban)
{
    char name[NAME_HTML], ids[21];
    usr_person p;
    int rc = pressed(c, ban ? CB_BAN : CB_UNBAN, &p, NULL, 0);

    if (rc <= 0)
        return rc < 0 ? FB_ERR : FB_OK;
    if (p.banned == ban)
        return fb_answer(c, ban ? A_ALREADY_BANNED : A_NOT_BANNED, 0);
    fb_answer(c, "", 0);
    if (fb_flow_start(c, FLOW_MODERATE, "reason") != FB_OK ||
        fb_flow_set(c, "action", ban ? "ban" : "unban") != FB_OK ||
        fb_flow_set(c, "target", fb_int64_str(p.id, ids)) != FB_OK)
        return FB_ERR;
    return fb__usr_sendf(c, 0, NULL,
                         ban ? T_ASK_BAN_REASON : T_ASK_UNBAN_REASON,
                         fb__usr_esc(p.display, name, sizeof name));
}

/* [Ban] / [Unban]: check the target, then ask why (moderate flow). */
int fb__usr_ban_button(fb_ctx *c)
{
    return ask_reason(c, 1);
}
/* See users.h. */
int fb__usr_unban_button(fb_ctx *c)
{
    return ask_reason(c, 0);
}

/* Apply a ban or unban and tell both sides. */
static int apply_ban(fb_ctx *c, const usr_person *p, int ban,
                     const char *reason)
{
    char name[NAME_HTML], why[1600];

    if (fb_user_set_banned(c, p->id, ban, ban ? reason : NULL) != FB_OK ||
        fb__usr_audit(c, p->id, ban ? "banned" : "unbanned", reason) != 0)
        return FB_ERR;
    fb__usr_esc(p->display, name, sizeof name);
    fb__usr_esc(reason, why, sizeof why);
    fb__usr_commands(c, p->id, ban ? FB_ROLE_ANYONE : p->role);
    if (fb__usr_sendf(c, p->id, NULL, ban ? T_BANNED : T_YOU_UNBANNED, why) !=
        FB_OK)
        return FB_ERR;
    return fb__usr_sendf(c, 0, NULL, ban ? T_BAN_DONE : T_UNBAN_DONE, name,
                         why);
}

/* The reason typed in the moderate flow. */
int fb__usr_mod_reason(fb_ctx *c)
{
    char reason[USR_REASON_MAX * 4 + 1];
    const char *action = fb_flow_get(c, "action");
    usr_person p;
    int64_t id;
    int ban, rc;
    usr_err e = fb__usr_check_reason(fb_text(c), reason, sizeof reason);

    if (e == USR_EMPTY)
        return fb_reply(c, E_REASON_EMPTY, NULL);
    if (e != USR_OK)
        return fb__usr_sendf(c, 0, NULL, E_REASON_LONG, USR_REASON_MAX);
    if (!action || fb_parse_id(fb_flow_get(c, "target"), &id) != 0)
        return FB_ERR;
    ban = strcmp(action, "ban") == 0;
    rc = target(c, id, &p);
    if (rc < 0 || fb_flow_end(c) != FB_OK)
        return FB_ERR;
    if (rc == 0)
        return FB_OK;
    if (p.banned == ban)
        return refuse(c, ban ? A_ALREADY_BANNED : A_NOT_BANNED);
    return apply_ban(c, &p, ban, reason);
}

/* The reason never came: nothing was changed, say so. */
int fb__usr_mod_timeout(fb_ctx *c)
{
    return fb_send(c, fb_chat(c), T_MOD_TIMEOUT, NULL);
}

/* ---- delete ------------------------------------------------------------- */

int fb__usr_delete_button(fb_ctx *c)
{
    char name[NAME_HTML], ids[21];
    fb_keyboard kb;
    usr_person p;
    int rc = pressed(c, CB_DELETE, &p, NULL, 0);

    if (rc <= 0)
        return rc < 0 ? FB_ERR : FB_OK;
    fb_answer(c, "", 0);
    fb_kb_init(&kb);
    fb__usr_kb_id(&kb, B_DELETE_YES, CB_DELETE_OK, p.id, NULL);
    fb__usr_kb_id(&kb, B_DELETE_NO, CB_VIEW, p.id, NULL);
    return fb__usr_sendf(c, 0, &kb, T_DELETE_CONFIRM,
                         fb__usr_esc(p.display, name, sizeof name),
                         fb_int64_str(p.id, ids));
}

/* Confirmed: other plugins clean up on user.deleted (same transaction),
 * then the core row goes and the profile with it. */
int fb__usr_delete_confirm(fb_ctx *c)
{
    char name[NAME_HTML], ids[21];
    usr_person p;
    int rc = pressed(c, CB_DELETE_OK, &p, NULL, 0);

    if (rc <= 0)
        return rc < 0 ? FB_ERR : FB_OK;
    fb_int64_str(p.id, ids);
    if (fb__usr_publish(c, "user.deleted", p.id) != FB_OK ||
        fb__usr_audit(c, p.id, "deleted", NULL) != 0 ||
        fb__usr_delete(c, p.id) != 0)
        return FB_ERR;
    fb__usr_commands(c, p.id, FB_ROLE_ANYONE);
    if (fb_send(c, p.id, T_YOU_DELETED, NULL) != FB_OK)
        return FB_ERR;
    fb_answer(c, A_DELETED, 0);
    return fb__usr_editf(c, NULL, T_DELETED,
                         fb__usr_esc(p.display, name, sizeof name), ids);
}

/* ---- roles (the route admits admins only) ------------------------------- */

static int role_from(const char *s, fb_role *r)
{
    if (strcmp(s, "member") == 0)
        *r = FB_ROLE_MEMBER;
    else if (strcmp(s, "staff") == 0)
        *r = FB_ROLE_STAFF;
    else if (strcmp(s, "admin") == 0)
        *r = FB_ROLE_ADMIN;
    else
        return -1;
    return 0;
}

static int apply_role(fb_ctx *c, usr_person *p, fb_role role)
{
    if (fb_user_set_role(c, p->id, role) != FB_OK ||
        fb__usr_audit(c, p->id, "role", fb__usr_role_name(role)) != 0)
        return FB_ERR;
    fb__usr_commands(c, p->id, role);
    if (fb__usr_sendf(c, p->id, NULL, T_YOUR_ROLE, fb__usr_role_name(role)) !=
        FB_OK)
        return FB_ERR;
    fb__usr_answerf(c, T_ROLE_DONE, p->display, fb__usr_role_name(role));
    p->role = role;
    return show_person(c, p, 1);
}

/* [Make member|staff|admin] (admins only, by route): checked again
 * here; the person is told and their command list follows the role. */
int fb__usr_role_button(fb_ctx *c)
{
    char want[12];
    usr_person p;
    fb_role role;
    int rc = pressed(c, CB_ROLE, &p, want, sizeof want);

    if (rc <= 0)
        return rc < 0 ? FB_ERR : FB_OK;
    if (role_from(want, &role) != 0)
        return fb_answer(c, A_BAD_BUTTON, 0);
    if (p.role < FB_ROLE_MEMBER)
        return fb_answer(c, A_ROLE_NOT_MEMBER, 0);
    if (p.role == role)
        return fb_answer(c, A_ROLE_SAME, 0);
    return apply_role(c, &p, role);
}
