/* host/migrate: schema migrations from SQL files.
 *
 * Scope "core" is sql_dir/core/, a plugin's scope is the folder named by its
 * descriptor's .migrations (sql_dir/<folder>/). Files are NNN_name.sql (NNN:
 * one or more digits, name [A-Za-z0-9_-]+); anything else ending in .sql is
 * refused, other files are ignored. Scopes are applied in the order given
 * (core first, then plugins in load order), files within a scope by NNN.
 * Each file runs in its own transaction together with its fb_migrations row
 * (scope, version, name, md5 checksum of the file text); a file must not
 * COMMIT or ROLLBACK itself (refused, naming the file, when it leaves the
 * transaction: what it ran before that stays). The whole run holds
 * a session-level pg_advisory_lock, so concurrent hosts apply each file
 * once. An applied migration whose file changed is refused (error names the
 * file) before anything of its scope is applied; a missing scope folder is
 * not an error. */
#ifndef FITBOT_HOST_MIGRATE_H
#define FITBOT_HOST_MIGRATE_H

#include <stddef.h>

#include <libpq-fe.h>

/* Called once per migration file. state is one of
 *   "applied"  (just applied by fb__migrate / already applied in status),
 *   "pending"  (status only: not applied yet),
 *   "changed"  (status only: applied, but the file's checksum differs),
 *   "missing"  (status only: recorded, but the file is gone).
 * file is "NNN_name.sql" (for "missing", the recorded name). */
typedef void (*fb__migrate_report)(void *arg, const char *scope, int version,
                                   const char *file, const char *state);

/* Apply every pending migration of the scopes. conn must be idle (no open
 * transaction); it is left idle. report may be NULL. Returns the number of
 * files applied (>= 0), or -1 with err naming the file and the reason; the
 * files applied before the failure stay applied. */
int fb__migrate(PGconn *conn, const char *sql_dir, const char *const *scopes,
                int nscopes, fb__migrate_report report, void *arg, char *err,
                size_t errlen);

/* Report the state of every migration of the scopes (files and recorded
 * rows) without changing anything (fb_migrations may not exist yet).
 * Returns the number of pending + changed + missing entries (0 = up to
 * date), or -1 with err filled. */
int fb__migrate_status(PGconn *conn, const char *sql_dir,
                       const char *const *scopes, int nscopes,
                       fb__migrate_report report, void *arg, char *err,
                       size_t errlen);

#endif
