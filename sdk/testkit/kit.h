/* Internals of the fbtest kit shared by its modules (not installed). */
#ifndef FITBOT_KIT_H
#define FITBOT_KIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <libpq-fe.h>

#include "fbtest.h"

#define KIT_PATH 1024

typedef struct kit_seen {
    int64_t message_id;
    int events;  /* 1 for the message itself + edits consumed */
    char *text0; /* the message's text when first seen (edits replace it) */
} kit_seen;

typedef struct kit_cursor {
    int64_t chat;
    kit_seen *seen;
    size_t n, cap;
} kit_cursor;

typedef struct kit_press {
    int64_t user;
    char cbid[64];
} kit_press;

typedef struct kit_proxy kit_proxy;

struct fbt_env {
    char dir[KIT_PATH / 2];
    char config_path[KIT_PATH];
    char log_path[KIT_PATH];
    char sandbox_log[KIT_PATH];
    char sql_dir[KIT_PATH];
    char plugin_dir[KIT_PATH];
    char host_bin[KIT_PATH];
    char token[80];
    char sandbox_url[64];
    char log_level[16];
    char clock_path[KIT_PATH];   /* the host's test_clock_file */
    struct timespec clock_mtime; /* of the last write */
    int64_t clock_offset;        /* seconds added to real time */
    char plugins[512];           /* the enable list, checked after each start */
    char *host_env;              /* fbt_options.host_env, copied */
    char *db_url;                /* conninfo of the test database */
    char *base_url;              /* FITBOT_TEST_DATABASE_URL */
    char *host_db_url;           /* the host's: through proxy, or db_url */
    kit_proxy *proxy;            /* fbt_options.db_proxy: fbt_db_cut's */
    char db_name[64];
    int64_t super_admin;
    int ready_timeout_ms;
    pid_t host_pid, sandbox_pid;
    PGconn *db;
    CURL *curl;
    kit_cursor *cursors;
    size_t ncursors, capcursors;
    kit_press *presses;
    size_t npresses, cappresses;
    int64_t last_update_id;
    char err[8192];
    struct fbt_env *next; /* the atexit registry */
    pid_t owner;          /* the process that started it (fbt_start) */
};

/* Record a formatted error in e (or the global one when e is NULL) and
 * return -1. */
int fb__kit_fail(fbt_env *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *fb__kit_strdup_printf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* Grow *arr to hold need elements of size elem. 0 or -1. */
int fb__kit_grow(void **arr, size_t *cap, size_t need, size_t elem);
/* Whole file as a malloc'd string (NULL if unreadable); *len if non-NULL. */
char *fb__kit_read_file(const char *path, size_t *len);
/* Milliseconds on the monotonic clock. */
int64_t fb__kit_now_ms(void);
void fb__kit_sleep_ms(int ms);

/* ---- the database relay (kit_dbproxy.c) ---- */
/* Start a relay on 127.0.0.1 (a free port) to the server of conninfo.
 * NULL on failure. */
kit_proxy *fb__kit_proxy_start(const char *conninfo);
int fb__kit_proxy_port(const kit_proxy *p);
/* cut 1: every relayed connection closed, new ones closed at once; 0:
 * relayed again. */
void fb__kit_proxy_cut(kit_proxy *p, int cut);
void fb__kit_proxy_free(kit_proxy *p); /* NULL-safe */

/* ---- folders (kit_dirs.c) ---- */
/* The environment variable env if set; else the build tree's path when it
 * exists; else the installed path. Into out (KIT_PATH bytes). */
void fb__kit_pick(char *out, const char *env, const char *build,
                  const char *installed);
/* Make e->plugin_dir, a folder of symlinks to every plugin of list (see
 * fbt_options.plugin_dir; NULL: FITBOT_TEST_PLUGIN_DIR, else the build
 * tree's or installed plugins). 0, or -1 naming the bad entry or the two
 * places of a duplicate plugin name. */
int fb__kit_plugin_dir(fbt_env *e, const char *list);
/* Make e->sql_dir: sql/ (FITBOT_TEST_SQL_DIR), the build tree's staged
 * folders, FITBOT_TEST_SQL_EXTRA, then extra ("name=path;..."), later
 * ones overriding earlier ones. 0 or -1. */
int fb__kit_sql_dir(fbt_env *e, const char *extra);

/* ---- the test clock (kit_clock.c) ---- */
/* Create e->clock_path: offset 0, or the one that makes the clock read
 * start (epoch seconds) now. 0 or -1. */
int fb__kit_clock_init(fbt_env *e, int64_t start);

/* ---- processes (kit_proc.c) ---- */
/* Start argv with envp (NULL: ours), stdin from /dev/null, stdout and stderr
 * appended to out_path. The child dies with us (PR_SET_PDEATHSIG). Returns
 * its pid or -1. */
pid_t fb__kit_spawn(char *const argv[], char *const envp[],
                    const char *out_path);
/* Wait up to timeout_ms for pid to exit. 0 and *status (exit code, or 128 +
 * signal) when it did, 1 when still running, -1 on error. */
int fb__kit_wait(pid_t pid, int timeout_ms, int *status);
/* SIGTERM, wait grace_ms, then SIGKILL. Returns the exit status, or -1 when
 * it had to be killed. */
int fb__kit_terminate(pid_t pid, int grace_ms);
/* Wait until the file holds needle past offset. 0 found, -1 timeout, -2 pid
 * exited (pid > 0 is watched). */
int fb__kit_file_wait(const char *path, size_t offset, const char *needle,
                      int timeout_ms, pid_t pid);
/* Size of a file, 0 if missing. */
size_t fb__kit_file_size(const char *path);
/* The last n lines of a file, malloc'd ("" when missing). */
char *fb__kit_tail(const char *path, int n);

/* ---- HTTP to the sandbox (kit_http.c) ---- */
/* Call the control API. Returns the detached "result" of an ok answer
 * (free with cJSON_Delete), or NULL with the description in fbt_error. */
cJSON *fb__kit_call(fbt_env *e, const char *method, const char *path,
                    const cJSON *body);
/* Same with a body given as text. */
cJSON *fb__kit_call_text(fbt_env *e, const char *method, const char *path,
                         const char *body);

/* ---- the database (kit_db.c) ---- */
/* Create a fresh database on FITBOT_TEST_DATABASE_URL and fill e->db_url,
 * e->db_name. 0 or -1. */
int fb__kit_db_create(fbt_env *e);
/* Close the kit's connection and drop the database. */
void fb__kit_db_drop(fbt_env *e);
/* Add an int64 id as a JSON number (exact below 2^53) or raw decimal. */
int fb__kit_add_id(cJSON *obj, const char *key, int64_t id);

#endif
