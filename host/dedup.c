/* host/dedup: processed update ids. See dedup.h. */
#include "dedup.h"

#include <inttypes.h>
#include <stdio.h>

#include "db.h"

static fb__db_stmt claim_sql =
    FB__DB_STMT("INSERT INTO fb_processed_updates (update_id) "
                "VALUES ($1::bigint) ON CONFLICT (update_id) DO NOTHING",
                1);

/* See dedup.h. */
void fb__dedup_claim_call(fb__db_call *c, int64_t update_id)
{
    snprintf(c->nums[0], sizeof c->nums[0], "%" PRId64, update_id);
    c->st = &claim_sql;
    c->params[0] = c->nums[0];
}

/* See dedup.h. */
int fb__dedup_claimed(const fb__db_call *c)
{
    return c->res ? fb__db_call_affected(c) > 0 : -1;
}

int fb__dedup_claim(PGconn *conn, int64_t update_id, char *err, size_t errlen)
{
    fb__db_call c = {0};
    int rc;

    fb__dedup_claim_call(&c, update_id);
    fb__db_xcall(conn, &c, err, errlen);
    rc = fb__dedup_claimed(&c);
    fb__db_calls_clear(&c, 1);
    return rc;
}

long long fb__dedup_prune(PGconn *conn, int keep_s, char *err, size_t errlen)
{
    char secs[16];
    const char *p[1] = {secs};

    if (keep_s < 0) {
        fb__db_seterr(err, errlen, "bad retention %d", keep_s);
        return -1;
    }
    snprintf(secs, sizeof secs, "%d", keep_s);
    return fb__db_exec(conn,
                       "DELETE FROM fb_processed_updates WHERE processed_at "
                       "< now() - make_interval(secs => $1::int)",
                       1, p, err, errlen);
}
