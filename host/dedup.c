/* host/dedup: processed update ids. See dedup.h. */
#include "dedup.h"

#include <inttypes.h>
#include <stdio.h>

#include "db.h"

static fb__db_stmt claim_sql =
    FB__DB_STMT("INSERT INTO fb_processed_updates (update_id) "
                "VALUES ($1::bigint) ON CONFLICT (update_id) DO NOTHING",
                1);

int fb__dedup_claim(PGconn *conn, int64_t update_id, char *err, size_t errlen)
{
    char id[24];
    const char *p[1] = {id};

    snprintf(id, sizeof id, "%" PRId64, update_id);
    return fb__db_xchanged(conn, &claim_sql, p, err, errlen);
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
