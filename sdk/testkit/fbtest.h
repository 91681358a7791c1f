/* fbtest: test a plugin against the real host, the Bot API sandbox and a
 * real PostgreSQL in a few lines.
 *
 *     fbt_options o = {.plugins = "hello"};
 *     fbt_env *e = fbt_start(&o);               // fresh DB, sandbox, host
 *     ck_assert_msg(e, "%s", fbt_error(NULL));
 *     fbt_user(e, 1001, "Asha", "member");
 *     fbt_say(e, 1001, "/book");
 *     fbt_msg *m = fbt_expect(e, 1001, "Which class", 5000);
 *     ck_assert_msg(m, "%s", fbt_error(e));
 *     fbt_msg_free(m);
 *     fbt_stop(e);                              // no process left behind
 *
 * Everything runs on 127.0.0.1. fbt_start needs FITBOT_TEST_DATABASE_URL (a
 * libpq URI or conninfo of a server where the user may CREATE DATABASE); it
 * fails when it is missing. Binaries and folders default to the build tree
 * the kit was built in (or, when that is gone, to the install prefix); the
 * environment overrides them:
 *   FITBOT_BIN             the fitbot daemon
 *   FITBOT_SANDBOX_BIN     fitbot-sandbox
 *   FITBOT_TEST_PLUGIN_DIR the plugins: a ':'-separated list of folders
 *                          (every *.so in them) and .so files; an empty
 *                          entry stands for the default folder
 *   FITBOT_TEST_SQL_DIR    the sql/ folder (core/ and plugins' folders)
 *   FITBOT_TEST_SQL_EXTRA  more migration folders, "name=path;name=path":
 *                          <sql_dir>/name for a plugin whose .migrations
 *                          is "name" (a companion's, or your own)
 *   FITBOT_TEST_KEEP=1     keep the temporary folder (config, logs) and
 *                          the database after fbt_stop, for post-mortems
 *
 * Child processes die with the thread that started them (PR_SET_PDEATHSIG):
 * call fbt_start from a thread that outlives the environment, normally the
 * test's main thread. Environments are not thread-safe: one per thread.
 *
 * Functions returning int return 0 on success and -1 on failure; functions
 * returning pointers return NULL on failure. After a failure fbt_error(e)
 * says why (fbt_error(NULL) for fbt_start). Ids are int64_t throughout; a
 * user's private chat has the user's id. */
#ifndef FITBOT_FBTEST_H
#define FITBOT_FBTEST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fbt_env fbt_env;

typedef struct fbt_options {
    const char *plugins;      /* enable list "a, b"; NULL: every .so found */
    const char *config_extra; /* appended to the config file verbatim, e.g.
                                 "[plugin.users]\napproval = staff\n" */
    const char *sql_dirs;     /* extra migration folders "name=path;...",
                                 after FITBOT_TEST_SQL_EXTRA's */
    const char *plugin_dir;   /* the plugins, instead of the default: a
                                 ':'-separated list of folders and .so
                                 files (relative: from the current folder;
                                 an empty entry: FITBOT_TEST_PLUGIN_DIR or
                                 the default folder). The host gets one
                                 folder of links to them all; one name in
                                 two places fails fbt_start, naming both */
    int64_t super_admin;      /* FITBOT_SUPER_ADMIN; 0: none */
    int workers;              /* 0: the host's default */
    int conversation_timeout; /* seconds; 0: the host's default */
    double time_scale;        /* sandbox --time-scale; 0: 1 */
    int ready_timeout_ms;     /* wait for event=ready; 0: 30000 */
    int no_host;              /* 1: database and sandbox only */
    const char *log_level;    /* NULL: "debug" */
    const char *host_config;  /* lines of the [fitbot] section, e.g.
                                 "send_rate_chat = 30\n" */
    const char *host_env;     /* "K=V" lines added to the host's
                                 environment, e.g. "FITBOT_TICK_MS=100\n" */
    int fast_pacing;          /* 1: no per-chat pacing: the host's send
                                 rates at their maximums and the sandbox's
                                 flood limits off (host_config's own
                                 send_rate_* lines win) */
    int64_t clock_start;      /* the test clock at start (epoch seconds),
                                 so jobs first stamped at start are
                                 stamped then; 0: real time */
    int db_proxy;             /* 1: the host reaches the database through
                                 a relay the test can cut (fbt_db_cut) */
    void *reserved[4];        /* room to grow: leave zeroed */
} fbt_options;

/* ---- lifecycle ----------------------------------------------------------- */
/* Create a fresh database, start the sandbox on a free port, write a config
 * and start `fitbot run` against them, waiting for event=ready. Returns the
 * environment, or NULL (everything started is stopped again; the reason,
 * with the host's last log lines, in fbt_error(NULL)). Also registers an
 * atexit handler so nothing outlives the test process. Every plugin of
 * the enable list must log event=plugin_loaded, or the start fails. */
fbt_env *fbt_start(const fbt_options *o);
/* Stop the host (SIGTERM, then SIGKILL after 10 s), the sandbox, drop the
 * database and remove the temporary folder. NULL is a no-op. */
