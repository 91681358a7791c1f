/* users plugin: what its files share.
 *
 * users.c (the descriptor) · person.c (a person: loaded, shown as a card,
 * audited) · register.c (/start and the registration flow) · approval.c ·
 * menu.c (/menu, /whoami) · manage.c (find, view, ban/unban, delete,
 * roles) · validate.c (the rules of what a registrant types). */
#ifndef FB_USERS_H
#define FB_USERS_H

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

#include "validate.h"

/* ---- callback-data prefixes (routes are declared with the same text) -- */
#define CB_REGISTER "ureg:"
#define CB_GENDER "ugen:" /* m|f|o */
#define CB_SKIP "uskip:"
#define CB_DECIDE "uapr:" /* user id : a|r */
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
 * registered, their profile. Texts live in the handler's context; an
 * unknown id gives known 0, every text "" and every number 0. */
typedef struct usr_person {
    int64_t id;
    int known;
    const char *display; /* full name, else Telegram first name, else "id N" */
    const char *username;
    fb_role role; /* the super admin is an admin */
    int banned;
    const char *ban_reason;
    int has_profile;
    const char *phone; /* +91XXXXXXXXXX */
    int age;
    const char *weight; /* kg, one decimal */
    const char *gender;
    const char *photo;  /* Telegram file_id of the profile photo, or "" */
    const char *status; /* pending | approved | rejected | "" */
} usr_person;

/* ---- person.c ----------------------------------------------------------- */
/* The person with this id (a database failure fails the handler). */
usr_person fb__usr_load(fb_ctx *c, int64_t id);
/* The card describing p (HTML, in the context). */
const char *fb__usr_card(fb_ctx *c, const usr_person *p);
/* "member", "staff", "admin", or R_NONE below member. */
const char *fb__usr_role_name(fb_role r);
/* The role named "member", "staff" or "admin"; FB_ROLE_UNKNOWN otherwise. */
fb_role fb__usr_role_named(const char *name);
/* Record that the sender did action (detail may be NULL) to id. */
void fb__usr_audit(fb_ctx *c, int64_t id, const char *action,
                   const char *detail);
/* Publish event with {"user_id": id}; subscribers run in this transaction
 * (one that fails fails the handler). */
void fb__usr_publish(fb_ctx *c, const char *event, int64_t id);

/* ---- register.c: /start and the registration flow ---------------------- */
extern const fb_state fb__usr_register_states[];
int fb__usr_start(fb_ctx *c);
int fb__usr_audience(fb_ctx *c);
int fb__usr_register(fb_ctx *c);
int fb__usr_gender_button(fb_ctx *c);
int fb__usr_skip_button(fb_ctx *c);
int fb__usr_register_timeout(fb_ctx *c);

/* ---- approval.c ------------------------------------------------------------
 * fb__usr_submit: the last answer is in: save the profile, end the flow,
 * approve at once or ask the approvers. */
int fb__usr_submit(fb_ctx *c);
int fb__usr_decide(fb_ctx *c);
int fb__usr_pending(fb_ctx *c);

/* ---- menu.c ---------------------------------------------------------------
 */
/* The menu's buttons for role (in the context). */
fb_keyboard *fb__usr_menu_kb(fb_ctx *c, fb_role role);
int fb__usr_menu(fb_ctx *c);
int fb__usr_whoami(fb_ctx *c);
int fb__usr_profile_button(fb_ctx *c);

/* ---- manage.c -------------------------------------------------------------
 */
extern const fb_state fb__usr_find_states[];
extern const fb_state fb__usr_moderate_states[];
int fb__usr_find(fb_ctx *c);
int fb__usr_find_button(fb_ctx *c);
int fb__usr_view(fb_ctx *c);
int fb__usr_view_button(fb_ctx *c);
int fb__usr_photo_button(fb_ctx *c);
int fb__usr_moderate(fb_ctx *c); /* [Ban] and [Unban] */
int fb__usr_moderate_timeout(fb_ctx *c);
int fb__usr_delete_button(fb_ctx *c);
int fb__usr_delete_confirm(fb_ctx *c);
int fb__usr_role_button(fb_ctx *c);

#endif
