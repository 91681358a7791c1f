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
#include <string.h>

#include "texts.h"
#include "users.h"

#define MAX_FOUND 10

/* Why the sender may not act on p, or NULL when they may. */
static const char *why_not(fb_ctx *c, const usr_person *p)
{
    if (!p->known)
        return A_NO_SUCH_USER;
    if (p->id == fb_user(c))
        return A_NOT_SELF;
    if (p->id == fb_super_admin(c))
        return A_NOT_SUPER;
    if (p->role >= FB_ROLE_STAFF && fb_sender_role(c) < FB_ROLE_ADMIN)
        return A_STAFF_LIMIT;
    return NULL;
}

/* The person the pressed button "prefix<id>[:...]" points at, in *p.
 * Returns 1 to go on, or 0 when the press was answered with why not: a
 * bad button, nobody, or (acting) someone the sender may not act on. */
static int pressed(fb_ctx *c, const char *prefix, int acting, usr_person *p)
{
    const char *why = NULL;

    *p = fb__usr_load(c, fb_data_id(c, prefix, 0));
    if (!p->id)
        why = A_BAD_BUTTON;
    else if (acting)
        why = why_not(c, p);
    else if (!p->known)
        why = A_NO_SUCH_USER;
    if (why)
        fb_answerf(c, "%s", why);
    return !why;
}

/* ---- the card of a person, with what the viewer may do ------------------ */

static fb_keyboard *person_kb(fb_ctx *c, const usr_person *p)
{
    static const char *const make[] = {[FB_ROLE_MEMBER] = B_MAKE_MEMBER,
                                       [FB_ROLE_STAFF] = B_MAKE_STAFF,
                                       [FB_ROLE_ADMIN] = B_MAKE_ADMIN};
    fb_keyboard *kb = fb_kb(c);

    if (*p->photo)
        fb_kb_button(kb, B_PHOTO, fb_cbf(c, CB_PHOTO "%" PRId64, p->id));
    if (why_not(c, p))
        return kb;
    fb_kb_button(kb, p->banned ? B_UNBAN : B_BAN,
                 fb_cbf(c, "%s%" PRId64, p->banned ? CB_UNBAN : CB_BAN, p->id));
    fb_kb_button(kb, B_DELETE, fb_cbf(c, CB_DELETE "%" PRId64, p->id));
    if (fb_sender_role(c) < FB_ROLE_ADMIN || p->role < FB_ROLE_MEMBER)
        return kb;
    fb_kb_row(kb);
    for (fb_role r = FB_ROLE_MEMBER; r <= FB_ROLE_ADMIN; r++)
        if (r != p->role)
            fb_kb_button(kb, make[r],
                         fb_cbf(c, CB_ROLE "%" PRId64 ":%s", p->id,
                                fb__usr_role_name(r)));
    return kb;
}

static int show_person(fb_ctx *c, const usr_person *p)
{
    return fb_reply(c, fb__usr_card(c, p), person_kb(c, p));
}

/* ---- typed ids ---------------------------------------------------------- */

/* Why the (trimmed) text s is not a Telegram id, or NULL with *id set. */
static const char *not_an_id(fb_ctx *c, const char *s, int64_t *id)
{
    int rc = fb_parse_id(s, id);

    if (rc == 0)
        return NULL;
    if (rc == FB_E_EMPTY)
        return E_ID_EMPTY;
    if (strlen(s) > 255)
        s = "…";
    return fb_strf(c, rc == FB_E_RANGE && *s != '-' ? E_ID_RANGE : E_ID_JUNK,
                   s);
}

/* /member ID */
int fb__usr_view(fb_ctx *c)
{
    int64_t id;
    const char *why = not_an_id(c, fb_args(c), &id);
    usr_person p;

    if (why)
        return fb_reply(c, why, NULL);
    p = fb__usr_load(c, id);
    if (!p.known)
        return fb_replyf(c, NULL, T_NO_SUCH_USER, id);
    return show_person(c, &p);
}

/* A person's button in a search result (or [Keep]): their card. */
int fb__usr_view_button(fb_ctx *c)
{
    usr_person p;

    if (!pressed(c, CB_VIEW, 0, &p))
        return FB_OK;
    return show_person(c, &p);
}

/* [Photo]: the profile photo, sent again by its Telegram file_id. */
int fb__usr_photo_button(fb_ctx *c)
{
    usr_person p;

    if (!pressed(c, CB_PHOTO, 0, &p))
        return FB_OK;
    if (!*p.photo)
        return fb_answerf(c, A_NO_PHOTO);
    return fb_send_photo(c, 0, p.photo, NULL, 0, fb_esc(c, p.display));
}

/* ---- find --------------------------------------------------------------- */

/* The button of one match: the name cut to 80 bytes at a character
 * boundary, then the id (button text is plain: nothing escaped). */
