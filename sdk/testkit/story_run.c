/* Running a parsed story on a fresh fbtest environment. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "story.h"

/* A malloc'd formatted string, or NULL. */
static char *story_printf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static char *story_printf(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    return s;
}

typedef struct runner {
    const story *s;
    fbt_env *e;
    fbt_msg *last; /* the last bot message matched (for buttons:) */
    const story_step *step;
} runner;

/* Print "file:line: what" plus details and return 1. */
static int fail(runner *r, const char *what, const char *detail)
{
    fprintf(stderr, "%s:%d: %s\n%s%s", r->s->path, r->step->line, what,
            detail ? detail : "", detail && *detail ? "\n" : "");
    return 1;
}

static int64_t uid(runner *r)
{
    return r->s->users[r->step->user].id;
}

/* The step's chat for the kit: 0 for the user's private chat. */
static int64_t in_chat(runner *r)
{
    return r->step->user >= 0 && r->step->chat == uid(r) ? 0 : r->step->chat;
}

/* A press that found no button: the reason and the chat as it stands. */
static int press_failed(runner *r, int rc, const char *what)
{
    char *t, *detail;
    int out;

    if (rc == 0)
        return 0;
    t = fbt_transcript(r->e, r->step->chat);
    detail = story_printf("%s\ntranscript of chat %lld:\n%s", fbt_error(r->e),
                          (long long)r->step->chat, t ? t : "");
    out = fail(r, what, detail ? detail : fbt_error(r->e));
    free(detail);
    free(t);
    return out;
}

/* A kit call's -1 is a failure naming the step and the kit's reason. */
static int kit(runner *r, int rc, const char *what)
{
    return rc == 0 ? 0 : fail(r, what, fbt_error(r->e));
}

static int do_expect(runner *r, int want_edit)
{
    fbt_msg *m =
        fbt_expect(r->e, r->step->chat, r->step->arg, r->s->timeout_ms);

    if (!m)
        return fail(r, "the bot did not say what was expected",
                    fbt_error(r->e));
    if (want_edit && m->edit == 0) {
        char detail[256];
        snprintf(detail, sizeof detail, "   got a new message: %s", m->text);
        fbt_msg_free(m);
        return fail(r, "expected an edit of an earlier message", detail);
    }
    fbt_msg_free(r->last);
    r->last = m;
    return 0;
}

/* The next bot event must be a document whose file name matches, or a
 * photo whose caption matches. */
static int do_expect_media(runner *r, int photo)
{
    fbt_msg *m = fbt_next(r->e, r->step->chat, r->s->timeout_ms);
    char detail[768];
    int ok;

    if (!m)
        return fail(r, photo ? "no photo came" : "no document came",
                    fbt_error(r->e));
    ok = photo ? m->photo && fbt_match(r->step->arg, m->text) == 1
               : m->document && fbt_match(r->step->arg, m->document) == 1;
    snprintf(detail, sizeof detail,
             "   expected: %s %s\n   actual:   %s%s%s  %s",
             photo ? "photo" : "document", r->step->arg,
             m->photo      ? "photo"
             : m->document ? "document "
                           : "message",
             m->document ? m->document : "", "", m->text);
    if (ok) {
        fbt_msg_free(r->last);
        r->last = m;
        return 0;
    }
    fbt_msg_free(m);
    return fail(r, "the bot did not send what was expected", detail);
}

/* Collapse runs of spaces so "[A]  [B]" equals "[A] [B]". */
static void squeeze(char *s)
{
    char *o = s;

    for (const char *p = s; *p; p++)
        if (!(*p == ' ' && o > s && o[-1] == ' '))
            *o++ = *p;
    *o = '\0';
}

