/* fuzz_host_replay: the host parsers' properties (props.h) on the committed
 * corpus, on seeded mutations of it, and on the regression cases below, so
 * they run in every ctest run, with or without clang.
 * Usage: fuzz-host-replay CORPUS_DIR MUTATIONS_PER_TARGET */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "dispatch.h"
#include "props.h"
#include "telegram.h"

typedef struct input {
    uint8_t *data;
    size_t len;
} input;

typedef struct target {
    const char *dir;
    int (*check)(const uint8_t *, size_t);
    const char *junk; /* bytes the mutator likes to insert */
} target;

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int load(const char *path, input *in)
{
    FILE *f = fopen(path, "rb");
    long n;

    if (f == NULL)
        return -1;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    in->data = malloc(n > 0 ? (size_t)n : 1);
    in->len = in->data && n > 0 ? fread(in->data, 1, (size_t)n, f) : 0;
    fclose(f);
    return in->data ? 0 : -1;
}

/* A mutated copy of one input, or a splice of two (caller frees). */
static uint8_t *mutate(const input *all, size_t n, const char *junk,
                       size_t *len)
{
    const input *a = &all[next() % n], *b = &all[next() % n];
    size_t cap = a->len + b->len + 64, rounds = 1 + next() % 6, k;
    uint8_t *m = malloc(cap);

    if (m == NULL)
        return NULL;
    memcpy(m, a->data, a->len);
    *len = a->len;
    if (next() % 8 == 0 && b->len) { /* splice: a's head, b's tail */
        size_t cut = *len ? next() % *len : 0, from = next() % b->len;
        memcpy(m + cut, b->data + from, b->len - from);
        *len = cut + b->len - from;
    }
    for (k = 0; k<rounds && * len> 0; k++) {
        size_t pos = next() % *len;
        switch (next() % 5) {
        case 0:
            m[pos] ^= (uint8_t)(1u << (next() % 8));
            break;
        case 1:
            m[pos] = (uint8_t)junk[next() % strlen(junk)];
            break;
        case 2:
            memmove(m + pos, m + pos + 1, *len - pos - 1);
            (*len)--;
            break;
        case 3: /* a digit run: ids grow past 2^53 */
            if (*len + 8 < cap) {
                memmove(m + pos + 8, m + pos, *len - pos);
                memcpy(m + pos, &"90071992"[next() % 4], 4);
                memcpy(m + pos + 4, "5474", 4);
                *len += 8;
            }
            break;
        default:
            if (*len + 1 < cap) {
                memmove(m + pos + 1, m + pos, *len - pos);
                m[pos] = (uint8_t)next();
                (*len)++;
            }
        }
    }
    return m;
}

/* Replay dir/t->dir, then mutations. Returns the number of failures. */
static int run_target(const char *dir, const target *t, long mutations,
                      size_t *files)
{
    char path[4096];
    input all[512];
    size_t n = 0, i;
    int failed = 0;
    struct dirent *e;
    DIR *d;
    long k;

    snprintf(path, sizeof path, "%s/%s", dir, t->dir);
    d = opendir(path);
    if (d == NULL) {
        perror(path);
        return 1;
    }
    while ((e = readdir(d)) && n < 512) {
        char file[4400];
        if (e->d_name[0] == '.')
            continue;
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        if (load(file, &all[n]) != 0)
            continue;
        if (t->check(all[n].data, all[n].len) != 0) {
            fprintf(stderr, "  in %s\n", file);
            failed++;
        }
        n++;
    }
    closedir(d);
    if (n == 0) {
        fprintf(stderr, "%s: empty corpus\n", path);
        return 1;
    }
    for (k = 0; k < mutations && failed < 10; k++) {
        size_t len = 0;
        uint8_t *m = mutate(all, n, t->junk, &len);
        if (m && t->check(m, len) != 0) {
            fprintf(stderr, "  mutation %ld of %s\n", k, t->dir);
            failed++;
        }
        free(m);
    }
    for (i = 0; i < n; i++)
        free(all[i].data);
    *files += n;
    return failed;
}

/* ---- regression cases ------------------------------------------------------
 */

static int check(int ok, const char *what)
{
    if (!ok)
        fprintf(stderr, "regression: %s\n", what);
    return !ok;
}

static int id_rejected(const char *json)
{
    cJSON *j = cJSON_Parse(json);
    int64_t v = 0;
    int rc = fb__json_int64(j, &v);

    cJSON_Delete(j);
    return rc == -1 && v == 0;
}

/* Load text (len bytes) as a config; 1 if an error on line mentions
 * needle. */