static void add_match(fb_ctx *c, fb_keyboard *kb, const char *name, int64_t id)
{
    size_t n = strlen(name);

    while (n > 80 || (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80))
        n--;
    fb_kb_row(kb);
    fb_kb_button(kb, fb_plainf(c, T_FOUND_LABEL, (int)n, name, id),
                 fb_cbf(c, CB_VIEW "%" PRId64, id));
}

static int show_found(fb_ctx *c, fb_rows *r, const char *q)
{
    int n = fb_nrows(c, r);
    fb_keyboard *kb = fb_kb(c);
    usr_person p;

    if (n == 0)
        return fb_replyf(c, NULL, T_FOUND_NONE, q);
    if (n == 1) {
        p = fb__usr_load(c, fb_int(c, r, 0, 0));
        return show_person(c, &p);
    }
    for (int i = 0; i < n && i < MAX_FOUND; i++)
        add_match(c, kb, fb_str(c, r, i, 1), fb_int(c, r, i, 0));
    if (n > MAX_FOUND)
        return fb_replyf(c, kb, T_FOUND_MORE, MAX_FOUND, q, MAX_FOUND);
    return fb_replyf(c, kb, T_FOUND_MANY, n, q);
}

/* Search by what the (trimmed) query q looks like and show the matches.
 * Returns 1 when searched, 0 when q was refused (the sender was told). */
static int search(fb_ctx *c, const char *q)
{
    char phone[USR_PHONE_BUF], like[600];
    const char *tel = NULL, *user = NULL, *name = NULL, *why = E_QUERY;
    usr_query kind = fb__usr_query_kind(q);
    int64_t id = 0;

    if (kind == USR_Q_NUMBER) {
        why = not_an_id(c, q, &id);
        if (fb__usr_check_phone(q, phone, sizeof phone) == USR_OK)
            tel = phone;
    } else if (kind == USR_Q_USERNAME) {
        user = q + 1;
    } else if (kind == USR_Q_NAME &&
               fb__usr_like_pattern(q, like, sizeof like) == USR_OK) {
        name = like;
    }
    if (!id && !tel && !user && !name) {
        fb_reply(c, why, NULL);
        return 0;
    }
    show_found(
        c,
        fb_sql(c,
               "SELECT u.id, coalesce(nullif(p.full_name, ''), u.first_name,"
               " '') FROM fb_users u"
               " LEFT JOIN users_profiles p ON p.user_id = u.id"
               " WHERE u.id = $1 OR p.phone = $2"
               " OR lower(u.username) = lower($3) OR p.full_name ILIKE $4"
               " OR (coalesce(u.first_name, '') || ' ' ||"
               " coalesce(u.last_name, '')) ILIKE $4 ORDER BY 2, 1 LIMIT 11",
               id, tel, user, name),
        q);
    return 1;
}

/* /find [query]: search now, or ask for the query. */
int fb__usr_find(fb_ctx *c)
{
    if (!*fb_args(c))
        return fb_flow_start(c, FLOW_FIND, "query");
    search(c, fb_args(c));
    return FB_OK;
}

/* [Find a member]: ask for the query. */
int fb__usr_find_button(fb_ctx *c)
{
    return fb_flow_start(c, FLOW_FIND, "query");
}

/* The query typed in the find flow; a refused one is asked again. */
static int on_query(fb_ctx *c)
{
    if (search(c, fb_flow_str(c, "query")))
        return fb_flow_end(c);
    return FB_OK;
}

/* ---- ban / unban -------------------------------------------------------- */

/* [Ban] / [Unban]: check the target, then ask why (the moderate flow). */
int fb__usr_moderate(fb_ctx *c)
{
    int ban = fb_data_field(c, CB_BAN, 0) != NULL;
    usr_person p;

    if (!pressed(c, ban ? CB_BAN : CB_UNBAN, 1, &p))
        return FB_OK;
    if (p.banned == ban)
        return fb_answerf(c, ban ? A_ALREADY_BANNED : A_NOT_BANNED);
    fb_flow_start(c, FLOW_MODERATE, "reason");
    fb_flow_set_int(c, "ban", ban);
    fb_flow_set_int(c, "target", p.id);
    return fb_flow_set(c, "name", p.display);
}

/* "Why are you banning Asha Verma?" (html: the re-ask). */
static int ask_reason(fb_ctx *c, const char *html)
{
    if (html)
        return fb_reply(c, html, NULL);
    return fb_replyf(c, NULL,
                     fb_flow_int(c, "ban", 0) ? T_ASK_BAN_REASON
                                              : T_ASK_UNBAN_REASON,
                     fb_flow_str(c, "name"));
}

static const char *check_reason(fb_ctx *c)
{
    char reason[USR_REASON_MAX * 4 + 1];
    usr_err e = fb__usr_check_reason(fb_text(c), reason, sizeof reason);

    if (e == USR_OK)
        return NULL;
    return e == USR_EMPTY ? E_REASON_EMPTY : E_REASON_LONG;
}