static int do_buttons(runner *r)
{
    char *got, *want, detail[1024];
    int rc;

    if (!r->last)
        return fail(r, "buttons: but no bot message was matched before", NULL);
    got = fbt_msg_buttons(r->last);
    want = strdup(strcmp(r->step->arg, "none") == 0 ? "" : r->step->arg);
    if (!got || !want)
        return free(got), free(want), fail(r, "out of memory", NULL);
    squeeze(want);
    rc = strcmp(got, want) != 0;
    snprintf(detail, sizeof detail,
             "   expected: %s\n   actual:   %s\n"
             "   on: %s",
             want, *got ? got : "(no buttons)", r->last->text);
    free(got);
    free(want);
    return rc ? fail(r, "the buttons differ", detail) : 0;
}

static int do_answer(runner *r)
{
    char text[512], detail[1024];

    if (fbt_answer(r->e, uid(r), text, sizeof text, r->s->timeout_ms) != 0)
        return fail(r, "the callback query was not answered", fbt_error(r->e));
    if (fbt_match(r->step->arg, text) == 1)
        return 0;
    snprintf(detail, sizeof detail, "   expected: %s\n   actual:   %s",
             r->step->arg, text);
    return fail(r, "the callback answer differs", detail);
}

/* Compare a value with a step's "=> want": exact, or /regex/. */
static int want_ok(const char *want, const char *got)
{
    size_t n = strlen(want);

    if (n >= 2 && want[0] == '/' && want[n - 1] == '/')
        return fbt_match(want, got) == 1;
    return strcmp(want, got) == 0;
}

static int do_db(runner *r)
{
    char *got = fbt_sql(r->e, r->step->arg, 0, NULL);
    char detail[2048];
    int ok;

    if (!got)
        return fail(r, "the query failed", fbt_error(r->e));
    ok = want_ok(r->step->want, got);
    snprintf(detail, sizeof detail,
             "   query:    %s\n   expected: %s\n"
             "   actual:   %s",
             r->step->arg, r->step->want, got);
    free(got);
    return ok ? 0 : fail(r, "the database differs", detail);
}

/* Counters move asynchronously (the host answers a callback after the
 * handler's commit, maybe after its reply arrived): poll until the value
 * matches or the timeout passes. */
static int do_counter(runner *r)
{
    int64_t deadline = fbt_now_ms() + r->s->timeout_ms;
    char got[24], detail[256];

    for (;;) {
        int64_t v = fbt_counter(r->e, r->step->arg);
        if (v < 0)
            return fail(r, "no such counter", fbt_error(r->e));
        snprintf(got, sizeof got, "%" PRId64, v);
        if (want_ok(r->step->want, got))
            return 0;
        if (fbt_now_ms() >= deadline)
            break;
        usleep(20000);
    }
    snprintf(detail, sizeof detail,
             "   counter %s: expected %s, actual %s (after %d ms)",
             r->step->arg, r->step->want, got, r->s->timeout_ms);
    return fail(r, "the sandbox counter differs", detail);
}

/* 1 if some line of the host's log matches the step's pattern. */
static int log_has(runner *r)
{
    char *log = fbt_host_log(r->e), *line, *save = NULL;
    int found = 0;

    for (line = strtok_r(log, "\n", &save); line && !found;
         line = strtok_r(NULL, "\n", &save))
        found = fbt_match(r->step->arg, line) == 1;
    free(log);
    return found;
}

/* "log:" waits (up to timeout) for a matching line; "no log:" checks now. */
static int do_log(runner *r, int want_present)
{
    int64_t deadline = fbt_now_ms() + r->s->timeout_ms;
    int found = log_has(r);

    while (want_present && !found && fbt_now_ms() < deadline) {
        usleep(20000);
        found = log_has(r);
    }
    if (found == want_present)
        return 0;
    return fail(r,
                want_present ? "no host log line matches"
                             : "a host log line matches (it should not)",
                r->step->arg);
}

/* The bytes of the file named name in the story's folder (malloc'd, *len
 * bytes, at most 1 MiB), NULL when there is none. */
