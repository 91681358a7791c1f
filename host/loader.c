/* loader: find, check and dlopen plugins (see loader.h). */
#define _GNU_SOURCE
#include "loader.h"
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"

typedef const fb_plugin *(*entry_fn)(void);

/* Minimum descriptor size for each ABI minor (index = minor): one entry
 * per minor up to FB_ABI_MINOR, or the size check is skipped. */
static const size_t min_size[] = {
    sizeof(fb_plugin), /* 1.0 */
    sizeof(fb_plugin), /* 1.1: only fb_host_api grew */
    sizeof(fb_plugin), /* 1.2: fb_host_api grew, fb_state.ask took a slot */
    sizeof(fb_plugin), /* 1.3: fb_host_api grew (file_bytes) */
    sizeof(fb_plugin), /* 1.4: fb_host_api grew (bulk sends), FB_JOB_SECONDS */
};
_Static_assert(sizeof min_size / sizeof min_size[0] == FB_ABI_MINOR + 1,
               "min_size needs an entry for every ABI minor");

static int valid_name(const char *s)
{
    size_t n = 0;
    if (!s)
        return 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return n >= 1 && n <= 32;
}

static int flow_known(const fb_plugin *d, const char *name)
{
    for (const fb_flow *f = d->flows; f && f->name; f++)
        if (strcmp(f->name, name) == 0)
            return 1;
    return 0;
}

static int check_routes(const fb_plugin *d, char *why, size_t len)
{
    for (const fb_route *r = d->routes; r && r->kind; r++) {
        const char *m = r->match ? r->match : "(generic)";
        if (r->kind != FB_ROUTE_COMMAND && r->kind != FB_ROUTE_CALLBACK &&
            r->kind != FB_ROUTE_GENERIC)
            return fb__seterr(why, len, "route %s has unknown kind %d", m,
                              (int)r->kind),
                   -1;
        if (r->kind != FB_ROUTE_GENERIC && (!r->match || !r->match[0]))
            return fb__seterr(why, len,
                              "a command/callback route has no match"),
                   -1;
        if (r->kind == FB_ROUTE_CALLBACK &&
            strlen(r->match) > FB_CALLBACK_DATA_MAX)
            return fb__seterr(why, len,
                              "callback prefix %s longer than %d bytes", m,
                              FB_CALLBACK_DATA_MAX),
                   -1;
        if (!r->handler)
            return fb__seterr(why, len, "route %s has no handler", m), -1;
        if ((int)r->role < FB_ROLE_ANYONE || r->role > FB_ROLE_ADMIN)
            return fb__seterr(why, len, "route %s has unknown role %d", m,
                              (int)r->role),
                   -1;
        if (r->enters && !flow_known(d, r->enters))
            return fb__seterr(why, len, "route %s enters unknown flow %s", m,
                              r->enters),
                   -1;
    }
    return 0;
}

static int state_known(const fb_flow *f, const char *name)
{
    for (const fb_state *s = f->states; s->name; s++)
        if (strcmp(s->name, name) == 0)
            return 1;
    return 0;
}

/* Every state has a handler or (minor 2) a question, whose next state
 * exists. */
static int check_states(const fb_plugin *d, const fb_flow *f, char *why,
                        size_t len)
{
    for (const fb_state *s = f->states; s->name; s++) {
        const fb_ask *a = d->abi_minor >= 2 ? s->ask : NULL;
        if (!s->handler && !a)
            return fb__seterr(why, len,
                              "flow %s state %s has no handler (nor a "
                              "question)",
                              f->name, s->name),
                   -1;
        if (a && a->next && !state_known(f, a->next))
            return fb__seterr(why, len,
                              "flow %s state %s: next state %s unknown",
                              f->name, s->name, a->next),
                   -1;
        if (a && ((int)a->type < FB_IN_TEXT || a->type > FB_IN_ANY))
            return fb__seterr(why, len, "flow %s state %s: unknown input type",
                              f->name, s->name),
                   -1;
    }
    return 0;
}

