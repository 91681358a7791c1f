/* Torture cases of the SDK helpers that allocate: fb_html_escape_dup,
 * fb_json_get_str / fb_json_get_int64 (cJSON), and the ABI 1.2 formatters
 * fb_strf, fb_plainf, fb_esc, fb_jsonf, fb_money_str, fb_cbf on a context
 * whose memory comes from the same counting allocator (a failure there is
 * the host's alloc returning NULL). A formatter that fails returns NULL and
 * marks the context failed (sticky failure). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "minictx.h"
#include "torture.h"

/* got against want: the same text, or NULL with the failure marked. */
static int judge(const fb_ctx *c, const char *got, const char *want)
{
    if (got && strcmp(got, want) == 0)
        return TORTURE_SAME;
    return !got && c->failed ? TORTURE_ERROR : TORTURE_BROKEN;
}

static const char text[] = "<b>Asha & \"Ravi\"</b>\n\t₹1,000";

static int escape_dup_run(void *arg)
{
    char *e = fb_html_escape_dup(text);
    int rc = !e ? TORTURE_ERROR
             : strcmp(e, "&lt;b&gt;Asha &amp; &quot;Ravi&quot;&lt;/b&gt;\n\t"
                         "₹1,000") == 0
                 ? TORTURE_SAME
                 : TORTURE_BROKEN;

    free(e);
    return rc;
}

static int json_get_run(void *arg)
{
    static const char json[] =
        "{\"name\":\"Asha \\\"A\\\"\",\"id\":\"7000000001"
        "\",\"n\":42,\"list\":[1,2,3]}";
    char buf[64] = "x";
    int64_t id = 5, n = 5;
    int a = fb_json_get_str(json, "name", buf, sizeof buf);
    int b = fb_json_get_int64(json, "id", &id);
    int d = fb_json_get_int64(json, "n", &n);

    if (a == 0 && b == 0 && d == 0)
        return strcmp(buf, "Asha \"A\"") == 0 && id == 7000000001 && n == 42
                   ? TORTURE_SAME
                   : TORTURE_BROKEN;
    /* each refused call leaves "" or 0; the others are right */
    if ((a != 0 && buf[0]) || (a == 0 && strcmp(buf, "Asha \"A\"")) ||
        (b != 0 && id != 0) || (b == 0 && id != 7000000001) ||
        (d != 0 && n != 0) || (d == 0 && n != 42))
        return TORTURE_BROKEN;
    return TORTURE_ERROR;
}

static int fmt_run(void *arg)
{
    fb_ctx c;
    int rc;

    minictx_open(&c);
    rc = judge(&c, fb_strf(&c, "%s has %d classes, %-s", text, 12, "<i>ok</i>"),
               "&lt;b&gt;Asha &amp; &quot;Ravi&quot;&lt;/b&gt;\n\t₹1,000 "
               "has 12 classes, <i>ok</i>");

    if (rc == TORTURE_SAME)
        rc = judge(&c, fb_plainf(&c, "[%s] %d", text, -3),
                   "[<b>Asha & \"Ravi\"</b>\n\t₹1,000] -3");
    if (rc == TORTURE_SAME)
        rc = judge(&c, fb_esc(&c, "a<b"), "a&lt;b");
    if (rc == TORTURE_SAME)
        rc = judge(&c, fb_jsonf(&c, "{\"t\":\"%s\"}", text),
                   "{\"t\":\"<b>Asha & \\\"Ravi\\\"</b>\\n\\t₹1,000\"}");
    if (rc == TORTURE_SAME)
        rc = judge(&c, fb_money_str(&c, 12345650), "₹1,23,456.50");
    if (rc == TORTURE_SAME)
        rc = judge(&c, fb_cbf(&c, "usr:approve:%lld", 1001LL),
                   "usr:approve:1001");
    if (rc == TORTURE_SAME && c.failed)
        rc = TORTURE_BROKEN; /* every result right, yet marked failed */
    minictx_close(&c);
    return rc;
}

int main(void)
{
    int bad = 0;

    torture_init();
    bad += torture_run("sdk fb_html_escape_dup", escape_dup_run, NULL);
    bad += torture_run("sdk fb_json_get_str/int64", json_get_run, NULL);
    bad += torture_run("sdk formatters (fb_strf ... fb_cbf)", fmt_run, NULL);
    return bad ? 1 : 0;
}
