/* broadcast plugin: delivering a broadcast.
 *
 * The job (every 2 s) and [Send] call fb__bc_tick for a running broadcast:
 *  1. feed: while fewer than `window` of its messages wait in the host's
 *     outbox, the next waiting recipients (at most fb_bulk_room) are marked
 *     queued and their copies queued with fb_send_bulk, in ONE
 *     transaction: a kill -9 keeps both or neither, and the outbox sends
 *     what it holds after a restart (see README: what may still arrive
 *     twice); with `paid = true` each copy asks a paid broadcast
 *     (FB_BULK_PAID: the host sends it so when its paid_broadcast_rate is
 *     above 0, else free);
 *  2. progress: the progress message is edited with sent / failed /
 *     blocked / left, the rate and the time left, at most every
 *     `progress_every` seconds and only when the figures changed;
 *  3. the end: nothing waiting and nothing in the outbox: the final
 *     figures are kept, the progress message shows them and the admin gets
 *     a summary. [Stop] drops what the outbox has not requested yet
 *     (fb_bulk_cancel) and queues nothing more. */
#include <stdio.h>
#include <string.h>

#include "bc.h"
#include "texts.h"

typedef struct bc_run {
    int64_t id, chat, progress, started, shown_at;
    const char *audience, *body, *media, *file_id, *status, *shown;
    int total;
    int64_t waiting, skipped;
    fb_bulk_tally t;
} bc_run;

static const char *tag_of(fb_ctx *c, int64_t id)
{
    return fb_plainf(c, "bc:%lld", (long long)id);
}

/* Broadcast id as it is now (0 id when there is none). */
static bc_run load(fb_ctx *c, int64_t id)
{
    fb_rows *r = fb_sql(
        c,
        "SELECT b.id, chat_id, progress_id, started_at, shown_at, audience,"
        " body, media, coalesce(file_id, ''), status, shown, total,"
        " count(*) FILTER (WHERE r.state = 'waiting'),"
        " count(*) FILTER (WHERE r.state = 'skipped')"
        " FROM bc_broadcasts b LEFT JOIN bc_recipients r"
        " ON r.broadcast_id = b.id WHERE b.id = $1 GROUP BY b.id",
        id);
    bc_run b = {.id = fb_int(c, r, 0, 0),
                .chat = fb_int(c, r, 0, 1),
                .progress = fb_int(c, r, 0, 2),
                .started = fb_int(c, r, 0, 3),
                .shown_at = fb_int(c, r, 0, 4),
                .audience = fb_str(c, r, 0, 5),
                .body = fb_str(c, r, 0, 6),
                .media = fb_str(c, r, 0, 7),
                .file_id = fb_str(c, r, 0, 8),
                .status = fb_str(c, r, 0, 9),
                .shown = fb_str(c, r, 0, 10),
                .total = (int)fb_int(c, r, 0, 11),
                .waiting = fb_int(c, r, 0, 12),
                .skipped = fb_int(c, r, 0, 13)};

    if (b.id)
        fb_bulk_counts(c, tag_of(c, id), &b.t);
    /* requested when the host stopped, not sent again: most arrived */
    b.t.sent += b.t.unconfirmed;
    return b;
}

/* See bc.h. */
int fb__bc_paid(fb_ctx *c)
{
    return fb_config_bool(c, CFG_PAID, 0);
}

/* See bc.h. */
int fb__bc_check_config(fb_ctx *c)
{
    fb_config_check_bool(c, CFG_PAID, 0);
    return FB_OK;
}

/* See bc.h. */
const char *fb__bc_tenths(fb_ctx *c, long long n)
{
    return fb_plainf(c, "%lld.%lld", n / 10, n % 10);
}

static fb_bulk_media media_of(const char *m)
{
    return strcmp(m, "photo") == 0      ? FB_BULK_PHOTO
           : strcmp(m, "document") == 0 ? FB_BULK_DOCUMENT
                                        : FB_BULK_TEXT;
}

/* Queue the next recipients of b (see the top). */
static void feed(fb_ctx *c, bc_run *b)
{
    long long room = fb_bulk_room(c);
    long long want = fb_config_int(c, CFG_WINDOW, 1, 100000, DFLT_WINDOW) - b->t.queued;
    unsigned flags = fb__bc_paid(c) ? FB_BULK_PAID : 0;
    fb_rows *r;

    if (strcmp(b->status, "sending") != 0 || b->waiting == 0)
        return;
    if (want > room)
        want = room;
    if (want <= 0)
        return;
    r = fb_sql(c,
               "WITH q AS (UPDATE bc_recipients SET state = 'queued' WHERE"
               " broadcast_id = $1 AND user_id IN (SELECT user_id FROM"
               " bc_recipients WHERE broadcast_id = $1 AND state = 'waiting'"
               " ORDER BY user_id LIMIT $2) RETURNING user_id)"
               " SELECT user_id FROM q ORDER BY user_id",
               b->id, want);
    for (int i = 0; i < fb_nrows(c, r); i++) {
        int64_t user = fb_int(c, r, i, 0);
        fb_send_bulk_ex(c, user, tag_of(c, b->id), media_of(b->media),
                        *b->file_id ? b->file_id : NULL,
                        fb__bc_render(c, b->body, fb__bc_name(c, user)), flags);
    }
    b->waiting -= fb_nrows(c, r);
    b->t.queued += fb_nrows(c, r); /* stored at this transaction's commit */
}

static const char *duration(fb_ctx *c, int64_t s)
{
    if (s >= 3600)
        return fb_plainf(c, "%lldh %02lldm", (long long)(s / 3600),
                         (long long)(s % 3600 / 60));
    if (s >= 60)
        return fb_plainf(c, "%lldm %02llds", (long long)(s / 60),
                         (long long)(s % 60));
    return fb_plainf(c, "%llds", (long long)s);
}