static int check_flows(const fb_plugin *d, char *why, size_t len)
{
    for (const fb_flow *f = d->flows; f && f->name; f++) {
        if (!f->states || !f->states[0].name)
            return fb__seterr(why, len, "flow %s has no states", f->name), -1;
        if (check_states(d, f, why, len))
            return -1;
        if (f->timeout_s < 0)
            return fb__seterr(why, len, "flow %s has a negative timeout",
                              f->name),
                   -1;
        for (const fb_flow *g = d->flows; g != f; g++)
            if (strcmp(g->name, f->name) == 0)
                return fb__seterr(why, len, "flow %s declared twice", f->name),
                       -1;
    }
    return 0;
}

static int check_subs_jobs(const fb_plugin *d, char *why, size_t len)
{
    for (const fb_subscription *s = d->subs; s && s->event; s++)
        if (!s->handler)
            return fb__seterr(why, len, "subscription %s has no handler",
                              s->event),
                   -1;
    for (const fb_job *j = d->jobs; j && j->name; j++) {
        unsigned hh, mm;
        char tail;
        if (!j->handler)
            return fb__seterr(why, len, "job %s has no handler", j->name), -1;
        if (j->kind == FB_JOB_DAILY &&
            /* %2u cannot overflow; range and trailing junk are checked:
             * NOLINTNEXTLINE(cert-err34-c) */
            (!j->at || sscanf(j->at, "%2u:%2u%c", &hh, &mm, &tail) != 2 ||
             hh > 23 || mm > 59))
            return fb__seterr(why, len, "job %s: daily needs at=\"HH:MM\"",
                              j->name),
                   -1;
        if (j->kind == FB_JOB_EVERY && j->every_min <= 0)
            return fb__seterr(why, len, "job %s: every_min must be > 0",
                              j->name),
                   -1;
        if (j->kind == FB_JOB_SECONDS &&
            (d->abi_minor < 4 || j->every_min < 1 || j->every_min > 3600))
            return fb__seterr(why, len,
                              "job %s: every_min seconds must be 1..3600 "
                              "(ABI 1.4)",
                              j->name),
                   -1;
        if (j->kind != FB_JOB_DAILY && j->kind != FB_JOB_EVERY &&
            j->kind != FB_JOB_SECONDS)
            return fb__seterr(why, len, "job %s has unknown kind", j->name), -1;
    }
    return 0;
}

/* See loader.h. */
int fb__loader_check(const fb_plugin *d, char *why, size_t len)
{
    size_t minor_n = sizeof(min_size) / sizeof(min_size[0]);
    if (!d)
        return fb__seterr(why, len, "entry point returned NULL"), -1;
    if (d->magic != FB_PLUGIN_MAGIC)
        return fb__seterr(why, len, "wrong magic 0x%08x (expected 0x%08x)",
                          (unsigned)d->magic, (unsigned)FB_PLUGIN_MAGIC),
               -1;
    if (d->abi_major != FB_ABI_MAJOR)
        return fb__seterr(why, len, "ABI major %u, host speaks %d",
                          (unsigned)d->abi_major, FB_ABI_MAJOR),
               -1;
    if (d->abi_minor > FB_ABI_MINOR)
        return fb__seterr(why, len,
                          "built for ABI 1.%u, newer than the host's 1.%d",
                          (unsigned)d->abi_minor, FB_ABI_MINOR),
               -1;
    if (d->abi_minor < minor_n && d->size < min_size[d->abi_minor])
        return fb__seterr(why, len,
                          "descriptor size %u smaller than %zu for 1.%u",
                          (unsigned)d->size, min_size[d->abi_minor],
                          (unsigned)d->abi_minor),
               -1;
    if (!valid_name(d->name))
        return fb__seterr(why, len, "bad name (want [a-z0-9_]{1,32})"), -1;
    if (check_routes(d, why, len) || check_flows(d, why, len) ||
        check_subs_jobs(d, why, len))
        return -1;
    return 0;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n > m && strcmp(s + n - m, suf) == 0;
}

static int in_list(const char *name, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] && strcmp(v[i], name) == 0)
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular *.so files of dir, sorted. Returns count or -1. */
static int list_dir(const char *dir, char ***out, char *err, size_t len)
{
    DIR *dp = opendir(dir);
    struct dirent *de;
    char **v = NULL;
    size_t n = 0;
    if (!dp)
        return fb__seterr(err, len, "cannot open plugin folder %s: %s", dir,
                          strerror(errno)),
               -1;
    while ((de = readdir(dp))) {
        char path[4096];
        struct stat st;
        char **nv;
        if (!has_suffix(de->d_name, ".so"))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        nv = realloc(v, (n + 1) * sizeof *v);
        if (!nv || !(nv[n] = strdup(path))) {
            v = nv ? nv : v;
            goto fail;
        }
        v = nv;
        n++;
    }
    closedir(dp);
    if (n)
        qsort(v, n, sizeof *v, cmp_str);
    *out = v;
    return (int)n;
fail:
    closedir(dp);
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
    return fb__seterr(err, len, "out of memory"), -1;
}