/* The reason: the target is checked again, banned or unbanned, and told. */
static int on_reason(fb_ctx *c)
{
    int ban = (int)fb_flow_int(c, "ban", 0);
    const char *reason = fb_flow_str(c, "reason");
    usr_person p = fb__usr_load(c, fb_flow_int(c, "target", 0));
    const char *why = why_not(c, &p);

    if (!why && p.banned == ban)
        why = ban ? A_ALREADY_BANNED : A_NOT_BANNED;
    if (why) {
        fb_reply(c, why, NULL);
        return fb_flow_end(c);
    }
    fb_user_set_banned(c, p.id, ban, ban ? reason : NULL);
    fb__usr_audit(c, p.id, ban ? "banned" : "unbanned", reason);
    fb_set_commands(c, p.id, ban ? FB_ROLE_ANYONE : p.role);
    fb_sendf(c, p.id, NULL, ban ? T_BANNED : T_YOU_UNBANNED, reason);
    fb_replyf(c, NULL, ban ? T_BAN_DONE : T_UNBAN_DONE, p.display, reason);
    return fb_flow_end(c);
}

/* The reason never came: nothing was changed, say so. */
int fb__usr_moderate_timeout(fb_ctx *c)
{
    return fb_send(c, fb_chat(c), T_MOD_TIMEOUT, NULL);
}

/* ---- delete ------------------------------------------------------------- */

/* [Delete]: are you sure? */
int fb__usr_delete_button(fb_ctx *c)
{
    fb_keyboard *kb = fb_kb(c);
    usr_person p;

    if (!pressed(c, CB_DELETE, 1, &p))
        return FB_OK;
    fb_kb_button(kb, B_DELETE_YES, fb_cbf(c, CB_DELETE_OK "%" PRId64, p.id));
    fb_kb_button(kb, B_DELETE_NO, fb_cbf(c, CB_VIEW "%" PRId64, p.id));
    return fb_replyf(c, kb, T_DELETE_CONFIRM, p.display, p.id);
}

/* Confirmed: other plugins clean up on user.deleted (same transaction: one
 * that fails keeps everything), then the core row goes and the profile
 * with it. */
int fb__usr_delete_confirm(fb_ctx *c)
{
    usr_person p;

    if (!pressed(c, CB_DELETE_OK, 1, &p))
        return FB_OK;
    fb__usr_publish(c, "user.deleted", p.id);
    fb__usr_audit(c, p.id, "deleted", NULL);
    fb_sql_exec(c, "DELETE FROM fb_users WHERE id = $1", p.id);
    fb_set_commands(c, p.id, FB_ROLE_ANYONE);
    fb_send(c, p.id, T_YOU_DELETED, NULL);
    fb_answerf(c, A_DELETED);
    return fb_editf(c, NULL, T_DELETED, p.display, p.id);
}

/* ---- roles (the route admits admins only) ------------------------------- */

/* [Make member|staff|admin]: checked again here; the person is told and
 * their command list follows the role. */
int fb__usr_role_button(fb_ctx *c)
{
    fb_role role = fb__usr_role_named(fb_data_field(c, CB_ROLE, 1));
    usr_person p;

    if (!pressed(c, CB_ROLE, 1, &p))
        return FB_OK;
    if (role == FB_ROLE_UNKNOWN)
        return fb_answerf(c, A_BAD_BUTTON);
    if (p.role < FB_ROLE_MEMBER)
        return fb_answerf(c, A_ROLE_NOT_MEMBER);
    if (p.role == role)
        return fb_answerf(c, A_ROLE_SAME);
    fb_user_set_role(c, p.id, role);
    fb__usr_audit(c, p.id, "role", fb__usr_role_name(role));
    fb_set_commands(c, p.id, role);
    fb_sendf(c, p.id, NULL, T_YOUR_ROLE, fb__usr_role_name(role));
    fb_answerf(c, T_ROLE_DONE, p.display, fb__usr_role_name(role));
    p.role = role;
    return fb_edit(c, fb__usr_card(c, &p), person_kb(c, &p));
}

/* ---- the flows ------------------------------------------------------------
 */

/* clang-format off */
static const fb_ask query_q = {.prompt = T_ASK_QUERY, .bad = E_QUERY, .key = "query"};
static const fb_ask reason_q = {.ask = ask_reason, .bad = E_REASON_EMPTY, .check = check_reason, .key = "reason"};

const fb_state fb__usr_find_states[] = {
    {.name = "query", .handler = on_query, .role = FB_ROLE_STAFF, .ask = &query_q}, {0}};

const fb_state fb__usr_moderate_states[] = {
    {.name = "reason", .handler = on_reason, .role = FB_ROLE_STAFF, .ask = &reason_q}, {0}};
/* clang-format on */
