/* loader: find, check and dlopen plugins.
 *
 * Scans regular "*.so" files of a folder in name order, applies the enable
 * and disable lists, dlopens each (RTLD_NOW | RTLD_LOCAL), calls its
 * FB_PLUGIN_ENTRY and checks the descriptor. Disabled plugins are opened
 * too, their callback prefixes and commands copied, then closed, so their
 * buttons can still be answered. The loader neither logs nor touches the
 * database: refusals are returned with their reasons for the caller to log
 * or print. */
#ifndef FITBOT_LOADER_H
#define FITBOT_LOADER_H

#include <stddef.h>

#include "fitbot/plugin.h"

#define FB__REASON_MAX 512

typedef struct fb__loader_opts {
    const char *dir;
    const char *const *enable; /* NULL or empty: every plugin found */
    size_t nenable;
    const char *const *disable;
    size_t ndisable;
    int strict; /* a refusal makes fb__loader_load fail */
    /* when set, a plugin naming .migrations with no folder
     * <sql_dir>/<migrations> is refused, the reason naming that path */
    const char *sql_dir;
} fb__loader_opts;

/* A loaded plugin. desc points into the shared object (valid while dl is
 * open). */
typedef struct fb__plugin {
    char *name;
    char *path;
    void *dl;
    const fb_plugin *desc;
    int paused; /* disabled by a reload (SIGHUP): its routes answer "not
                   available", its jobs wait; read with fb__plugin_paused */
} fb__plugin;

/* Whether p is paused, and pause it (any thread). */
static inline int fb__plugin_paused(const fb__plugin *p)
{
    return __atomic_load_n(&p->paused, __ATOMIC_ACQUIRE);
}
static inline void fb__plugin_pause(fb__plugin *p, int paused)
{
    __atomic_store_n(&p->paused, paused, __ATOMIC_RELEASE);
}

/* A plugin that is not loaded: disabled by config, or refused. */
typedef struct fb__unloaded {
    char *name; /* descriptor name if it was readable, else the file stem */
    char *path;
    int disabled; /* 1: disabled by config; 0: refused */
    char reason[FB__REASON_MAX];
    /* disabled plugins only: copies of their declared matches */
    char **prefixes;
    size_t nprefixes;
    char **commands;
    size_t ncommands;
} fb__unloaded;

typedef struct fb__plugins {
    fb__plugin *v; /* accepted, ordered by (priority, name) */
    size_t n;
    fb__unloaded *off; /* disabled and refused, in file order */
    size_t noff;
} fb__plugins;

/* Load the folder. Returns 0 and a new set in *out (free with
 * fb__plugins_free), or -1 with the reason in err: unreadable folder, no
 * memory, or (strict) the first refusal. A missing folder is an error. */
int fb__loader_load(const fb__loader_opts *o, fb__plugins **out, char *err,
                    size_t errlen);

/* Check one descriptor (the loader's rules minus name uniqueness). Returns
 * 0, or -1 with the reason in why. Used by the loader and by tests. */
int fb__loader_check(const fb_plugin *d, char *why, size_t whylen);

/* Move plugin i from the loaded list to the refused list with reason (used
 * by the router on a conflict). Closes its handle. Returns 0 or -1. */
int fb__plugins_refuse(fb__plugins *p, size_t i, const char *reason);

/* Find a loaded plugin by name; NULL if none. */
const fb__plugin *fb__plugins_find(const fb__plugins *p, const char *name);

/* Close every handle and free. NULL is a no-op. */
void fb__plugins_free(fb__plugins *p);

#endif