static long long done_of(const bc_run *b)
{
    return b->t.sent + b->t.failed + b->t.blocked;
}

/* "12.3 msg/s, about 4m 10s left" */
static const char *pace(fb_ctx *c, const bc_run *b, int64_t now)
{
    int64_t secs = now - b->started;
    long long left = b->waiting + b->t.queued;
    double rate;

    if (secs <= 0 || done_of(b) == 0)
        return T_RATE_NONE;
    rate = (double)done_of(b) / (double)secs;
    return fb_plainf(c, T_RATE, rate,
                     duration(c, (int64_t)((double)left / rate)));
}

static fb_keyboard *stop_kb(fb_ctx *c, int64_t id)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_STOP, fb_cbf(c, CB_STOP "%lld", (long long)id));
    return kb;
}

/* Edit the progress message when due and changed. */
static void show(fb_ctx *c, const bc_run *b, int force)
{
    int64_t now = fb_now(c);
    const char *figures =
        fb_plainf(c, "%lld/%lld/%lld/%lld", b->t.sent, b->t.failed,
                  b->t.blocked + b->skipped, b->waiting + b->t.queued);

    if (strcmp(b->status, "sending") != 0)
        return;
    if (!force &&
        (now - b->shown_at < fb_config_int(c, CFG_PROGRESS, 1, 3600, DFLT_PROGRESS) ||
         strcmp(figures, b->shown) == 0))
        return;
    fb_edit_message(c, b->chat, b->progress,
                    fb_strf(c, T_PROGRESS, (long long)b->id, b->audience,
                            b->t.sent, b->t.failed, b->t.blocked + b->skipped,
                            b->waiting + b->t.queued, b->total,
                            pace(c, b, now)),
                    stop_kb(c, b->id));
    fb_sql_exec(c,
                "UPDATE bc_broadcasts SET shown_at = $2, shown = $3"
                " WHERE id = $1",
                b->id, now, figures);
}

/* html with what paid broadcasts did: how many were paid and what they
 * cost, copies refused for want of Stars, or that they went free (the
 * host's paid broadcasts are off); html itself when none was asked. */
static const char *paid_lines(fb_ctx *c, const bc_run *b, const char *html)
{
    if (!fb__bc_paid(c))
        return html;
    if (b->t.paid > 0)
        html = fb_strf(c, "%-s" T_PAID, html, b->t.paid,
                       fb__bc_tenths(c, b->t.paid));
    if (b->t.no_stars > 0)
        html = fb_strf(c, "%-s" T_NO_STARS, html, b->t.no_stars);
    if (b->t.paid == 0 && b->t.no_stars == 0 && b->t.sent > 0)
        html = fb_strf(c, "%-s" T_PAID_OFF, html);
    return html;
}

/* Nothing left in the outbox (and nothing waiting, unless stopped): keep
 * the figures, show them, tell the admin. Returns 1 when it was over. */
static int finish(fb_ctx *c, const bc_run *b)
{
    int stopped = strcmp(b->status, "stopping") == 0;
    long long unsent = b->t.cancelled + b->waiting;
    int64_t now = fb_now(c);
    const char *html;

    if (b->t.queued > 0 || (!stopped && b->waiting > 0))
        return 0;
    fb_sql_exec(c,
                "UPDATE bc_broadcasts SET status = $2, sent = $3, failed ="
                " $4, blocked = $5, unsent = $6, finished_at = $7"
                " WHERE id = $1",
                b->id, stopped ? "cancelled" : "done", b->t.sent, b->t.failed,
                b->t.blocked + b->skipped, unsent, now);
    html = fb_strf(c, T_SUMMARY, stopped ? "⏹" : "✅", (long long)b->id,
                   stopped ? "stopped" : "finished", b->audience, b->t.sent,
                   b->t.failed, b->t.blocked + b->skipped, unsent, b->total,
                   duration(c, now - b->started));
    if (b->t.unconfirmed > 0)
        html = fb_strf(c, "%-s" T_UNCONFIRMED, html, b->t.unconfirmed);
    html = paid_lines(c, b, html);
    fb_edit_message(c, b->chat, b->progress, html, NULL);
    fb_send(c, b->chat, html, NULL);
    return 1;
}

/* See bc.h. */
int fb__bc_tick(fb_ctx *c, int64_t id, int force)
{
    bc_run b = load(c, id);

    if (!b.id || fb_failed(c))
        return fb_failed(c) ? FB_ERR : FB_OK;
    feed(c, &b);
    if (!finish(c, &b))
        show(c, &b, force);
    return FB_OK;
}

/* See bc.h. */
int fb__bc_job(fb_ctx *c)
{
    fb_rows *r = fb_sql(c, "SELECT id FROM bc_broadcasts WHERE status IN"
                           " ('sending', 'stopping') ORDER BY id");

    for (int i = 0; i < fb_nrows(c, r); i++)
        fb__bc_tick(c, fb_int(c, r, i, 0), 0);
    return FB_OK;
}

/* See bc.h. */
int fb__bc_stop(fb_ctx *c)
{
    int64_t id = fb_data_id(c, CB_STOP, 0);

    if (fb_sql_exec(c,
                    "UPDATE bc_broadcasts SET status = 'stopping' WHERE id ="
                    " $1 AND status = 'sending'",
                    id) != 1)
        return fb_answerf(c, A_NOT_RUNNING);
    fb_bulk_cancel(c, tag_of(c, id));
    fb_answerf(c, A_STOPPED);
    fb_editf(c, NULL, T_STOPPING, (long long)id);
    return fb__bc_tick(c, id, 0);
}
