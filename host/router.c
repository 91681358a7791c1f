/* router: the route table (see router.h). */
#define _GNU_SOURCE
#include "router.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct fb__router {
    fb__route_entry *v;
    size_t n;
    const fb__plugins *p;
    const fb__route_entry *generic;
};

static const char *bare(const char *m)
{
    return m && m[0] == '/' ? m + 1 : m;
}

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Why route a (plugin pa) and route b (plugin pb) cannot both exist; 0 if
 * they can. Same plugin: only exact duplicates conflict. */
static int clash(const fb_route *a, const fb_route *b, int same)
{
    if (a->kind != b->kind)
        return 0;
    if (a->kind == FB_ROUTE_GENERIC)
        return !same;
    if (a->kind == FB_ROUTE_COMMAND)
        return strcasecmp(bare(a->match), bare(b->match)) == 0;
    if (same)
        return strcmp(a->match, b->match) == 0;
    return starts(a->match, b->match) || starts(b->match, a->match);
}

static const char *kind_name(fb_route_kind k)
{
    switch (k) {
    case FB_ROUTE_COMMAND:
        return "command";
    case FB_ROUTE_CALLBACK:
        return "callback";
    case FB_ROUTE_GENERIC:
        return "generic";
    }
    return "?";
}

/* Check plugin i against itself and every earlier plugin not refused.
 * Returns 1 with reason filled on a conflict. */
static int plugin_conflicts(const fb__plugins *p, size_t i, const char *refused,
                            char *why, size_t len)
{
    const fb_plugin *d = p->v[i].desc;
    for (const fb_route *a = d->routes; a && a->kind; a++) {
        if (a->kind == FB_ROUTE_COMMAND &&
            strcasecmp(bare(a->match), "cancel") == 0) {
            snprintf(why, len,
                     "command /cancel of plugin %s: /cancel "
                     "belongs to the host",
                     p->v[i].name);
            return 1;
        }
        for (size_t j = 0; j <= i; j++) {
            if (refused[j])
                continue;
            for (const fb_route *b = p->v[j].desc->routes; b && b->kind; b++) {
                if (j == i && b >= a)
                    break;
                if (!clash(a, b, j == i))
                    continue;
                snprintf(why, len,
                         "%s %s of plugin %s conflicts with %s %s of plugin %s",
                         kind_name(a->kind), a->match ? a->match : "route",
                         p->v[i].name, kind_name(b->kind),
                         b->match ? b->match : "route", p->v[j].name);
                return 1;
            }
        }
    }
    return 0;
}

static int refuse_conflicts(fb__plugins *p, int strict, char *err,
                            size_t errlen)
{
    char(*why)[FB__REASON_MAX] = calloc(p->n + 1, sizeof *why);
    char *refused = calloc(p->n + 1, 1);
    int rc = -1;
    if (!why || !refused) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < p->n; i++) {
        if (!plugin_conflicts(p, i, refused, why[i], sizeof why[i]))
            continue;
        if (strict) {
            snprintf(err, errlen, "plugin %s refused: %s", p->v[i].name,
                     why[i]);
            goto out;
        }
        refused[i] = 1;
    }
    for (size_t i = p->n; i-- > 0;) {
        if (refused[i] && fb__plugins_refuse(p, i, why[i])) {
            snprintf(err, errlen, "out of memory");
            goto out;
        }
    }
    rc = 0;
out:
    free(why);
    free(refused);
    return rc;
}

static int resolve_flow(const fb_plugin *d, const char *name,
                        const fb_flow **out)
{
    *out = NULL;
    if (!name)
        return 0;
    for (const fb_flow *f = d->flows; f && f->name; f++)
        if (strcmp(f->name, name) == 0)
            return *out = f, 0;
    return -1;
}

static int fill(fb__router *r, const fb__plugins *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++)
        for (const fb_route *x = p->v[i].desc->routes; x && x->kind; x++)
            n++;
    r->v = calloc(n ? n : 1, sizeof *r->v);
    if (!r->v)
        return -1;
    for (size_t i = 0; i < p->n; i++) {
        for (const fb_route *x = p->v[i].desc->routes; x && x->kind; x++) {
            fb__route_entry *e = &r->v[r->n++];
            e->route = x;
            e->plugin = &p->v[i];
            resolve_flow(p->v[i].desc, x->enters, &e->enters);
            if (x->kind == FB_ROUTE_GENERIC && !r->generic)
                r->generic = e;
        }
    }
    return 0;
}

