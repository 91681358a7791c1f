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
 * An approved member's full name becomes their name for every plugin
 * (fb_user_name).
 */
#include <string.h>

#include "texts.h"
#include "users.h"

/* Make p a member (staff and admins keep their role) under their full
 * name, set their command list and tell the other plugins. Returns the
 * role they have now. */
static fb_role make_member(fb_ctx *c, const usr_person *p)
{
    fb_role role = fb_user_role(c, p->id);

    if (role == FB_ROLE_UNKNOWN)
        fb_fail(c, "the approved registrant is gone");
    if (role < FB_ROLE_MEMBER) {
        role = FB_ROLE_MEMBER;
        fb_user_set_role(c, p->id, role);
    }
    fb_user_set_name(c, p->id, p->display);
    fb_set_commands(c, p->id, role);
    fb__usr_publish(c, "user.approved", p->id);
    return role;
}

static int welcome_now(fb_ctx *c)
{
    usr_person me = fb__usr_load(c, fb_user(c));
    fb_role role = make_member(c, &me);

    fb__usr_audit(c, me.id, "approved", "auto");
    return fb_replyf(c, fb__usr_menu_kb(c, role), T_REG_DONE_AUTO, me.display);
}

/* The card of a pending registration and its two buttons. */
static int send_decision(fb_ctx *c, int64_t chat, const char *fmt,
                         const usr_person *p)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_APPROVE, fb_cbf(c, CB_DECIDE "%" PRId64 ":a", p->id));
    fb_kb_button(kb, B_REJECT, fb_cbf(c, CB_DECIDE "%" PRId64 ":r", p->id));
    return fb_sendf(c, chat, kb, fmt, fb__usr_card(c, p));
}

/* Every staff member and admin (not banned) and the super admin. */
static int ask_approvers(fb_ctx *c)
{
    usr_person me = fb__usr_load(c, fb_user(c));
    fb_rows *r = fb_sql(
        c,
        "SELECT id FROM (SELECT $1::bigint AS id, 0 AS o WHERE $1 > 0"
        " UNION ALL SELECT id, 1 FROM fb_users WHERE role IN ('staff', 'admin')"
        " AND NOT banned AND NOT blocked AND id <> $1) a"
        " ORDER BY o, id LIMIT 200",
        fb_super_admin(c));

    if (fb_nrows(c, r) == 0)
        fb_log(c, FB_LOG_WARN,
               "a registration waits but nobody can approve it");
    for (int i = 0; i < fb_nrows(c, r); i++)
        send_decision(c, fb_int(c, r, i, 0), T_NEW_REGISTRATION, &me);
    return fb_replyf(c, NULL, T_REG_DONE_STAFF "\n\n" T_PENDING, me.display);
}

/* See users.h. Approved at once in auto mode, or when staff or an admin
 * registers. */
int fb__usr_submit(fb_ctx *c)
{
    int now = strcmp(fb_config(c, "approval", "staff"), "auto") == 0 ||
              fb_sender_role(c) >= FB_ROLE_STAFF;

    fb_sql_exec(c,
                "INSERT INTO users_profiles (user_id, full_name, phone, age,"
                " weight_kg, gender, photo_file_id, status)"
                " VALUES ($1, $2, $3, $4, $5::numeric, $6, nullif($7, ''), $8)"
                " ON CONFLICT (user_id) DO UPDATE SET full_name = $2,"
                " phone = $3, age = $4, weight_kg = $5::numeric, gender = $6,"
                " photo_file_id = nullif($7, ''), status = $8,"
                " decided_by = NULL, decided_at = NULL, updated_at = now()",
                fb_user(c), fb_flow_str(c, "name"), fb_flow_str(c, "phone"),
                fb_flow_int(c, "age", 0), fb_flow_str(c, "weight"),
                fb_flow_str(c, "gender"), fb_flow_str(c, "photo"),
                now ? "approved" : "pending");
    fb_flow_end(c);
    return now ? welcome_now(c) : ask_approvers(c);
}

/* [Approve] / [Reject]: data "uapr:<id>:a|r", untrusted. The first press
 * decides (UPDATE ... WHERE status = 'pending'); the member is told. */
int fb__usr_decide(fb_ctx *c)
{
    const char *act = fb_data_field(c, CB_DECIDE, 1);
    int64_t id = fb_data_id(c, CB_DECIDE, 0);
    int approve = act && strcmp(act, "a") == 0;
    usr_person p;
    long long decided;

    if (!id || !act || (!approve && strcmp(act, "r") != 0))
        return fb_answerf(c, A_BAD_BUTTON);
    decided =
        fb_sql_exec(c,
                    "UPDATE users_profiles SET status = $2, decided_by = $3,"
                    " decided_at = now(), updated_at = now()"
                    " WHERE user_id = $1 AND status = 'pending'",
                    id, approve ? "approved" : "rejected", fb_user(c));
    p = fb__usr_load(c, id);
    if (!p.has_profile)
        return fb_answerf(c, A_GONE);
    if (decided != 1) {
        fb_answerf(c, A_ALREADY, p.status);
        return fb_editf(c, NULL, T_ALREADY, p.status, fb__usr_card(c, &p));
    }
    fb__usr_audit(c, id, approve ? "approved" : "rejected", NULL);
    if (approve) {
        p.role = make_member(c, &p);
        fb_send(c, id, T_APPROVED_MEMBER, fb__usr_menu_kb(c, p.role));
    } else {
        fb_send(c, id, T_REJECTED_MEMBER, NULL);
    }
    fb_answerf(c, approve ? A_APPROVED : A_REJECTED);
    return fb_editf(c, NULL, approve ? T_DECIDED_APPROVED : T_DECIDED_REJECTED,
                    fb_first_name(c), fb__usr_card(c, &p));
}

/* /pending or [Pending registrations]: each waiting card with buttons. */
int fb__usr_pending(fb_ctx *c)
{
    fb_rows *r = fb_sql(c, "SELECT user_id, count(*) OVER ()"
                           " FROM users_profiles WHERE status = 'pending'"
                           " ORDER BY created_at, user_id LIMIT 10");

    if (fb_nrows(c, r) == 0)
        return fb_reply(c, T_NO_PENDING, NULL);
    fb_replyf(c, NULL, T_PENDING_HEAD, fb_int(c, r, 0, 1));
    for (int i = 0; i < fb_nrows(c, r); i++) {
        usr_person p = fb__usr_load(c, fb_int(c, r, i, 0));
        send_decision(c, 0, "%-s", &p);
    }
    return FB_OK;
}
