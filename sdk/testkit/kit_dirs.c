/* The folders the kit hands the host: a private plugin folder assembled
 * from a list of folders and .so files, and a private sql folder assembled
 * from sql/, the build tree's staged folders and the extras. The host takes
 * one plugin_dir and one sql_dir; both are folders of symlinks in the
 * environment's temporary folder. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kit.h"

/* The environment variable if set; else the build tree's path when it
 * exists; else the installed path. */
void fb__kit_pick(char *out, const char *env, const char *build,
                  const char *installed)
{
    const char *v = getenv(env);

    if (!v || !*v)
        v = access(build, F_OK) == 0 ? build : installed;
    snprintf(out, KIT_PATH, "%s", v);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n > k && strcmp(s + n - k, suffix) == 0;
}

/* path made absolute against the current folder (symlink targets must
 * not depend on where the link is). 0, or -1 when too long. */
static int absolute(const char *path, char *out, size_t len)
{
    char cwd[KIT_PATH];
    int n;

    if (path[0] == '/')
        n = snprintf(out, len, "%s", path);
    else if (getcwd(cwd, sizeof cwd))
        n = snprintf(out, len, "%s/%s", cwd, path);
    else
        return -1;
    return n > 0 && (size_t)n < len ? 0 : -1;
}

/* Link the plugin file src as dir/name. The same file reached twice is
 * linked once; two different files of one name are an error naming
 * both (a later folder never shadows an earlier one silently). */
static int link_plugin(fbt_env *e, const char *dir, const char *src)
{
    char to[KIT_PATH * 2], had[KIT_PATH], real_had[PATH_MAX],
        real_src[PATH_MAX];
    const char *name = strrchr(src, '/') ? strrchr(src, '/') + 1 : src;
    ssize_t n;

    snprintf(to, sizeof to, "%s/%s", dir, name);
    n = readlink(to, had, sizeof had - 1);
    if (n < 0)
        return symlink(src, to) == 0
                   ? 0
                   : fb__kit_fail(e, "symlink %s: %s", to, strerror(errno));
    had[n] = '\0';
    if (realpath(had, real_had) && realpath(src, real_src) &&
        strcmp(real_had, real_src) == 0)
        return 0;
    return fb__kit_fail(e, "plugin %s is in two places: %s and %s", name, had,
                        src);
}

/* Link every regular *.so of folder src. */
static int link_plugin_folder(fbt_env *e, const char *dir, const char *src)
{
    DIR *d = opendir(src);
    struct dirent *de;
    char from[KIT_PATH * 2];
    struct stat st;
    int rc = 0;

    if (!d)
        return fb__kit_fail(e, "plugin folder %s: %s", src, strerror(errno));
    while (rc == 0 && (de = readdir(d))) {
        if (!has_suffix(de->d_name, ".so"))
            continue;
        snprintf(from, sizeof from, "%s/%s", src, de->d_name);
        if (stat(from, &st) == 0 && S_ISREG(st.st_mode))
            rc = link_plugin(e, dir, from);
    }
    closedir(d);
    return rc;
}

