/* broadcast plugin: what its files share. See broadcast.c for the whole. */
#ifndef BC_H
#define BC_H

#include <fitbot/plugin.h>
#include <fitbot/sdk.h>

#define FLOW_COMPOSE "compose"

/* callback data */
#define CB_AUDIENCE "bca:" /* all|active|expired|grace|inactive|role */
#define CB_ROLE "bcr:"     /* member|staff|admin */
#define CB_NO_MEDIA "bcm:"
#define CB_SEND "bcgo:"
#define CB_DROP "bcno:"
#define CB_STOP "bcstop:" /* broadcast id */

/* limits: Telegram's, with room for the names put in for {name} */
#define BC_TEXT_MAX 4096
#define BC_CAPTION_MAX 1024
#define BC_NAME_ROOM 128 /* a name counts this much (first + last name) */
#define BC_DAYS_MAX 3650

/* config keys and defaults */
#define CFG_WINDOW "window" /* bulk messages kept queued */
#define DFLT_WINDOW 200
#define CFG_PROGRESS "progress_every" /* seconds between progress edits */
#define DFLT_PROGRESS 3
#define CFG_PAID "paid" /* true: copies are paid broadcasts (FB_BULK_PAID) */

/* Whether the operator made copies paid broadcasts ([plugin.broadcast]
 * paid = true, yes, on or 1; anything else: no). */
int fb__bc_paid(fb_ctx *c);
/* Load time (the plugin's init): a paid value that is neither a yes nor
 * a no is named in the log (fb_config_check_bool); copies then go free.
 * Never fails. */
int fb__bc_check_config(fb_ctx *c);
/* "12.3" for n tenths. */
const char *fb__bc_tenths(fb_ctx *c, long long n);

/* The audience chosen in the flow (flow values seg, days, role). */
typedef struct bc_audience {
    const char *seg;  /* all | active | expired | grace | inactive | role */
    int64_t days;     /* inactive */
    const char *role; /* role */
} bc_audience;

/* audience.c */
bc_audience fb__bc_flow_audience(fb_ctx *c);
/* "Active members", "Inactive for 30 days", ... */
const char *fb__bc_label(fb_ctx *c, const bc_audience *a);
/* The audience's ids, comma-separated ("" for nobody), and their number in
 * *n; NULL when no plugin answers (or on failure). */
const char *fb__bc_ids(fb_ctx *c, const bc_audience *a, int *n);
/* The first n bytes of s, in the context's memory. */
const char *fb__bc_cut(fb_ctx *c, const char *s, size_t n);
/* The member's copy of body: escaped, {name} their escaped name. */
const char *fb__bc_render(fb_ctx *c, const char *body, const char *name);
/* A person's name for {name} ("member" when unknown). */
const char *fb__bc_name(fb_ctx *c, int64_t user);
/* Characters Telegram counts in body once names are in: UTF-16 units
 * (a character beyond the BMP, an emoji, is two), each {name} as
 * BC_NAME_ROOM. */
int64_t fb__bc_length(const char *body);

/* compose.c */
int fb__bc_start(fb_ctx *c);
int fb__bc_audience_button(fb_ctx *c);
int fb__bc_role_button(fb_ctx *c);
int fb__bc_no_media(fb_ctx *c);
int fb__bc_send(fb_ctx *c);
int fb__bc_drop(fb_ctx *c);
extern const fb_state fb__bc_compose_states[];

/* deliver.c */
/* Feed broadcast id's next recipients to the outbox and show its progress
 * (or its summary when it is over). */
int fb__bc_tick(fb_ctx *c, int64_t id, int force);
/* The job: fb__bc_tick for every running broadcast. */
int fb__bc_job(fb_ctx *c);
/* [Stop] on a progress message. */
int fb__bc_stop(fb_ctx *c);

#endif
