/* Parsing .story files (format: docs/SCENARIOS.md). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "story.h"

typedef struct parser {
    story *s;
    int line;
    char *err;
    size_t errlen;
    int steps_started;
    const char *raw; /* the current line, untouched */
} parser;

static int perr(parser *p, const char *fmt, const char *arg)
{
    int n = snprintf(p->err, p->errlen, "%s:%d: ", p->s->path, p->line);

    if (n > 0 && (size_t)n < p->errlen)
        snprintf(p->err + n, p->errlen - (size_t)n, fmt, arg);
    return -1;
}

/* Trim in place; returns s. */
static char *trim(char *s)
{
    char *e;

    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/* "\n" in texts stands for a line break. */
static char *unescape(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;

    for (; out && *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            *o++ = '\n';
            s++;
        } else {
            *o++ = *s;
        }
    }
    if (out)
        *o = '\0';
    return out;
}

static int find_user(const story *s, const char *name)
{
    for (int i = 0; i < s->nusers; i++)
        if (strcmp(s->users[i].name, name) == 0)
            return i;
    return -1;
}

static int add_step(parser *p, story_op op, int user, const char *arg)
{
    story *s = p->s;
    story_step *st = realloc(s->steps, (size_t)(s->nsteps + 1) * sizeof *st);

    if (!st)
        return perr(p, "%s", "out of memory");
    s->steps = st;
    st = &s->steps[s->nsteps++];
    memset(st, 0, sizeof *st);
    st->op = op;
    st->line = p->line;
    st->user = user;
    st->arg = unescape(arg ? arg : "");
    st->raw = strdup(p->raw);
    p->steps_started = 1;
    return st->arg && st->raw ? 0 : perr(p, "%s", "out of memory");
}

/* Split "left => right" into the step's arg and want. */
static int add_with_want(parser *p, story_op op, char *rest)
{
    char *arrow = NULL, *at;
    story_step *st;

    for (at = strstr(rest, "=>"); at; at = strstr(at + 1, "=>"))
        arrow = at; /* the last one: SQL may contain "=>" itself */

    if (!arrow)
        return perr(p, "expected '... => value' in: %s", rest);
    *arrow = '\0';
    if (add_step(p, op, -1, trim(rest)) != 0)
        return -1;
    st = &p->s->steps[p->s->nsteps - 1];
    st->want = strdup(trim(arrow + 2));
    return st->want ? 0 : perr(p, "%s", "out of memory");
}

/* "user NAME ID [FIRST NAME...] [ROLE]": role is the last word when it is
 * one of none/member/staff/admin. */
static int parse_user(parser *p, char *rest)
{
    static const char *const roles[] = {"none", "member", "staff", "admin"};
    story_user u = {0};
    char *name = strtok(rest, " \t"), *id = strtok(NULL, " \t");
    char *first = strtok(NULL, ""), *last;
    int64_t v;
    story_user *grown;

    if (!name || !id || fb_parse_id(id, &v) != 0)
        return perr(p, "%s", "want: user NAME ID [First name] [role]");
    if (strlen(name) >= sizeof u.name || find_user(p->s, name) >= 0)
        return perr(p, "bad or duplicate user name %s", name);
    snprintf(u.name, sizeof u.name, "%s", name);
    u.id = v;
    first = first ? trim(first) : "";
    last = strrchr(first, ' ') ? strrchr(first, ' ') + 1 : first;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(last, roles[i]) == 0) {
            snprintf(u.role, sizeof u.role, "%s", roles[i]);
            *last = '\0';
        }
    first = trim(first);
    if (*first == '"' && strlen(first) > 1 && first[strlen(first) - 1] == '"') {
        first[strlen(first) - 1] = '\0';
        first++;
    }
    snprintf(u.first_name, sizeof u.first_name, "%s", *first ? first : name);
    grown = realloc(p->s->users, (size_t)(p->s->nusers + 1) * sizeof *grown);
    if (!grown)
        return perr(p, "%s", "out of memory");
    p->s->users = grown;
    grown[p->s->nusers++] = u;
    return 0;
}