/* One entry of a plugin list: a folder or a .so file. */
static int link_entry(fbt_env *e, const char *dir, const char *entry)
{
    char path[KIT_PATH];
    struct stat st;

    if (absolute(entry, path, sizeof path) != 0)
        return fb__kit_fail(e, "plugin path too long: %s", entry);
    if (stat(path, &st) != 0)
        return fb__kit_fail(e, "plugin path %s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return link_plugin_folder(e, dir, path);
    if (S_ISREG(st.st_mode) && has_suffix(path, ".so"))
        return link_plugin(e, dir, path);
    return fb__kit_fail(e, "plugin path %s: neither a folder nor a .so file",
                        path);
}

/* The folder an empty entry stands for: FITBOT_TEST_PLUGIN_DIR in an
 * options' list when set (its own empty entries: the built-in folder),
 * else the build tree's plugins (or the installed ones). A missing
 * built-in folder is no error: a test may need no plugin at all. */
static int link_default(fbt_env *e, const char *dir, int from_options);

/* Link every entry of a ':'-separated list. */
static int link_list_of(fbt_env *e, const char *dir, const char *list,
                        int from_options)
{
    char entry[KIT_PATH];
    const char *p = list, *colon;
    size_t n;
    int rc = 0;

    for (;;) {
        colon = strchr(p, ':');
        n = colon ? (size_t)(colon - p) : strlen(p);
        if (n >= sizeof entry)
            return fb__kit_fail(e, "plugin path too long: %.*s", (int)n, p);
        memcpy(entry, p, n);
        entry[n] = '\0';
        rc = n ? link_entry(e, dir, entry) : link_default(e, dir, from_options);
        if (rc != 0 || !colon)
            return rc;
        p = colon + 1;
    }
}

static int link_default(fbt_env *e, const char *dir, int from_options)
{
    const char *env = getenv("FITBOT_TEST_PLUGIN_DIR");
    char builtin[KIT_PATH];

    if (from_options && env && *env)
        return link_list_of(e, dir, env, 0);
    snprintf(builtin, sizeof builtin, "%s",
             access(FBT_PLUGIN_DIR, F_OK) == 0 ? FBT_PLUGIN_DIR
                                               : FBT_PLUGIN_DIR_INSTALLED);
    if (access(builtin, F_OK) != 0)
        return 0;
    return link_entry(e, dir, builtin);
}

/* Internal: see kit.h. */
int fb__kit_plugin_dir(fbt_env *e, const char *list)
{
    snprintf(e->plugin_dir, sizeof e->plugin_dir, "%s/plugins", e->dir);
    if (mkdir(e->plugin_dir, 0700) != 0)
        return fb__kit_fail(e, "mkdir %s: %s", e->plugin_dir, strerror(errno));
    if (list)
        return link_list_of(e, e->plugin_dir, list, 1);
    return link_default(e, e->plugin_dir, 1);
}

/* Link every folder of src into the sql folder (later calls override
 * earlier ones: the build tree's staged folders win over sql/). */
static int link_sql(fbt_env *e, const char *src)
{
    DIR *d = opendir(src);
    struct dirent *de;
    char from[KIT_PATH * 2], to[KIT_PATH * 2];
    struct stat st;

    if (!d)
        return 0; /* an optional folder */
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        snprintf(from, sizeof from, "%s/%s", src, de->d_name);
        snprintf(to, sizeof to, "%s/%s", e->sql_dir, de->d_name);
        if (stat(from, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        unlink(to);
        if (symlink(from, to) != 0) {
            closedir(d);
            return fb__kit_fail(e, "symlink %s: %s", to, strerror(errno));
        }
    }
    closedir(d);
    return 0;
}

/* Link one "name=path" extra migration folder (a relative path: from the
 * current folder); the folder must exist. */
static int link_one(fbt_env *e, const char *spec, size_t n)
{
    char item[KIT_PATH], to[KIT_PATH * 2], from[KIT_PATH];
    char *eq;
    struct stat st;

    if (n >= sizeof item)
        return fb__kit_fail(e, "sql_dirs entry too long");
    memcpy(item, spec, n);
    item[n] = '\0';
    eq = strchr(item, '=');
    if (!eq || eq == item || !eq[1])
        return fb__kit_fail(e, "sql_dirs: want name=path, got '%s'", item);
    *eq = '\0';
    if (absolute(eq + 1, from, sizeof from) != 0)
        return fb__kit_fail(e, "sql_dirs: path too long: %s", eq + 1);
    if (stat(from, &st) != 0 || !S_ISDIR(st.st_mode))
        return fb__kit_fail(e, "migrations of %s: %s is not a folder", item,
                            from);
    snprintf(to, sizeof to, "%s/%s", e->sql_dir, item);
    unlink(to);
    if (symlink(from, to) != 0)
        return fb__kit_fail(e, "symlink %s: %s", to, strerror(errno));
    return 0;
}

/* Link every "name=path" of a ';'-separated list (NULL: none). */
static int link_sql_list(fbt_env *e, const char *list)
{
    const char *p, *semi;

    for (p = list; p && *p; p = semi ? semi + 1 : p + strlen(p)) {
        semi = strchr(p, ';');
        if (link_one(e, p, semi ? (size_t)(semi - p) : strlen(p)) != 0)
            return -1;
    }
    return 0;
}

/* Internal: see kit.h. */
int fb__kit_sql_dir(fbt_env *e, const char *extra)
{
    char src[KIT_PATH];

    snprintf(e->sql_dir, sizeof e->sql_dir, "%s/sql", e->dir);
    if (mkdir(e->sql_dir, 0700) != 0)
        return fb__kit_fail(e, "mkdir %s: %s", e->sql_dir, strerror(errno));
    fb__kit_pick(src, "FITBOT_TEST_SQL_DIR", FBT_SQL_DIR,
                 FBT_SQL_DIR_INSTALLED);
    if (link_sql(e, src) != 0 || link_sql(e, FBT_STAGED_SQL_DIR) != 0 ||
        link_sql_list(e, getenv("FITBOT_TEST_SQL_EXTRA")) != 0)
        return -1;
    return link_sql_list(e, extra);
}