/* See router.h. */
fb__router *fb__router_new(fb__plugins *p, int strict, char *err, size_t errlen)
{
    fb__router *r;
    if (refuse_conflicts(p, strict, err, errlen))
        return NULL;
    r = calloc(1, sizeof *r);
    if (!r || fill(r, p)) {
        free(r);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->p = p;
    return r;
}

/* See router.h. */
int fb__router_parse_command(const char *text, const char *bot_username,
                             char *cmd, size_t cmdlen, const char **args,
                             int *foreign)
{
    const char *s = text, *at = NULL;
    size_t n = 0;
    *foreign = 0;
    *args = "";
    if (cmdlen)
        cmd[0] = '\0';
    if (!s || s[0] != '/' || !s[1] || isspace((unsigned char)s[1]))
        return 0;
    s++;
    while (*s && !isspace((unsigned char)*s)) {
        if (*s == '@' && !at)
            at = s;
        else if (!at && n + 1 < cmdlen)
            cmd[n++] = (char)tolower((unsigned char)*s);
        s++;
    }
    cmd[n] = '\0';
    if (at && bot_username && bot_username[0]) {
        size_t len = (size_t)(s - at - 1);
        if (strlen(bot_username) != len ||
            strncasecmp(at + 1, bot_username, len) != 0)
            *foreign = 1;
    }
    while (isspace((unsigned char)*s))
        s++;
    *args = s;
    return n > 0;
}

static fb__pick disabled_pick(const fb__router *r, const char *data,
                              int command, size_t *best)
{
    fb__pick k = {FB__PICK_NONE, NULL, NULL};
    for (size_t i = 0; r->p && i < r->p->noff; i++) {
        const fb__unloaded *u = &r->p->off[i];
        char **v = command ? u->commands : u->prefixes;
        size_t nv = command ? u->ncommands : u->nprefixes;
        for (size_t j = 0; j < nv; j++) {
            int hit = command ? strcasecmp(bare(v[j]), data) == 0
                              : starts(data, v[j]) && strlen(v[j]) > *best;
            if (!hit)
                continue;
            k.kind = FB__PICK_DISABLED;
            k.owner = u->name;
            *best = strlen(v[j]);
        }
    }
    return k;
}

static fb__pick entry_pick(const fb__route_entry *e)
{
    fb__pick k = {FB__PICK_ROUTE, e, e->plugin->name};
    return k;
}

/* See router.h. */
fb__pick fb__router_command(const fb__router *r, const char *cmd)
{
    size_t best = 0;
    fb__pick k;
    if (strcasecmp(cmd, "cancel") == 0) {
        fb__pick c = {FB__PICK_CANCEL, NULL, NULL};
        return c;
    }
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].route->kind == FB_ROUTE_COMMAND &&
            strcasecmp(bare(r->v[i].route->match), cmd) == 0)
            return entry_pick(&r->v[i]);
    k = disabled_pick(r, cmd, 1, &best);
    return k.kind != FB__PICK_NONE ? k : fb__router_generic(r);
}

/* See router.h. */
fb__pick fb__router_callback(const fb__router *r, const char *data)
{
    const fb__route_entry *hit = NULL;
    size_t best = 0;
    fb__pick k;
    for (size_t i = 0; i < r->n; i++) {
        const fb_route *x = r->v[i].route;
        size_t len;
        if (x->kind != FB_ROUTE_CALLBACK || !starts(data, x->match))
            continue;
        len = strlen(x->match);
        if (len > best) {
            best = len;
            hit = &r->v[i];
        }
    }
    k = disabled_pick(r, data, 0, &best);
    if (k.kind != FB__PICK_NONE)
        return k;
    return hit ? entry_pick(hit) : fb__router_generic(r);
}

/* See router.h. */
fb__pick fb__router_generic(const fb__router *r)
{
    fb__pick none = {FB__PICK_NONE, NULL, NULL};
    return r->generic ? entry_pick(r->generic) : none;
}

/* See router.h. */
const fb_flow *fb__router_flow(const fb__router *r, const char *plugin,
                               const char *name, const fb__plugin **owner)
{
    const fb__plugin *pl = fb__plugins_find(r->p, plugin);
    const fb_flow *f = NULL;
    if (owner)
        *owner = pl;
    if (!pl || resolve_flow(pl->desc, name, &f))
        return NULL;
    return f;
}

/* See router.h. */
size_t fb__router_count(const fb__router *r)
{
    return r->n;
}

