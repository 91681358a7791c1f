/* Properties of the story parser (sdk/testkit/story_parse.c) on arbitrary
 * text, for the libFuzzer target fuzz-story-parse and the corpus replay
 * fuzz_story_replay:
 *  - it never crashes or leaks, and a refusal says "file:line: why";
 *  - a parsed story has at least one step; each step's op, user and line
 *    are in range, in file order, and its raw text is its line, trimmed;
 *  - re-serialised (each step line written back from its raw text,
 *    indented, a comment after every line), the story parses to the same
 *    steps, each on line 2n-1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "story.h"

#define MAX_STORY 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_file(void)
{
    unlink(path);
}

static void write_file(const char *text, size_t n)
{
    FILE *f;

    if (!path[0]) {
        int fd;
        /* in memory when it can be: ext4 flushes a file rewritten with
         * truncate at every close (a disk write per input) */
        snprintf(path, sizeof path, "%s/storyfuzz-XXXXXX",
                 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
        if ((fd = mkstemp(path)) < 0)
            abort();
        close(fd);
        atexit(remove_file);
    }
    f = fopen(path, "wb");
    if (!f || fwrite(text, 1, n, f) != n || fclose(f) != 0)
        abort();
}

static int broken(const char *what, const char *text)
{
    fprintf(stderr, "storyfuzz: property failed: %s\nstory:\n%s\n", what, text);
    return 1;
}

/* The trimmed text of line n (1-based) of text, cut at a NUL, into out. */
static void line_text(const char *text, size_t size, int n, char *out,
                      size_t len)
{
    const char *l = text, *end = text + size, *nl, *a, *b;

    while (--n > 0 && (nl = memchr(l, '\n', (size_t)(end - l))))
        l = nl + 1;
    nl = memchr(l, '\n', (size_t)(end - l));
    b = nl ? nl : end;
    a = memchr(l, '\0', (size_t)(b - l));
    b = a ? a : b;
    while (l < b && strchr(" \t\r\v\f", *l))
        l++;
    while (b > l && strchr(" \t\r\v\f\n", b[-1]))
        b--;
    snprintf(out, len, "%.*s", (int)(b - l), l);
}

static const char *steps_problem(const story *s, const char *text, size_t size)
{
    static char want[MAX_STORY + 1];
    int prev = 0;

    if (s->nsteps < 1)
        return "a parsed story without steps";
    for (int i = 0; i < s->nsteps; i++) {
        const story_step *st = &s->steps[i];
        if (st->op < ST_SAY || st->op > ST_STARS || st->user < -1 ||
            st->user >= s->nusers || !st->arg || !st->raw)
            return "a step's op, user or text out of range";
        if (st->line < prev || st->line < 1)
            return "steps out of file order";
        prev = st->line;
        line_text(text, size, st->line, want, sizeof want);
        if (strcmp(want, st->raw) != 0)
            return "a step's raw text is not its line, trimmed";
    }
    return NULL;
}

/* text with each step line written back from its raw text. */
static char *reserialise(const story *s, const char *text, size_t size,
                         size_t *n)
{
    char *out = NULL;
    FILE *f = open_memstream(&out, n);
    const char *l = text, *end = text + size;
    int line = 0, k = 0;

    if (!f)
        abort();
    while (l < end) {
        const char *nl = memchr(l, '\n', (size_t)(end - l));
        size_t len = nl ? (size_t)(nl - l) : (size_t)(end - l);
        line++;
        if (k < s->nsteps && s->steps[k].line == line) {
            fprintf(f, "  %s\n", s->steps[k].raw);
            while (k < s->nsteps && s->steps[k].line == line)
                k++;
        } else {
            fprintf(f, "%.*s\n", (int)strnlen(l, len), l);
        }
        fputs("# re-serialised\n", f);
        l = nl ? nl + 1 : end;
    }
    fclose(f);
    return out;
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const char *same_story(const story *a, const story *b)
{
    if (a->nsteps != b->nsteps || a->nusers != b->nusers ||
        a->ngroups != b->ngroups || !same_str(a->plugins, b->plugins) ||
        !same_str(a->timezone, b->timezone) || !same_str(a->config, b->config))
        return "re-serialised: another story (steps, users or headers)";
    for (int i = 0; i < a->nsteps; i++) {
        const story_step *x = &a->steps[i], *y = &b->steps[i];
        if (x->op != y->op || x->user != y->user || x->chat != y->chat ||
            strcmp(x->arg, y->arg) || !same_str(x->want, y->want) ||
            x->ms != y->ms || x->at != y->at || x->relative != y->relative ||
            strcmp(x->raw, y->raw) || y->line != 2 * x->line - 1)
            return "re-serialised: a step differs";
    }
    return NULL;
}

static const char *roundtrip_problem(const story *s, const char *text,
                                     size_t size)
{
    story again;
    char err[512];
    size_t n;
    char *t2 = reserialise(s, text, size, &n);
    const char *p = NULL;

    write_file(t2, n);
    if (story_parse(path, &again, err, sizeof err) != 0)
        p = "re-serialised: refused";
    else
        p = same_story(s, &again);
    story_free(&again);
    free(t2);
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char text[MAX_STORY + 1];
    story s;
    char err[512] = "";
    const char *p = NULL;

    if (size > MAX_STORY)
        size = MAX_STORY;
    memcpy(text, data, size);
    text[size] = '\0';
    write_file(text, size);
    if (story_parse(path, &s, err, sizeof err) != 0) {
        if (strncmp(err, path, strlen(path)) != 0 || !strchr(err, ':'))
            p = "a refusal without \"file:line: why\"";
    } else if (!(p = steps_problem(&s, text, size))) {
        p = roundtrip_problem(&s, text, size);
    }
    story_free(&s);
    return p && broken(p, text) ? (abort(), 0) : 0;
}
