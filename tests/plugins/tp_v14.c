/* tp_v14: the ABI 1.4 calls through the real host (story
 * tests/scenarios/abi/bulk_calls.story). /bulk queues three tagged bulk
 * texts (two to the sender, one to chat 1002) and says what the calls
 * returned; /counts shows the tag's rows by outcome; /badbulk makes a
 * refused call (no tag), so the handler fails and nothing is sent; the
 * FB_JOB_SECONDS job logs each run. On a 1.3 host's table the 1.4 slots
 * are NULL: /old13 checks FB__HAS says so. /paidbulk queues a bulk text
 * with FB_BULK_PAID (tag tp:3) and shows the tally's paid figure once
 * sent; /badflags asks a flag bit no host knows (refused: the handler
 * fails, nothing is sent; story bulk_paid_flag.story). */
#include <stdio.h>

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

static int bulk(fb_ctx *c)
{
    int a = fb_send_bulk(c, fb_user(c), "tp:1", FB_BULK_TEXT, NULL,
                         "bulk <b>one</b>");
    int b = fb_send_bulk(c, fb_user(c), "tp:1", FB_BULK_TEXT, NULL, "bulk two");
    int d = fb_send_bulk(c, 1002, "tp:1", FB_BULK_TEXT, NULL, "bulk three");

    return fb_replyf(c, NULL, "queued %d %d %d, room %s", a, b, d,
                     fb_bulk_room(c) > 0 ? "yes" : "no");
}

static int counts(fb_ctx *c)
{
    fb_bulk_tally t;

    fb_bulk_counts(c, "tp:1", &t);
    return fb_replyf(c, NULL,
                     "queued %lld sent %lld failed %lld blocked %lld "
                     "cancelled %lld, cancel now %lld",
                     t.queued, t.sent, t.failed, t.blocked, t.cancelled,
                     fb_bulk_cancel(c, "tp:1"));
}

static int badbulk(fb_ctx *c)
{
    fb_send_bulk(c, fb_user(c), "tp:2", FB_BULK_TEXT, NULL, "never");
    fb_send_bulk(c, fb_user(c), "", FB_BULK_TEXT, NULL, "no tag");
    return FB_OK; /* failed context: rolled back */
}

static int paidbulk(fb_ctx *c)
{
    int a = fb_send_bulk_ex(c, fb_user(c), "tp:3", FB_BULK_TEXT, NULL,
                            "paid one", FB_BULK_PAID);

    return fb_replyf(c, NULL, "queued paid %d", a);
}

static int paidcounts(fb_ctx *c)
{
    fb_bulk_tally t;

    fb_bulk_counts(c, "tp:3", &t);
    return fb_replyf(c, NULL, "sent %lld paid %lld no_stars %lld", t.sent,
                     t.paid, t.no_stars);
}

static int badflags(fb_ctx *c)
{
    fb_send_bulk_ex(c, fb_user(c), "tp:4", FB_BULK_TEXT, NULL, "never",
                    FB_BULK_PAID << 1);
    return FB_OK; /* failed context: rolled back */
}

static int old13(fb_ctx *c)
{
    fb_host_api t13 = *FB__API(c);
    struct fb_ctx_head fake = {.api = &t13};
    fb_ctx *f = (fb_ctx *)(void *)&fake;

    t13.send_bulk = NULL;
    return fb_replyf(c, NULL, "1.4 here %d, on a 1.3 table %d",
                     FB__HAS(c, send_bulk), FB__HAS(f, send_bulk));
}

static int ticks;

static int tick(fb_ctx *c)
{
    fb_log(c, FB_LOG_INFO, "tp_v14 tick %d", ++ticks);
    return FB_OK;
}

static const fb_route routes[] = {
    FB_COMMAND("bulk", FB_ROLE_ANYONE, bulk, NULL, NULL),
    FB_COMMAND("counts", FB_ROLE_ANYONE, counts, NULL, NULL),
    FB_COMMAND("badbulk", FB_ROLE_ANYONE, badbulk, NULL, NULL),
    FB_COMMAND("old13", FB_ROLE_ANYONE, old13, NULL, NULL),
    FB_COMMAND("paidbulk", FB_ROLE_ANYONE, paidbulk, NULL, NULL),
    FB_COMMAND("paidcounts", FB_ROLE_ANYONE, paidcounts, NULL, NULL),
    FB_COMMAND("badflags", FB_ROLE_ANYONE, badflags, NULL, NULL),
    {0}};

static const fb_job jobs[] = {
    {.name = "tick", .kind = FB_JOB_SECONDS, .every_min = 1, .handler = tick},
    {0}};

static const fb_plugin desc = {
    FB_PLUGIN_HEADER, .name = "tp_v14", .version = "1",
    .routes = routes, .jobs = jobs,
};

FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void)
{
    return &desc;
}