void fbt_stop(fbt_env *e);
/* The last error of e (or of fbt_start when e is NULL); never NULL. */
const char *fbt_error(const fbt_env *e);

/* The host alone: SIGTERM and wait (returns its exit status, -1 if it had
 * to be killed or was not running), kill -9, start again (waits for ready),
 * and stop + start. fbt_host_kill first holds the host still (SIGSTOP) at
 * a moment no reply is between its request and the record of its delivery
 * in fb_outbox (trying for at most 3 s), so a test sees each reply once; a
 * reply whose request is still hanging then dies with the host and is sent
 * again at the next start. */
int fbt_host_stop(fbt_env *e);
int fbt_host_kill(fbt_env *e);
int fbt_host_start(fbt_env *e);
int fbt_host_restart(fbt_env *e);
/* The database out of the host's reach (cut 1: its connections closed,
 * new ones refused, as if PostgreSQL had stopped) or back (0). The test's
 * own queries (fbt_sql) still work. Needs fbt_options.db_proxy; 0 or -1. */
int fbt_db_cut(fbt_env *e, int cut);
/* Send the host process a signal (SIGHUP: reload its config file). */
int fbt_host_signal(fbt_env *e, int sig);
/* 1 while the host process runs. */
int fbt_host_running(fbt_env *e);

/* Where things are. Owned by e. */
const char *fbt_sandbox_url(const fbt_env *e); /* http://127.0.0.1:PORT */
const char *fbt_db_url(const fbt_env *e);      /* conninfo of the test DB */
const char *fbt_token(const fbt_env *e);
const char *fbt_host_log_path(const fbt_env *e); /* host stderr, all runs */
const char *fbt_config_path(const fbt_env *e);
const char *fbt_dir(const fbt_env *e); /* the temporary folder */

/* The host's captured stderr (every run, appended): a malloc'd copy, and
 * the number of lines containing needle (-1 on error). */
char *fbt_host_log(const fbt_env *e);
int fbt_log_count(const fbt_env *e, const char *needle);
/* 1 if the bot token (or its secret half) appears in the host's log. */
int fbt_log_has_token(const fbt_env *e);

/* ---- the test clock --------------------------------------------------------
 * Every environment gives the host a test clock ([fitbot] test_clock_file
 * in the environment's folder, offset 0 at the start): the host's now is
 * real time plus the offset, for conversation deadlines, daily jobs and
 * fb_now()/fb_today(). The clock keeps running; the host sees a change at
 * its next look (no restart needed). PostgreSQL's own now() is not moved. */
/* Move the host's clock so that it reads epoch_seconds now. 0 or -1. */
int fbt_clock_set(fbt_env *e, int64_t epoch_seconds);
/* Move the host's clock forward (or back, when negative). 0 or -1. */
int fbt_clock_advance(fbt_env *e, int64_t seconds);
/* What the host's clock reads now (epoch seconds). */
int64_t fbt_clock_now(const fbt_env *e);
/* The clock file (owned by e). */
const char *fbt_clock_path(const fbt_env *e);

/* ---- users and chats ------------------------------------------------------
 */
/* Create a sandbox user (and its private chat, same id); role "none",
 * "member", "staff" or "admin" (NULL: leave fb_users alone) is written to
 * fb_users directly (the host's migrations made that table: with no_host,
 * pass NULL). */
int fbt_user(fbt_env *e, int64_t id, const char *first_name, const char *role);
/* The same, with the phone number a "share my phone number" button shares
 * (NULL: none; the sandbox then refuses such a press). */
int fbt_user_phone(fbt_env *e, int64_t id, const char *first_name,
                   const char *role, const char *phone);
/* Set a user's role in fb_users (inserting the row if needed). */
int fbt_set_role(fbt_env *e, int64_t id, const char *role);
/* Create a group chat with these members. */
int fbt_group(fbt_env *e, int64_t chat_id, const char *title,
              const int64_t *members, int nmembers);

/* ---- what users do (chat 0: the user's private chat) -----------------------
 */
/* The user blocks the bot (blocked 0: unblocks it): the sandbox answers
 * sends to their chat with 403 "bot was blocked by the user". */
int fbt_block(fbt_env *e, int64_t user, int blocked);
/* The bot's Star balance in the sandbox (POST /sandbox/stars): each paid
 * broadcast message costs 0.1; one the balance cannot pay is refused with
 * 400 "Bad Request: not enough stars". 0, or -1 (see fbt_error). */
int fbt_stars(fbt_env *e, double stars);
int fbt_say(fbt_env *e, int64_t user, const char *text);
int fbt_say_in(fbt_env *e, int64_t user, int64_t chat, const char *text);
int fbt_send_contact(fbt_env *e, int64_t user, const char *phone);
/* A contact of someone else (owner's Telegram id) sent by user. */
int fbt_send_contact_of(fbt_env *e, int64_t user, const char *phone,
                        int64_t owner);
