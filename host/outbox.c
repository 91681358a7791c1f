/* host/outbox: see outbox.h.
 *
 * Inside: one queue per chat in a hash table, two FIFOs in it (its
 * interactive items, its bulk ones); chats with queued items sit on one
 * of two "active" lists, by the class of their next item, served
 * round-robin by the sender threads, the interactive list first. A chat
 * being sent by one thread is marked busy, so no other thread touches it:
 * that is what keeps one chat's messages in order. Limits are sliding
 * windows (host/ratewin): never more than global_per_s messages in any
 * 1 s, group_per_min to a group in any 60 s, and per chat a burst of
 * 1 + chat_burst then chat_per_s. A message is charged at the time its
 * answer arrives (the latest moment Telegram can have counted it) and
 * counts as present while in flight, so no delay on the way can make a
 * window hold more than its limit at Telegram's end either. */
#include "outbox.h"

#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "mutex.h"
#include "ratewin.h"

#define TEXT_MAX 4096
#define CAPTION_MAX 1024
#define NBUCKETS 4096
/* Windows a hair longer than Telegram's. A message is charged when its
 * answer arrives, after Telegram counted it, so the next one in its slot
 * reaches Telegram a full span after it with no pad at all; the pad only
 * covers two clocks ticking at rates apart (quartz: well under 0.01 %).
 * It was 2 %: that much of every window's rate, for nothing. */
#define SPAN_PAD 1.001
#define ANSWER_WINDOW_S 14.0 /* Telegram drops an answer after 15 s */
#define ANSWER_LANES 64
#define ANSWER_LANE0 INT64_MIN /* queue keys of answers: below any chat */
#define MAX_429_RETRIES 50
#define BACKOFF_MAX_S 30.0

typedef fb__out_kind out_kind;
#define OUT_SEND FB__OUT_SEND
#define OUT_EDIT FB__OUT_EDIT
#define OUT_DELETE FB__OUT_DELETE
#define OUT_DOCUMENT FB__OUT_DOCUMENT
#define OUT_PHOTO FB__OUT_PHOTO
#define OUT_COMMANDS FB__OUT_COMMANDS
#define OUT_ANSWER FB__OUT_ANSWER

typedef struct out_item {
    struct out_item *next;
    out_kind kind;
    int64_t chat;
    int64_t msg_id;
    char *text; /* message text / caption */
    char *name; /* file name or file_id */
    void *bytes;
    size_t len;
    cJSON *json;  /* reply_markup, or the commands array */
    int attempts; /* failed 5xx/network attempts */
    int n429;
    int64_t id;     /* fb_outbox row, 0: not stored */
    int alert;      /* answers */
    int tried;      /* requests made before (a replayed row), or marked */
    int64_t lane;   /* its queue: the chat, or an answer lane */
    int bulk;       /* a bulk send: leaves after every interactive one */
    char *tag;      /* a bulk send's tag (its broadcast), or NULL */
    double expires; /* answers: monotonic time their window closes */
    int gated;      /* answers: the gate was asked (first attempt) */
    int direct;     /* the head of a batch reserved for its producer to
                       send (fb__outbox_reserve) */
    int paid;       /* a bulk send asking a paid broadcast */
    int paying;     /* taken as one (paid_per_s > 0 then): charged to the
                       paid window, sent with allow_paid_broadcast */
} out_item;

struct fb__outbatch {
    out_item *head, *tail;
    size_t n;
    int bulk; /* items added now are bulk sends */
};

/* A rate of n per span above Telegram's base count (30/s, 20/min: a
 * faster test or a paid broadcast) is two windows: n per span, and the
 * base count per the matching share of the span, so a sandbox whose clock
 * runs n/base times faster judges it like Telegram judges the base. */
struct limit {
    fb__window w, base;
};

/* NULL on allocation failure. */
static struct limit *limit_new(int n, double span, int base)
{
    struct limit *l = calloc(1, sizeof *l);

    if (!l)
        return NULL;
    if (fb__window_init(&l->w, n, span) ||
        (n > base &&
         fb__window_init(&l->base, base, span * base / (double)n))) {
        fb__window_free(&l->w);
        free(l);
        return NULL;
    }
    return l;
}

static void limit_free(struct limit *l)
{
    if (!l)
        return;
    fb__window_free(&l->w);
    fb__window_free(&l->base);
    free(l);
}

static double limit_wait(const struct limit *l, double now, int pending)
{
    double a = fb__window_wait(&l->w, now, pending);
    double b = fb__window_wait(&l->base, now, pending);

    return a > b ? a : b;
}

static void limit_add(struct limit *l, double t)
{
    fb__window_add(&l->w, t);
    fb__window_add(&l->base, t);
}

/* A limit of n per span in place of *l (a reload), starting from what *l
 * saw (fb__window_copy: its main window kept every event of its span).
 * 0, or -1 with *l unchanged (allocation failure). */
static int limit_renew(struct limit **l, int n, double span, int base)
{
    struct limit *next = limit_new(n, span, base);

    if (!next)
        return -1;
    fb__window_copy(&(*l)->w, &next->w);
    fb__window_copy(&(*l)->w, &next->base);
    limit_free(*l);
    *l = next;
    return 0;
}

/* Classes of items: interactive (replies, answers) before bulk. */
enum { INTERACTIVE, BULK, NCLASSES };

typedef struct itemq {
    out_item *head, *tail;
} itemq;

typedef struct chatq {
    int64_t chat;
    itemq l[NCLASSES]; /* one FIFO per class: order per chat and class */
    int busy;
    int active;        /* 0, or 1 + the class of the active list it is on */
    int blocked;       /* a 403 said the bot cannot write here: what is queued
                          is dropped unsent until fb__outbox_unblock */
    double not_before; /* 429 / backoff wait, monotonic seconds */
    double last_used;
    fb__pace pace;               /* burst, then chat_per_s */
    struct limit *grp;           /* groups (chat < 0): group_per_min per 60 s */
    struct chatq *hnext;         /* hash chain */
    struct chatq *anext, *aprev; /* active list */
} chatq;

