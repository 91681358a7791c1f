/* Parsing .story files (format: docs/SCENARIOS.md). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* Strip one pair of surrounding double quotes in place. */
static char *unquote(char *s)
{
    size_t n = strlen(s);

    if (n > 1 && s[0] == '"' && s[n - 1] == '"') {
        s[n - 1] = '\0';
        return s + 1;
    }
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

static int find_group(const story *s, const char *name)
{
    for (int i = 0; i < s->ngroups; i++)
        if (strcmp(s->groups[i].name, name) == 0)
            return i;
    return -1;
}

/* A chat by name: a user's private chat or a group. 0 if unknown. */
static int64_t chat_named(const story *s, const char *name)
{
    int i = find_user(s, name);

    if (i >= 0)
        return s->users[i].id;
    i = find_group(s, name);
    return i >= 0 ? s->groups[i].id : 0;
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
    st->chat = user >= 0 ? s->users[user].id : 0;
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

/* Take a "phone=+91..." word out of s into phone. 0, or -1 if too long. */
static int take_phone(char *s, char *phone, size_t len)
{
    char *at = strstr(s, "phone="), *end;
    size_t n;

    if (!at || (at > s && at[-1] != ' ' && at[-1] != '\t'))
        return 0;
    end = at + 6 + strcspn(at + 6, " \t");
    n = (size_t)(end - at - 6);
    if (n == 0 || n >= len)
        return -1;
    memcpy(phone, at + 6, n);
    phone[n] = '\0';
    memmove(at, end, strlen(end) + 1);
    return 0;
}

/* "user NAME ID [FIRST NAME...] [ROLE] [phone=+91...]": role is the last
 * word when it is one of none/member/staff/admin; phone= may stand
 * anywhere after the id. */
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
    if (strlen(name) >= sizeof u.name || chat_named(p->s, name))
        return perr(p, "bad or duplicate user name %s", name);
    snprintf(u.name, sizeof u.name, "%s", name);
    u.id = v;
    first = first ? trim(first) : "";
    if (take_phone(first, u.phone, sizeof u.phone) != 0)
        return perr(p, "%s", "want: phone=+91... (up to 23 characters)");
    first = trim(first);
    last = strrchr(first, ' ') ? strrchr(first, ' ') + 1 : first;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(last, roles[i]) == 0) {
            snprintf(u.role, sizeof u.role, "%s", roles[i]);
            *last = '\0';
        }
    first = unquote(trim(first));
    snprintf(u.first_name, sizeof u.first_name, "%s", *first ? first : name);
    grown = realloc(p->s->users, (size_t)(p->s->nusers + 1) * sizeof *grown);
    if (!grown)
        return perr(p, "%s", "out of memory");
    p->s->users = grown;
    grown[p->s->nusers++] = u;
    return 0;
}

/* "group NAME ID ["Title"] member...": a group chat of declared users. */
static int parse_group(parser *p, char *rest)
{
    story_group g = {0}, *grown;
    char *name = strtok(rest, " \t"), *id = strtok(NULL, " \t"), *tok;
    char *title = strtok(NULL, ""), *close;

    if (!name || !id || fb_parse_int64(id, INT64_MIN, INT64_MAX, &g.id) != 0 ||
        g.id == 0)
        return perr(p, "%s", "want: group NAME ID [\"Title\"] MEMBER...");
    if (strlen(name) >= sizeof g.name || chat_named(p->s, name))
        return perr(p, "bad or duplicate group name %s", name);
    snprintf(g.name, sizeof g.name, "%s", name);
    title = title ? trim(title) : "";
    snprintf(g.title, sizeof g.title, "%s", name);
    if (*title == '"' && (close = strchr(title + 1, '"'))) {
        *close = '\0';
        snprintf(g.title, sizeof g.title, "%s", title + 1);
        title = close + 1;
    }
    for (tok = strtok(title, " \t"); tok; tok = strtok(NULL, " \t")) {
        int u = find_user(p->s, tok);
        if (u < 0)
            return perr(p, "unknown member %s (declare users first)", tok);
        if (g.nmembers == (int)(sizeof g.members / sizeof g.members[0]))
            return perr(p, "%s", "too many members");
        g.members[g.nmembers++] = p->s->users[u].id;
    }
    grown = realloc(p->s->groups, (size_t)(p->s->ngroups + 1) * sizeof *grown);
    if (!grown)
        return perr(p, "%s", "out of memory");
    p->s->groups = grown;
    grown[p->s->ngroups++] = g;
    return 0;
}

/* Append "line" to *ini. */
static int ini_append(parser *p, char **ini, const char *line)
{
    size_t old = *ini ? strlen(*ini) : 0;
    char *grown = realloc(*ini, old + strlen(line) + 1);

    if (!grown)
        return perr(p, "%s", "out of memory");
    memcpy(grown + old, line, strlen(line) + 1);
    *ini = grown;
    return 0;
}