/* "config: plugin.key = value" -> "[plugin.PLUGIN]\nkey = value\n". */
static int parse_config(parser *p, char *rest)
{
    char *dot = strchr(rest, '.'), *eq = strchr(rest, '='), *grown, *line;
    size_t old = p->s->config ? strlen(p->s->config) : 0;

    if (!dot || !eq || dot > eq)
        return perr(p, "%s", "want: config: PLUGIN.KEY = VALUE");
    *dot = '\0';
    *eq = '\0';
    if (asprintf(&line, "[plugin.%s]\n%s = %s\n", trim(rest), trim(dot + 1),
                 trim(eq + 1)) < 0)
        return perr(p, "%s", "out of memory");
    grown = realloc(p->s->config, old + strlen(line) + 1);
    if (grown)
        strcpy(grown + old, line);
    free(line);
    if (!grown)
        return perr(p, "%s", "out of memory");
    p->s->config = grown;
    return 0;
}

static int parse_int(parser *p, const char *v, int64_t min, int64_t max,
                     int64_t *out)
{
    if (fb_parse_int64(v, min, max, out) != 0)
        return perr(p, "not a number in range: %s", v);
    return 0;
}

/* Header lines ("key: value" before the first step). 1 if not a header. */
static int parse_header(parser *p, const char *key, char *val)
{
    int64_t v;
    story *s = p->s;

    if (strcmp(key, "plugins") == 0)
        return (s->plugins = strdup(val)) ? 0 : perr(p, "%s", "no memory");
    if (strcmp(key, "config") == 0)
        return parse_config(p, val);
    if (strcmp(key, "super admin") == 0)
        return parse_int(p, val, 1, INT64_MAX, &s->super_admin);
    if (strcmp(key, "timeout") == 0) {
        if (parse_int(p, val, 1, 600000, &v) != 0)
            return -1;
        s->timeout_ms = (int)v;
        return 0;
    }
    if (strcmp(key, "conversation timeout") == 0) {
        if (parse_int(p, val, 10, 2592000, &v) != 0)
            return -1;
        s->conversation_timeout = (int)v;
        return 0;
    }
    if (strcmp(key, "time scale") == 0) {
        s->time_scale = strtod(val, NULL);
        return s->time_scale > 0 ? 0 : perr(p, "bad time scale %s", val);
    }
    return 1;
}

/* "sleep 500ms", "sleep 2s", "sleep 2". */
static int parse_sleep(parser *p, const char *arg)
{
    char *end;
    double v = strtod(arg, &end);

    if (end == arg || v < 0 || v > 600)
        return perr(p, "bad sleep: %s", arg);
    end = trim(end);
    if (strcmp(end, "ms") == 0)
        v /= 1000;
    else if (*end && strcmp(end, "s") != 0)
        return perr(p, "bad sleep unit: %s", end);
    if (add_step(p, ST_SLEEP, -1, "") != 0)
        return -1;
    p->s->steps[p->s->nsteps - 1].ms = (int)(v * 1000);
    return 0;
}

/* Lines without a colon: sleep, restart host, kill host, ... */
static int parse_bare(parser *p, char *line)
{
    static const struct {
        const char *text;
        story_op op;
    } bare[] = {{"restart host", ST_RESTART},
                {"kill host", ST_KILL},
                {"stop host", ST_STOP},
                {"start host", ST_START}};
    char *arrow;
    int u;

    if (strncmp(line, "sleep", 5) == 0)
        return parse_sleep(p, line + 5);
    for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++)
        if (strcmp(line, bare[i].text) == 0)
            return add_step(p, bare[i].op, -1, "");
    if (strncmp(line, "silence", 7) == 0 && (arrow = strstr(line, "->"))) {
        u = find_user(p->s, trim(arrow + 2));
        if (u < 0)
            return perr(p, "unknown user in: %s", line);
        return add_step(p, ST_SILENCE, u, "");
    }
    return perr(p, "cannot read this line: %s", line);
}

/* "bot -> NAME" / "bot edits -> NAME" / "answer -> NAME" before the colon. */
static int parse_arrow(parser *p, char *left, char *rest)
{
    char *arrow = strstr(left, "->");
    char *who = trim(arrow + 2);
    int u = find_user(p->s, who);

    *arrow = '\0';
    left = trim(left);
    if (u < 0)
        return perr(p, "unknown user %s", who);
    if (strcmp(left, "bot") == 0)
        return add_step(p, ST_EXPECT, u, rest);
    if (strcmp(left, "bot edits") == 0)
        return add_step(p, ST_EXPECT_EDIT, u, rest);
    if (strcmp(left, "answer") == 0)
        return add_step(p, ST_ANSWER, u, rest);
    return perr(p, "unknown speaker %s (want bot, bot edits or answer)", left);
}

