/* subscriptions plugin: what its files share.
 *
 * subscriptions.c (the descriptor, config) · plans.c (admins' plans) ·
 * subscribe.c (/subscribe and the payment events) · member.c (a member's
 * membership: /my_subscription, the member card) · staff.c (freeze, end a
 * freeze, gift days) · closure.c (a club-wide freeze) · report.c (admins'
 * lists) · job.c (the daily job). */
#ifndef FB_SUBS_H
#define FB_SUBS_H

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

/* ---- callback-data prefixes (routes are declared with the same text) -- */
#define CB_PLANS "spls:"
#define CB_PLAN "spl:" /* plan id: its card */
#define CB_PLAN_NEW "spnew:"
#define CB_PLAN_DAYS "spdays:"  /* plan id */
#define CB_PLAN_PRICE "spprc:"  /* plan id */
#define CB_PLAN_TOGGLE "sptgl:" /* plan id */
#define CB_PICK "spick:"        /* plan id */
#define CB_CONFIRM "sok:"
#define CB_DROP "sno:"
#define CB_RENEW "srenew:"
#define CB_FREEZE "sfrz:"   /* user id */
#define CB_UNFREEZE "sunf:" /* user id */
#define CB_GIFT "sgift:"    /* user id */
#define CB_LIST "slist:"    /* a list's name [: offset] */
#define CB_CLOSURE_OK "sclok:"
#define CB_CLOSURE_NO "sclno:"

#define FLOW_PLAN_NEW "plan_new"
#define FLOW_PLAN_EDIT "plan_edit"
#define FLOW_SUBSCRIBE "subscribe"
#define FLOW_FREEZE "freeze"
#define FLOW_GIFT "gift"
#define FLOW_CLOSURE "closure"

/* ---- config ([plugin.subscriptions]) ----------------------------------- */
#define CFG_GRACE "grace_days"
#define CFG_REMIND "remind_days"
#define CFG_MAX_FREEZE "max_freeze_days"
#define CFG_JOB_AT "job_at"
#define DFLT_GRACE 7
#define DFLT_REMIND 3
#define DFLT_MAX_FREEZE 30
#define DFLT_JOB_AT "06:00"
#define MAX_DAYS 3660

/* A person's name for staff to read: their name, else "id N". */
const char *fb__subs_who(fb_ctx *c, int64_t user);

/* A member's membership today (subs_current in the migration). Strings
 * are "" and numbers 0 when they have none (id 0). */
typedef struct subs_cur {
    int64_t id;
    const char *plan, *start, *end, *grace_end, *state, *freeze_end;
    int64_t days_left;
} subs_cur;
subs_cur fb__subs_current(fb_ctx *c, int64_t user);
/* "Membership: Monthly, active until 2026-12-31 (28 days left)". */
const char *fb__subs_line(fb_ctx *c, const subs_cur *s);

/* A plan as stored; id 0 when there is no such plan. */
typedef struct subs_plan {
    int64_t id;
    const char *name;
    int64_t days, price;
    int active;
} subs_plan;
subs_plan fb__subs_plan(fb_ctx *c, int64_t id);

/* ---- handlers ------------------------------------------------------------ */
int fb__subs_plans(fb_ctx *c);
int fb__subs_plan_button(fb_ctx *c);
int fb__subs_plan_new(fb_ctx *c);
int fb__subs_plan_edit(fb_ctx *c);
int fb__subs_plan_toggle(fb_ctx *c);
extern const fb_state fb__subs_plan_new_states[];
extern const fb_state fb__subs_plan_edit_states[];

int fb__subs_subscribe(fb_ctx *c);
int fb__subs_pick(fb_ctx *c);
int fb__subs_confirm(fb_ctx *c);
int fb__subs_drop(fb_ctx *c);
int fb__subs_on_approved(fb_ctx *c);
int fb__subs_on_rejected(fb_ctx *c);
extern const fb_state fb__subs_subscribe_states[];

int fb__subs_mine(fb_ctx *c);
int fb__subs_card(fb_ctx *c);
int fb__subs_audience(fb_ctx *c);
int fb__subs_forget(fb_ctx *c);

int fb__subs_membership(fb_ctx *c);
int fb__subs_freeze(fb_ctx *c);
int fb__subs_unfreeze(fb_ctx *c);
int fb__subs_gift(fb_ctx *c);
extern const fb_state fb__subs_freeze_states[];
extern const fb_state fb__subs_gift_states[];

int fb__subs_report(fb_ctx *c);
int fb__subs_list(fb_ctx *c);

int fb__subs_closure(fb_ctx *c);
int fb__subs_closure_ok(fb_ctx *c);
int fb__subs_closure_no(fb_ctx *c);
extern const fb_state fb__subs_closure_states[];

int fb__subs_daily(fb_ctx *c);

#endif