/* "host config: key = value" -> a line of the [fitbot] section. */
static int parse_host_config(parser *p, char *rest)
{
    char *eq = strchr(rest, '='), *line;
    int rc;

    if (!eq)
        return perr(p, "%s", "want: host config: KEY = VALUE");
    *eq = '\0';
    if (asprintf(&line, "%s = %s\n", trim(rest), trim(eq + 1)) < 0)
        return perr(p, "%s", "out of memory");
    rc = ini_append(p, &p->s->host_config, line);
    free(line);
    return rc;
}

/* "host env: NAME=value" -> a variable of the host's environment. */
static int parse_host_env(parser *p, char *rest)
{
    char *line;
    int rc;

    if (!strchr(rest, '=') || *rest == '=')
        return perr(p, "%s", "want: host env: NAME=value");
    if (asprintf(&line, "%s\n", rest) < 0)
        return perr(p, "%s", "out of memory");
    rc = ini_append(p, &p->s->host_env, line);
    free(line);
    return rc;
}

/* "config: plugin.key = value" -> "[plugin.PLUGIN]\nkey = value\n". */
static int parse_config(parser *p, char *rest)
{
    char *dot = strchr(rest, '.'), *eq = strchr(rest, '='), *line;
    int rc;

    if (!dot || !eq || dot > eq)
        return perr(p, "%s", "want: config: PLUGIN.KEY = VALUE");
    *dot = '\0';
    *eq = '\0';
    if (asprintf(&line, "[plugin.%s]\n%s = %s\n", trim(rest), trim(dot + 1),
                 trim(eq + 1)) < 0)
        return perr(p, "%s", "out of memory");
    rc = ini_append(p, &p->s->config, line);
    free(line);
    return rc;
}

static int parse_int(parser *p, const char *v, int64_t min, int64_t max,
                     int64_t *out)
{
    if (fb_parse_int64(v, min, max, out) != 0)
        return perr(p, "not a number in range: %s", v);
    return 0;
}

/* Append item to the sep-separated list *list. */
static int list_append(parser *p, char **list, const char *item, char sep)
{
    char one[2] = {sep, '\0'};

    if (*list && ini_append(p, list, one) != 0)
        return -1;
    return ini_append(p, list, item);
}

/* "migrations: name = path" -> "name=path" of the story's sql folders. */
static int parse_migrations(parser *p, char *rest)
{
    char *eq = strchr(rest, '='), *name, *path, *item;
    int rc;

    if (!eq)
        return perr(p, "%s", "want: migrations: NAME = PATH");
    *eq = '\0';
    name = trim(rest);
    path = trim(eq + 1);
    if (!*name || !*path || strchr(path, ';'))
        return perr(p, "%s", "want: migrations: NAME = PATH");
    if (asprintf(&item, "%s=%s", name, path) < 0)
        return perr(p, "%s", "out of memory");
    rc = list_append(p, &p->s->sql_dirs, item, ';');
    free(item);
    return rc;
}

/* "timezone: Asia/Kolkata": the host's [fitbot] timezone, and the zone of
 * the story's "clock:" dates. */
static int parse_timezone(parser *p, const char *zone)
{
    char *line;
    int rc;

    if (!*zone || strchr(zone, ' ') || p->s->timezone)
        return perr(p, "bad or repeated timezone: %s", zone);
    if (!(p->s->timezone = strdup(zone)) ||
        asprintf(&line, "timezone = %s\n", zone) < 0)
        return perr(p, "%s", "out of memory");
    rc = ini_append(p, &p->s->host_config, line);
    free(line);
    return rc;
}

/* The headers about plugins, migrations, pacing and the calendar. 1 if
 * key is none of them. */
static int parse_world_header(parser *p, const char *key, char *val)
{
    story *s = p->s;
    size_t n = strlen(val);

    if (strcmp(key, "plugin") == 0) {
        if (n < 4 || strcmp(val + n - 3, ".so") != 0 || strchr(val, ':'))
            return perr(p, "want: plugin: PATH/NAME.so, got %s", val);
        return list_append(p, &s->plugin_files, val, ':');
    }
    if (strcmp(key, "migrations") == 0)
        return parse_migrations(p, val);
    if (strcmp(key, "timezone") == 0)
        return parse_timezone(p, val);
    if (strcmp(key, "pacing") == 0) {
        if (strcmp(val, "fast") != 0 && strcmp(val, "real") != 0)
            return perr(p, "want: pacing: fast | real, got %s", val);
        s->real_pacing = strcmp(val, "real") == 0;
        return 0;
    }
    return 1;
}

