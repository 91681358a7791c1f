/* users plugin: approving new members.
 *
 *   profile saved ──► approval = auto (or the registrant is staff/admin)
 *                        ──► member at once, told so
 *                 └─► approval = staff
 *                        ──► every staff, admin and the super admin gets the
 *                            card with [Approve] [Reject]
 *                        ──► the first press decides, once; later presses
 *                            (double tap, a second admin) are told it was
 *                            already decided; the member is told the outcome
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "texts.h"
#include "users.h"

#define MAX_APPROVERS 200
#define MAX_PENDING_SHOWN 10

static int auto_mode(fb_ctx *c)
{
    const char *mode = fb_config(c, "approval", "staff");

    return mode && strcmp(mode, "auto") == 0;
}

/* Make id a member (staff and admins keep their role), set their command
 * list and tell other plugins. */
static int make_member(fb_ctx *c, int64_t id)
{
    fb_role role = fb_user_role(c, id);

    if ((int)role < 0)
        return FB_ERR;
    if (role < FB_ROLE_MEMBER) {
        if (fb_user_set_role(c, id, FB_ROLE_MEMBER) != FB_OK)
            return FB_ERR;
        role = FB_ROLE_MEMBER;
    }
    fb__usr_commands(c, id, role);
    return fb__usr_publish(c, "user.approved", id);
}

static int welcome_now(fb_ctx *c)
{
    char name[USR_NAME_BUF * 6];
    usr_person me;
    fb_keyboard kb;

    if (make_member(c, fb_user(c)) != FB_OK ||
        fb__usr_audit(c, fb_user(c), "approved", "auto") != 0 ||
        fb__usr_load(c, fb_user(c), &me) <= 0)
        return FB_ERR;
    fb__usr_menu_kb(&kb, me.role);
    return fb__usr_sendf(c, 0, &kb, T_REG_DONE_AUTO,
                         fb__usr_esc(me.display, name, sizeof name));
}

/* The card of a pending registration with its two buttons. */
static void decision_card(const usr_person *p, char *card, size_t len,
                          fb_keyboard *kb)
{
    fb__usr_card(p, card, len);
    fb_kb_init(kb);
    fb__usr_kb_id(kb, B_APPROVE, CB_DECIDE, p->id, "a");
    fb__usr_kb_id(kb, B_REJECT, CB_DECIDE, p->id, "r");
}

static int ask_approvers(fb_ctx *c)
{
    int64_t ids[MAX_APPROVERS];
    char card[2048];
    usr_person me;
    fb_keyboard kb;
    int i, n;

    if (fb__usr_load(c, fb_user(c), &me) <= 0)
        return FB_ERR;
    n = fb__usr_approvers(c, ids, MAX_APPROVERS);
    if (n < 0)
        return FB_ERR;
    if (n == 0)
        fb_log(c, FB_LOG_WARN,
               "a registration waits but nobody can approve it");
    decision_card(&me, card, sizeof card, &kb);
    for (i = 0; i < n; i++)
        if (fb__usr_sendf(c, ids[i], &kb, T_NEW_REGISTRATION, card) != FB_OK)
            return FB_ERR;
    return fb__usr_sendf(c, 0, NULL, T_REG_DONE_STAFF "\n\n" T_PENDING,
                         fb__usr_esc(me.display, card, sizeof card));
}

/* The last answer is in: save the profile, end the flow, then approve
 * at once (auto mode, or staff/admin registering) or ask the approvers.
 * FB_ERR on a database failure (everything rolls back). */
int fb__usr_submit(fb_ctx *c)
{
    int now = auto_mode(c) || fb_sender_role(c) >= FB_ROLE_STAFF;

    if (fb__usr_save_profile(c, now ? "approved" : "pending") != 0)
        return FB_ERR;
    if (fb_flow_end(c) != FB_OK)
        return FB_ERR;
    return now ? welcome_now(c) : ask_approvers(c);
}

/* Someone decided first (or the registrant is gone): say so and take the
 * buttons off this copy. */
