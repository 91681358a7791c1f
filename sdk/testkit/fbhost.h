/* fbhost: a stand-in host for unit tests of a plugin's handlers, in the
 * test's own process: no daemon, no Bot API, but a real PostgreSQL.
 *
 *     fbh_host *h = fbh_new(&my_plugin, conninfo);  // NULL: queries fail
 *     fbh_migrate(h, "sql/myplugin");               // *.sql in name order
 *     fbh_as(h, 1001, FB_ROLE_MEMBER);              // who speaks
 *     fbh_command(h, "/book 2030-01-15");           // the route's handler
 *     ck_assert_str_eq(fbh_last(h), "Booked.");
 *     fbh_press(h, fbh_button(h, -1, "Yoga"));      // press a button of it
 *     fbh_text(h, "15/01/2030");                    // input to the flow
 *     ck_assert_int_eq(fbh_rc(h), FB_OK);
 *     fbh_free(h);
 *
 * It implements the host function table of ABI minor 2 as the daemon does:
 *  - each run (fbh_command, fbh_press, fbh_text, fbh_event, fbh_job) is one
 *    transaction (BEGIN ... COMMIT when the handler returns FB_OK and
 *    nothing failed, else ROLLBACK) run with the configured TimeZone;
 *    messages are recorded only when it commits; a callback answer is
 *    recorded at once (the host answers before committing);
 *  - a route's role is checked first: a refused run does not call the
 *    handler and records the message (or answer) "refused";
 *  - flows live in memory (rolled back with the transaction) and follow
 *    plugin.h's fb_ask rules: fb__ask_input's type check, the check
 *    function, the value stored under key, then the handler or next / end;
 *    a state's question is sent after the handler that moved there;
 *  - events and requests reach the plugin's own subscriptions;
 *  - sticky failure (fb_fail) turns FB_OK into FB_ERR in a minor-2 plugin;
 *    context memory (fb_alloc) is freed after every run.
 * The plugin's init runs (in a transaction) before the first run; its fini
 * in fbh_free. The private chat of a user is the user's id. Not
 * thread-safe; fb_today() sets TZ for a moment.
 *
 * Strings returned belong to the host and stay valid until the next run or
 * fbh_free (fbh_sql_value: until its next call). */
#ifndef FITBOT_FBHOST_H
#define FITBOT_FBHOST_H

#include <stdint.h>

#include "fitbot/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fbh_host fbh_host;

/* ---- set up -------------------------------------------------------------- */
/* A host for plugin p, connected to conninfo (libpq; NULL: no database, every
 * query fails). NULL when out of memory or the connection fails (the reason
 * on stderr). */
fbh_host *fbh_new(const fb_plugin *p, const char *conninfo);
/* Run the plugin's fini, close the connection, free everything. */
void fbh_free(fbh_host *h);
/* Run sql outside any run (CREATE TABLE ..., fixtures). Returns 0, or -1
 * with the server's message in fbh_failure(h). */
int fbh_sql(fbh_host *h, const char *sql);
/* Apply the *.sql files of folder in name order (each as fbh_sql). */
int fbh_migrate(fbh_host *h, const char *folder);
/* The first cell of sql's first row ("" for SQL NULL), NULL on error or no
 * row: for asserting what a run left in the database. */
const char *fbh_sql_value(fbh_host *h, const char *sql);

/* The sender of the next runs (registered with that role). */
void fbh_as(fbh_host *h, int64_t user, fb_role role);
/* Register a user: name (NULL: none) and role, as the users table would. */
void fbh_user(fbh_host *h, int64_t user, const char *name, fb_role role);
/* [plugin.NAME] key = value of the plugin's config section. */
void fbh_config(fbh_host *h, const char *key, const char *value);
/* The clock (Unix seconds; default: the real time) and the club's zone
 * (default "UTC"). */
void fbh_set_now(fbh_host *h, int64_t epoch);
void fbh_set_timezone(fbh_host *h, const char *zone);

/* ---- runs: each returns fbh_rc(h) ------------------------------------------
 */
/* "/cmd args" to the command's route ("/cancel" ends the flow through its
 * cancel hook when no route claims it). */
int fbh_command(fbh_host *h, const char *line);
/* A press of a button with data (NULL is refused: FB_ERR). */
int fbh_press(fbh_host *h, const char *data);
/* A text message: to the key's flow state, else the generic route. */
int fbh_text(fbh_host *h, const char *text);
/* An event delivered to the plugin's subscribers of name. */
int fbh_event(fbh_host *h, const char *name, const char *json);
/* A document of that name and bytes from the current user (file_id
 * FBH_FILE_ID; fb_file_bytes() gives the bytes back), as fbh_text. */
int fbh_document(fbh_host *h, const char *name, const void *bytes,
                 size_t len);
#define FBH_FILE_ID "fbh-file-1"
/* A run of the plugin's job name. */
int fbh_job(fbh_host *h, const char *name);

/* ---- what happened --------------------------------------------------------
 */
/* FB_OK or FB_ERR of the last run (sticky failure applied; nothing claimed
 * the update: FB_ERR). */
int fbh_rc(const fbh_host *h);
/* The first failure reason of the last run (or of fbh_sql), NULL if none. */
const char *fbh_failure(const fbh_host *h);
/* Messages committed so far (sent, edited, documents by caption), in
 * order; i < 0 counts from the end (-1: the last). NULL outside. */
int fbh_count(const fbh_host *h);
const char *fbh_msg(const fbh_host *h, int i);
const char *fbh_last(const fbh_host *h);
/* The chat message i went to. */
int64_t fbh_msg_chat(const fbh_host *h, int i);
/* Message i's button texts: " | " between buttons, "\n" between rows;
 * "" without a keyboard. */
const char *fbh_keyboard(const fbh_host *h, int i);
/* The data of message i's button with text, NULL if none. */
const char *fbh_button(const fbh_host *h, int i, const char *text);
/* The last run's callback answer: its text ("" when the plugin did not
 * answer and the host stopped the spinner), NULL if not a press; and
 * whether it was an alert. */
const char *fbh_answer(const fbh_host *h);
int fbh_answer_alert(const fbh_host *h);
/* The key's conversation now: flow and state ("" when none), a value
 * (NULL when unset). */
const char *fbh_flow(const fbh_host *h);
const char *fbh_state(const fbh_host *h);
const char *fbh_flow_value(const fbh_host *h, const char *key);

#ifdef __cplusplus
}
#endif
#endif