/* See router.h. */
const fb__route_entry *fb__router_at(const fb__router *r, size_t i)
{
    return i < r->n ? &r->v[i] : NULL;
}

static const char *role_name(fb_role role)
{
    static const char *names[] = {"anyone", "member", "staff", "admin"};
    return (int)role >= 0 && role <= FB_ROLE_ADMIN ? names[role] : "?";
}

static void print_entry(const fb__route_entry *e, FILE *out)
{
    const fb_route *x = e->route;
    char match[80];
    if (x->kind == FB_ROUTE_COMMAND)
        snprintf(match, sizeof match, "/%s", bare(x->match));
    else if (x->kind == FB_ROUTE_CALLBACK)
        snprintf(match, sizeof match, "%s*", x->match);
    else
        snprintf(match, sizeof match, "(everything unclaimed)");
    fprintf(out, "%-9s %-26s %-16s %-7s %8d  %s%s\n", kind_name(x->kind), match,
            e->plugin->name, role_name(x->role), e->plugin->desc->priority,
            e->enters ? e->enters->name : "-",
            x->flags & FB_ROUTE_BANNED_OK ? " (banned ok)" : "");
}

static void print_row(FILE *out, const char *kind, const char *match,
                      const char *plugin, const char *role, int prio,
                      const char *flow)
{
    fprintf(out, "%-9s %-26s %-16s %-7s %8d  %s\n", kind, match, plugin, role,
            prio, flow);
}

static void print_extras(const fb__plugins *p, FILE *out)
{
    char what[80];
    for (size_t i = 0; i < p->n; i++) {
        const fb_plugin *d = p->v[i].desc;
        const char *n = p->v[i].name;
        for (const fb_flow *f = d->flows; f && f->name; f++)
            for (const fb_state *s = f->states; s && s->name; s++)
                print_row(out, "state", s->name, n, role_name(s->role),
                          d->priority, f->name);
        for (const fb_subscription *s = d->subs; s && s->event; s++)
            print_row(out, "event", s->event, n, "-", d->priority, "-");
        for (const fb_job *j = d->jobs; j && j->name; j++) {
            if (j->kind == FB_JOB_DAILY)
                snprintf(what, sizeof what, "%s daily %s", j->name, j->at);
            else
                snprintf(what, sizeof what, "%s every %d min", j->name,
                         j->every_min);
            print_row(out, "job", what, n, "-", d->priority, "-");
        }
    }
}

static void print_off(const fb__unloaded *u, FILE *out)
{
    char m[80];
    const char *say = "answered \"This feature is not available.\"";
    for (size_t j = 0; j < u->nprefixes; j++) {
        snprintf(m, sizeof m, "%s*", u->prefixes[j]);
        fprintf(out, "%-9s %-26s %-16s %s\n", "disabled", m, u->name, say);
    }
    for (size_t j = 0; j < u->ncommands; j++) {
        snprintf(m, sizeof m, "/%s", bare(u->commands[j]));
        fprintf(out, "%-9s %-26s %-16s %s\n", "disabled", m, u->name, say);
    }
    if (!u->disabled)
        fprintf(out, "%-9s %-26s %s\n", "refused", u->name, u->reason);
}

/* See router.h. */
int fb__router_print(const fb__router *r, const fb__plugins *p, FILE *out)
{
    fprintf(out, "%-9s %-26s %-16s %-7s %8s  %s\n", "KIND", "MATCH", "PLUGIN",
            "ROLE", "PRIORITY", "FLOW");
    fprintf(out, "%-9s %-26s %-16s %-7s %8s  %s\n", "command", "/cancel",
            "(host)", "anyone", "-", "ends the current flow");
    for (size_t i = 0; i < r->n; i++)
        print_entry(&r->v[i], out);
    print_extras(p, out);
    for (size_t i = 0; i < p->noff; i++)
        print_off(&p->off[i], out);
    return ferror(out) ? -1 : 0;
}

/* See router.h. */
void fb__router_free(fb__router *r)
{
    if (!r)
        return;
    free(r->v);
    free(r);
}

/* See router.h. */
const char *fb__route_menu_name(const fb_route *r, fb_role role, int banned)
{
    if (r->kind != FB_ROUTE_COMMAND || r->role > role ||
        (r->flags & FB_ROUTE_HIDDEN) ||
        (banned && !(r->flags & FB_ROUTE_BANNED_OK)))
        return NULL;
    return r->match[0] == '/' ? r->match + 1 : r->match;
}