struct fb__outbox {
    fb__tg *tg;
    fb__outbox_limits lim;
    pthread_mutex_t mu;
    pthread_cond_t work;
    pthread_cond_t idle;
    chatq *table[NBUCKETS];
    size_t nchats;
    struct {
        chatq *head, *tail;
    } act[NCLASSES];      /* chats with items, by the class of their next */
    size_t nq[NCLASSES];  /* items queued per class */
    struct limit *global; /* global_per_s per 1 s */
    struct limit *paid;   /* paid_per_s per 1 s (1 when off: unused) */
    double global_not_before;
    double last429_at;
    int64_t last429_chat;
    size_t queued, inflight;
    size_t gpending; /* counted messages in flight, not charged yet */
    size_t ppending; /* of which paid broadcasts (their own window) */
    fb__outbox_stats st;
    void (*blocked_cb)(void *, int64_t);
    void *blocked_ud;
    fb__outbox_store store;
    int (*answer_gate)(void *, const char *);
    void *gate_ud;
    int stopping;
    atomic_int cancel; /* aborts in-flight requests at shutdown */
    double last_sweep;
    struct {
        int64_t *id;
        const char **outcome;
        size_t n, cap;
        size_t flushing; /* marks being written now (one thread at a time) */
    } marks;             /* done marks waiting for the store's done_many */
    uint64_t seed;       /* backoff jitter */
    pthread_t *threads;
    int nthreads;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether a kind is a message Telegram counts against flood limits. */
static int counts_kind(out_kind k)
{
    return k == OUT_SEND || k == OUT_EDIT || k == OUT_DOCUMENT ||
           k == OUT_PHOTO;
}

/* ---- items and batches -------------------------------------------------- */

static void item_free(out_item *it)
{
    if (it == NULL)
        return;
    free(it->text);
    free(it->name);
    free(it->bytes);
    free(it->tag);
    cJSON_Delete(it->json);
    free(it);
}

fb__outbatch *fb__outbatch_new(void)
{
    return calloc(1, sizeof(fb__outbatch));
}

void fb__outbatch_free(fb__outbatch *b)
{
    out_item *it, *next;

    if (b == NULL)
        return;
    for (it = b->head; it; it = next) {
        next = it->next;
        item_free(it);
    }
    free(b);
}

void fb__outbatch_set_bulk(fb__outbatch *b, int bulk)
{
    if (b)
        b->bulk = bulk != 0;
}

/* See outbox.h. */
int fb__outbatch_paid_last(fb__outbatch *b)
{
    if (!b || !b->tail || !b->tail->bulk || !counts_kind(b->tail->kind))
        return -1;
    b->tail->paid = 1;
    return 0;
}

int fb__outbatch_tag_last(fb__outbatch *b, const char *tag)
{
    if (!b || !b->tail || !tag)
        return -1;
    free(b->tail->tag);
    b->tail->tag = strdup(tag);
    return b->tail->tag ? 0 : -1;
}

size_t fb__outbatch_count(const fb__outbatch *b)
{
    return b ? b->n : 0;
}

/* See outbox.h. */
void fb__outbatch_drop_stored(fb__outbatch *b)
{
    out_item **pp, *it;

    if (!b)
        return;
    b->tail = NULL;
    for (pp = &b->head; (it = *pp);) {
        if (it->id != 0) {
            *pp = it->next;
            item_free(it);
            b->n--;
        } else {
            b->tail = it;
            pp = &it->next;
        }
    }
}

static int64_t answer_lane(const char *id)
{
    uint64_t h = 1469598103934665603ull;

    for (; id && *id; id++)
        h = (h ^ (unsigned char)*id) * 1099511628211ull;
    return ANSWER_LANE0 + (int64_t)(h % ANSWER_LANES);
}

static int is_answer_lane(int64_t key)
{
    return key < ANSWER_LANE0 + ANSWER_LANES;
}

/* Set its queue key (and an answer's window, age_ms old). */
static void place(out_item *it, int age_ms)
{
    it->lane = it->chat;
    if (it->kind == OUT_ANSWER) {
        it->lane = answer_lane(it->name);
        it->expires = now_s() + ANSWER_WINDOW_S - age_ms / 1000.0;
    }
}

static void batch_append(fb__outbatch *b, out_item *it)
{
    place(it, 0);
    it->bulk = b->bulk && it->kind != OUT_ANSWER;
    if (b->tail)
        b->tail->next = it;
    else
        b->head = it;
    b->tail = it;
    b->n++;
}

/* See outbox.h. */
int fb__outbatch_each(fb__outbatch *b,
                      int (*fn)(void *ud, const fb__outmsg *m, int64_t *id),
                      void *ud)
{
    for (out_item *it = b ? b->head : NULL; it; it = it->next) {
        fb__outmsg m = {it->id,   it->kind,  it->chat,   it->msg_id,
                        it->text, it->name,  it->bytes,  it->len,
                        it->json, it->alert, it->tried,  0,
                        it->bulk, it->tag,   it->direct, it->paid};
        int rc = fn(ud, &m, &it->id);
        if (rc)
            return rc;
    }
    return 0;
}

/* See outbox.h. */
int fb__outbatch_add(fb__outbatch *b, const fb__outmsg *m)
{
    out_item *it = calloc(1, sizeof *it);
    int fail = it == NULL;

    if (fail)
        return -1;
    it->kind = m->kind;
    it->chat = m->chat;
    it->msg_id = m->msg_id;
    it->id = m->id;
    it->alert = m->alert;
    it->tried = m->attempts;
    it->text = m->text ? strdup(m->text) : NULL;
    it->name = m->name ? strdup(m->name) : NULL;
    it->json = m->json ? cJSON_Duplicate(m->json, 1) : NULL;
    fail = (m->text && !it->text) || (m->name && !it->name) ||
           (m->json && !it->json);
    if (m->bytes && m->len) {
        it->bytes = malloc(m->len);
        if (it->bytes)
            memcpy(it->bytes, m->bytes, m->len);
        it->len = m->len;
        fail |= it->bytes == NULL;
    }
    if (fail) {
        item_free(it);
        return -1;
    }
    batch_append(b, it);
    place(it, m->age_ms);
    it->bulk = m->bulk && it->kind != OUT_ANSWER;
    it->paid = m->paid && it->bulk;
    return 0;
}

/* Characters Telegram counts: tags removed, an entity counts as one,
 * UTF-8 continuation bytes not counted. */
static size_t visible_len(const char *s)
{
    size_t n = 0;

    while (*s) {
        if (*s == '<') {
            const char *e = strchr(s, '>');
            if (e) {
                s = e + 1;
                continue;
            }
        }
        if (*s == '&') {
            const char *e = strchr(s, ';');
            if (e && e - s <= 10)
                s = e;
        }
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
        s++;
    }
    return n;
}

static char *dup_or_null(const char *s, int *fail)
{
    char *c;
    if (s == NULL)
        return NULL;
    c = strdup(s);
    if (c == NULL)
        *fail = 1;
    return c;
}

/* See outbox.h. */
int fb__outbatch_answer(fb__outbatch *b, int64_t chat, const char *id,
                        const char *text, int alert)
{
    out_item *it;
    int fail = 0;

    if (!b || !id || !*id || (text && strlen(text) > 200))
        return -1;
    it = calloc(1, sizeof *it);
    if (it == NULL)
        return -1;
    it->kind = OUT_ANSWER;
    it->chat = chat;
    it->alert = alert != 0;
    it->name = dup_or_null(id, &fail);
    it->text = text && *text ? dup_or_null(text, &fail) : NULL;
    if (fail) {
        item_free(it);
        return -1;
    }
    place(it, 0);
    it->next = b->head; /* first: the press is answered before anything */
    b->head = it;
    if (b->tail == NULL)
        b->tail = it;
    b->n++;
    return 0;
}

int fb__outbatch_answer_early(fb__outbatch *b, int64_t chat, const char *id,
                              const char *text, int age_ms)
{
    if (fb__outbatch_answer(b, chat, id, text, 0) != 0)
        return -1;
    b->head->gated = 1; /* the watcher's own answer: past the gate */
    place(b->head, age_ms);
    return 0;
}

/* New item; markup from kb (NULL kb: none). NULL on failure. */
static out_item *item_new(out_kind kind, int64_t chat, int64_t msg_id,
                          const char *text, const fb_keyboard *kb)
{
    out_item *it;
    int fail = 0;

    if (kb && kb->error)
        return NULL;
    it = calloc(1, sizeof *it);
    if (it == NULL)
        return NULL;
    it->kind = kind;
    it->chat = chat;
    it->msg_id = msg_id;
    it->text = dup_or_null(text, &fail);
    if (kb && kb->rows > 0) {
        it->json = fb__keyboard_json(kb);
        if (it->json == NULL)
            fail = 1;
    }
    if (fail) {
        item_free(it);
        return NULL;
    }
    return it;
}

int fb__outbatch_send(fb__outbatch *b, int64_t chat, const char *html,
                      const fb_keyboard *kb)
{
    out_item *it;

    if (!b || !html || !*html || visible_len(html) > TEXT_MAX)
        return -1;
    it = item_new(OUT_SEND, chat, 0, html, kb);
    if (it == NULL)
        return -1;
    batch_append(b, it);
    return 0;
}

/* Queue an item of kind carrying json (taken, freed on failure too); ok 0:
 * refused before anything was made. */
static int add_json_item(fb__outbatch *b, out_kind kind, int64_t chat,
                         const char *text, cJSON *json, int ok)
{
    out_item *it = ok ? item_new(kind, chat, 0, text, NULL) : NULL;

    if (it == NULL) {
        cJSON_Delete(json);
        return -1;
    }
    it->json = json;
    batch_append(b, it);
    return 0;
}

int fb__outbatch_send_markup(fb__outbatch *b, int64_t chat, const char *html,
                             cJSON *markup)
{
    return add_json_item(b, OUT_SEND, chat, html, markup,
                         b && html && *html && visible_len(html) <= TEXT_MAX);
}

int fb__outbatch_edit(fb__outbatch *b, int64_t chat, int64_t msg_id,
                      const char *html, const fb_keyboard *kb)
{
    out_item *it;

    if (!b || msg_id <= 0 || (html && visible_len(html) > TEXT_MAX) ||
        (html && !*html))
        return -1;
    it = item_new(OUT_EDIT, chat, msg_id, html, kb);
    if (it == NULL)
        return -1;
    batch_append(b, it);
    return 0;
}

int fb__outbatch_delete(fb__outbatch *b, int64_t chat, int64_t msg_id)
{
    out_item *it;

    if (!b || msg_id <= 0)
        return -1;
    it = item_new(OUT_DELETE, chat, msg_id, NULL, NULL);
    if (it == NULL)
        return -1;
    batch_append(b, it);
    return 0;
}

static int add_file(fb__outbatch *b, out_kind kind, int64_t chat,
                    const char *name, const void *bytes, size_t len,
                    const char *caption)
{
    out_item *it;
    int fail = 0;

    if (!b || !name || !*name ||
        (caption && visible_len(caption) > CAPTION_MAX))
        return -1;
    it = item_new(kind, chat, 0, caption, NULL);
    if (it == NULL)
        return -1;
    it->name = dup_or_null(name, &fail);
    if (bytes && len > 0) {
        it->bytes = malloc(len);
        if (it->bytes)
            memcpy(it->bytes, bytes, len);
        else
            fail = 1;
        it->len = len;
    }
    if (fail) {
        item_free(it);
        return -1;
    }
    batch_append(b, it);
    return 0;
}

int fb__outbatch_document(fb__outbatch *b, int64_t chat, const char *name,
                          const void *bytes, size_t len, const char *caption)
{
    return add_file(b, OUT_DOCUMENT, chat, name, bytes, len, caption);
}

int fb__outbatch_photo(fb__outbatch *b, int64_t chat, const char *name,
                       const void *bytes, size_t len, const char *caption)
{
    return add_file(b, OUT_PHOTO, chat, name, bytes, len, caption);
}

int fb__outbatch_set_commands(fb__outbatch *b, int64_t chat, cJSON *commands)
{
    return add_json_item(b, OUT_COMMANDS, chat, NULL, commands,
                         b && cJSON_IsArray(commands));
}

/* ---- keyboard ----------------------------------------------------------- */

static cJSON *button_json(const fb_button *bt)
{
    cJSON *o = cJSON_CreateObject();

    if (o == NULL || !cJSON_AddStringToObject(o, "text", bt->text))
        goto fail;
    if (bt->url[0]) {
        if (!cJSON_AddStringToObject(o, "url", bt->url))
            goto fail;
    } else if (!cJSON_AddStringToObject(o, "callback_data", bt->data)) {
        goto fail;
    }
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

cJSON *fb__keyboard_json(const fb_keyboard *kb)
{
    cJSON *markup, *rows;
    int r, c;

    if (kb == NULL || kb->error || kb->rows <= 0 || kb->rows > FB_KB_MAX_ROWS)
        return NULL;
    markup = cJSON_CreateObject();
    rows = cJSON_AddArrayToObject(markup, "inline_keyboard");
    if (rows == NULL)
        goto fail;
    for (r = 0; r < kb->rows; r++) {
        cJSON *row;
        if (kb->cols[r] <= 0)
            continue; /* Telegram refuses empty rows */
        row = cJSON_CreateArray();
        if (row == NULL || !cJSON_AddItemToArray(rows, row))
            goto fail_row;
        for (c = 0; c < kb->cols[r] && c < FB_KB_MAX_COLS; c++)
            if (!cJSON_AddItemToArray(row, button_json(&kb->b[r][c])))
                goto fail;
        continue;
    fail_row:
        cJSON_Delete(row);
        goto fail;
    }
    return markup;
fail:
    cJSON_Delete(markup);
    return NULL;
}

cJSON *fb__contact_keyboard_json(const char *button_text)
{
    cJSON *markup, *rows, *row, *bt;

    if (!button_text || !*button_text || strlen(button_text) >= FB_KB_TEXT_MAX)
        return NULL;
    markup = cJSON_CreateObject();
    rows = cJSON_AddArrayToObject(markup, "keyboard");
    row = cJSON_CreateArray();
    if (rows == NULL || row == NULL || !cJSON_AddItemToArray(rows, row)) {
        cJSON_Delete(row);
        goto fail;
    }
    bt = cJSON_CreateObject();
    if (bt == NULL || !cJSON_AddItemToArray(row, bt)) {
        cJSON_Delete(bt);
        goto fail;
    }
    if (!cJSON_AddStringToObject(bt, "text", button_text) ||
        !cJSON_AddTrueToObject(bt, "request_contact") ||
        !cJSON_AddTrueToObject(markup, "one_time_keyboard") ||
        !cJSON_AddTrueToObject(markup, "resize_keyboard"))
        goto fail;
    return markup;
fail:
    cJSON_Delete(markup);
    return NULL;
}

cJSON *fb__remove_keyboard_json(void)
{
    cJSON *markup = cJSON_CreateObject();

    if (markup && !cJSON_AddTrueToObject(markup, "remove_keyboard")) {
        cJSON_Delete(markup);
        return NULL;
    }
    return markup;
}

/* ---- rate limits -------------------------------------------------------- */

/* Whether the item is a message Telegram counts against flood limits. */
static int counts(const out_item *it)
{
    return counts_kind(it->kind);
}

/* Whether a repeated request would show twice: a message or an answer
 * (an edit, a deletion or a command list done twice looks the same). */
static int counts_or_answer(const out_item *it)
{
    return it->kind == OUT_SEND || it->kind == OUT_DOCUMENT ||
           it->kind == OUT_PHOTO || it->kind == OUT_ANSWER;
}

/* Seconds until the chat may take one more counted message; 0: now. */
static double chat_wait(const chatq *q, double now)
{
    double w = fb__pace_wait(&q->pace, now);

    if (q->grp) {
        double g = limit_wait(q->grp, now, 0);
        if (g > w)
            w = g;
    }
    return w;
}

/* Seconds until one more counted message may leave overall, given those
 * in flight; 0: now. */
static double global_wait(const fb__outbox *ob, double now)
{
    return limit_wait(ob->global, now, (int)(ob->gpending - ob->ppending));
}

/* The same for a paid broadcast, in the paid window; 1.0 when they are
 * off. */
static double paid_wait(const fb__outbox *ob, double now)
{
    if (ob->lim.paid_per_s <= 0)
        return 1.0;
    return limit_wait(ob->paid, now, (int)ob->ppending);
}

/* Whether it leaves as a paid broadcast if taken now. */
static int pays(const fb__outbox *ob, const out_item *it)
{
    return it->paid && ob->lim.paid_per_s > 0;
}

/* A counted message is in flight: pending in its window until charge(). */
static void pend(fb__outbox *ob, out_item *it)
{
    it->paying = pays(ob, it);
    ob->gpending++;
    ob->ppending += (size_t)it->paying;
}

/* A counted message's request ended (charged or not): no longer pending. */
static void unpend(fb__outbox *ob, const out_item *it)
{
    ob->gpending--;
    ob->ppending -= (size_t)it->paying;
}

/* Charge a finished message to the windows. Telegram counts a message
 * when it arrives, somewhere between our take and the answer; charging at
 * the answer is the conservative end, so a request delayed on the way
 * never makes the next one look early. */
static void charge(fb__outbox *ob, chatq *q, const out_item *it, double now)
{
    if (!counts(it))
        return;
    limit_add(it->paying ? ob->paid : ob->global, now);
    fb__pace_add(&q->pace, now);
    if (q->grp)
        limit_add(q->grp, now);
    unpend(ob, it);
}

static void chat_free(chatq *q)
{
    limit_free(q->grp);
    free(q);
}

/* ---- chat queues (caller holds mu) --------------------------------------- */

static size_t hash_chat(int64_t chat)
{
    uint64_t x = (uint64_t)chat * 0x9E3779B97F4A7C15ull;
    return (size_t)(x >> 52) % NBUCKETS;
}

/* The queue of chat (a chat id or an answer lane), or NULL. */
static chatq *chat_find(const fb__outbox *ob, int64_t chat)
{
    chatq *q;

    for (q = ob->table[hash_chat(chat)]; q; q = q->hnext)
        if (q->chat == chat)
            return q;
    return NULL;
}

static chatq *chat_get(fb__outbox *ob, int64_t chat, double now)
{
    size_t h = hash_chat(chat);
    chatq *q = chat_find(ob, chat);

    if (q)
        return q;
    q = calloc(1, sizeof *q);
    if (q == NULL)
        return NULL;
    q->chat = chat;
    fb__pace_init(&q->pace, 1 + ob->lim.chat_burst,
                  SPAN_PAD / ob->lim.chat_per_s);
    if (chat < 0 && !is_answer_lane(chat) &&
        !(q->grp = limit_new(ob->lim.group_per_min, 60.0 * SPAN_PAD,
                             FB__SEND_RATE_GROUP))) {
        free(q);
        return NULL;
    }
    q->last_used = now;
    q->hnext = ob->table[h];
    ob->table[h] = q;
    ob->nchats++;
    return q;
}

/* The next item of q: its oldest interactive one, else its oldest bulk
 * one; NULL when q is empty. */
static out_item *next_of(const chatq *q)
{
    return q->l[INTERACTIVE].head ? q->l[INTERACTIVE].head : q->l[BULK].head;
}

static void active_remove(fb__outbox *ob, chatq *q)
{
    int c = q->active - 1;

    if (!q->active)
        return;
    if (q->aprev)
        q->aprev->anext = q->anext;
    else
        ob->act[c].head = q->anext;
    if (q->anext)
        q->anext->aprev = q->aprev;
    else
        ob->act[c].tail = q->aprev;
    q->active = 0;
    q->anext = q->aprev = NULL;
}

/* Link q into active list c between prev and next (NULL: that end). */
static void active_link(fb__outbox *ob, int c, chatq *q, chatq *prev,
                        chatq *next)
{
    q->aprev = prev;
    q->anext = next;
    if (prev)
        prev->anext = q;
    else
        ob->act[c].head = q;
    if (next)
        next->aprev = q;
    else
        ob->act[c].tail = q;
}

/* Put q on the active list of its next item's class (moving it when that
 * class changed): at the tail (round robin), but an answer lane at the
 * head. An answer has 15 s from the press, counts against no window and
 * is often late already (the press watcher's, after an outage): it goes
 * before every chat's turn, or a crowd of chats with calls that count
 * against nothing either (command lists after a restart) would hold it
 * past its window. */
static void active_add(fb__outbox *ob, chatq *q)
{
    const out_item *it = next_of(q);
    int c;

    if (it == NULL)
        return;
    c = it->bulk ? BULK : INTERACTIVE;
    if (q->active == c + 1)
        return;
    active_remove(ob, q);
    q->active = c + 1;
    if (is_answer_lane(q->chat))
        active_link(ob, c, q, NULL, ob->act[c].head);
    else
        active_link(ob, c, q, ob->act[c].tail, NULL);
}

/* Forget idle chats whose windows are empty again (keeps memory
 * bounded): every quarter of idle_forget_ms, busy or not. */
static void sweep_idle(fb__outbox *ob, double now)
{
    double idle = ob->lim.idle_forget_ms / 1000.0;
    size_t i;

    if (now - ob->last_sweep < idle / 4)
        return;
    ob->last_sweep = now;
    for (i = 0; i < NBUCKETS; i++) {
        chatq **pp = &ob->table[i];
        while (*pp) {
            chatq *q = *pp;
            if (!next_of(q) && !q->busy && now - q->last_used > idle) {
                *pp = q->hnext;
                chat_free(q);
                ob->nchats--;
            } else {
                pp = &q->hnext;
            }
        }
    }
}

/* ---- submit ----------------------------------------------------------- */

static chatq *unreserve_locked(fb__outbox *ob, out_item *it);

int fb__outbox_submit(fb__outbox *ob, fb__outbatch *b)
{
    double now = now_s();
    out_item *it, *next;
    itemq *iq;
    int rc = 0, wake_all = 0;

    if (ob == NULL || b == NULL) {
        fb__outbatch_free(b);
        return -1;
    }
    pthread_mutex_lock(&ob->mu);
    if (ob->stopping) {
        rc = -1;
        if (b->head && b->head->direct)
            unreserve_locked(ob, b->head);
    }
    for (it = b->head; it && rc == 0; it = next) {
        chatq *q = chat_get(ob, it->lane, now);
        next = it->next;
        wake_all |= b->n > 1 || (q != NULL && q->busy && !it->direct);
        if (q == NULL) {
            rc = -1;
            break;
        }
        if (it->id < 0) { /* stored once already: not sent again */
            if (it->direct)
                unreserve_locked(ob, it);
            b->head = next;
            b->n--;
            item_free(it);
            continue;
        }
        iq = &q->l[it->bulk ? BULK : INTERACTIVE];
        if (it->direct) { /* reserved: the chat's next, stored attempted */
            it->tried = it->id != 0;
            unreserve_locked(ob, it);
            it->next = iq->head;
            iq->head = it;
            if (iq->tail == NULL)
                iq->tail = it;
        } else {
            it->next = NULL;
            if (iq->tail)
                iq->tail->next = it;
            else
                iq->head = it;
            iq->tail = it;
        }
        b->head = next;
        b->n--;
        ob->queued++;
        ob->nq[it->bulk ? BULK : INTERACTIVE]++;
        if (!q->busy)
            active_add(ob, q);
    }
    if (b->head == NULL)
        b->tail = NULL;
    ob->st.dropped += b->n;
    pthread_mutex_unlock(&ob->mu);
    /* one item for a free chat: one sender takes it; else all look (woken
     * after the lock is let go, so a woken sender does not meet it held) */
    if (wake_all)
        pthread_cond_broadcast(&ob->work);
    else
        pthread_cond_signal(&ob->work);
    if (rc != 0)
        fb__log(FB_LOG_ERROR, NULL, "outbox_refused",
                "%zu outgoing message(s) dropped (outbox stopped or out of "
                "memory)",
                b->n);
    fb__outbatch_free(b);
    return rc;
}

/* ---- picking the next item (caller holds mu) -------------------------- */

/* The first chat of active list c whose next item may leave now, or
 * NULL; *wait gets lowered to the time until one may. */
static chatq *pick_class(fb__outbox *ob, int c, double now,
                         const int global_ok[2], double *wait)
{
    chatq *q;

    for (q = ob->act[c].head; q; q = q->anext) {
        const out_item *it = next_of(q);
        double w;
        if (q->busy || it == NULL)
            continue;
        if (q->blocked)
            return q; /* dropped unsent: no limit applies */
        if (now < q->not_before)
            w = q->not_before - now;
        else if (!counts(it))
            return q;
        else if ((w = chat_wait(q, now)) > 0)
            ; /* w set */
        else if (global_ok[pays(ob, it)])
            return q;
        else
            continue; /* waits for the global (or the paid) window */
        if (w < *wait)
            *wait = w;
    }
    return NULL;
}

/* The chat whose next item may leave now, interactive ones first (a bulk
 * send never takes a slot an interactive one could use); *wait_s gets the
 * time until something may be ready when nothing is. */
static chatq *pick(fb__outbox *ob, double now, double *wait_s)
{
    double gw = global_wait(ob, now), pw = paid_wait(ob, now), wait = 1.0;
    int global_ok[2] = {now >= ob->global_not_before && gw == 0,
                        now >= ob->global_not_before && pw == 0};
    chatq *q;

    if (now < ob->global_not_before)
        wait = ob->global_not_before - now;
    else if (!global_ok[0] && gw < wait)
        wait = gw;
    if (now >= ob->global_not_before && !global_ok[1] && pw < wait &&
        ob->nq[BULK] > 0)
        wait = pw;
    q = pick_class(ob, INTERACTIVE, now, global_ok, &wait);
    if (q == NULL)
        q = pick_class(ob, BULK, now, global_ok, &wait);
    *wait_s = wait;
    return q;
}

/* Take the head of q for sending: q stays busy until finish(). */
static out_item *take(fb__outbox *ob, chatq *q, double now)
{
    itemq *iq = &q->l[q->l[INTERACTIVE].head ? INTERACTIVE : BULK];
    out_item *it = iq->head;

    iq->head = it->next;
    if (iq->head == NULL)
        iq->tail = NULL;
    it->next = NULL;
    ob->nq[it->bulk ? BULK : INTERACTIVE]--;
    q->busy = 1;
    q->last_used = now;
    active_remove(ob, q); /* re-added at the tail: round robin */
    if (counts(it))
        pend(ob, it); /* charged when the answer arrives: see charge() */
    ob->queued--;
    ob->inflight++;
    return it;
}

static void cond_wait_s(pthread_cond_t *cv, pthread_mutex_t *mu, double s)
{
    struct timespec ts;
    double whole;

    if (s < 0.001)
        s = 0.001;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    s += (double)ts.tv_nsec / 1e9;
    whole = floor(s);
    ts.tv_sec += (time_t)whole;
    ts.tv_nsec = (long)((s - whole) * 1e9);
    pthread_cond_timedwait(cv, mu, &ts);
}

/* ---- sending one item (no lock held) ---------------------------------- */

static const char *method_of(const out_item *it)
{
    switch (it->kind) {
    case OUT_SEND:
        return "sendMessage";
    case OUT_EDIT:
        return it->text ? "editMessageText" : "editMessageReplyMarkup";
    case OUT_DELETE:
        return "deleteMessage";
    case OUT_DOCUMENT:
        return "sendDocument";
    case OUT_PHOTO:
        return "sendPhoto";
    case OUT_ANSWER:
        return "answerCallbackQuery";
    default:
        return "setMyCommands";
    }
}

/* JSON parameters of a non-upload item, or NULL on allocation failure. */
static cJSON *params_of(const out_item *it)
{
    cJSON *p = cJSON_CreateObject();
    int ok = p != NULL;

    if (ok && it->kind == OUT_COMMANDS) {
        cJSON *scope = cJSON_AddObjectToObject(p, "scope");
        ok = scope && cJSON_AddItemReferenceToObject(p, "commands", it->json);
        if (ok && it->chat != 0)
            ok = cJSON_AddStringToObject(scope, "type", "chat") &&
                 fb__json_add_id(scope, "chat_id", it->chat) == 0;
        else if (ok)
            ok = cJSON_AddStringToObject(scope, "type", "default") != NULL;
        goto out;
    }
    if (ok && it->kind == OUT_ANSWER) {
        ok = cJSON_AddStringToObject(p, "callback_query_id", it->name) &&
             (!it->text || cJSON_AddStringToObject(p, "text", it->text)) &&
             (!it->alert || cJSON_AddTrueToObject(p, "show_alert"));
        goto out;
    }
    ok = ok && fb__json_add_id(p, "chat_id", it->chat) == 0;
    if (ok && it->msg_id)
        ok = fb__json_add_id(p, "message_id", it->msg_id) == 0;
    if (ok && (it->kind == OUT_PHOTO || it->kind == OUT_DOCUMENT))
        ok = cJSON_AddStringToObject(
                 p, it->kind == OUT_PHOTO ? "photo" : "document", it->name) !=
             NULL;
    if (ok && it->text)
        ok = cJSON_AddStringToObject(
                 p, it->kind == OUT_PHOTO ? "caption" : "text", it->text) &&
             cJSON_AddStringToObject(p, "parse_mode", "HTML");
    if (ok && it->json)
        ok = cJSON_AddItemReferenceToObject(p, "reply_markup", it->json);
    if (ok && it->paying)
        ok = cJSON_AddTrueToObject(p, "allow_paid_broadcast") != NULL;
out:
    if (!ok) {
        cJSON_Delete(p);
        return NULL;
    }
    return p;
}

static int send_item(fb__outbox *ob, const out_item *it, fb__tg_error *err)
{
    cJSON *p;
    int rc;

    if (it->bytes && (it->kind == OUT_DOCUMENT || it->kind == OUT_PHOTO))
        return fb__tg_upload(ob->tg, method_of(it), it->chat,
                             it->kind == OUT_PHOTO ? "photo" : "document",
                             it->name, it->bytes, it->len, it->text, NULL, NULL,
                             err);
    p = params_of(it);
    if (p == NULL) {
        memset(err, 0, sizeof *err);
        snprintf(err->description, sizeof err->description, "out of memory");
        return FB__TG_LOCAL;
    }
    rc = fb__tg_call_ex(ob->tg, method_of(it), p, 0, &ob->cancel, NULL, err);
    cJSON_Delete(p);
    return rc;
}

/* ---- outcome (caller holds mu) ---------------------------------------- */

/* V_KEEP: the request was cut short at shutdown; a stored item stays in
 * fb_outbox for the next start. */
typedef enum verdict {
    V_DONE,
    V_RETRY,
    V_DROP,
    V_BLOCKED,
    V_KEEP,
    V_EXPIRED, /* an answer whose 15 s window closed */
    V_GONE,    /* its row was finished elsewhere (a cancelled broadcast):
                  no request made */
    V_NO_STARS /* a paid broadcast refused: the bot's Stars cannot pay */
} verdict;

static int contains(const char *s, const char *needle)
{
    return strstr(s, needle) != NULL;
}

/* What a request's outcome means for the item. A 403 means the chat cannot
 * be reached until the user acts: blocked by the user, deactivated (a
 * deleted account), kicked from a group, or "can't initiate conversation"
 * (a user who never started the bot); the chat is marked blocked once. */
static verdict classify(int rc, const fb__tg_error *err)
{
    if (rc == FB__TG_OK)
        return V_DONE;
    if (rc == FB__TG_CANCELLED)
        return V_KEEP;
    if (rc == FB__TG_LOCAL)
        return V_DROP;
    if (err->error_code == 403 &&
        (contains(err->description, "blocked") ||
         contains(err->description, "deactivated") ||
         contains(err->description, "kicked") ||
         contains(err->description, "can't initiate conversation")))
        return V_BLOCKED;
    if (err->error_code == 400 && contains(err->description, "not modified"))
        return V_DONE;
    if (fb__tg_error_retryable(err))
        return V_RETRY;
    return V_DROP;
}

static void log_item(int level, const char *event, const out_item *it,
                     const fb__tg_error *err, const char *why)
{
    char chat[24], code[16];
    const char *kv[] = {"chat", chat, "method", method_of(it),
                        "code", code, NULL};

    snprintf(chat, sizeof chat, "%" PRId64, it->chat);
    snprintf(code, sizeof code, "%d", err ? err->error_code : 0);
    fb__log_kv(level, NULL, event, kv, "%s: %s", why,
               err ? err->description : "");
}

/* Backoff before attempt n+1: 2^(n-1) * base, capped, with +-25% jitter. */
static double backoff_s(fb__outbox *ob, int attempts)
{
    double s = ob->lim.backoff_ms / 1000.0;
    int i;

    for (i = 1; i < attempts && s < BACKOFF_MAX_S; i++)
        s *= 2;
    if (s > BACKOFF_MAX_S)
        s = BACKOFF_MAX_S;
    ob->seed = ob->seed * 6364136223846793005ull + 1442695040888963407ull;
    return s * (0.75 + 0.5 * (double)(ob->seed >> 11) / 9007199254740992.0);
}

/* A 429: this chat waits; when another chat was told to wait within the
 * last second too, the limit is global and everyone waits. */
static void on_429(fb__outbox *ob, chatq *q, const fb__tg_error *err,
                   double now)
{
    double wait = err->retry_after > 0 ? err->retry_after : 1.0;

    ob->st.rate_429++;
    q->not_before = now + wait;
    if (now - ob->last429_at < 1.0 && ob->last429_chat != q->chat &&
        ob->global_not_before < now + wait)
        ob->global_not_before = now + wait;
    ob->last429_at = now;
    ob->last429_chat = q->chat;
}

/* Put it back at the head of q for a retry. */
static void requeue(fb__outbox *ob, chatq *q, out_item *it)
{
    itemq *iq = &q->l[it->bulk ? BULK : INTERACTIVE];

    it->next = iq->head;
    iq->head = it;
    if (iq->tail == NULL)
        iq->tail = it;
    ob->queued++;
    ob->nq[it->bulk ? BULK : INTERACTIVE]++;
    ob->st.retried++;
}

/* Whether a paid broadcast's 400 says the bot lacks the Stars to pay for
 * it ("not enough stars"; Telegram's MTProto name is BALANCE_TOO_LOW). */
static int no_stars(const out_item *it, const fb__tg_error *err)
{
    return it->paying && err->error_code == 400 &&
           (contains(err->description, "stars") ||
            contains(err->description, "STARS") ||
            contains(err->description, "BALANCE_TOO_LOW"));
}

/* The outcome of one request for it; moves its retry counters on (the
 * sender owns it while its chat is busy: no lock needed). */
static verdict decide(const fb__outbox *ob, out_item *it, int rc,
                      const fb__tg_error *err)
{
    verdict v = classify(rc, err);

    if (v == V_RETRY && it->kind == OUT_ANSWER && now_s() >= it->expires)
        return V_EXPIRED; /* Telegram would refuse it now */
    if (v == V_DROP && no_stars(it, err))
        return V_NO_STARS;
    if (v == V_RETRY && err->error_code == 429)
        return ++it->n429 <= MAX_429_RETRIES ? V_RETRY : V_DROP;
    if (v == V_RETRY)
        return ++it->attempts < ob->lim.max_attempts ? V_RETRY : V_DROP;
    return v;
}

static const char *outcome_of(verdict v)
{
    return v == V_DONE       ? "sent"
           : v == V_BLOCKED  ? "blocked"
           : v == V_EXPIRED  ? "expired"
           : v == V_NO_STARS ? "no_stars"
                             : "dropped";
}

/* Apply verdict v on it; returns 1 when the blocked callback is due
 * (called by the sender after unlocking). */
static int finish(fb__outbox *ob, chatq *q, out_item *it, verdict v,
                  const fb__tg_error *err, double now, int *free_it)
{
    int blocked = 0;

    *free_it = 1;
    if (v == V_GONE) {
        if (counts(it))
            unpend(ob, it); /* no request: nothing to charge */
        ob->st.dropped++;
        goto out;
    }
    charge(ob, q, it, now);
    if (v == V_RETRY && err->error_code == 429) {
        on_429(ob, q, err, now);
        requeue(ob, q, it);
        *free_it = 0;
    } else if (v == V_RETRY) {
        q->not_before = now + backoff_s(ob, it->attempts);
        log_item(FB_LOG_WARN, "send_retry", it, err, "will retry");
        requeue(ob, q, it);
        *free_it = 0;
    } else if (v == V_DONE) {
        ob->st.sent++;
    } else if (v == V_BLOCKED) {
        ob->st.blocked++;
        ob->st.dropped++;
        if (!is_answer_lane(q->chat)) /* a lane is many chats' answers */
            q->blocked = 1; /* the rest of the chat's queue: drop_blocked */
        blocked = 1;
        log_item(FB_LOG_INFO, "chat_blocked", it, err, "chat unreachable");
    } else if (v == V_DROP || v == V_EXPIRED || v == V_NO_STARS ||
               (v == V_KEEP && !it->id)) {
        ob->st.dropped++;
        log_item(FB_LOG_ERROR, "send_dropped", it, err, "message dropped");
    }
out:
    q->busy = 0;
    q->last_used = now;
    active_add(ob, q);
    return blocked;
}

/* A request that may have reached Telegram without our knowing: counted
 * and logged (promise 10's at-least-once cases). Caller holds mu. */
static void in_doubt(fb__outbox *ob, const out_item *it,
                     const fb__tg_error *err, const char *why)
{
    ob->st.in_doubt++;
    log_item(FB_LOG_WARN, "send_in_doubt", it, err, why);
}

/* An answer whose press was answered by someone else first (the answer
 * gate, asked once per item, before its first request). */
static int answered_already(fb__outbox *ob, out_item *it)
{
    if (it->kind != OUT_ANSWER || it->gated || !ob->answer_gate)
        return 0;
    it->gated = 1;
    return !ob->answer_gate(ob->gate_ud, it->name);
}

/* One request as a sender thread carries it: the chat it was taken from,
 * the item, and, once made, its verdict, error, when its answer came (the
 * windows are charged then, not after the done mark), what could not
 * be known or recorded (bit 1: its done mark failed; bit 2: no answer)
 * and whether its done mark is left to the group (marks_add). */
typedef struct sending {
    chatq *q;
    out_item *it;
    verdict v;
    fb__tg_error err;
    int unrecorded;
    double answered;
    int grouped;
} sending;

/* Whether it needs its attempt mark before its request: a row's first
 * request, and a bulk row's first of this process (a cancelled
 * broadcast's rows are finished already: the mark finds it so). */
static int wants_attempt(const fb__outbox_store *store, const out_item *it)
{
    return it->id && (!it->tried || it->bulk) && it->attempts == 0 &&
           it->n429 == 0 && store->attempt;
}

/* Whether s's row is to be marked finished with its verdict. */
static int wants_done(const fb__outbox_store *store, const sending *s)
{
    return s->it->id && s->v != V_RETRY && s->v != V_KEEP && s->v != V_GONE &&
           store->done;
}

/* The request for s->it, bracketed by the store's marks: the attempt mark
 * before (its row found finished: V_GONE, no request), the done mark after
 * (bit 1 of unrecorded when it fails), or, with the store's done_many,
 * left to the group (s->grouped: conclude() adds it, marks_flush() writes
 * it). Fills s's verdict, error, answer time and bit 2 of unrecorded.
 * Runs without mu; the chat stays busy until conclude(), so the next item
 * of the chat never leaves before this one's done mark was written or
 * queued: the marks are written in the order they were queued, so after
 * a crash a chat's undelivered rows are a tail of what it was sent. */
static void request(fb__outbox *ob, const fb__outbox_store *store, sending *s)
{
    out_item *it = s->it;
    fb__tg_error *err = &s->err;
    int rc = 0;

    s->unrecorded = 0;
    if (wants_attempt(store, it) && store->attempt(store->ud, it->id) == 1) {
        memset(err, 0, sizeof *err);
        s->answered = now_s();
        s->v = V_GONE;
        return;
    }
    it->tried = 1;
    if (answered_already(ob, it)) {
        memset(err, 0, sizeof *err);
        snprintf(err->description, sizeof err->description,
                 "the press was answered already (its outcome came late)");
        s->v = V_EXPIRED;
    } else if (it->kind == OUT_ANSWER && now_s() >= it->expires) {
        memset(err, 0, sizeof *err); /* too late: Telegram would refuse */
        snprintf(err->description, sizeof err->description,
                 "the query's 15 s window closed");
        s->v = V_EXPIRED;
    } else {
        rc = send_item(ob, it, err);
        s->v = decide(ob, it, rc, err);
    }
    s->answered = now_s();
    s->grouped = wants_done(store, s) && store->done_many;
    if (wants_done(store, s) && !s->grouped &&
        store->done(store->ud, it->id, outcome_of(s->v)) != 0)
        s->unrecorded |= 1;
    if (rc == FB__TG_NETWORK || rc == FB__TG_CANCELLED)
        s->unrecorded |= 2;
}

/* ---- grouped done marks (caller holds mu) -------------------------------- */

/* Queue row id's done mark. 0, or -1 when out of memory (not recorded). */
static int marks_add(fb__outbox *ob, int64_t id, const char *outcome)
{
    if (ob->marks.n == ob->marks.cap) {
        size_t cap = ob->marks.cap ? 2 * ob->marks.cap : 64;
        int64_t *ids = realloc(ob->marks.id, cap * sizeof *ids);
        const char **oc;
        if (!ids)
            return -1;
        ob->marks.id = ids;
        oc = realloc(ob->marks.outcome, cap * sizeof *oc);
        if (!oc)
            return -1;
        ob->marks.outcome = oc;
        ob->marks.cap = cap;
    }
    ob->marks.id[ob->marks.n] = id;
    ob->marks.outcome[ob->marks.n++] = outcome;
    return 0;
}

/* Write every queued done mark, in groups: one thread at a time writes all
 * that are queued in one call of the store's done_many, then the ones
 * queued meanwhile, until none is left; a thread finding another writing
 * returns at once (the writer takes its marks too). A group that could
 * not be written is counted in doubt: its rows are sent again at start. */
static void marks_flush(fb__outbox *ob)
{
    fb__outbox_store store = ob->store;

    while (!ob->marks.flushing && ob->marks.n) {
        int64_t *ids = ob->marks.id;
        const char **oc = ob->marks.outcome;
        size_t n = ob->marks.n, cap = ob->marks.cap;
        int rc;

        memset(&ob->marks, 0, sizeof ob->marks);
        ob->marks.flushing = n;
        pthread_mutex_unlock(&ob->mu);
        rc = store.done_many(store.ud, ids, oc, n);
        pthread_mutex_lock(&ob->mu);
        ob->marks.flushing = 0;
        if (rc != 0) {
            ob->st.in_doubt += n;
            fb__log(FB_LOG_WARN, NULL, "send_in_doubt",
                    "%zu delivery record(s) not written: sent again at start",
                    n);
        }
        if (ob->marks.cap == 0) { /* keep the arrays for the next group */
            ob->marks.id = ids;
            ob->marks.outcome = oc;
            ob->marks.cap = cap;
        } else {
            free(ids);
            free(oc);
        }
        pthread_cond_broadcast(&ob->idle);
    }
}

/* ---- sender threads ------------------------------------------------------ */

/* q is blocked: take every item queued for it and drop it without a
 * request, each stored row recorded "blocked" (one 403 per blocked chat,
 * not one per message). Called and returns with mu held; the store runs
 * without it while q stays busy. */
static void drop_blocked(fb__outbox *ob, chatq *q)
{
    out_item *list = q->l[INTERACTIVE].head, *it, *next;
    fb__outbox_store store = ob->store;
    size_t n = 0, unrecorded = 0;
    char chat[24], count[24];
    const char *kv[] = {"chat", chat, "count", count, NULL};

    if (list)
        q->l[INTERACTIVE].tail->next = q->l[BULK].head;
    else
        list = q->l[BULK].head;
    for (it = list; it; it = it->next) {
        n++;
        ob->nq[it->bulk ? BULK : INTERACTIVE]--;
    }
    memset(q->l, 0, sizeof q->l);
    q->busy = 1;
    active_remove(ob, q);
    ob->queued -= n;
    ob->inflight += n;
    pthread_mutex_unlock(&ob->mu);
    for (it = list; it; it = next) {
        next = it->next;
        if (it->id && store.done && store.done(store.ud, it->id, "blocked"))
            unrecorded++; /* stays undelivered: tried again at start */
        item_free(it);
    }
    snprintf(chat, sizeof chat, "%" PRId64, q->chat);
    snprintf(count, sizeof count, "%zu", n);
    fb__log_kv(FB_LOG_INFO, NULL, "blocked_dropped", kv,
               "the chat blocked the bot: queued message(s) dropped unsent "
               "(%zu not recorded)",
               unrecorded);
    pthread_mutex_lock(&ob->mu);
    ob->st.dropped += n;
    ob->inflight -= n;
    q->busy = 0;
    q->last_used = now_s();
    active_add(ob, q);
    pthread_cond_broadcast(&ob->work);
    pthread_cond_broadcast(&ob->idle);
}

/* Apply the outcome of s's request, its marks written (or not: counted
 * in doubt). Called and returns with mu held; the blocked callback runs
 * without it. The item stays counted in flight until the callback
 * returned, so a drain that sees an empty outbox also sees every callback
 * done. */
static void conclude(fb__outbox *ob, sending *s)
{
    out_item *it = s->it;
    int free_it, blocked, more;

    if (s->grouped && marks_add(ob, it->id, outcome_of(s->v)) != 0)
        s->unrecorded |= 1;
    if (s->unrecorded & 1)
        in_doubt(ob, it, &s->err, "delivery not recorded: sent again at start");
    if ((s->unrecorded & 2) && counts_or_answer(it))
        in_doubt(ob, it, &s->err,
                 s->v != V_KEEP ? "no answer: the request may have arrived"
                 : it->id       ? "cut short at shutdown: sent again at start"
                                : "cut short at shutdown: it may have arrived");
    blocked = finish(ob, s->q, it, s->v, &s->err, s->answered, &free_it);
    more = next_of(s->q) != NULL; /* read before mu is let go below */
    if (blocked && ob->blocked_cb) {
        void (*cb)(void *, int64_t) = ob->blocked_cb;
        void *ud = ob->blocked_ud;
        pthread_mutex_unlock(&ob->mu);
        cb(ud, it->chat);
        pthread_mutex_lock(&ob->mu);
    }
    ob->inflight--;
    /* this thread picks again itself, maybe another chat: a waiting
     * sender takes this chat's next item */
    if (more)
        pthread_cond_signal(&ob->work);
    pthread_cond_broadcast(&ob->idle);
    if (free_it)
        item_free(it);
    s->it = NULL;
}

/* Send the head of q and apply the outcome. Called and returns with mu
 * held; the request runs without it. */
static void send_one(fb__outbox *ob, chatq *q, double now)
{
    fb__outbox_store store = ob->store;
    sending s = {q, take(ob, q, now), V_DONE, {0}, 0, 0, 0};

    pthread_mutex_unlock(&ob->mu);
    request(ob, &store, &s);
    pthread_mutex_lock(&ob->mu);
    conclude(ob, &s);
    marks_flush(ob);
}

static void *sender_main(void *arg)
{
    fb__outbox *ob = arg;

    pthread_mutex_lock(&ob->mu);
    while (!ob->stopping) {
        double now = now_s(), wait = 1.0;
        chatq *q;

        sweep_idle(ob, now); /* under steady load too, not only when idle */
        q = pick(ob, now, &wait);
        if (q != NULL && q->blocked) {
            drop_blocked(ob, q);
            continue;
        }
        if (q != NULL) {
            send_one(ob, q, now);
            continue;
        }
        cond_wait_s(&ob->work, &ob->mu, wait);
    }
    pthread_mutex_unlock(&ob->mu);
    return NULL;
}

/* ---- direct sends (the producer's thread) -------------------------------- */

/* Whether it may leave now on q, ahead of nothing: q idle and empty, not
 * blocked nor waiting, and a counted message within every window, as
 * pick() would judge it. Caller holds mu. */
static int free_now(const fb__outbox *ob, const chatq *q, const out_item *it,
                    double now)
{
    if (q->busy || next_of(q) || q->blocked || now < q->not_before)
        return 0;
    return !counts(it) ||
           (chat_wait(q, now) == 0 && now >= ob->global_not_before &&
            global_wait(ob, now) == 0);
}

/* See outbox.h. */
int fb__outbox_reserve(fb__outbox *ob, fb__outbatch *b)
{
    out_item *it = b ? b->head : NULL;
    double now = now_s();
    chatq *q;
    int ok;

    /* never an answer: held through a COMMIT that hangs (PostgreSQL
     * restarting), its lane would hold back the press watcher's own
     * answer of that press past Telegram's 15 s (host/cbwatch) */
    if (ob == NULL || it == NULL || it->bulk || it->id || it->direct ||
        it->kind == OUT_ANSWER)
        return 0;
    pthread_mutex_lock(&ob->mu);
    q = ob->stopping ? NULL : chat_get(ob, it->lane, now);
    ok = q != NULL && free_now(ob, q, it, now);
    if (ok) {
        q->busy = 1; /* as take() does, for an item not queued */
        q->last_used = now;
        if (counts(it))
            pend(ob, it);
        ob->inflight++;
        it->direct = 1;
    }
    pthread_mutex_unlock(&ob->mu);
    return ok;
}

/* Give back it's reservation: its chat is free again (and back on the
 * active list when something was queued behind it meanwhile). Caller
 * holds mu; returns the chat's queue. */
static chatq *unreserve_locked(fb__outbox *ob, out_item *it)
{
    chatq *q = chat_find(ob, it->lane); /* kept: a busy chat stays */

    it->direct = 0;
    if (counts(it))
        unpend(ob, it);
    ob->inflight--;
    if (q) {
        q->busy = 0;
        active_add(ob, q);
    }
    return q;
}

/* See outbox.h. */
void fb__outbox_unreserve(fb__outbox *ob, fb__outbatch *b)
{
    out_item *it = b ? b->head : NULL;

    if (ob == NULL || it == NULL || !it->direct)
        return;
    pthread_mutex_lock(&ob->mu);
    unreserve_locked(ob, it);
    pthread_cond_broadcast(&ob->work); /* queued behind it meanwhile */
    pthread_cond_broadcast(&ob->idle);
    pthread_mutex_unlock(&ob->mu);
}

void fb__outbox_limits_default(fb__outbox_limits *l)
{
    memset(l, 0, sizeof *l);
    l->global_per_s = FB__SEND_RATE_GLOBAL;
    l->chat_per_s = FB__SEND_RATE_CHAT;
    l->chat_burst = 2;
    l->group_per_min = FB__SEND_RATE_GROUP;
    l->group_burst = 2;
    l->max_attempts = 8;
    l->backoff_ms = 500;
    l->senders = 4;
    l->queue_max = FB__OUTBOX_QUEUE_MAX;
    l->bulk_max = FB__OUTBOX_BULK_MAX;
    l->idle_forget_ms = 120000;
}

static void apply_limits(fb__outbox_limits *dst, const fb__outbox_limits *src)
{
    fb__outbox_limits_default(dst);
    if (src == NULL)
        return;
#define TAKE(f)                                                                \
    if (src->f > 0)                                                            \
    dst->f = src->f
    TAKE(global_per_s);
    TAKE(global_burst);
    TAKE(chat_per_s);
    TAKE(chat_burst);
    TAKE(group_per_min);
    TAKE(group_burst);
    TAKE(max_attempts);
    TAKE(backoff_ms);
    TAKE(senders);
    TAKE(queue_max);
    TAKE(bulk_max);
    TAKE(idle_forget_ms);
    TAKE(paid_per_s);
#undef TAKE
    if (dst->paid_per_s > FB__PAID_RATE_MAX)
        dst->paid_per_s = FB__PAID_RATE_MAX;
    if (src->chat_burst < 0)
        dst->chat_burst = 0;
    if (src->group_burst < 0)
        dst->group_burst = 0;
    if (dst->senders > 64)
        dst->senders = 64;
}

static int init_sync(fb__outbox *ob)
{
    pthread_condattr_t ca;
    int rc;

    if (pthread_condattr_init(&ca) != 0)
        return -1;
    rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
         fb__mutex_init_hot(&ob->mu) != 0;
    if (rc == 0 && pthread_cond_init(&ob->work, &ca) != 0) {
        pthread_mutex_destroy(&ob->mu);
        rc = 1;
    }
    if (rc == 0 && pthread_cond_init(&ob->idle, &ca) != 0) {
        pthread_cond_destroy(&ob->work);
        pthread_mutex_destroy(&ob->mu);
        rc = 1;
    }
    pthread_condattr_destroy(&ca);
    return rc ? -1 : 0;
}

static void stop_threads(fb__outbox *ob)
{
    int i;

    pthread_mutex_lock(&ob->mu);
    ob->stopping = 1;
    atomic_store(&ob->cancel, 1);
    pthread_cond_broadcast(&ob->work);
    pthread_mutex_unlock(&ob->mu);
    for (i = 0; i < ob->nthreads; i++)
        pthread_join(ob->threads[i], NULL);
    ob->nthreads = 0;
}

/* The paid window's size for paid_per_s (1 while they are off: kept,
 * unused, so an item in flight across a reload still has its window). */
static int paid_window(int paid_per_s)
{
    return paid_per_s > 0 ? paid_per_s : 1;
}

fb__outbox *fb__outbox_new(fb__tg *tg, const fb__outbox_limits *limits)
{
    fb__outbox *ob;
    double now = now_s();

    if (tg == NULL)
        return NULL;
    ob = calloc(1, sizeof *ob);
    if (ob == NULL)
        return NULL;
    ob->tg = tg;
    atomic_init(&ob->cancel, 0);
    apply_limits(&ob->lim, limits);
    ob->global =
        limit_new(ob->lim.global_per_s, SPAN_PAD, FB__SEND_RATE_GLOBAL);
    ob->paid =
        limit_new(paid_window(ob->lim.paid_per_s), SPAN_PAD, FB__PAID_RATE_MAX);
    if (!ob->global || !ob->paid) {
        limit_free(ob->global);
        limit_free(ob->paid);
        free(ob);
        return NULL;
    }
    ob->last_sweep = now;
    ob->seed = (uint64_t)(now * 1e6) ^ (uint64_t)(uintptr_t)ob;
    if (init_sync(ob) != 0) {
        limit_free(ob->global);
        limit_free(ob->paid);
        free(ob);
        return NULL;
    }
    ob->threads = calloc((size_t)ob->lim.senders, sizeof *ob->threads);
    if (ob->threads == NULL)
        goto fail;
    for (; ob->nthreads < ob->lim.senders; ob->nthreads++)
        if (pthread_create(&ob->threads[ob->nthreads], NULL, sender_main, ob) !=
            0)
            goto fail;
    return ob;
fail:
    fb__outbox_free(ob);
    return NULL;
}

void fb__outbox_set_store(fb__outbox *ob, const fb__outbox_store *s)
{
    pthread_mutex_lock(&ob->mu);
    if (s)
        ob->store = *s;
    else
        memset(&ob->store, 0, sizeof ob->store);
    pthread_mutex_unlock(&ob->mu);
}

void fb__outbox_set_answer_gate(fb__outbox *ob,
                                int (*gate)(void *ud, const char *query_id),
                                void *ud)
{
    pthread_mutex_lock(&ob->mu);
    ob->answer_gate = gate;
    ob->gate_ud = ud;
    pthread_mutex_unlock(&ob->mu);
}

void fb__outbox_set_blocked_cb(fb__outbox *ob,
                               void (*cb)(void *ud, int64_t chat_id), void *ud)
{
    pthread_mutex_lock(&ob->mu);
    ob->blocked_cb = cb;
    ob->blocked_ud = ud;
    pthread_mutex_unlock(&ob->mu);
}

/* See outbox.h. */
void fb__outbox_charge_past(fb__outbox *ob, int64_t chat_id, double ago)
{
    double now, t;
    chatq *q;

    if (ob == NULL || ago < 0)
        return;
    pthread_mutex_lock(&ob->mu);
    now = now_s();
    t = now - ago;
    limit_add(ob->global, t);
    q = chat_get(ob, chat_id, now);
    if (q) {
        fb__pace_add(&q->pace, t);
        if (q->grp)
            limit_add(q->grp, t);
    }
    pthread_mutex_unlock(&ob->mu);
}

/* Every known chat under the limits in ob->lim now (caller holds mu).
 * Returns the number of chats whose group window could not be renewed
 * (out of memory: they keep their old one). */
static int retune_chats(fb__outbox *ob, double now)
{
    int failed = 0;

    for (size_t i = 0; i < NBUCKETS; i++)
        for (chatq *q = ob->table[i]; q; q = q->hnext) {
            fb__pace_retune(&q->pace, 1 + ob->lim.chat_burst,
                            SPAN_PAD / ob->lim.chat_per_s, now);
            if (q->grp && limit_renew(&q->grp, ob->lim.group_per_min,
                                      60.0 * SPAN_PAD, FB__SEND_RATE_GROUP))
                failed++;
        }
    return failed;
}

/* See outbox.h. */
int fb__outbox_set_limits(fb__outbox *ob, const fb__outbox_limits *limits)
{
    fb__outbox_limits next;
    int rc;

    if (ob == NULL)
        return -1;
    apply_limits(&next, limits);
    pthread_mutex_lock(&ob->mu);
    ob->lim.global_per_s = next.global_per_s;
    ob->lim.chat_per_s = next.chat_per_s;
    ob->lim.chat_burst = next.chat_burst;
    ob->lim.group_per_min = next.group_per_min;
    ob->lim.queue_max = next.queue_max;
    ob->lim.bulk_max = next.bulk_max;
    ob->lim.paid_per_s = next.paid_per_s;
    rc = limit_renew(&ob->global, next.global_per_s, SPAN_PAD,
                     FB__SEND_RATE_GLOBAL) |
         limit_renew(&ob->paid, paid_window(next.paid_per_s), SPAN_PAD,
                     FB__PAID_RATE_MAX);
    if (retune_chats(ob, now_s()) > 0)
        rc = -1;
    pthread_cond_broadcast(&ob->work); /* a higher limit: maybe ready now */
    pthread_cond_broadcast(&ob->idle); /* a higher maximum: room now */
    pthread_mutex_unlock(&ob->mu);
    return rc;
}

/* Remove the items with a row from iq (caller holds mu); how many. */
static size_t forget_stored_in(fb__outbox *ob, itemq *iq)
{
    out_item **pp = &iq->head, *it;
    size_t n = 0;

    iq->tail = NULL;
    while ((it = *pp)) {
        if (it->id > 0) {
            *pp = it->next;
            ob->nq[it->bulk ? BULK : INTERACTIVE]--;
            ob->queued--;
            item_free(it);
            n++;
        } else {
            iq->tail = it;
            pp = &it->next;
        }
    }
    return n;
}

/* See outbox.h. */
size_t fb__outbox_forget_stored(fb__outbox *ob)
{
    size_t n = 0;

    if (ob == NULL)
        return 0;
    pthread_mutex_lock(&ob->mu);
    for (size_t i = 0; i < NBUCKETS; i++)
        for (chatq *q = ob->table[i]; q; q = q->hnext) {
            size_t k = forget_stored_in(ob, &q->l[INTERACTIVE]) +
                       forget_stored_in(ob, &q->l[BULK]);
            n += k;
            if (k == 0 || q->busy)
                continue; /* a busy chat is put back by its sender */
            active_remove(ob, q);
            active_add(ob, q);
        }
    pthread_cond_broadcast(&ob->idle);
    pthread_mutex_unlock(&ob->mu);
    return n;
}

void fb__outbox_unblock(fb__outbox *ob, int64_t chat_id)
{
    size_t h = hash_chat(chat_id);
    chatq *q;

    if (ob == NULL)
        return;
    pthread_mutex_lock(&ob->mu);
    for (q = ob->table[h]; q; q = q->hnext)
        if (q->chat == chat_id)
            q->blocked = 0;
    pthread_mutex_unlock(&ob->mu);
}

int fb__outbox_drain(fb__outbox *ob, int timeout_ms)
{
    double deadline = now_s() + timeout_ms / 1000.0;
    int left;

    if (ob == NULL)
        return 0;
    pthread_mutex_lock(&ob->mu);
    while (ob->queued + ob->inflight + ob->marks.n + ob->marks.flushing > 0 &&
           ob->nthreads > 0) {
        double now = now_s();
        if (now >= deadline)
            break;
        cond_wait_s(&ob->idle, &ob->mu, deadline - now);
    }
    left = (int)(ob->queued + ob->inflight + ob->marks.n + ob->marks.flushing);
    pthread_mutex_unlock(&ob->mu);
    return left;
}

int fb__outbox_wait_room(fb__outbox *ob, int bulk, int timeout_ms)
{
    int c = bulk ? BULK : INTERACTIVE, rc;
    size_t max;
    double deadline = now_s() + timeout_ms / 1000.0;

    if (ob == NULL)
        return 0;
    pthread_mutex_lock(&ob->mu);
    for (;;) { /* a reload may change the maximum while this waits */
        double now = now_s();
        max = (size_t)(bulk ? ob->lim.bulk_max : ob->lim.queue_max);
        if (ob->nq[c] < max || ob->stopping || ob->nthreads == 0 ||
            now >= deadline)
            break;
        cond_wait_s(&ob->idle, &ob->mu, deadline - now);
    }
    rc = ob->stopping || ob->nthreads == 0 ? -1 : ob->nq[c] >= max ? 1 : 0;
    pthread_mutex_unlock(&ob->mu);
    return rc;
}

/* Items of class c that may be queued now before its maximum. */
static long long room_of(fb__outbox *ob, int c)
{
    long long room;

    if (ob == NULL)
        return c == BULK ? FB__OUTBOX_BULK_MAX : FB__OUTBOX_QUEUE_MAX;
    pthread_mutex_lock(&ob->mu);
    room = (long long)(c == BULK ? ob->lim.bulk_max : ob->lim.queue_max) -
           (long long)ob->nq[c];
    pthread_mutex_unlock(&ob->mu);
    return room > 0 ? room : 0;
}

/* See outbox.h. */
int fb__outbox_paid_rate(fb__outbox *ob)
{
    int n;

    if (ob == NULL)
        return 0;
    pthread_mutex_lock(&ob->mu);
    n = ob->lim.paid_per_s;
    pthread_mutex_unlock(&ob->mu);
    return n;
}

/* See outbox.h. */
long long fb__outbox_bulk_room(fb__outbox *ob)
{
    return room_of(ob, BULK);
}

/* See outbox.h. */
long long fb__outbox_room(fb__outbox *ob)
{
    return room_of(ob, INTERACTIVE);
}

void fb__outbox_stats_get(fb__outbox *ob, fb__outbox_stats *st)
{
    pthread_mutex_lock(&ob->mu);
    *st = ob->st;
    st->queued = ob->queued + ob->inflight;
    st->queued_bulk = ob->nq[BULK];
    st->chats = ob->nchats;
    pthread_mutex_unlock(&ob->mu);
}

void fb__outbox_free(fb__outbox *ob)
{
    size_t i, dropped = 0, kept = 0;

    if (ob == NULL)
        return;
    stop_threads(ob);
    for (i = 0; i < NBUCKETS; i++) {
        chatq *q = ob->table[i], *next;
        for (; q; q = next) {
            out_item *it, *in;
            int c;
            next = q->hnext;
            for (c = 0; c < NCLASSES; c++)
                for (it = q->l[c].head; it; it = in) {
                    in = it->next;
                    if (it->id)
                        kept++;
                    else
                        dropped++;
                    item_free(it);
                }
            chat_free(q);
        }
    }
    if (dropped)
        fb__log(FB_LOG_WARN, NULL, "outbox_dropped",
                "%zu queued message(s) not sent at shutdown", dropped);
    if (kept)
        fb__log(FB_LOG_INFO, NULL, "outbox_kept",
                "%zu stored message(s) not sent yet: delivered at the next "
                "start",
                kept);
    if (ob->marks.n)
        fb__log(FB_LOG_WARN, NULL, "outbox_marks_dropped",
                "%zu delivery record(s) not written: sent again at the next "
                "start",
                ob->marks.n);
    free(ob->marks.id);
    free(ob->marks.outcome);
    free(ob->threads);
    pthread_cond_destroy(&ob->work);
    pthread_cond_destroy(&ob->idle);
    pthread_mutex_destroy(&ob->mu);
    limit_free(ob->global);
    limit_free(ob->paid);
    free(ob);
}