/* Header lines ("key: value" before the first step). 1 if not a header. */
static int parse_header(parser *p, const char *key, char *val)
{
    int64_t v;
    story *s = p->s;
    int rc = parse_world_header(p, key, val);

    if (rc != 1)
        return rc;

    if (strcmp(key, "plugins") == 0) {
        free(s->plugins); /* a repeated line: the last one holds */
        return (s->plugins = strdup(val)) ? 0 : perr(p, "%s", "no memory");
    }
    if (strcmp(key, "plugin dir") == 0) {
        free(s->plugin_dir);
        return (s->plugin_dir = strdup(val)) ? 0 : perr(p, "%s", "no memory");
    }
    if (strcmp(key, "config") == 0)
        return parse_config(p, val);
    if (strcmp(key, "host config") == 0)
        return parse_host_config(p, val);
    if (strcmp(key, "host env") == 0)
        return parse_host_env(p, val);
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

/* The epoch of a broken-down local time in zone (NULL: UTC). */
static int64_t zone_epoch(struct tm *tm, const char *zone)
{
    char *saved = getenv("TZ");
    time_t t;

    if (!zone)
        return (int64_t)timegm(tm);
    saved = saved ? strdup(saved) : NULL;
    setenv("TZ", zone, 1);
    tzset();
    tm->tm_isdst = -1;
    t = mktime(tm);
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    free(saved);
    return (int64_t)t;
}

/* "+3d", "+2h", "+30m", "+45s" (or "-..."): seconds into *out. 0 or -1. */
static int parse_offset(const char *arg, int64_t *out)
{
    static const char units[] = "dhms";
    static const int64_t secs[] = {86400, 3600, 60, 1};
    char num[24];
    size_t n = strlen(arg);
    const char *u;
    int64_t v;

    if (n < 3 || n >= sizeof num || (arg[0] != '+' && arg[0] != '-') ||
        !(u = strchr(units, arg[n - 1])))
        return -1;
    memcpy(num, arg + 1, n - 2);
    num[n - 2] = '\0';
    if (fb_parse_int64(num, 0, INT64_MAX / 86400, &v) != 0)
        return -1;
    *out = (arg[0] == '-' ? -v : v) * secs[u - units];
    return 0;
}

/* "clock: 2030-01-15 09:00[:SS]" in the story's timezone (UTC without
 * one), or "clock: +3d" / "+2h" / "+30m" / "+45s". */
static int parse_clock(parser *p, const char *arg)
{
    struct tm tm;
    const char *end;
    story_step *st;
    int64_t at;
    int relative = arg[0] == '+' || arg[0] == '-';

    if (relative && parse_offset(arg, &at) != 0)
        return perr(p, "want: clock: +N followed by d, h, m or s; got %s", arg);
    if (!relative) {
        memset(&tm, 0, sizeof tm);
        end = strptime(arg, "%Y-%m-%d %H:%M", &tm);
        if (end && *end == ':')
            end = strptime(end + 1, "%S", &tm);
        if (!end || *end)
            return perr(p, "want: clock: YYYY-MM-DD HH:MM; got %s", arg);
        at = zone_epoch(&tm, p->s->timezone);
    }
    if (add_step(p, ST_CLOCK, -1, arg) != 0)
        return -1;
    st = &p->s->steps[p->s->nsteps - 1];
    st->at = at;
    st->relative = relative;
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
    size_t n = strlen(line), tail = strlen(" blocks the bot");

    if (n > tail && strcmp(line + n - tail, " blocks the bot") == 0) {
        int u;
        line[n - tail] = '\0';
        if ((u = find_user(p->s, trim(line))) < 0)
            return perr(p, "unknown user %s", line);
        return add_step(p, ST_BLOCK, u, "");
    }
    if (strncmp(line, "sleep", 5) == 0)
        return parse_sleep(p, line + 5);
    for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++)
        if (strcmp(line, bare[i].text) == 0)
            return add_step(p, bare[i].op, -1, "");
    if (strncmp(line, "silence", 7) == 0 && (arrow = strstr(line, "->"))) {
        int64_t chat = chat_named(p->s, trim(arrow + 2));
        if (!chat)
            return perr(p, "unknown user or group in: %s", line);
        if (add_step(p, ST_SILENCE, -1, "") != 0)
            return -1;
        p->s->steps[p->s->nsteps - 1].chat = chat;
        return 0;
    }
    return perr(p, "cannot read this line: %s", line);
}

