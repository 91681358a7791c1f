/* host/outstore against a real PostgreSQL: the rows of a COMMIT whose
 * answer was lost with their ids are found again by the update its
 * transaction claimed. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "dbtest.h"
#include "dedup.h"
#include "outstore.h"

static char err[512];

static void setup(void)
{
    fbt_fixture_migrated();
    err[0] = '\0';
}

/* Claim update_id and store texts for chat in one transaction. */
static void handled(int64_t update_id, int64_t chat, const char *const *texts,
                    int n)
{
    fb__outbatch *b = fb__outbatch_new();
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(fb__outbatch_send(b, chat, texts[i], NULL), 0);
    ck_assert_int_eq(fb__db_begin(fbt_db.conn, err, sizeof err), 0);
    ck_assert_int_eq(fb__dedup_claim(fbt_db.conn, update_id, err, sizeof err),
                     1);
    ck_assert_msg(fb__outstore_write(fbt_db.conn, b, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_int_eq(fb__db_commit(fbt_db.conn, err, sizeof err), 0);
    fb__outbatch_free(b);
}

/* "text@chat|..." of b's items, ids into ids. */
typedef struct seen {
    char buf[256];
    int64_t ids[8];
    int n;
} seen;

static int see(void *ud, const fb__outmsg *m, int64_t *id)
{
    seen *s = ud;
    (void)id;
    snprintf(s->buf + strlen(s->buf), sizeof s->buf - strlen(s->buf),
             "%s%s@%lld", s->n ? "|" : "", m->text, (long long)m->chat);
    s->ids[s->n++] = m->id;
    return 0;
}

static seen load(int64_t update_id)
{
    seen s = {0};
    fb__outbatch *b =
        fb__outstore_load_update(fbt_db.conn, update_id, err, sizeof err);
    ck_assert_msg(b != NULL, "%s", err);
    fb__outbatch_each(b, see, &s);
    fb__outbatch_free(b);
    return s;
}

START_TEST(rows_of_an_update_found_again)
{
    static const char *const two[] = {"one", "two"}, *const other[] = {"x"};
    seen s;
    char sql[128];

    handled(501, 11, two, 2);
    handled(502, 11, other, 1);
    s = load(501);
    ck_assert_str_eq(s.buf, "one@11|two@11");
    ck_assert_int_lt(s.ids[0], s.ids[1]);
    snprintf(sql, sizeof sql,
             "UPDATE fb_outbox SET delivered_at = now(), outcome = 'sent' "
             "WHERE id = %lld",
             (long long)s.ids[0]);
    fbtc_exec(fbt_db.conn, sql);
    ck_assert_str_eq(load(501).buf, "two@11"); /* delivered: not again */
    ck_assert_str_eq(load(502).buf, "x@11");
    ck_assert_str_eq(load(503).buf, ""); /* no such update: nothing */
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "outstore",
                                   .tcase = "pg",
                                   .setup = setup,
                                   .teardown = fbt_fixture_drop,
                                   .needs_pg = 1};

    return FBTC_RUN(&def, rows_of_an_update_found_again);
}