static unsigned char *story_file(runner *r, const char *name, size_t *len)
{
    const char *slash = strrchr(r->s->path, '/');
    char path[2048];
    unsigned char *b;
    FILE *f;

    if (strchr(name, '/'))
        return NULL;
    snprintf(path, sizeof path, "%.*s%s",
             slash ? (int)(slash - r->s->path + 1) : 0, r->s->path, name);
    f = fopen(path, "rb");
    if (!f)
        return NULL;
    b = malloc(1 << 20);
    if (b)
        *len = fread(b, 1, 1 << 20, f);
    fclose(f);
    return b;
}

/* A photo/document step: the file of that name next to the story when
 * there is one, else a small fake file. */
static int do_file(runner *r, int photo)
{
    static const unsigned char fake[] = "fitbot test file\n";
    size_t len = sizeof fake - 1;
    unsigned char *own = story_file(r, r->step->arg, &len);
    const unsigned char *bytes = own ? own : fake;
    int rc;

    if (photo)
        rc = kit(r,
                 fbt_send_photo(r->e, uid(r), r->step->arg, bytes, len, NULL),
                 "sending the photo failed");
    else
        rc = kit(r,
                 fbt_send_document(r->e, uid(r), r->step->arg, bytes, len,
                                   NULL),
                 "sending the document failed");
    free(own);
    return rc;
}

static int do_host(runner *r)
{
    switch (r->step->op) {
    case ST_RESTART:
        return kit(r, fbt_host_restart(r->e), "the host did not restart");
    case ST_KILL:
        return kit(r, fbt_host_kill(r->e), "the host was not running");
    case ST_STOP:
        return fbt_host_stop(r->e) == 0
                   ? 0
                   : fail(r, "the host did not exit 0 on SIGTERM", NULL);
    default:
        return kit(r, fbt_host_start(r->e), "the host did not start");
    }
}

static int step(runner *r)
{
    const story_step *st = r->step;

    switch (st->op) {
    case ST_SAY:
        return kit(r, fbt_say_in(r->e, uid(r), in_chat(r), st->arg),
                   "sending failed");
    case ST_PRESS:
        return press_failed(r, fbt_press(r->e, uid(r), in_chat(r), st->arg),
                            "no button with that text");
    case ST_PRESS_DATA:
        return press_failed(r,
                            fbt_press_data(r->e, uid(r), in_chat(r), st->arg),
                            "no button with that data");
    case ST_FORGE:
        return kit(r, fbt_forge(r->e, uid(r), in_chat(r), st->arg),
                   "forging failed");
    case ST_BLOCK:
        return kit(r, fbt_block(r->e, uid(r), 1), "blocking failed");
    case ST_STARS:
        return kit(r, fbt_stars(r->e, strtod(st->arg, NULL)),
                   "setting the Stars failed");
    case ST_CONTACT:
        return kit(r,
                   fbt_send_contact_of(r->e, uid(r), st->arg,
                                       st->want ? strtoll(st->want, NULL, 10)
                                                : uid(r)),
                   "sending the contact failed");
    case ST_PHOTO:
    case ST_DOCUMENT:
        return do_file(r, st->op == ST_PHOTO);
    case ST_EXPECT:
    case ST_EXPECT_EDIT:
        return do_expect(r, st->op == ST_EXPECT_EDIT);
    case ST_EXPECT_DOC:
    case ST_EXPECT_PHOTO:
        return do_expect_media(r, st->op == ST_EXPECT_PHOTO);
    case ST_SILENCE:
        return kit(r, fbt_quiet(r->e, st->chat, 1000),
                   "the bot was not silent");
    case ST_BUTTONS:
        return do_buttons(r);
    case ST_ANSWER:
        return do_answer(r);
    case ST_DB:
        return do_db(r);
    case ST_SQL:
        return fbt_sql_exec(r->e, st->arg, 0, NULL) < 0
                   ? fail(r, "the statement failed", fbt_error(r->e))
                   : 0;
    case ST_ROLE:
        return kit(r, fbt_set_role(r->e, uid(r), st->arg), "setting the role");
    case ST_COUNTER:
        return do_counter(r);
    case ST_LOG:
    case ST_NO_LOG:
        return do_log(r, st->op == ST_LOG);
    case ST_CLOCK:
        return kit(r,
                   st->relative ? fbt_clock_advance(r->e, st->at)
                                : fbt_clock_set(r->e, st->at),
                   "moving the test clock failed");
    case ST_SLEEP:
        usleep((useconds_t)st->ms * 1000);
        return 0;
    default:
        return do_host(r);
    }
}