/* "NAME: text", "NAME presses: X", "NAME sends contact: X", ... */
static int parse_user_action(parser *p, char *left, char *rest)
{
    static const struct {
        const char *verb;
        story_op op;
    } verbs[] = {{"", ST_SAY},
                 {"presses", ST_PRESS},
                 {"presses data", ST_PRESS_DATA},
                 {"forges", ST_FORGE},
                 {"sends contact", ST_CONTACT},
                 {"sends photo", ST_PHOTO},
                 {"sends document", ST_DOCUMENT}};
    char *sp = strchr(left, ' ');
    const char *verb = sp ? trim(sp + 1) : "";
    int u;

    if (sp)
        *sp = '\0';
    u = find_user(p->s, left);
    if (u < 0)
        return perr(p, "unknown user or keyword: %s", left);
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(verb, verbs[i].verb) == 0)
            return add_step(p, verbs[i].op, u, rest);
    return perr(p, "unknown action: %s", verb);
}

/* Lines "left: rest" that are steps. */
static int parse_step(parser *p, char *left, char *rest)
{
    int u;

    if (strstr(left, "->"))
        return parse_arrow(p, left, rest);
    if (strcmp(left, "buttons") == 0)
        return add_step(p, ST_BUTTONS, -1, rest);
    if (strcmp(left, "db") == 0)
        return add_with_want(p, ST_DB, rest);
    if (strcmp(left, "counter") == 0)
        return add_with_want(p, ST_COUNTER, rest);
    if (strcmp(left, "sql") == 0)
        return add_step(p, ST_SQL, -1, rest);
    if (strcmp(left, "log") == 0)
        return add_step(p, ST_LOG, -1, rest);
    if (strcmp(left, "no log") == 0)
        return add_step(p, ST_NO_LOG, -1, rest);
    if (strncmp(left, "role ", 5) == 0) {
        u = find_user(p->s, trim(left + 5));
        if (u < 0)
            return perr(p, "unknown user in: role %s", left + 5);
        return add_step(p, ST_ROLE, u, rest);
    }
    return parse_user_action(p, left, rest);
}

static int parse_line(parser *p, char *line)
{
    char *colon, *left, *rest;
    int rc;

    line = trim(line);
    if (*line == '\0' || *line == '#' || strcmp(line, "---") == 0)
        return 0;
    if (strncmp(line, "user ", 5) == 0) {
        if (p->steps_started)
            return perr(p, "%s", "users are declared before the first step");
        return parse_user(p, line + 5);
    }
    colon = strchr(line, ':');
    if (!colon)
        return parse_bare(p, line);
    *colon = '\0';
    left = trim(line);
    rest = trim(colon + 1);
    rc = parse_header(p, left, rest);
    if (rc == 1)
        return parse_step(p, left, rest);
    if (rc == 0 && p->steps_started)
        return perr(p, "header line after the first step: %s", left);
    return rc;
}

/* See story.h. */
int story_parse(const char *path, story *s, char *err, size_t errlen)
{
    parser p = {s, 0, err, errlen, 0, NULL};
    char *line = NULL, *copy;
    size_t cap = 0;
    FILE *f;
    int rc = 0;

    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s", path);
    s->timeout_ms = 10000;
    f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    while (rc == 0 && getline(&line, &cap, f) >= 0) {
        p.line++;
        copy = strdup(line);
        p.raw = copy ? trim(copy) : "";
        rc = parse_line(&p, line);
        free(copy);
    }
    free(line);
    fclose(f);
    if (rc == 0 && s->nsteps == 0) {
        p.line = 0;
        rc = perr(&p, "%s", "a story needs at least one step");
    }
    return rc;
}

/* See story.h. */
void story_free(story *s)
{
    for (int i = 0; i < s->nsteps; i++) {
        free(s->steps[i].arg);
        free(s->steps[i].want);
        free(s->steps[i].raw);
    }
    free(s->steps);
    free(s->users);
    free(s->plugins);
    free(s->config);
    memset(s, 0, sizeof *s);
}
