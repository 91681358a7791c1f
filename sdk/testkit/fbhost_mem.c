/* fbhost_mem: the stand-in host's small lists and the run's memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbhost_int.h"

/* Out of memory in a test kit: stop the test loudly. */
static void *must(void *p)
{
    if (!p) {
        fprintf(stderr, "fbhost: out of memory\n");
        abort();
    }
    return p;
}

/* See fbhost_int.h. */
char *fbh__dup(const char *s)
{
    return s ? must(strdup(s)) : NULL;
}

/* See fbhost_int.h. */
char *fbh__ndup(const char *s, size_t n)
{
    return must(strndup(s, n));
}

/* See fbhost_int.h. */
const char *fbh__kv_get(const fbh_kvs *l, const char *k)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].k, k) == 0)
            return l->v[i].v;
    return NULL;
}

/* See fbhost_int.h. */
int fbh__kv_set(fbh_kvs *l, const char *k, const char *v)
{
    size_t i;

    for (i = 0; i < l->n && strcmp(l->v[i].k, k) != 0; i++)
        ;
    if (i == l->n) {
        if (!v)
            return 0;
        l->v = must(realloc(l->v, (l->n + 1) * sizeof *l->v));
        l->v[l->n++].k = fbh__dup(k);
    } else {
        free(l->v[i].v);
    }
    if (v) {
        l->v[i].v = fbh__dup(v);
        return 0;
    }
    free(l->v[i].k);
    l->v[i] = l->v[--l->n];
    return 0;
}

/* See fbhost_int.h. */
int fbh__kv_copy(fbh_kvs *to, const fbh_kvs *from)
{
    for (size_t i = 0; i < from->n; i++)
        fbh__kv_set(to, from->v[i].k, from->v[i].v);
    return 0;
}

/* See fbhost_int.h. */
void fbh__kv_free(fbh_kvs *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].k);
        free(l->v[i].v);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* See fbhost_int.h. */
void *fbh__keep(fbh_host *h, void *p)
{
    fbh_run *r = &h->run;

    if (p) {
        r->mem = must(realloc(r->mem, (r->nmem + 1) * sizeof *r->mem));
        r->mem[r->nmem++] = p;
    }
    return p;
}

/* See fbhost_int.h. */
fbh_person *fbh__person(fbh_host *h, int64_t id)
{
    for (size_t i = 0; i < h->npeople; i++)
        if (h->people[i].id == id)
            return &h->people[i];
    h->people = must(realloc(h->people, (h->npeople + 1) * sizeof *h->people));
    h->convos = must(realloc(h->convos, (h->npeople + 1) * sizeof *h->convos));
    memset(&h->convos[h->npeople], 0, sizeof *h->convos);
    h->people[h->npeople] = (fbh_person){id, NULL, FB_ROLE_UNKNOWN, 0};
    return &h->people[h->npeople++];
}

/* See fbhost_int.h. */
fbh_convo *fbh__convo(fbh_host *h)
{
    /* the person first: finding a new one moves h->people */
    fbh_person *p = fbh__person(h, h->user);

    return &h->convos[p - h->people];
}

/* See fbhost_int.h. */
void fbh__convo_clear(fbh_convo *cv)
{
    free(cv->flow);
    free(cv->state);
    fbh__kv_free(&cv->vals);
    cv->flow = cv->state = NULL;
}

/* See fbhost_int.h. */
void fbh__out_free(fbh_out *o)
{
    free(o->text);
    free(o->kbtext);
    free(o->tag);
    fbh__kv_free(&o->buttons);
}