static char *stem(const char *path)
{
    const char *b = strrchr(path, '/');
    char *s = strdup(b ? b + 1 : path);
    if (s && has_suffix(s, ".so"))
        s[strlen(s) - 3] = '\0';
    return s;
}

static int push_off(fb__plugins *p, const char *name, const char *path,
                    int disabled, const char *reason)
{
    fb__unloaded *nv = realloc(p->off, (p->noff + 1) * sizeof *nv);
    fb__unloaded *u;
    if (!nv)
        return -1;
    p->off = nv;
    u = &p->off[p->noff];
    memset(u, 0, sizeof *u);
    u->name = strdup(name);
    u->path = strdup(path);
    u->disabled = disabled;
    snprintf(u->reason, sizeof u->reason, "%s", reason);
    if (!u->name || !u->path) {
        free(u->name);
        free(u->path);
        return -1;
    }
    p->noff++;
    return 0;
}

static int push_str(char ***v, size_t *n, const char *s)
{
    char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv)
        return -1;
    *v = nv;
    if (!(nv[*n] = strdup(s)))
        return -1;
    (*n)++;
    return 0;
}

/* Copy a disabled plugin's matches into the last entry of p->off. */
static int copy_matches(fb__plugins *p, const fb_plugin *d)
{
    fb__unloaded *u = &p->off[p->noff - 1];
    for (const fb_route *r = d->routes; r && r->kind; r++) {
        if (!r->match)
            continue;
        if (r->kind == FB_ROUTE_CALLBACK &&
            push_str(&u->prefixes, &u->nprefixes, r->match))
            return -1;
        if (r->kind == FB_ROUTE_COMMAND &&
            push_str(&u->commands, &u->ncommands, r->match))
            return -1;
    }
    return 0;
}

static int name_taken(const fb__plugins *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].name, name) == 0)
            return 1;
    for (size_t i = 0; i < p->noff; i++)
        if (p->off[i].disabled && strcmp(p->off[i].name, name) == 0)
            return 1;
    return 0;
}

