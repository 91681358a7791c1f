/* host/identity: the core users table (fb_users).
 *
 * Roles are stored as text: 'none' = FB_ROLE_ANYONE, 'member', 'staff',
 * 'admin'. Ids are BIGINT, passed to SQL as decimal text (exact for the
 * whole int64 range). Every function runs in the caller's transaction (or
 * autocommit) on conn. */
#ifndef FITBOT_HOST_IDENTITY_H
#define FITBOT_HOST_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "db.h"
#include "fitbot/plugin.h"

/* Record a sender: insert, or update names (NULL keeps stored value), clear
 * "blocked" (they are talking to us). super_admin (0 = none): when it equals
 * user_id the row is stored with role 'admin', and reported not banned.
 * Fills *role and *banned (either may be NULL). Returns 0, or -1 with err. */
/* The touch as a call of a pipeline (db.h): set up c (the strings must
 * outlive the run); after the run, touched finishes it on conn (a second
 * statement when a concurrent transaction inserted the user) and says
 * what fb__identity_touch would. */
void fb__identity_touch_call(fb__db_call *c, int64_t user_id, const char *first,
                             const char *last, const char *username,
                             int64_t super_admin);
int fb__identity_touched(PGconn *conn, fb__db_call *c, fb_role *role,
                         int *banned, char *err, size_t errlen);

int fb__identity_touch(PGconn *conn, int64_t user_id, const char *first,
                       const char *last, const char *username,
                       int64_t super_admin, fb_role *role, int *banned,
                       char *err, size_t errlen);

/* The stored role of id: FB_ROLE_* (>= 0), -1 if unknown, -2 on error
 * (err filled). */
int fb__identity_role(PGconn *conn, int64_t id, char *err, size_t errlen);

/* A user's display name: the name set with fb__identity_set_name, else
 * first + " " + last (trimmed). Returns 1 with the name in out (cut to
 * len - 1 bytes), 0 for an unknown id, -1 with err. */
int fb__identity_name(PGconn *conn, int64_t id, char *out, size_t len,
                      char *err, size_t errlen);

/* Set (or, with NULL or "", clear) the display name of a known user.
 * Returns 0, or -1 with err (unknown id included). */
int fb__identity_set_name(PGconn *conn, int64_t id, const char *name, char *err,
                          size_t errlen);

/* Set the role of id, creating the user if unknown. Returns 0, or -1 with
 * err (a role outside FB_ROLE_ANYONE..FB_ROLE_ADMIN is refused). */
int fb__identity_set_role(PGconn *conn, int64_t id, fb_role role, char *err,
                          size_t errlen);

/* Ban (banned != 0, reason may be NULL) or unban id, creating the user if
 * unknown. Unbanning clears the reason. Returns 0, or -1 with err. */
int fb__identity_set_banned(PGconn *conn, int64_t id, int banned,
                            const char *reason, char *err, size_t errlen);

/* Mark the private chat chat_id (= user id) as blocked / unblocked after a
 * 403 from Telegram. Returns 1 if a user was marked, 0 if no such user
 * (e.g. a group chat), -1 with err on error. */
int fb__identity_mark_blocked(PGconn *conn, int64_t chat_id, int blocked,
                              char *err, size_t errlen);

/* "none", "member", "staff", "admin" for a role; "none" for out of range. */
const char *fb__role_name(fb_role role);

/* Parse a stored role name; -1 for anything else. */
int fb__role_parse(const char *name);

#endif
