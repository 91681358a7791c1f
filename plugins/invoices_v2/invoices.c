/* invoices_v2 plugin: GST tax invoices for the club's members.
 *
 * The descriptor: every route with the role it needs (admins issue, void,
 * resend, credit and report; a member pays or disputes their own), the
 * flows (their states live with their handlers), the events it takes,
 * the migrations folder sql/invoices_v2. What gst_store knows (settings,
 * items, rates, states) is asked through requests, never read from its
 * tables:
 *   gst.settings {} → {"enabled","mode","default_rate_bp","legal_name",
 *                      "address","gstin","state_code","state_name","utgst"}
 *   gst.items {"query","offset"} → {"items":[{id,serial,name,hsn,unit,
 *                                   mrp_paise,rate_bp}...],"total"}
 *   gst.item {"id","date"} → an item with the rate in force on date
 *   gst.rate {"hsn","date"} → {"rate_bp"}
 *   gst.state {"code"} → {"name","utgst"}
 *   gst.gstin_check {"gstin"} → {"ok":"1","gstin","state_code",
 *                       "state_name"} or {"ok":"0","why"} (HTML)
 * Events taken: payment.approved (reference invoice:<no>), user.deleted.
 * Published: payment.requested (Pay), invoice.issued, invoice.voided,
 * invoice.paid, invoice.credited. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "inv.h"
#include "texts.h"

/* clang-format off */
static const fb_route routes[] = {
    FB_COMMAND("invoice", FB_ROLE_ADMIN, fb__inv_start, "Issue a GST invoice", FLOW_INVOICE),
    FB_COMMAND("invoice_report", FB_ROLE_ADMIN, fb__inv_report, "Invoice register and GST summaries (CSV)", NULL),

    FB_BUTTON(CB_ITEM, FB_ROLE_ADMIN, fb__inv_item_pick, NULL),
    FB_BUTTON(CB_PAGE, FB_ROLE_ADMIN, fb__inv_page, NULL),
    FB_BUTTON(CB_CUSTOM, FB_ROLE_ADMIN, fb__inv_custom, NULL),
    FB_BUTTON(CB_RATE, FB_ROLE_ADMIN, fb__inv_rate_pick, NULL),
    FB_BUTTON(CB_DISC, FB_ROLE_ADMIN, fb__inv_disc_pick, NULL),
    FB_BUTTON(CB_ADD, FB_ROLE_ADMIN, fb__inv_add, NULL),
    FB_BUTTON(CB_FINISH, FB_ROLE_ADMIN, fb__inv_finish, NULL),
    FB_BUTTON(CB_SAME, FB_ROLE_ADMIN, fb__inv_same_state, NULL),
    FB_BUTTON(CB_KEEP, FB_ROLE_ADMIN, fb__inv_keep, NULL),
    FB_BUTTON(CB_CHANGE, FB_ROLE_ADMIN, fb__inv_change, NULL),
    FB_BUTTON(CB_UNREG, FB_ROLE_ADMIN, fb__inv_unregistered, NULL),
    FB_BUTTON(CB_SKIP, FB_ROLE_ADMIN, fb__inv_skip_address, NULL),
    FB_BUTTON(CB_SEND, FB_ROLE_ADMIN, fb__inv_send_press, NULL),
    FB_BUTTON(CB_CANCEL, FB_ROLE_ADMIN, fb__inv_cancel_press, NULL),
    FB_BUTTON(CB_RESEND, FB_ROLE_ADMIN, fb__inv_resend, NULL),
    FB_BUTTON(CB_VOID, FB_ROLE_ADMIN, fb__inv_void, NULL),
    FB_BUTTON(CB_CREDIT, FB_ROLE_ADMIN, fb__inv_credit, NULL),
    FB_BUTTON(CB_REPORT, FB_ROLE_ADMIN, fb__inv_report_pick, NULL),

    FB_BUTTON(CB_PAY, FB_ROLE_MEMBER, fb__inv_pay, NULL),
    FB_BUTTON(CB_DISPUTE, FB_ROLE_MEMBER, fb__inv_dispute, FLOW_DISPUTE),
    {0}};

static const fb_flow flows[] = {
    {.name = FLOW_INVOICE, .states = fb__inv_states,
     .on_cancel = fb__inv_dropped, .on_timeout = fb__inv_timed_out},
    {.name = FLOW_DISPUTE, .states = fb__inv_dispute_states},
    {.name = FLOW_REPORT, .states = fb__inv_report_states},
    {0}};

static const fb_subscription subs[] = {
    {.event = "payment.approved", .handler = fb__inv_on_approved},
    {.event = "user.deleted", .handler = fb__inv_forget},
    {0}};
/* clang-format on */

/* See inv.h. */
const char *fb__inv_json(fb_ctx *c, const char *json, const char *key)
{
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    const char *out = fb_plainf(c, "%s", cJSON_IsString(v) ? v->valuestring : "");

    cJSON_Delete(root);
    return out;
}

