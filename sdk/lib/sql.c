/* sql: typed query parameters and results through the context (ABI 1.2).
 * Parameters become text for the host's query (integers in decimal, NULL
 * as SQL NULL); results are read as text or int64. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fitbot/sdk.h"
#include "sdkutil.h"

#define MAX_PARAMS 16

/* The text of every parameter (digits in num). Returns the count, or -1
 * when there are more than MAX_PARAMS or a kind is unknown. */
static int params_text(const fb_param *p, const char **v, char num[][21])
{
    int n;

    for (n = 0; p && p[n].kind != FB__P_END; n++) {
        if (n == MAX_PARAMS)
            return -1;
        switch (p[n].kind) {
        case FB__P_NULL:
            v[n] = NULL;
            break;
        case FB__P_STR:
            v[n] = p[n].s;
            break;
        case FB__P_INT:
            v[n] = fb_int64_str(p[n].i, num[n]);
            break;
        case FB__P_UINT:
            snprintf(num[n], 21, "%" PRIu64, (uint64_t)p[n].i);
            v[n] = num[n];
            break;
        default:
            return -1;
        }
    }
    return n;
}

/* Run sql with p; NULL after one fb_fail naming who. */
static fb_rows *run(fb_ctx *c, const char *who, const char *sql,
                    const fb_param *p)
{
    const char *v[MAX_PARAMS];
    char num[MAX_PARAMS][21];
    fb_rows *r;
    int n = params_text(p, v, num);

    if (!sql || n < 0) {
        fb__failf(c, "%s: %s", who,
                  sql ? "more than 16 parameters" : "NULL query");
        return NULL;
    }
    r = fb_query(c, sql, n, v);
    if (!r)
        fb__failf(c, "%s: query failed: %.80s", who, sql);
    return r;
}

/* The cell as int64 into *v. Returns 1 (a value), 0 (NULL or outside the
 * result) or -1 after fb_fail naming who (not an integer). */
static int cell_int(fb_ctx *c, const char *who, const fb_rows *r, int row,
                    int col, int64_t *v)
{
    const char *s = NULL;

    if (r && row >= 0 && col >= 0 && row < fb_rows_count(c, r))
        s = fb_rows_get(c, r, row, col);
    if (!s)
        return 0;
    if (fb_parse_int64(s, INT64_MIN, INT64_MAX, v) != 0) {
        fb__failf(c, "%s: row %d column %d is not an integer: \"%.40s\"", who,
                  row, col, s);
        return -1;
    }
    return 1;
}

/* See sdk.h. */
fb_rows *fb__sql(fb_ctx *c, const char *sql, const fb_param *p)
{
    return run(c, "fb_sql", sql, p);
}

/* See sdk.h. -1 (context failed) on error. */
long long fb__sql_exec(fb_ctx *c, const char *sql, const fb_param *p)
{
    fb_rows *r = run(c, "fb_sql_exec", sql, p);

    return r ? fb_rows_affected(c, r) : -1;
}

/* See sdk.h. */
const char *fb__sql_str(fb_ctx *c, const char *sql, const fb_param *p)
{
    fb_rows *r = run(c, "fb_sql_str", sql, p);

    return r && fb_rows_count(c, r) > 0 ? fb_rows_get(c, r, 0, 0) : NULL;
}

/* See sdk.h. dflt also on a failure. */
int64_t fb__sql_int(fb_ctx *c, int64_t dflt, const char *sql, const fb_param *p)
{
    fb_rows *r = run(c, "fb_sql_int", sql, p);
    int64_t v;

    return r && cell_int(c, "fb_sql_int", r, 0, 0, &v) == 1 ? v : dflt;
}

/* See sdk.h. */
int fb_nrows(fb_ctx *c, const fb_rows *r)
{
    return r ? fb_rows_count(c, r) : 0;
}

/* See sdk.h. */
const char *fb_str(fb_ctx *c, const fb_rows *r, int row, int col)
{
    const char *s = NULL;

    if (r && row >= 0 && col >= 0 && row < fb_rows_count(c, r))
        s = fb_rows_get(c, r, row, col);
    return s ? s : "";
}

/* See sdk.h. 0 also on a failure. */
int64_t fb_int(fb_ctx *c, const fb_rows *r, int row, int col)
{
    int64_t v;

    return cell_int(c, "fb_int", r, row, col, &v) == 1 ? v : 0;
}

/* See sdk.h. A cell outside the result counts as NULL. */
int fb_is_null(fb_ctx *c, const fb_rows *r, int row, int col)
{
    if (!r || row < 0 || col < 0 || row >= fb_rows_count(c, r))
        return 1;
    return fb_rows_get(c, r, row, col) == NULL;
}
