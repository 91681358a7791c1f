/* payments plugin: how a member pays for what another plugin sells.
 *
 * The descriptor: every route with the role it needs, the flows (their
 * states live with their handlers), the events it takes and the
 * migrations folder sql/payments. Config:
 *   [plugin.payments]
 *   vpa = club@okhdfc            ; the club's UPI id (a verified merchant)
 *   payee = Fit Club             ; the name on it
 *   methods = upi, cash, credit, split
 * Events taken: payment.requested {"reference", "user_id", "amount_paise",
 * "description"} (all strings; any plugin may publish it); user.deleted.
 * Events published: payment.approved {"payment_id", "reference",
 * "user_id", "method", "amount_paise" (received; for credit the amount
 * allowed on credit), "due_paise"}; payment.credit {"payment_id",
 * "reference", "user_id", "amount_paise" (still owed), "description"} when
 * a payment is allowed on credit or approved for less than was due;
 * payment.rejected {"payment_id", "reference", "user_id", "reason"}.
 * Requests made: ar.access {"user_id"} before Pay later is offered (a
 * member the receivables plugin has locked gets no new credit). */
#include <string.h>

#include "pay.h"
#include "texts.h"
#include "upi.h"

/* clang-format off */
static const fb_route routes[] = {
    FB_COMMAND("my_payments", FB_ROLE_MEMBER, fb__pay_mine, "Your payments", NULL),
    FB_COMMAND("payments", FB_ROLE_STAFF, fb__pay_queue, "Payments waiting for approval", NULL),

    FB_BUTTON(CB_METHOD, FB_ROLE_MEMBER, fb__pay_method, NULL),
    FB_BUTTON(CB_PAY, FB_ROLE_MEMBER, fb__pay_again, NULL),
    FB_BUTTON(CB_PAID, FB_ROLE_MEMBER, fb__pay_paid, NULL),
    FB_BUTTON(CB_OK, FB_ROLE_STAFF, fb__pay_approve, NULL),
    FB_BUTTON(CB_AMOUNT, FB_ROLE_STAFF, fb__pay_other_amount, FLOW_AMOUNT),
    FB_BUTTON(CB_REJECT, FB_ROLE_STAFF, fb__pay_reject, FLOW_REJECT),
    {0}};

static const fb_flow flows[] = {
    {.name = FLOW_SPLIT, .states = fb__pay_split_states, .on_timeout = fb_timed_out},
    {.name = FLOW_PROOF, .states = fb__pay_proof_states, .on_timeout = fb_timed_out},
    {.name = FLOW_AMOUNT, .states = fb__pay_amount_states, .on_timeout = fb_timed_out},
    {.name = FLOW_REJECT, .states = fb__pay_reject_states, .on_timeout = fb_timed_out},
    {0}};

static const fb_subscription subs[] = {
    {.event = "payment.requested", .handler = fb__pay_on_requested},
    {.event = "user.deleted", .handler = fb__pay_forget},
    {0}};
/* clang-format on */

/* 1 when word is an item of the comma-separated list. */
static int listed(const char *list, const char *word)
{
    size_t n = strlen(word);

    for (const char *p = list; *p;) {
        p += strspn(p, ", \t");
        if (strncmp(p, word, n) == 0 && strchr(", \t", p[n]))
            return 1;
        p += strcspn(p, ",");
    }
    return 0;
}

/* See pay.h. */
int fb__pay_method_on(fb_ctx *c, const char *method)
{
    if (!listed(fb_config(c, CFG_METHODS, DFLT_METHODS), method))
        return 0;
    if (strcmp(method, "upi") && strcmp(method, "split"))
        return 1;
    return fb__upi_vpa_ok(fb_config(c, CFG_VPA, "")) &&
           *fb_config(c, CFG_PAYEE, "");
}

/* See pay.h. */
const char *fb__pay_method_name(const char *method)
{
    static const char *const names[][2] = {{"upi", M_UPI},
                                           {"cash", M_CASH},
                                           {"credit", M_CREDIT},
                                           {"split", M_SPLIT}};

    for (size_t i = 0; method && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(method, names[i][0]) == 0)
            return names[i][1];
    return "—";
}

/* See pay.h. */
pay_row fb__pay_at(fb_ctx *c, const fb_rows *r, int i)
{
    pay_row p = {0};

    if (i >= fb_nrows(c, r))
        return p;
    p.id = fb_int(c, r, i, 0);
    p.user = fb_int(c, r, i, 1);
    p.amount = fb_int(c, r, i, 2);
    p.upi = fb_int(c, r, i, 3);
    p.received = fb_int(c, r, i, 4);
    p.reference = fb_str(c, r, i, 5);
    p.description = fb_str(c, r, i, 6);
    p.method = fb_str(c, r, i, 7);
    p.status = fb_str(c, r, i, 8);
    p.screenshot = fb_str(c, r, i, 9);
    return p;
}

/* See pay.h. */
pay_row fb__pay_load(fb_ctx *c, int64_t id)
{
    return fb__pay_at(
        c, fb_sql(c, "SELECT " PAY_COLS " FROM pay_payments WHERE id = $1", id),
        0);
}

/* See pay.h. */
pay_row fb__pay_pressed_own(fb_ctx *c, const char *prefix)
{
    pay_row p = fb__pay_load(c, fb_data_id(c, prefix, 0)), none = {0};

    if (!p.id || p.user != fb_user(c))
        return fb_answerf(c, A_BAD_BUTTON), none;
    if (strcmp(p.status, "open") != 0)
        return fb_answerf(c, A_NOT_OPEN), none;
    return p;
}

/* See pay.h. */
const char *fb__pay_who(fb_ctx *c, int64_t user)
{
    const char *name = fb_user_name(c, user);

    return fb_plainf(c, T_WHO, name && *name ? name : T_WHO_UNKNOWN, user);
}

/* Load time: a UPI or split method that is on without a usable VPA and
 * payee is named in the log (and not offered). Never fails. */
static int init(fb_ctx *c)
{
    const char *methods = fb_config(c, CFG_METHODS, DFLT_METHODS);

    if ((listed(methods, "upi") || listed(methods, "split")) &&
        (!fb__upi_vpa_ok(fb_config(c, CFG_VPA, "")) ||
         !*fb_config(c, CFG_PAYEE, "")))
        fb_log(c, FB_LOG_WARN,
               "[plugin.payments] vpa = %s, payee = %s: UPI needs a UPI id "
               "(name@bank) and a payee name; UPI is not offered",
               fb_config(c, CFG_VPA, "(unset)"),
               fb_config(c, CFG_PAYEE, "(unset)"));
    return FB_OK;
}

static const fb_plugin plugin = {
    FB_PLUGIN_HEADER,
    .name = "payments",
    .version = "1.2.0",
    .description = "Payments: UPI with QR, cash, credit, split; approvals",
    .priority = 30,
    .routes = routes,
    .flows = flows,
    .subs = subs,
    .migrations = "payments",
    .init = init,
};

/* The plugin's entry point: returns the static descriptor (never NULL). */
FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &plugin;
}
