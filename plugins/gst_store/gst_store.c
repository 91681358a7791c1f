/* gst_store plugin: the club's GST settings, the rate history and the
 * store's item master — the one source invoices take GST from.
 *
 * The descriptor: every route with the role it needs (admins change
 * settings, rates and items; staff may look items up), the flows (their
 * states live with their handlers), the requests it answers for other
 * plugins (README.md: gst.settings, gst.items, gst.item, gst.rate,
 * gst.state, gst.gstin_check) and the migrations folder sql/gst_store. */
#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "gst.h"
#include "texts.h"

/* clang-format off */
static const fb_route routes[] = {
    FB_COMMAND("gst", FB_ROLE_ADMIN, fb__gst_settings, "GST settings: GSTIN, state, rates, mode", NULL),
    FB_COMMAND("gst_rates", FB_ROLE_ADMIN, fb__gst_rates, "GST rates by HSN/SAC, with their history", NULL),
    FB_COMMAND("items", FB_ROLE_STAFF, fb__gst_items, "Store items: /items [name or serial]", NULL),

    FB_BUTTON(CB_SETTINGS, FB_ROLE_ADMIN, fb__gst_settings, NULL),
    FB_BUTTON(CB_SET_TOGGLE, FB_ROLE_ADMIN, fb__gst_settings_toggle, NULL),
    FB_BUTTON(CB_SET_EDIT, FB_ROLE_ADMIN, fb__gst_settings_edit, FLOW_SETTINGS),
    FB_BUTTON(CB_RATES, FB_ROLE_ADMIN, fb__gst_rates, NULL),
    FB_BUTTON(CB_RATE_ADD, FB_ROLE_ADMIN, fb__gst_rate_add, FLOW_RATE),
    FB_BUTTON(CB_ITEMS, FB_ROLE_STAFF, fb__gst_items_page, NULL),
    FB_BUTTON(CB_ITEM, FB_ROLE_STAFF, fb__gst_item, NULL),
    FB_BUTTON(CB_ITEM_NEW, FB_ROLE_ADMIN, fb__gst_item_new, FLOW_ITEM_NEW),
    FB_BUTTON(CB_ITEM_EDIT, FB_ROLE_ADMIN, fb__gst_item_edit, FLOW_ITEM_EDIT),
    FB_BUTTON(CB_ITEM_TOGGLE, FB_ROLE_ADMIN, fb__gst_item_toggle, NULL),
    FB_BUTTON(CB_EXPORT, FB_ROLE_ADMIN, fb__gst_export, NULL),
    FB_BUTTON(CB_IMPORT, FB_ROLE_ADMIN, fb__gst_import, FLOW_IMPORT),
    {0}};

static const fb_flow flows[] = {
    {.name = FLOW_SETTINGS, .states = fb__gst_settings_states, .on_timeout = fb_timed_out},
    {.name = FLOW_RATE, .states = fb__gst_rate_states, .on_timeout = fb_timed_out},
    {.name = FLOW_ITEM_NEW, .states = fb__gst_item_new_states, .on_timeout = fb_timed_out},
    {.name = FLOW_ITEM_EDIT, .states = fb__gst_item_edit_states, .on_timeout = fb_timed_out},
    {.name = FLOW_IMPORT, .states = fb__gst_import_states, .on_timeout = fb_timed_out},
    {0}};

static const fb_subscription subs[] = {
    {.event = "gst.settings", .handler = fb__gst_req_settings},
    {.event = "gst.items", .handler = fb__gst_req_items},
    {.event = "gst.item", .handler = fb__gst_req_item},
    {.event = "gst.rate", .handler = fb__gst_req_rate},
    {.event = "gst.state", .handler = fb__gst_req_state},
    {.event = "gst.gstin_check", .handler = fb__gst_req_gstin_check},
    {0}};
/* clang-format on */

/* See gst.h. */
const char *fb__gst_pct(fb_ctx *c, int64_t bp)
{
    char buf[RATE_TEXT_BYTES];

    return fb_plainf(c, "%s", fb__gst_rate_text((int)bp, buf));
}

/* See gst.h. */
const char *fb__gst_quote(fb_ctx *c, const char *s)
{
    size_t n;

    s += strspn(s, " \t\r\n");
    n = strlen(s);
    while (n && strchr(" \t\r\n", s[n - 1]))
        n--;
    if (n > 40) {
        size_t cut = 40;

        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        return fb_plainf(c, "%.*s…", (int)cut, s);
    }
    return fb_plainf(c, "%.*s", (int)n, s);
}

/* See gst.h. */
const char *fb__gst_bad(fb_ctx *c, const char *label, const char *why)
{
    return fb_strf(c, E_BAD_VALUE, label, fb__gst_quote(c, fb_text(c)), why);
}

static const fb_plugin plugin = {
    FB_PLUGIN_HEADER,
    .name = "gst_store",
    .version = "1.0.0",
    .description = "GST settings, rates with their history, store items",
    .priority = 40,
    .routes = routes,
    .flows = flows,
    .subs = subs,
    .migrations = "gst_store",
};

/* The plugin's entry point: returns the static descriptor (never NULL). */
FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &plugin;
}
