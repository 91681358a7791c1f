/* tp_v12b: tp_v12's companion — answers its requests (one answerer fails
 * on purpose), has commands for the menu, one of them for staff only,
 * answers the users plugin's member.card with a section, and has a daily
 * job that tells the super admin the club's date it ran on. */
#include <stdio.h>

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

static int answer_card(fb_ctx *c)
{
    char *text = fb_alloc(c, 256);
    if (!text)
        return FB_ERR;
    snprintf(text, 256, "theirs for %s", fb_event_json(c));
    return fb_respond(c, text) ? FB_ERR : FB_OK;
}

static int answer_fail(fb_ctx *c)
{
    (void)c;
    return FB_ERR;
}

/* A section of the member card: "🧪 tp_v12b section for <user_id>". */
static int answer_member_card(fb_ctx *c)
{
    char id[32], *text = fb_alloc(c, 96);
    if (!text || fb_json_get_str(fb_event_json(c), "user_id", id, sizeof id))
        return FB_ERR;
    snprintf(text, 96, "🧪 tp_v12b section for %s", id);
    return fb_respond(c, text) ? FB_ERR : FB_OK;
}

/* Daily at 06:00 club time: "tp daily job ran on YYYY-MM-DD" to the super
 * admin (the date from fb_today, so the test clock governs both). */
static int daily(fb_ctx *c)
{
    fb_date d = fb_today(c);
    char day[11], *text = fb_alloc(c, 64);
    if (!text || !fb_super_admin(c))
        return FB_ERR;
    snprintf(text, 64, "tp daily job ran on %s", fb_date_str(&d, day));
    return fb_send(c, fb_super_admin(c), text, NULL);
}

static const fb_job jobs[] = {
    {.name = "tp_daily", .kind = FB_JOB_DAILY, .at = "06:00", .handler = daily},
    {0}};

static int on_bee(fb_ctx *c)
{
    return fb_reply(c, "bee", NULL);
}

static const fb_route routes[] = {{.kind = FB_ROUTE_COMMAND,
                                   .match = "bee",
                                   .handler = on_bee,
                                   .help = "bee <b> & co"},
                                  {.kind = FB_ROUTE_COMMAND,
                                   .match = "staffonly",
                                   .role = FB_ROLE_STAFF,
                                   .handler = on_bee,
                                   .help = "staff only"},
                                  {0}};

static const fb_subscription subs[] = {
    {.event = "tp.card", .handler = answer_card},
    {.event = "tp.fail", .handler = answer_fail},
    {.event = "member.card", .handler = answer_member_card},
    {0}};

/* Built as a minor-2 plugin on purpose (not FB_PLUGIN_HEADER): the abi12
 * tests then run a 1.2 plugin on the newer host, as promised. */
static const fb_plugin desc = {
    .magic = FB_PLUGIN_MAGIC,
    .abi_major = FB_ABI_MAJOR,
    .abi_minor = 2,
    .size = sizeof(fb_plugin),
    .name = "tp_v12b",
    .version = "1.2",
    .priority = 20,
    .routes = routes,
    .subs = subs,
    .jobs = jobs,
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