static int push_loaded(fb__plugins *p, const char *path, void *dl,
                       const fb_plugin *d)
{
    fb__plugin *nv = realloc(p->v, (p->n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    p->v = nv;
    memset(&nv[p->n], 0, sizeof nv[p->n]);
    nv[p->n].name = strdup(d->name);
    nv[p->n].path = strdup(path);
    nv[p->n].dl = dl;
    nv[p->n].desc = d;
    if (!nv[p->n].name || !nv[p->n].path) {
        free(nv[p->n].name);
        free(nv[p->n].path);
        return -1;
    }
    p->n++;
    return 0;
}

/* A declared migrations folder must exist under the sql folder. */
static int check_migrations(const fb__loader_opts *o, const fb_plugin *d,
                            char *why, size_t len)
{
    char path[4096];
    struct stat st;
    if (!o->sql_dir || !d->migrations || !d->migrations[0])
        return 0;
    snprintf(path, sizeof path, "%s/%s", o->sql_dir, d->migrations);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    return fb__seterr(why, len, "migrations folder %s not found", path), -1;
}

/* Open and check one file; record it as loaded, disabled or refused.
 * Returns 0, 1 when refused, -1 on no memory. */
static int load_one(const fb__loader_opts *o, fb__plugins *p, const char *path)
{
    char why[FB__REASON_MAX] = "";
    char *fallback = stem(path);
    const char *name;
    const fb_plugin *d = NULL;
    int disabled, rc = 1;
    void *dl;
    entry_fn fn;
    if (!fallback)
        return -1;
    /* RTLD_NODELETE: a plugin (and the libraries it brings, e.g. GLib's
     * type system under pango) stays mapped after dlclose: their
     * constructors run once per process, not once per load, and what
     * they allocated stays theirs (not a leak). */
    dl = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!dl) {
        const char *e = dlerror();
        snprintf(why, sizeof why, "dlopen failed: %s", e ? e : "?");
        goto refuse;
    }
    *(void **)(&fn) = dlsym(dl, FB_PLUGIN_ENTRY);
    if (!fn) {
        snprintf(why, sizeof why, "no %s symbol", FB_PLUGIN_ENTRY);
        goto refuse;
    }
    d = fn();
    if (fb__loader_check(d, why, sizeof why))
        goto refuse;
    name = d->name;
    if (name_taken(p, name)) {
        snprintf(why, sizeof why, "duplicate name %s", name);
        goto refuse;
    }
    disabled = (o->nenable && !in_list(name, o->enable, o->nenable)) ||
               in_list(name, o->disable, o->ndisable);
    if (disabled) {
        rc = push_off(p, name, path, 1, "disabled by config") ||
                     copy_matches(p, d)
                 ? -1
                 : 0;
        dlclose(dl);
        free(fallback);
        return rc;
    }
    if (check_migrations(o, d, why, sizeof why))
        goto refuse;
    if (push_loaded(p, path, dl, d)) {
        dlclose(dl);
        free(fallback);
        return -1;
    }
    free(fallback);
    return 0;
refuse:
    rc =
        push_off(p, d && valid_name(d->name) ? d->name : fallback, path, 0, why)
            ? -1
            : 1;
    if (dl)
        dlclose(dl);
    free(fallback);
    return rc;
}

static int cmp_plugin(const void *a, const void *b)
{
    const fb__plugin *x = a, *y = b;
    if (x->desc->priority != y->desc->priority)
        return x->desc->priority < y->desc->priority ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* See loader.h. */
int fb__loader_load(const fb__loader_opts *o, fb__plugins **out, char *err,
                    size_t errlen)
{
    char **files = NULL;
    int nf, rc = -1;
    fb__plugins *p = calloc(1, sizeof *p);
    *out = NULL;
    if (!p)
        return fb__seterr(err, errlen, "out of memory"), -1;
    nf = list_dir(o->dir, &files, err, errlen);
    if (nf < 0)
        goto out;
    for (int i = 0; i < nf; i++) {
        int r = load_one(o, p, files[i]);
        if (r < 0) {
            fb__seterr(err, errlen, "out of memory");
            goto out;
        }
        if (r > 0 && o->strict) {
            fb__unloaded *u = &p->off[p->noff - 1];
            fb__seterr(err, errlen, "plugin %s (%s) refused: %s", u->name,
                       u->path, u->reason);
            goto out;
        }
    }
    if (p->n)
        qsort(p->v, p->n, sizeof *p->v, cmp_plugin);
    *out = p;
    p = NULL;
    rc = 0;
out:
    for (int i = 0; i < nf; i++)
        free(files[i]);
    free(files);
    fb__plugins_free(p);
    return rc;
}

/* See loader.h. */
int fb__plugins_refuse(fb__plugins *p, size_t i, const char *reason)
{
    fb__plugin pl;
    if (i >= p->n)
        return -1;
    pl = p->v[i];
    if (push_off(p, pl.name, pl.path, 0, reason))
        return -1;
    memmove(&p->v[i], &p->v[i + 1], (p->n - i - 1) * sizeof *p->v);
    p->n--;
    if (pl.dl)
        dlclose(pl.dl);
    free(pl.name);
    free(pl.path);
    return 0;
}

/* See loader.h. */
const fb__plugin *fb__plugins_find(const fb__plugins *p, const char *name)
{
    for (size_t i = 0; p && i < p->n; i++)
        if (strcmp(p->v[i].name, name) == 0)
            return &p->v[i];
    return NULL;
}

static void free_strs(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* See loader.h. */
void fb__plugins_free(fb__plugins *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        if (p->v[i].dl)
            dlclose(p->v[i].dl);
        free(p->v[i].name);
        free(p->v[i].path);
    }
    for (size_t i = 0; i < p->noff; i++) {
        free(p->off[i].name);
        free(p->off[i].path);
        free_strs(p->off[i].prefixes, p->off[i].nprefixes);
        free_strs(p->off[i].commands, p->off[i].ncommands);
    }
    free(p->v);
    free(p->off);
    free(p);
}
