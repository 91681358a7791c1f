/* users plugin: what its files share.
 *
 * descriptor (users.c) · store (store.c: the users_profiles table and the
 * core fb_users row) · say (say.c: formatted messages, cards, keyboards)
 * · register.c (/start and the registration flow) · approval.c · menu.c ·
 * manage.c (find, view, ban/unban, delete, roles). */
#ifndef FB_USERS_H
#define FB_USERS_H

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

#include "validate.h"

/* ---- callback-data prefixes (routes are declared with the same text) -- */
#define CB_REGISTER "ureg:"
#define CB_GENDER "ugen:"
#define CB_SKIP "uskip:"
#define CB_DECIDE "uapr:" /* a|r : user id */
#define CB_PROFILE "ume:"
#define CB_FIND "ufind:"
#define CB_PENDING "upend:"
#define CB_VIEW "uview:"     /* user id */
#define CB_BAN "uban:"       /* user id */
#define CB_UNBAN "uunb:"     /* user id */
#define CB_DELETE "udel:"    /* user id */
#define CB_DELETE_OK "udcf:" /* user id */
#define CB_PHOTO "uphoto:"   /* user id */
#define CB_ROLE "urole:"     /* user id : member|staff|admin */

#define FLOW_REGISTER "register"
#define FLOW_FIND "find"
#define FLOW_MODERATE "moderate"

/* One person as the plugin sees them: the core row and, if they ever
 * registered, their profile. */
typedef struct usr_person {
    int64_t id;
    char display[USR_NAME_BUF]; /* full name, else Telegram first name */
    char username[64];
    fb_role role;
    int banned;
    char ban_reason[512];
    int has_profile;
    char phone[USR_PHONE_BUF];
    int age;
    char weight[16];
    char gender[8];
    char photo[256]; /* Telegram file_id of the profile photo, or "" */
    char status[12]; /* pending | approved | rejected | "" */
} usr_person;

/* ---- store.c ---------------------------------------------------------- */
/* Load a person by id. Returns 1 if found, 0 if unknown, -1 on a database
 * error (the handler should return FB_ERR). */
int fb__usr_load(fb_ctx *c, int64_t id, usr_person *p);
/* Insert or replace the sender's profile from the registration flow's
 * data with the given status. Returns 0 or -1. */
int fb__usr_save_profile(fb_ctx *c, const char *status);
/* Move a pending profile to status (approved/rejected) once. Returns 1 if
 * this call decided it, 0 if it was not pending (or gone), -1 on error. */
int fb__usr_decide_once(fb_ctx *c, int64_t id, const char *status);
/* Ids of every staff and admin (not banned) plus the super admin, at most
 * max. Returns the count or -1. */
int fb__usr_approvers(fb_ctx *c, int64_t *ids, int max);
/* Delete the core row (the profile cascades). Returns 0 or -1. */
int fb__usr_delete(fb_ctx *c, int64_t id);
/* Record who did what to whom. Returns 0 or -1. */
int fb__usr_audit(fb_ctx *c, int64_t id, const char *action,
                  const char *detail);

/* ---- say.c ------------------------------------------------------------ */
/* Send / reply / edit with printf formatting (text over 4096 bytes is
 * refused). Return what the host call returns, or FB_ERR. */
int fb__usr_sendf(fb_ctx *c, int64_t chat, const fb_keyboard *kb,
                  const char *fmt, ...) FB_PRINTF(4, 5);
int fb__usr_editf(fb_ctx *c, const fb_keyboard *kb, const char *fmt, ...)
    FB_PRINTF(3, 4);
/* Answer the callback query with a formatted text. */
int fb__usr_answerf(fb_ctx *c, const char *fmt, ...) FB_PRINTF(2, 3);
/* The card describing p (HTML) into buf. */
void fb__usr_card(const usr_person *p, char *buf, size_t len);
/* HTML-escaped copy of s into buf (truncated to "" if it won't fit). */
const char *fb__usr_esc(const char *s, char *buf, size_t len);
/* Callback data "prefix<id>" or "prefix<id>:<extra>" into buf[65]. */
int fb__usr_cb(char *buf, const char *prefix, int64_t id, const char *extra);
/* Add a callback button prefix<id>[:extra]; errors land in kb->error. */
void fb__usr_kb_id(fb_keyboard *kb, const char *text, const char *prefix,
                   int64_t id, const char *extra);
/* The id in callback data "prefix<id>[:...]"; extra (may be NULL) gets
 * the second field. Returns 0, or -1 for data that is not ours. */
int fb__usr_cb_id(fb_ctx *c, const char *prefix, int64_t *id, char *extra,
                  size_t len);
const char *fb__usr_role_name(fb_role r);
/* Set the chat's command list for role (logged, never fatal). */
void fb__usr_commands(fb_ctx *c, int64_t chat, fb_role role);
/* Publish event with {"user_id": id}; subscribers run in this transaction.
 * Returns what fb_publish returns (FB_ERR: roll back). */
int fb__usr_publish(fb_ctx *c, const char *event, int64_t id);

/* ---- handlers ----------------------------------------------------------- */
int fb__usr_start(fb_ctx *c);
int fb__usr_register(fb_ctx *c);
int fb__usr_reg_name(fb_ctx *c);
int fb__usr_reg_phone(fb_ctx *c);
int fb__usr_reg_age(fb_ctx *c);
int fb__usr_reg_weight(fb_ctx *c);
int fb__usr_reg_gender(fb_ctx *c);
int fb__usr_reg_gender_button(fb_ctx *c);
int fb__usr_reg_photo(fb_ctx *c);
int fb__usr_reg_skip_button(fb_ctx *c);
int fb__usr_reg_cancel(fb_ctx *c);
int fb__usr_reg_timeout(fb_ctx *c);

/* approval.c: the profile is saved; approve now or ask the approvers. */
int fb__usr_submit(fb_ctx *c);
int fb__usr_decide(fb_ctx *c);
int fb__usr_pending(fb_ctx *c);

int fb__usr_menu(fb_ctx *c);
int fb__usr_whoami(fb_ctx *c);
int fb__usr_profile_button(fb_ctx *c);
/* The menu keyboard for role. */
void fb__usr_menu_kb(fb_keyboard *kb, fb_role role);

int fb__usr_find(fb_ctx *c);
int fb__usr_find_button(fb_ctx *c);
int fb__usr_find_query(fb_ctx *c);
int fb__usr_view(fb_ctx *c);
int fb__usr_view_button(fb_ctx *c);
int fb__usr_ban_button(fb_ctx *c);
int fb__usr_unban_button(fb_ctx *c);
int fb__usr_mod_reason(fb_ctx *c);
int fb__usr_mod_timeout(fb_ctx *c);
int fb__usr_delete_button(fb_ctx *c);
int fb__usr_delete_confirm(fb_ctx *c);
int fb__usr_role_button(fb_ctx *c);
int fb__usr_photo_button(fb_ctx *c);

#endif