int fbt_send_photo(fbt_env *e, int64_t user, const char *file_name,
                   const void *bytes, size_t len, const char *caption);
int fbt_send_document(fbt_env *e, int64_t user, const char *file_name,
                      const void *bytes, size_t len, const char *caption);
/* Press a button of the newest bot message in the chat that has one with
 * this text / this callback data (-1 if none). Forge: send callback data
 * no button carries. The callback_query_id is kept for fbt_answer. With no
 * inline button of that text, a button of the chat's reply keyboard is
 * pressed: the user sends its text, or their own contact (request_contact,
 * -1 if the user has no phone: fbt_user_phone). */
int fbt_press(fbt_env *e, int64_t user, int64_t chat, const char *text);
int fbt_press_data(fbt_env *e, int64_t user, int64_t chat, const char *data);
int fbt_forge(fbt_env *e, int64_t user, int64_t chat, const char *data);
/* Wait until the user's last pressed callback query is answered; copy the
 * answer text into buf. Returns 0, or -1 if unanswered after timeout_ms. */
int fbt_answer(fbt_env *e, int64_t user, char *buf, size_t len, int timeout_ms);
/* The raw update_id of the last thing sent or pressed (for redelivery
 * tests), or -1. */
int64_t fbt_last_update_id(const fbt_env *e);

/* ---- what the bot says ----------------------------------------------------
 */
/* One bot event in a chat: a new message (edit == 0) or the nth edit of
 * one. Buttons in reading order, row by row. */
typedef struct fbt_msg {
    int64_t chat_id, message_id;
    int edit;
    char *text; /* text or caption, "" if none */
    int nbuttons;
    char **button_text;
    char **button_data; /* callback_data, or the url of a URL button */
    int *button_row;
    char *document; /* file name of a document, NULL if none */
    int photo;      /* 1 for a photo */
    char *file_id;  /* of the document or photo, NULL if none (fbt_file) */
    int keyboard;   /* FBT_KB_*: what the buttons are */
} fbt_msg;
enum {
    FBT_KB_INLINE = 0, /* inline buttons (or none) */
    FBT_KB_REPLY,      /* a reply keyboard (buttons under the input field) */
    FBT_KB_REMOVE      /* remove_keyboard: no buttons, the keyboard goes */
};
void fbt_msg_free(fbt_msg *m);
/* "[Yes] [No] / [Back]": the keyboard as one line (malloc'd); a reply
 * keyboard's buttons in braces, "{📱 Share} / {Back}", and a removal as
 * "{remove keyboard}". */
char *fbt_msg_buttons(const fbt_msg *m);

/* Patterns: a substring, or /regex/ (POSIX extended). 1 if text matches,
 * 0 if not, -1 for a bad regex. */
int fbt_match(const char *pattern, const char *text);

/* The next bot event in chat not seen yet, waiting up to timeout_ms.
 * Each chat has a cursor: an event is returned once. NULL on timeout. */
fbt_msg *fbt_next(fbt_env *e, int64_t chat, int timeout_ms);
/* fbt_next that must match pattern: a different next event is a failure
 * (fbt_error shows expected vs actual and the transcript). */
fbt_msg *fbt_expect(fbt_env *e, int64_t chat, const char *pattern,
                    int timeout_ms);
/* Skip bot events until one matches pattern (or timeout). */
fbt_msg *fbt_wait_bot(fbt_env *e, int64_t chat, const char *pattern,
                      int timeout_ms);
/* 0 if the bot says nothing new in chat for wait_ms; -1 (with the event in
 * fbt_error) if it does. */
int fbt_quiet(fbt_env *e, int64_t chat, int wait_ms);
/* The chat as text, one line per message ("user 1001: /start",
 * "bot: Welcome [Register]", "bot (edit): ..."); malloc'd. */
char *fbt_transcript(fbt_env *e, int64_t chat);

/* The bytes of a file the bot sent (fbt_msg.file_id): malloc'd, with a
 * NUL after them, length in *len. NULL if unknown. */
void *fbt_file(fbt_env *e, const char *file_id, size_t *len);

/* Milliseconds on a monotonic clock (for deadlines in tests). */
int64_t fbt_now_ms(void);

/* A sandbox counter (see SANDBOX.md), or -1. */
int64_t fbt_counter(fbt_env *e, const char *name);
/* POST a JSON body to a sandbox control path ("/sandbox/faults"); the
 * response body (malloc'd) or NULL when not ok. */
char *fbt_sandbox_post(fbt_env *e, const char *path, const char *json);

/* ---- the database ----------------------------------------------------------
 */
/* First column of the first row as text (malloc'd; "NULL" for SQL NULL,
 * "" for no row), or NULL on error. Parameters are text, $1..$n. */
char *fbt_sql(fbt_env *e, const char *sql, int n, const char *const *params);
/* Run a statement. Returns the affected row count, or -1. */
long long fbt_sql_exec(fbt_env *e, const char *sql, int n,
                       const char *const *params);

#ifdef __cplusplus
}
#endif
#endif