static int config_reports(const char *text, size_t len, int line,
                          const char *needle)
{
    char path[] = "/tmp/hostfuzz-reg-XXXXXX";
    int fd = mkstemp(path), found = 0;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    fb__config cfg;
    fb__config_errors errs = {0};
    size_t i;

    if (f == NULL)
        return 0;
    fwrite(text, 1, len, f);
    fclose(f);
    fb__config_load(path, &cfg, &errs);
    for (i = 0; i < errs.n; i++)
        found |= errs.v[i].line == line && strstr(errs.v[i].msg, needle);
    fb__config_free(&cfg);
    fb__config_errors_free(&errs);
    unlink(path);
    return found;
}

#define CONFIG_REPORTS(lit, line, needle)                                      \
    config_reports(lit, sizeof lit - 1, line, needle)

static int regressions(void)
{
    int bad = 0;
    cJSON *j;
    fb__update u;

    /* 2^53 + 1 reads as the double 2^53: it must not pass as 2^53 */
    bad += check(id_rejected("9007199254740993"), "2^53+1 rejected");
    bad += check(id_rejected("-9007199254740993"), "-(2^53+1) rejected");
    bad += check(id_rejected("9007199254740992"), "2^53 rejected");
    bad += check(id_rejected("1.5") && id_rejected("-0.25") &&
                     id_rejected("1e300") && id_rejected("\"42\""),
                 "fractions, huge and strings rejected");
    bad += check(!id_rejected("9007199254740991") &&
                     !id_rejected("-9007199254740991"),
                 "2^53-1 accepted");
    j = cJSON_Parse("{\"update_id\":9007199254740993,\"message\":{}}");
    bad += check(fb__update_parse(j, "FitBot", &u) == -1,
                 "update_id beyond 2^53 refused");
    cJSON_Delete(j);
    j = cJSON_Parse("{\"update_id\":1,\"message\":{\"from\":{\"id\":"
                    "9007199254740993},\"chat\":{\"id\":2.5,\"type\":"
                    "\"private\"},\"text\":\"hi\"}}");
    bad += check(fb__update_parse(j, "FitBot", &u) == 0 && u.user == 0 &&
                     u.chat == 0,
                 "sender and chat ids beyond 2^53 or fractional are left 0");
    cJSON_Delete(j);
    /* an unknown key is reported on its own line, also after a line
     * holding a NUL byte (the text below has one, after "junk") */
    bad += check(CONFIG_REPORTS("[fitbot]\nworkers = 4\nwrokers = 5\n", 3,
                                "unknown key 'wrokers'"),
                 "unknown key on its line");
    bad += check(CONFIG_REPORTS("[fitbot]\n; junk\0junk\nwrokers = 5\n", 3,
                                "unknown key 'wrokers'"),
                 "unknown key on its line after a NUL byte");
    /* a line longer than inih's first buffer (200 bytes) is one line */
    bad += check(!CONFIG_REPORTS("[fitbot]\n[plugin.users]\nwelcome = "
                                 "0123456789012345678901234567890123456789"
                                 "0123456789012345678901234567890123456789"
                                 "0123456789012345678901234567890123456789"
                                 "0123456789012345678901234567890123456789"
                                 "0123456789012345678901234567890123456789"
                                 "\n",
                                 3, "not a 'key = value' line"),
                 "a long line is not cut into bad lines");
    bad += check(CONFIG_REPORTS("[fitbot]\nworkers = 4\0junk\n", 2, "NUL byte"),
                 "a NUL byte is reported");
    return bad;
}

int main(int argc, char **argv)
{
    static const target targets[] = {
        {"update", hostfuzz_update, "{}[]\",:\\-.0123456789e@/ "},
        {"config", hostfuzz_config, "[]=:;#\n\t .-_0123456789afitbot"},
        {"json", hostfuzz_json, "-.0123456789eE+[]{},\" "},
        {"getupdates", hostfuzz_getupdates, "{}[]\",:-0123456789truefalsok"},
    };
    size_t files = 0, i;
    int failed;
    long mutations;

    if (argc != 3) {
        fprintf(stderr, "usage: %s CORPUS_DIR MUTATIONS_PER_TARGET\n", argv[0]);
        return 2;
    }
    hostfuzz_init();
    mutations = strtol(argv[2], NULL, 10);
    failed = regressions();
    for (i = 0; i < sizeof targets / sizeof targets[0]; i++)
        failed += run_target(argv[1], &targets[i], mutations, &files);
    printf("%zu corpus files, %ld mutations per parser, regressions: "
           "%d failed\n",
           files, mutations, failed);
    return failed ? 1 : 0;
}