/* "bot -> NAME" / "bot edits -> NAME" / "answer -> NAME" before the colon. */
static int parse_arrow(parser *p, char *left, char *rest)
{
    char *arrow = strstr(left, "->");
    char *who = trim(arrow + 2);
    int64_t chat = chat_named(p->s, who);
    int u = find_user(p->s, who);

    *arrow = '\0';
    left = trim(left);
    if (!chat)
        return perr(p, "unknown user or group %s", who);
    if (strcmp(left, "answer") == 0)
        return u < 0 ? perr(p, "answer -> a user, not %s", who)
                     : add_step(p, ST_ANSWER, u, rest);
    if (strcmp(left, "bot") == 0 && add_step(p, ST_EXPECT, u, rest) == 0)
        return p->s->steps[p->s->nsteps - 1].chat = chat, 0;
    if (strcmp(left, "bot edits") == 0 &&
        add_step(p, ST_EXPECT_EDIT, u, rest) == 0)
        return p->s->steps[p->s->nsteps - 1].chat = chat, 0;
    if (strcmp(left, "bot sends document") == 0 &&
        add_step(p, ST_EXPECT_DOC, u, rest) == 0)
        return p->s->steps[p->s->nsteps - 1].chat = chat, 0;
    if (strcmp(left, "bot sends photo") == 0 &&
        add_step(p, ST_EXPECT_PHOTO, u, rest) == 0)
        return p->s->steps[p->s->nsteps - 1].chat = chat, 0;
    return perr(p,
                "unknown speaker %s (want bot, bot edits, bot sends "
                "document, bot sends photo or answer)",
                left);
}

/* "asha sends contact of ravi: +91...": someone else's contact. */
static int parse_contact_of(parser *p, int u, const char *owner, char *rest)
{
    int o = find_user(p->s, owner);
    char id[24];
    story_step *st;

    if (o < 0)
        return perr(p, "unknown user in: sends contact of %s", owner);
    if (add_step(p, ST_CONTACT, u, rest) != 0)
        return -1;
    st = &p->s->steps[p->s->nsteps - 1];
    snprintf(id, sizeof id, "%" PRId64, p->s->users[o].id);
    st->want = strdup(id);
    return st->want ? 0 : perr(p, "%s", "out of memory");
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
    char *sp = strchr(left, ' '), *verb = sp ? trim(sp + 1) : "";
    int u, gi = -1;

    if (sp)
        *sp = '\0';
    u = find_user(p->s, left);
    if (u < 0)
        return perr(p, "unknown user or keyword: %s", left);
    if (strncmp(verb, "sends contact of ", 17) == 0)
        return parse_contact_of(p, u, trim(verb + 17), rest);
    if (strncmp(verb, "in ", 3) == 0) { /* "asha in club presses: X" */
        char *g = trim(verb + 3);
        verb = strchr(g, ' ') ? trim(strchr(g, ' ')) : "";
        if (*verb)
            g[strcspn(g, " ")] = '\0';
        if ((gi = find_group(p->s, g)) < 0)
            return perr(p, "unknown group %s", g);
    }
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        if (strcmp(verb, verbs[i].verb) != 0)
            continue;
        if (gi >= 0 && verbs[i].op > ST_FORGE)
            return perr(p, "%s", "in a group: say, presses, forges only");
        if (add_step(p, verbs[i].op, u, rest) != 0)
            return -1;
        if (gi >= 0)
            p->s->steps[p->s->nsteps - 1].chat = p->s->groups[gi].id;
        return 0;
    }
    return perr(p, "unknown action: %s", verb);
}

/* "stars: 0.3": a number of Stars, 0 or more. */
static int parse_stars(parser *p, char *rest)
{
    char *end;
    double v = strtod(rest, &end);

    if (end == rest || *trim(end) || !(v >= 0))
        return perr(p, "stars: a number of Stars, e.g. 0.3: %s", rest);
    return add_step(p, ST_STARS, -1, rest);
}

/* Lines "left: rest" that are steps. */
static int parse_step(parser *p, char *left, char *rest)
{
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
    if (strcmp(left, "stars") == 0)
        return parse_stars(p, rest);
    if (strcmp(left, "clock") == 0)
        return parse_clock(p, rest);
    if (strcmp(left, "log") == 0)
        return add_step(p, ST_LOG, -1, rest);
    if (strcmp(left, "no log") == 0)
        return add_step(p, ST_NO_LOG, -1, rest);
    if (strncmp(left, "role ", 5) == 0) {
        int u = find_user(p->s, trim(left + 5));
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
    if (strncmp(line, "group ", 6) == 0) {
        if (p->steps_started)
            return perr(p, "%s", "groups are declared before the first step");
        return parse_group(p, line + 6);
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
    free(s->plugin_dir);
    free(s->plugin_files);
    free(s->sql_dirs);
    free(s->timezone);
    free(s->config);
    free(s->host_config);
    free(s->host_env);
    free(s->groups);
    memset(s, 0, sizeof *s);
}