static int json_int(fb_ctx *c, const char *json, const char *key, int dflt)
{
    int64_t v;

    return fb_parse_int64(fb__inv_json(c, json, key), 0, GST_RATE_MAX, &v) == 0
               ? (int)v
               : dflt;
}

/* See inv.h. */
inv_settings fb__inv_settings(fb_ctx *c)
{
    inv_settings s = {0};
    const char *j;

    s.legal_name = s.address = s.gstin = s.state_code = s.state_name = "";
    if (fb_request(c, "gst.settings", "{}") < 1)
        return s;
    j = fb_response(c, 0);
    s.ok = 1;
    s.enabled = strcmp(fb__inv_json(c, j, "enabled"), "1") == 0;
    s.inclusive = strcmp(fb__inv_json(c, j, "mode"), "inclusive") == 0;
    s.utgst = strcmp(fb__inv_json(c, j, "utgst"), "1") == 0;
    s.default_rate = json_int(c, j, "default_rate_bp", 0);
    s.legal_name = fb__inv_json(c, j, "legal_name");
    s.address = fb__inv_json(c, j, "address");
    s.gstin = fb__inv_json(c, j, "gstin");
    s.state_code = fb__inv_json(c, j, "state_code");
    s.state_name = fb__inv_json(c, j, "state_name");
    return s;
}

/* See inv.h. */
inv_item fb__inv_item(fb_ctx *c, int64_t id, const char *date)
{
    inv_item it = {0};
    const char *j;
    int64_t v;

    if (id <= 0 ||
        fb_request(c, "gst.item",
                   fb_jsonf(c, "{\"id\":\"%s\",\"date\":\"%s\"}",
                            fb_id_str(c, id), date)) < 1)
        return it;
    j = fb_response(c, 0);
    if (fb_parse_int64(fb__inv_json(c, j, "mrp_paise"), 0, GST_PRICE_MAX,
                       &v) != 0)
        return it;
    it.price = v;
    it.rate_bp = json_int(c, j, "rate_bp", -1);
    it.serial = fb__inv_json(c, j, "serial");
    it.name = fb__inv_json(c, j, "name");
    it.hsn = fb__inv_json(c, j, "hsn");
    it.unit = fb__inv_json(c, j, "unit");
    if (it.rate_bp < 0 || !*it.name || !*it.hsn)
        return it;
    it.id = id;
    return it;
}

/* See inv.h. */
int fb__inv_rate(fb_ctx *c, const char *hsn, const char *date)
{
    if (fb_request(c, "gst.rate",
                   fb_jsonf(c, "{\"hsn\":\"%s\",\"date\":\"%s\"}", hsn,
                            date)) < 1)
        return -1;
    return json_int(c, fb_response(c, 0), "rate_bp", -1);
}

/* See inv.h. */
const char *fb__inv_state(fb_ctx *c, const char *code, int *utgst)
{
    const char *name;

    *utgst = 0;
    if (fb_request(c, "gst.state", fb_jsonf(c, "{\"code\":\"%s\"}", code)) < 1)
        return NULL;
    name = fb__inv_json(c, fb_response(c, 0), "name");
    *utgst = strcmp(fb__inv_json(c, fb_response(c, 0), "utgst"), "1") == 0;
    return *name ? name : NULL;
}

/* See inv.h. */
const char *fb__inv_name(fb_ctx *c, int64_t user)
{
    const char *name = fb_user_name(c, user);

    return name && *name ? name : fb_id_str(c, user);
}

/* See inv.h. */
const char *fb__inv_who(fb_ctx *c, int64_t user)
{
    return fb_plainf(c, "%s (%" PRId64 ")", fb__inv_name(c, user), user);
}

/* See inv.h. */
int64_t *fb__inv_admins(fb_ctx *c, int *n)
{
    fb_rows *r = fb_sql(c,
                        "SELECT id FROM (SELECT $1::bigint AS id, 0 AS o"
                        " WHERE $1 > 0 UNION ALL SELECT id, 1 FROM fb_users"
                        " WHERE role = 'admin' AND NOT banned AND NOT blocked"
                        " AND id <> $1) a ORDER BY o, id LIMIT 50",
                        fb_super_admin(c));
    int64_t *ids;

    *n = fb_nrows(c, r);
    ids = fb_alloc(c, sizeof *ids * (size_t)(*n + 1));
    for (int i = 0; ids && i < *n; i++)
        ids[i] = fb_int(c, r, i, 0);
    if (!ids)
        *n = 0;
    return ids;
}

static const fb_plugin plugin = {
    FB_PLUGIN_HEADER,
    .name = "invoices_v2",
    .version = "1.0.0",
    .description = "GST tax invoices: gapless numbers, PDF, Pay, credit notes, reports",
    .priority = 50,
    .routes = routes,
    .flows = flows,
    .subs = subs,
    .migrations = "invoices_v2",
};

/* The plugin's entry point: returns the static descriptor (never NULL). */
FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &plugin;
}