/* Create the story's users in the sandbox and fb_users. */
static int create_users(runner *r)
{
    for (int i = 0; i < r->s->nusers; i++) {
        const story_user *u = &r->s->users[i];
        if (fbt_user_phone(r->e, u->id, u->first_name,
                           u->role[0] ? u->role : NULL,
                           u->phone[0] ? u->phone : NULL)) {
            fprintf(stderr, "%s: user %s: %s\n", r->s->path, u->name,
                    fbt_error(r->e));
            return 1;
        }
    }
    for (int i = 0; i < r->s->ngroups; i++) {
        const story_group *g = &r->s->groups[i];
        if (fbt_group(r->e, g->id, g->title, g->members, g->nmembers) != 0) {
            fprintf(stderr, "%s: group %s: %s\n", r->s->path, g->name,
                    fbt_error(r->e));
            return 1;
        }
    }
    return 0;
}

/* Every story ends with the host's SIGTERM: it must drain and exit 0 (an
 * ASan build also reports leaks there); and the token must appear in no
 * log line. */
static int final_checks(runner *r)
{
    int status = fbt_host_running(r->e) ? fbt_host_stop(r->e) : 0;

    if (status != 0) {
        fprintf(stderr,
                "%s: the host did not exit cleanly on SIGTERM "
                "(status %d)\n",
                r->s->path, status);
        return 1;
    }
    if (!fbt_log_has_token(r->e))
        return 0;
    fprintf(stderr, "%s: the bot token appears in the host's log (%s)\n",
            r->s->path, fbt_host_log_path(r->e));
    return 1;
}

static void print_log_tail(runner *r)
{
    char *log = fbt_host_log(r->e);
    size_t n = strlen(log);
    int lines = 0;

    while (n > 0 && lines <= 25)
        lines += log[--n] == '\n';
    fprintf(stderr, "--- last host log lines ---\n%s\n", log + n);
    free(log);
}

/* A path of the story's header into out: absolute as written; "./..." or
 * "../..." from the story file's folder; any other relative path from the
 * build tree (FITBOT_TEST_BUILD_DIR, else the tree the runner was built
 * in, else the current folder). */
static void resolve(const story *s, const char *path, char *out, size_t len)
{
    const char *base = getenv("FITBOT_TEST_BUILD_DIR");
    const char *slash = strrchr(s->path, '/');

    if (path[0] == '/' || !path[0]) {
        snprintf(out, len, "%s", path);
        return;
    }
    if (strncmp(path, "./", 2) == 0 || strncmp(path, "../", 3) == 0) {
        snprintf(out, len, "%.*s%s", slash ? (int)(slash - s->path + 1) : 0,
                 s->path, path);
        return;
    }
    if (!base || !*base)
        base = access(FBT_BUILD_DIR, F_OK) == 0 ? FBT_BUILD_DIR : ".";
    snprintf(out, len, "%s/%s", base, path);
}

/* Append sep (unless *acc is NULL) and item to the malloc'd *acc. 0 or -1
 * (then *acc is freed and NULL). */
static int join(char **acc, char sep, const char *item)
{
    char *grown = *acc ? story_printf("%s%c%s", *acc, sep, item) : strdup(item);

    free(*acc);
    *acc = grown;
    return grown ? 0 : -1;
}