static int already_decided(fb_ctx *c, int64_t id)
{
    char card[2048];
    usr_person p;
    int rc = fb__usr_load(c, id, &p);

    if (rc < 0)
        return FB_ERR;
    if (rc == 0 || !p.has_profile)
        return fb_answer(c, A_GONE, 0);
    fb__usr_answerf(c, A_ALREADY, p.status);
    fb__usr_card(&p, card, sizeof card);
    return fb__usr_editf(c, NULL, A_ALREADY "\n\n%s", p.status, card);
}

/* Tell the member and record the outcome. */
static int tell_outcome(fb_ctx *c, int64_t id, int approve)
{
    fb_keyboard kb;

    if (fb__usr_audit(c, id, approve ? "approved" : "rejected", NULL) != 0)
        return FB_ERR;
    if (!approve)
        return fb_send(c, id, T_REJECTED_MEMBER, NULL);
    if (make_member(c, id) != FB_OK)
        return FB_ERR;
    fb__usr_menu_kb(&kb, fb_user_role(c, id));
    return fb_send(c, id, T_APPROVED_MEMBER, &kb);
}

/* Show the decision on the pressed message. */
static int show_decision(fb_ctx *c, int64_t id, int approve)
{
    char card[2048], by[USR_NAME_BUF * 6];
    usr_person p;

    if (fb__usr_load(c, id, &p) <= 0)
        return FB_ERR;
    fb__usr_card(&p, card, sizeof card);
    fb__usr_esc(fb_first_name(c), by, sizeof by);
    fb_answer(c, approve ? A_APPROVED : A_REJECTED, 0);
    return fb__usr_editf(
        c, NULL, approve ? T_DECIDED_APPROVED : T_DECIDED_REJECTED, by, card);
}

/* [Approve] / [Reject]: data "uapr:<id>:a|r", checked again here. */
int fb__usr_decide(fb_ctx *c)
{
    char act[4];
    int64_t id;
    int approve, rc;

    if (fb__usr_cb_id(c, CB_DECIDE, &id, act, sizeof act) != 0 ||
        (strcmp(act, "a") != 0 && strcmp(act, "r") != 0))
        return fb_answer(c, A_BAD_BUTTON, 0);
    approve = act[0] == 'a';
    rc = fb__usr_decide_once(c, id, approve ? "approved" : "rejected");
    if (rc < 0)
        return FB_ERR;
    if (rc == 0)
        return already_decided(c, id);
    if (tell_outcome(c, id, approve) != FB_OK)
        return FB_ERR;
    return show_decision(c, id, approve);
}

/* /pending or [Pending registrations]: each waiting card with buttons. */
int fb__usr_pending(fb_ctx *c)
{
    static const char *const sql =
        "SELECT user_id, count(*) OVER () FROM users_profiles"
        " WHERE status = 'pending' ORDER BY created_at, user_id LIMIT 10";
    char card[2048];
    fb_keyboard kb;
    usr_person p;
    fb_rows *r;
    int i, n;

    if (fb_kind(c) == FB_UPDATE_CALLBACK)
        fb_answer(c, "", 0);
    r = fb_query(c, sql, 0, NULL);
    if (!r)
        return FB_ERR;
    n = fb_rows_count(c, r);
    if (n == 0)
        return fb_reply(c, T_NO_PENDING, NULL);
    /* NOLINTNEXTLINE(cert-err34-c): column 1 is a count(*) */
    int total = atoi(fb_rows_get(c, r, 0, 1));
    if (fb__usr_sendf(c, 0, NULL, T_PENDING_HEAD, total) != FB_OK)
        return FB_ERR;
    for (i = 0; i < n && i < MAX_PENDING_SHOWN; i++) {
        if (fb__usr_load(c, strtoll(fb_rows_get(c, r, i, 0), NULL, 10), &p) <=
            0)
            return FB_ERR;
        decision_card(&p, card, sizeof card, &kb);
        if (fb_reply(c, card, &kb) != FB_OK)
            return FB_ERR;
    }
    return FB_OK;
}
