/* ar plugin (accounts receivable): what its files share.
 *
 * ar.c (the descriptor, config) · ledger.c (receivables, allocation,
 * credit, locks lifted; the events taken) · record.c (the admin's "record
 * payment" flow) · manual.c (a receivable by hand) · member.c (/my_dues,
 * /dues, member.card, ar.access) · report.c (outstanding, aging, methods,
 * CSV, charts) · job.c (reminders and locks) · lines.c, chart.c (pure:
 * lines.h, chart.h). */
#ifndef FB_AR_H
#define FB_AR_H

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

/* ---- callback-data prefixes (routes are declared with the same text) -- */
#define CB_PICK "arpk:"    /* receivable id (0: oldest first), record flow */
#define CB_REC_OK "arok"   /* record the payment */
#define CB_DROP "arno"     /* [Cancel] of either flow: drop it */
#define CB_NEW_OK "arnok"  /* create the receivable typed by hand */
#define CB_SOURCE "arsrc:" /* store | other: a receivable by hand */
#define CB_REPORT "arr:"   /* out | age | meth | csv | agec | colc */

#define FLOW_RECORD "ar_record"
#define FLOW_NEW "ar_new"

/* ---- config ([plugin.ar]) ----------------------------------------------- */
#define CFG_CREDIT_DAYS "credit_days" /* due date of a credit: today + N */
#define DFLT_CREDIT_DAYS 15
#define CFG_REMIND "remind_days" /* days from the due date */
#define DFLT_REMIND "-3, 1, 7, 15, 30"
#define CFG_LOCK "lock_after_days" /* days past due that lock; 0: never */
#define DFLT_LOCK 30
#define CFG_JOB_AT "job_at"
#define DFLT_JOB_AT "09:00"
#define MAX_DAYS 3650
#define REMIND_MAX 12

/* The open statuses, for SQL. */
#define OPEN "status IN ('pending', 'partial')"

/* "Asha Verma (7000000001)" for staff to read. */
const char *fb__ar_who(fb_ctx *c, int64_t user);
/* An fb_ask check: a member typed (as fb_member_typed takes it) is
 * stored as "member"; else the text that says what is accepted. */
const char *fb__ar_check_member(fb_ctx *c);
/* An fb_ask check of a state answered with buttons: any typed input is
 * asked again with "use the buttons". */
const char *fb__ar_use_buttons(fb_ctx *c);
/* The reminder steps of the config, sorted, into steps (REMIND_MAX);
 * returns how many (the default's when the config's is unusable). */
int fb__ar_remind_steps(fb_ctx *c, int steps[REMIND_MAX]);

/* ---- the ledger (ledger.c) ---------------------------------------------- */
/* Serialise every change to user's ledger within this transaction. */
void fb__ar_lock_member(fb_ctx *c, int64_t user);
/* A new receivable; then the member's credit is used on it. Returns its
 * id (0 when payment_id is taken already: nothing was done). */
int64_t fb__ar_create(fb_ctx *c, int64_t user, const char *source,
                      const char *reference, const char *description,
                      int64_t bill, int64_t discount, const char *due,
                      int64_t payment_id, int64_t created_by);
/* The member's unallocated payments (credit) go to their open
 * receivables: receivable first (0: none), then oldest due first.
 * Returns the paise allocated. */
int64_t fb__ar_settle(fb_ctx *c, int64_t user, int64_t first);
/* Locks with no dues past lock_after_days any more (user 0: everyone's)
 * are lifted and their members told. */
int fb__ar_unlock(fb_ctx *c, int64_t user);
/* The member's credit (unallocated payments), paise. */
int64_t fb__ar_credit(fb_ctx *c, int64_t user);

/* ---- handlers ------------------------------------------------------------ */
int fb__ar_on_credit(fb_ctx *c);
int fb__ar_on_credited(fb_ctx *c);
int fb__ar_forget(fb_ctx *c);

int fb__ar_record(fb_ctx *c);
int fb__ar_pick(fb_ctx *c);
int fb__ar_record_ok(fb_ctx *c);
int fb__ar_drop(fb_ctx *c);
extern const fb_state fb__ar_record_states[];

int fb__ar_new(fb_ctx *c);
int fb__ar_new_ok(fb_ctx *c);
int fb__ar_source(fb_ctx *c);
extern const fb_state fb__ar_new_states[];

int fb__ar_mine(fb_ctx *c);
int fb__ar_dues(fb_ctx *c);
int fb__ar_card(fb_ctx *c);
int fb__ar_access(fb_ctx *c);

int fb__ar_reports(fb_ctx *c);
int fb__ar_report(fb_ctx *c);

int fb__ar_daily(fb_ctx *c);

#endif