/* Each sep-separated entry of list resolved (an entry "name=path" when
 * eq: its path), appended to *acc. 0 or -1. */
static int join_resolved(const story *s, char **acc, const char *list, char sep,
                         int eq)
{
    char *copy = strdup(list), *item, *next, *at, path[4096], buf[4200];
    int rc = copy ? 0 : -1;

    for (item = copy; rc == 0 && item; item = next) {
        next = strchr(item, sep);
        if (next)
            *next++ = '\0';
        at = eq ? strchr(item, '=') + 1 : item;
        resolve(s, at, path, sizeof path);
        snprintf(buf, sizeof buf, "%.*s%s", (int)(at - item), item, path);
        rc = join(acc, sep, buf);
    }
    free(copy);
    return rc;
}

/* The kit's plugin list: the "plugin dir:" folders (or the default one,
 * an empty entry, when there are "plugin:" lines only) and then the
 * "plugin:" files, resolved; NULL for neither (the default). */
static int plugin_list(const story *s, char **out)
{
    *out = NULL;
    if (s->plugin_dir && join_resolved(s, out, s->plugin_dir, ':', 0) != 0)
        return -1;
    if (!s->plugin_files)
        return 0;
    if (!s->plugin_dir && !(*out = strdup("")))
        return -1;
    return join_resolved(s, out, s->plugin_files, ':', 0);
}

/* The story's first clock when it is set before anything reaches the host
 * (only sql:, db: and role lines before it), else 0: the host then starts
 * at that time, so what it stamps at start (a daily job's first run) is
 * stamped on the story's calendar, not on the day the test runs. */
static int64_t start_clock(const story *s)
{
    for (int i = 0; i < s->nsteps; i++) {
        const story_step *st = &s->steps[i];
        if (st->op == ST_CLOCK)
            return st->relative ? 0 : st->at;
        if (st->op != ST_SQL && st->op != ST_DB && st->op != ST_ROLE)
            return 0;
    }
    return 0;
}

/* The environment of the story; 0, or -1 when out of memory. */
static int story_options(const story *s, fbt_options *o, char **plugins,
                         char **sql)
{
    *sql = NULL;
    if (plugin_list(s, plugins) != 0 ||
        (s->sql_dirs && join_resolved(s, sql, s->sql_dirs, ';', 1) != 0))
        return -1;
    *o = (fbt_options){.plugins = s->plugins,
                       .plugin_dir = *plugins,
                       .sql_dirs = *sql,
                       .config_extra = s->config,
                       .host_config = s->host_config,
                       .host_env = s->host_env,
                       .super_admin = s->super_admin,
                       .conversation_timeout = s->conversation_timeout,
                       .time_scale = s->time_scale,
                       .fast_pacing = !s->real_pacing,
                       .clock_start = start_clock(s)};
    return 0;
}

/* See story.h. */
int story_run(const story *s, int verbose)
{
    char *plugins = NULL, *sql = NULL;
    fbt_options o;
    runner r = {s, NULL, NULL, NULL};
    int rc;

    if (story_options(s, &o, &plugins, &sql) == 0)
        r.e = fbt_start(&o);
    free(plugins);
    free(sql);
    if (!r.e) {
        fprintf(stderr, "%s: could not start: %s\n", s->path, fbt_error(NULL));
        return 1;
    }
    rc = create_users(&r);
    for (int i = 0; rc == 0 && i < s->nsteps; i++) {
        r.step = &s->steps[i];
        if (verbose)
            fprintf(stderr, "%s:%d: %s\n", s->path, r.step->line, r.step->raw);
        rc = step(&r);
    }
    if (rc == 0)
        rc = final_checks(&r);
    if (rc != 0)
        print_log_tail(&r);
    fbt_msg_free(r.last);
    fbt_stop(r.e);
    return rc;
}
