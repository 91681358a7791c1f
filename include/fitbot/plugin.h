/* fitbot plugin ABI, major version 1.
 *
 * A plugin is a shared object exporting one symbol per ABI major it speaks:
 *
 *     FB_PLUGIN_EXPORT const fb_plugin *fitbot_plugin_v1(void);
 *
 * returning a const descriptor (below). The host checks magic, ABI major
 * (equal), ABI minor (plugin <= host), struct size and name, then calls
 * init() with a context whose first member points at the host's function
 * table. Plugins never link against the host: every host service is reached
 * through the inline wrappers at the end of this header, which call through
 * that table. Build plugins with -Wl,-z,defs against libfitbot-sdk alone.
 *
 * Rules the host enforces for every plugin (see docs/ARCHITECTURE.md):
 *  - every handler runs inside ONE database transaction opened by the host;
 *    returning FB_OK commits it, anything else rolls it back and drops every
 *    message the handler queued;
 *  - every route declares the role it needs and the host checks it first;
 *  - every callback query is answered exactly once (by the plugin through
 *    fb_answer(), or by the host after the handler returns).
 *
 * Compatibility: within major 1 new fields are only ever appended (using the
 * reserved room) and new host functions only appended to fb_host_api; a
 * plugin built against minor N loads on every host of minor >= N.
 *
 * Minor 1 added reply keyboards: ask_contact (a one-time "share my phone
 * number" button), send_plain with FB_SEND_REMOVE_KEYBOARD (takes that
 * keyboard away again) and contact_user_id (whose contact was shared).
 *
 * Minor 2 made plumbing live in the host and the SDK (docs/PLUGINS.md):
 *  - a sticky failure: in a plugin of minor >= 2, a host call that fails
 *    (a query, a send, a flow step) marks the context, and the handler's
 *    FB_OK becomes FB_ERR (rolled back, logged with the first failure), so
 *    a handler need not check every call; fb_fail() marks it by hand;
 *  - memory owned by the context (fb_alloc), on which sdk.h builds
 *    formatted replies, typed query parameters and results;
 *  - flows as data: a state may point at an fb_ask (its prompt and its
 *    validator); the host asks when the state is entered, re-asks with the
 *    validator's message on bad input, stores the typed value and moves on;
 *  - the club's calendar (fb_now, fb_today in the configured time zone;
 *    handler SQL runs with that TimeZone) and one test clock;
 *  - requests: fb_request() asks every plugin subscribed to a name and
 *    collects their fb_respond() answers, inside the same transaction;
 *  - fb_menu(): the commands of every plugin the role may use;
 *  - fb_user_role() says FB_ROLE_UNKNOWN (-1) for an unknown id;
 *    fb_user_name() is a user's name by id.
 *
 * Minor 3 added fb_file_bytes(): the bytes of a document or photo a user
 * sent (an import file), fetched from Telegram by the host.
 *
 * Minor 4 added bulk sends for broadcasts: fb_send_bulk() queues a message
 * (text, or a photo / document by file_id) on the outbox's bulk lane,
 * tagged; fb_bulk_counts() counts a tag's rows by outcome and
 * fb_bulk_cancel() drops its rows not sent yet; fb_bulk_room() is the
 * back-pressure figure to queue by. A job may run every few seconds
 * (FB_JOB_SECONDS). Later, within 1.4 (no new function, no new minor):
 * the flag FB_BULK_PAID (fb_send_bulk_ex) asks a paid broadcast, and the
 * tally's reserved room became paid and no_stars. A host of 1.4 from
 * before refuses the flag ("send_bulk: unknown flags") and leaves both
 * figures 0.
 */
#ifndef FITBOT_PLUGIN_H
#define FITBOT_PLUGIN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FB_PLUGIN_MAGIC 0x46425031u /* "FBP1" */
#define FB_ABI_MAJOR 1
#define FB_ABI_MINOR 4
#define FB_PLUGIN_ENTRY "fitbot_plugin_v1"

#if defined(__GNUC__)
#define FB_PLUGIN_EXPORT __attribute__((visibility("default")))
#define FB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FB_PLUGIN_EXPORT
#define FB_PRINTF(a, b)
#endif

/* Handler status. FB_OK commits the transaction; FB_ERR rolls it back (the
 * host tells the user "something went wrong" and logs it). */
enum { FB_OK = 0, FB_ERR = -1 };

/* Roles, ordered: a route needing FB_ROLE_STAFF admits staff and admins.
 * FB_ROLE_ANYONE admits people who never registered (the users table still
 * knows them: the host records every sender). */
typedef enum fb_role {
    FB_ROLE_UNKNOWN = -1, /* minor 2: fb_user_role() of an unknown id */
    FB_ROLE_ANYONE = 0,
    FB_ROLE_MEMBER = 1,
    FB_ROLE_STAFF = 2,
    FB_ROLE_ADMIN = 3
} fb_role;

typedef enum fb_update_kind {
    FB_UPDATE_NONE = 0,
    FB_UPDATE_TEXT,     /* a text message that is not a command */
    FB_UPDATE_COMMAND,  /* "/cmd args"; fb_args() holds "args" */
    FB_UPDATE_CALLBACK, /* an inline button press; fb_data() holds its data */
    FB_UPDATE_CONTACT,  /* a shared contact; fb_contact_phone() */
    FB_UPDATE_PHOTO,    /* fb_file_id() holds the largest size's file_id */
    FB_UPDATE_DOCUMENT, /* fb_file_id(), fb_file_name() */
    FB_UPDATE_OTHER,
    FB_UPDATE_EVENT, /* an event delivered to a subscriber */
    FB_UPDATE_JOB,   /* a scheduled job run */
    FB_UPDATE_INIT   /* init()/fini() */
} fb_update_kind;

typedef struct fb_ctx fb_ctx;
typedef struct fb_host_api fb_host_api;

/* Every plugin callback. Returns FB_OK or FB_ERR. */
typedef int (*fb_handler)(fb_ctx *ctx);

/* ---- inline keyboards (built with sdk.h helpers, consumed by the host) -- */
#define FB_KB_MAX_ROWS 16
#define FB_KB_MAX_COLS 8
#define FB_KB_TEXT_MAX 128
#define FB_CALLBACK_DATA_MAX 64
#define FB_FILE_MAX (20u * 1024 * 1024) /* a bot downloads up to 20 MB */

typedef struct fb_button {
    char text[FB_KB_TEXT_MAX];
    char data[FB_CALLBACK_DATA_MAX + 1]; /* callback_data, or "" when url set */
    char url[256];
} fb_button;

typedef struct fb_keyboard {
    int rows;
    int cols[FB_KB_MAX_ROWS];
    fb_button b[FB_KB_MAX_ROWS][FB_KB_MAX_COLS];
    int error; /* set when a helper refused a button (too long data, ...) */
} fb_keyboard;

/* ---- routes ------------------------------------------------------------ */
typedef enum fb_route_kind {
    FB_ROUTE_COMMAND = 1, /* match: "start" for /start */
    FB_ROUTE_CALLBACK,    /* match: callback-data prefix, e.g. "usr:" */
    FB_ROUTE_GENERIC      /* match: NULL. Gets what no route claims; the
                             host derives its exclusions from the table. */
} fb_route_kind;

/* Route flags. */
#define FB_ROUTE_BANNED_OK 0x1u /* banned users reach it (e.g. /start) */
#define FB_ROUTE_HIDDEN 0x2u    /* not listed in setMyCommands */

/* NOLINTNEXTLINE(clang-analyzer-optin.performance.Padding): order is ABI */
typedef struct fb_route {
    fb_route_kind kind;
    const char *match;
    fb_role role;
    fb_handler handler;
    const char *help;   /* one-line description for the command menu */
    const char *enters; /* name of a flow of this plugin this route starts:
                           the host first ends the key's current flow through
                           its cancel hook */
    unsigned flags;
    void *reserved[2];
} fb_route;

/* Route table entries (minor 2 spelling; plain designated initialisers
 * work as well): what it matches, the least role, the handler, the menu
 * line (commands), and the flow of this plugin the route enters (NULL for
 * none: the host first ends the key's current flow). */
#define FB_COMMAND(m, r, h, menu, flow)                                        \
    {                                                                          \
        .kind = FB_ROUTE_COMMAND, .match = (m), .role = (r), .handler = (h),   \
        .help = (menu), .enters = (flow)                                       \
    }
#define FB_BUTTON(m, r, h, flow)                                               \
    {                                                                          \
        .kind = FB_ROUTE_CALLBACK, .match = (m), .role = (r), .handler = (h),  \
        .enters = (flow)                                                       \
    }

/* ---- conversations ------------------------------------------------------ */
typedef enum fb_flow_scope {
    FB_SCOPE_CHAT_USER = 0, /* default: one conversation per (chat, user) */
    FB_SCOPE_CHAT,          /* everyone in the chat shares it */
    FB_SCOPE_USER           /* follows the user across chats */
} fb_flow_scope;

/* ---- minor 2: a state's question ---------------------------------------
 * What input a state takes, as data. When the flow enters the state
 * (fb_flow_start / fb_flow_goto / fb_flow_reask), the host asks: after the
 * handler that moved there returns, it sends `prompt` (or calls `ask` with
 * it). When input arrives in the state, the host
 *   1. checks its type: FB_IN_TEXT (trimmed, length min..max characters,
 *      0 = no bound), FB_IN_INT (fb_parse_int64 within min..max),
 *      FB_IN_MONEY (fb_money_parse, paise, within min..max when max > 0),
 *      FB_IN_DATE (fb_parse_date), FB_IN_ANY (no check: photos, contacts);
 *      input of the wrong kind or outside the range is re-asked with `bad`;
 *   2. runs `check` when set: it returns NULL to accept, or the HTML
 *      message to re-ask with (it may store values with fb_flow_set*);
 *   3. stores the value under `key` when set (text trimmed; numbers and
 *      dates in their canonical form: read them with fb_flow_int /
 *      fb_flow_date);
 *   4. calls the state's handler when set (it decides what comes next);
 *      otherwise moves to `next` (and asks its question), or ends the flow
 *      when `next` is NULL.
 * Re-asking sends the message through `ask` (so a keyboard comes again)
 * and leaves the flow where it was. */
typedef enum fb_input {
    FB_IN_TEXT = 0,
    FB_IN_INT,
    FB_IN_MONEY,
    FB_IN_DATE,
    FB_IN_ANY
} fb_input;

/* NOLINTNEXTLINE(clang-analyzer-optin.performance.Padding): order is ABI */
typedef struct fb_ask {
    const char *prompt; /* the question (HTML); NULL: ask makes it */
    /* sends html as this state's question (with its keyboard); NULL:
     * fb_reply(c, html, NULL). Returns FB_OK or FB_ERR. */
    int (*ask)(fb_ctx *, const char *html);
    fb_input type;
    int64_t min, max;
    const char *bad; /* re-ask text for a failed type check; NULL: prompt */
    const char *(*check)(fb_ctx *); /* NULL: accept; else the re-ask text */
    const char *key;  /* flow value the answer is stored under, or NULL */
    const char *next; /* state after an accepted answer (no handler) */
    void *reserved[4];
} fb_ask;

/* A named state: messages (text, contact, photo, document) from the key's
 * owner while the flow is in this state go to handler (after the checks of
 * ask, minor 2). A state with an ask may have no handler. */
typedef struct fb_state {
    const char *name;
    fb_handler handler;
    fb_role role;
    const fb_ask *ask; /* minor 2; NULL: the handler takes every input */
    void *reserved[1];
} fb_state;

typedef struct fb_flow {
    const char *name;
    const fb_state *states; /* terminated by an entry with name == NULL */
    fb_flow_scope scope;
    int timeout_s;         /* 0: the host's conversation_timeout */
    fb_handler on_cancel;  /* /cancel, or another flow's entry; may be NULL */
    fb_handler on_timeout; /* deadline passed; may be NULL */
    void *reserved[4];
} fb_flow;

/* ---- events and jobs ---------------------------------------------------- */
typedef struct fb_subscription {
    const char *event; /* exact name, e.g. "user.deleted" */
    fb_handler handler;
    void *reserved[2];
} fb_subscription;

typedef enum fb_job_kind {
    FB_JOB_DAILY = 1, /* at: "HH:MM" in the club's time zone */
    FB_JOB_EVERY,     /* every_min minutes */
    FB_JOB_SECONDS    /* minor 4: every_min SECONDS (1..3600); the host
                         looks at its jobs at least that often */
} fb_job_kind;

typedef struct fb_job {
    const char *name;
    fb_job_kind kind;
    const char *at;
    int every_min;
    fb_handler handler;
    void *reserved[2];
} fb_job;

/* ---- the descriptor ------------------------------------------------------ */
typedef struct fb_plugin {
    uint32_t magic;     /* FB_PLUGIN_MAGIC */
    uint16_t abi_major; /* FB_ABI_MAJOR */
    uint16_t abi_minor; /* FB_ABI_MINOR the plugin was built against */
    uint32_t size;      /* sizeof(fb_plugin) */
    const char *name;   /* [a-z0-9_]{1,32}, unique */
    const char *version;
    const char *description;
    int priority; /* lower runs first; ties broken by name */

    const fb_route *routes;      /* terminated by kind == 0 */
    const fb_flow *flows;        /* terminated by name == NULL */
    const fb_subscription *subs; /* terminated by event == NULL */
    const fb_job *jobs;          /* terminated by name == NULL */
    const char *migrations;      /* folder under sql/, NULL for none */

    fb_handler init; /* may be NULL; runs in a transaction */
    fb_handler fini; /* may be NULL; no transaction */

    void *reserved[8];
} fb_plugin;

#define FB_PLUGIN_HEADER                                                       \
    .magic = FB_PLUGIN_MAGIC, .abi_major = FB_ABI_MAJOR,                       \
    .abi_minor = FB_ABI_MINOR, .size = sizeof(fb_plugin)

/* ---- query results ---------------------------------------------------- */
typedef struct fb_rows fb_rows;

/* A calendar date (minor 2 moved it here from sdk.h). */
typedef struct fb_date {
    int year, month, day;
} fb_date;

/* ---- minor 4: bulk sends (broadcasts) ------------------------------------ */
typedef enum fb_bulk_media {
    FB_BULK_TEXT = 0, /* sendMessage: html */
    FB_BULK_PHOTO,    /* sendPhoto: file_id, html the caption */
    FB_BULK_DOCUMENT  /* sendDocument: file_id, html the caption */
} fb_bulk_media;

/* A tag's outbox rows by outcome (fb_bulk_counts). */
typedef struct fb_bulk_tally {
    long long queued;      /* not finished yet (in the outbox) */
    long long sent;        /* Telegram accepted it */
    long long failed;      /* dropped after retries, or refused (4xx) */
    long long blocked;     /* 403: the member blocked the bot / is gone */
    long long cancelled;   /* dropped by fb_bulk_cancel before its request */
    long long unconfirmed; /* its request was made when the host stopped:
                              not sent again (at most once), it may have
                              arrived */
    /* in the reserved room of 1.4 (0 from a host before paid broadcasts): */
    long long paid;     /* of sent, those queued as paid broadcasts */
    long long no_stars; /* of failed, paid ones Telegram refused: the
                           bot's Star balance could not pay */
} fb_bulk_tally;

/* fb_send_bulk_ex flags. */
#define FB_BULK_PAID                                                           \
    0x1u /* a paid broadcast (allow_paid_broadcast: 0.1                        \
            Star a message, above the free 30/s) when the                      \
            host's paid_broadcast_rate is above 0; sent                        \
            free when it is 0. A host of 1.4 from before                       \
            paid broadcasts refuses every flag ("send_bulk:                    \
            unknown flags", a failure): its tallies' paid                      \
            stays 0 */

/* ---- the host function table ---------------------------------------------
 * Append only. Every function takes the calling context first. Strings
 * returned by the host belong to the context and live until the handler
 * returns, unless stated otherwise. */
struct fb_host_api {
    uint32_t size; /* sizeof(fb_host_api) in the host: check before calling
                      a function appended in a later minor */

    /* the update */
    fb_update_kind (*kind)(fb_ctx *);
    int64_t (*chat_id)(fb_ctx *);
    int64_t (*user_id)(fb_ctx *);
    int64_t (*message_id)(
        fb_ctx *);                 /* message the update is / was pressed on */
    const char *(*text)(fb_ctx *); /* message text or caption, "" if none */
    const char *(*command)(fb_ctx *); /* "start" for "/start x", else "" */
    const char *(*args)(fb_ctx *);    /* "x" for "/start x", trimmed */
    const char *(*data)(fb_ctx *);    /* callback data */
    const char *(*file_id)(fb_ctx *);
    const char *(*file_name)(fb_ctx *);
    const char *(*contact_phone)(fb_ctx *);
    const char *(*first_name)(fb_ctx *);
    const char *(*last_name)(fb_ctx *);
    const char *(*username)(fb_ctx *);
    fb_role (*role)(fb_ctx *); /* the sender's role */
    const char *(*plugin_name)(fb_ctx *);

    /* outbound: queued, sent in order after commit, dropped on rollback.
     * chat_id 0 means the update's chat. html uses Telegram's HTML mode:
     * escape user text with fb_html_escape(). kb may be NULL. */
    int (*send)(fb_ctx *, int64_t chat_id, const char *html,
                const fb_keyboard *kb);
    /* edit the message a button was pressed on (message_id 0) or another */
    int (*edit)(fb_ctx *, int64_t chat_id, int64_t message_id, const char *html,
                const fb_keyboard *kb);
    int (*delete_message)(fb_ctx *, int64_t chat_id, int64_t message_id);
    /* answer the current callback query, once (later calls are no-ops):
     * sent right after COMMIT, before the handler's messages; when the
     * transaction rolls back the press is answered with the failure
     * instead */
    int (*answer)(fb_ctx *, const char *text, int alert);
    int (*send_document)(fb_ctx *, int64_t chat_id, const char *file_name,
                         const void *bytes, size_t len, const char *caption);
    int (*send_photo)(fb_ctx *, int64_t chat_id, const char *file_id_or_name,
                      const void *bytes, size_t len, const char *caption);
    /* set the command menu of one chat to the commands of every loaded
     * plugin the role may use */
    int (*set_commands_for)(fb_ctx *, int64_t chat_id, fb_role role);

    /* database: runs in the handler's transaction. Parameters are text
     * ($1..$n, NULL for SQL NULL). Returns NULL on error (logged; the
     * handler should return FB_ERR). Free with rows_free (or leave it:
     * the host frees every result when the handler returns). */
    fb_rows *(*query)(fb_ctx *, const char *sql, int n, const char *const *p);
    int (*rows_count)(const fb_rows *);
    const char *(*rows_get)(const fb_rows *, int row, int col); /* NULL=null */
    long long (*rows_affected)(const fb_rows *);
    void (*rows_free)(fb_rows *);

    /* conversations (per the flow's key) */
    int (*flow_start)(fb_ctx *, const char *flow, const char *state);
    int (*flow_goto)(fb_ctx *, const char *state);
    int (*flow_end)(fb_ctx *);
    const char *(*flow_name)(fb_ctx *);  /* current flow or "" */
    const char *(*flow_state)(fb_ctx *); /* current state or "" */
    const char *(*flow_get)(fb_ctx *, const char *key); /* NULL if unset */
    int (*flow_set)(fb_ctx *, const char *key, const char *value);

    /* identity (core users table) */
    int (*user_set_role)(fb_ctx *, int64_t user_id, fb_role role);
    int (*user_set_banned)(fb_ctx *, int64_t user_id, int banned,
                           const char *reason);
    fb_role (*user_role)(fb_ctx *, int64_t user_id); /* -1 if unknown */
    int64_t (*super_admin)(fb_ctx *);                /* 0 if none configured */

    /* events: subscribers run now, in this transaction */
    int (*publish)(fb_ctx *, const char *event, const char *json);
    const char *(*event_name)(fb_ctx *);
    const char *(*event_json)(fb_ctx *);

    /* this plugin's config section ([plugin.NAME] key = value) */
    const char *(*config)(fb_ctx *, const char *key, const char *fallback);

    /* log a line: level=... plugin=NAME msg="..." */
    void (*log)(fb_ctx *, int level, const char *fmt, va_list ap);

    /* ---- minor 1: reply keyboards (NULL in a 1.0 host) ---- */
    /* send html with a one-time reply keyboard holding one button that
     * shares the user's own phone number (a FB_UPDATE_CONTACT comes back:
     * check fb_contact_user()); private chats only. The next message should
     * take the keyboard away (FB_SEND_REMOVE_KEYBOARD); /cancel's
     * "Cancelled." in a private chat does it too. */
    int (*ask_contact)(fb_ctx *, int64_t chat_id, const char *html,
                       const char *button_text);
    /* send html without an inline keyboard; flags: FB_SEND_* */
    int (*send_plain)(fb_ctx *, int64_t chat_id, const char *html,
                      unsigned flags);
    /* the Telegram user a shared contact belongs to, 0 if none (a contact
     * typed into the address book) or not a contact update */
    int64_t (*contact_user_id)(fb_ctx *);

    /* ---- minor 2 (NULL in an older host) ---- */
    /* n bytes, zeroed, owned by the context: freed when the handler's
     * transaction ends. NULL (and the context marked failed) when out of
     * memory. */
    void *(*alloc)(fb_ctx *, size_t n);
    /* mark the context failed (why is logged; the first reason is kept) */
    void (*fail)(fb_ctx *, const char *why);
    int (*failed)(fb_ctx *); /* 1 once anything failed */
    /* the club's clock: Unix seconds (the test clock included) and the
     * date in the configured time zone ([fitbot] timezone) */
    int64_t (*now)(fb_ctx *);
    int (*today)(fb_ctx *, fb_date *out);
    const char *(*timezone)(fb_ctx *); /* e.g. "Asia/Kolkata" */
    /* a user's name: the name set with user_set_name (the registered full
     * name), else Telegram's first + last name; NULL if unknown */
    const char *(*user_name)(fb_ctx *, int64_t user_id);
    int (*user_set_name)(fb_ctx *, int64_t user_id, const char *name);
    /* requests: run every subscriber of name now, in this transaction,
     * with json as fb_event_json(); returns how many answered with
     * respond (-1 on failure); answers are read by index in (priority,
     * name) order of the answering plugins */
    int (*request)(fb_ctx *, const char *name, const char *json);
    const char *(*response)(fb_ctx *, int i);        /* NULL past the end */
    const char *(*response_plugin)(fb_ctx *, int i); /* who answered */
    int (*respond)(fb_ctx *, const char *text);      /* in a request only */
    /* the commands of every loaded plugin role may use, one HTML line
     * each: "/book — book a class" */
    const char *(*menu)(fb_ctx *, fb_role role);
    /* send the current state's question again (e.g. /start mid-flow) */
    int (*flow_reask)(fb_ctx *);

    /* ---- minor 3 (NULL in an older host) ---- */
    /* the bytes of a file a user sent (fb_file_id() of a document or
     * photo), fetched from Telegram, at most max bytes (0 or more than
     * FB_FILE_MAX: FB_FILE_MAX, what Telegram lets a bot download); owned
     * by the context, NUL-terminated, *len set. NULL (and the context
     * failed) when it cannot be fetched or is larger than max. The handler
     * waits for the download: keep max small. */
    const void *(*file_bytes)(fb_ctx *, const char *file_id, size_t max,
                              size_t *len);

    /* ---- minor 4 (NULL in an older host): bulk sends ---- */
    /* queue one bulk message to chat_id tagged tag (1..64 characters):
     * written to the durable outbox in this transaction and sent after
     * COMMIT on the bulk lane (after every interactive reply, within the
     * host's rates); media FB_BULK_PHOTO / FB_BULK_DOCUMENT send file_id
     * with html as the caption (at most 1024 characters), FB_BULK_TEXT
     * html (file_id NULL). flags: 0, or FB_BULK_PAID; other bits are
     * refused. */
    int (*send_bulk)(fb_ctx *, int64_t chat_id, const char *tag,
                     fb_bulk_media media, const char *file_id, const char *html,
                     unsigned flags);
    /* tag's rows by outcome into *out */
    int (*bulk_counts)(fb_ctx *, const char *tag, fb_bulk_tally *out);
    /* finish every row of tag not requested yet as "cancelled" (also the
     * ones in the senders' memory: they are skipped without a request);
     * returns how many, -1 on failure */
    long long (*bulk_cancel)(fb_ctx *, const char *tag);
    /* bulk items the outbox can take now before its bulk queue is full
     * (>= 0): queue at most this many per transaction */
    long long (*bulk_room)(fb_ctx *);

    void *reserved[11];
};

/* send_plain flags. */
#define FB_SEND_REMOVE_KEYBOARD 0x1u /* take the reply keyboard away */

/* The context: opaque except for its first member. */
struct fb_ctx_head {
    const fb_host_api *api;
};

enum { FB_LOG_DEBUG = 0, FB_LOG_INFO, FB_LOG_WARN, FB_LOG_ERROR };

#define FB__API(c) (((struct fb_ctx_head *)(void *)(c))->api)

/* 1 when the host's table has member m (appended in a later minor): its
 * size covers it and the slot is filled (a host of an older minor leaves
 * its reserved slots NULL). */
#define FB__HAS(c, m)                                                          \
    (FB__API(c)->size >= offsetof(fb_host_api, m) + sizeof(FB__API(c)->m) &&   \
     FB__API(c)->m != NULL)

/* ---- wrappers: what plugin code calls ------------------------------------ */
/* clang-format off */
static inline fb_update_kind fb_kind(fb_ctx *c) { return FB__API(c)->kind(c); }
static inline int64_t fb_chat(fb_ctx *c) { return FB__API(c)->chat_id(c); }
static inline int64_t fb_user(fb_ctx *c) { return FB__API(c)->user_id(c); }
static inline int64_t fb_message(fb_ctx *c) { return FB__API(c)->message_id(c); }
static inline const char *fb_text(fb_ctx *c) { return FB__API(c)->text(c); }
static inline const char *fb_command(fb_ctx *c) { return FB__API(c)->command(c); }
static inline const char *fb_args(fb_ctx *c) { return FB__API(c)->args(c); }
static inline const char *fb_data(fb_ctx *c) { return FB__API(c)->data(c); }
static inline const char *fb_file_id(fb_ctx *c) { return FB__API(c)->file_id(c); }
static inline const char *fb_file_name(fb_ctx *c) { return FB__API(c)->file_name(c); }
static inline const char *fb_contact_phone(fb_ctx *c) { return FB__API(c)->contact_phone(c); }
static inline const char *fb_first_name(fb_ctx *c) { return FB__API(c)->first_name(c); }
static inline const char *fb_last_name(fb_ctx *c) { return FB__API(c)->last_name(c); }
static inline const char *fb_username(fb_ctx *c) { return FB__API(c)->username(c); }
static inline fb_role fb_sender_role(fb_ctx *c) { return FB__API(c)->role(c); }

static inline int fb_send(fb_ctx *c, int64_t chat, const char *html, const fb_keyboard *kb)
{ return FB__API(c)->send(c, chat, html, kb); }
static inline int fb_reply(fb_ctx *c, const char *html, const fb_keyboard *kb)
{ return FB__API(c)->send(c, 0, html, kb); }
static inline int fb_edit(fb_ctx *c, const char *html, const fb_keyboard *kb)
{ return FB__API(c)->edit(c, 0, 0, html, kb); }
static inline int fb_edit_message(fb_ctx *c, int64_t chat, int64_t msg, const char *html, const fb_keyboard *kb)
{ return FB__API(c)->edit(c, chat, msg, html, kb); }
static inline int fb_delete(fb_ctx *c, int64_t chat, int64_t msg)
{ return FB__API(c)->delete_message(c, chat, msg); }
static inline int fb_answer(fb_ctx *c, const char *text, int alert)
{ return FB__API(c)->answer(c, text, alert); }
static inline int fb_send_document(fb_ctx *c, int64_t chat, const char *name, const void *b, size_t n, const char *caption)
{ return FB__API(c)->send_document(c, chat, name, b, n, caption); }
static inline int fb_send_photo(fb_ctx *c, int64_t chat, const char *id_or_name, const void *b, size_t n, const char *caption)
{ return FB__API(c)->send_photo(c, chat, id_or_name, b, n, caption); }
static inline int fb_set_commands(fb_ctx *c, int64_t chat, fb_role role)
{ return FB__API(c)->set_commands_for(c, chat, role); }

/* minor 1: FB_ERR on a host without them. */
static inline int fb_ask_contact(fb_ctx *c, const char *html, const char *button)
{ return FB__HAS(c, ask_contact) ? FB__API(c)->ask_contact(c, 0, html, button) : FB_ERR; }
static inline int fb_send_plain(fb_ctx *c, int64_t chat, const char *html, unsigned flags)
{ return FB__HAS(c, send_plain) ? FB__API(c)->send_plain(c, chat, html, flags) : FB_ERR; }
static inline int fb_reply_remove_keyboard(fb_ctx *c, const char *html)
{ return fb_send_plain(c, 0, html, FB_SEND_REMOVE_KEYBOARD); }
/* 0 on a host without it */
static inline int64_t fb_contact_user(fb_ctx *c)
{ return FB__HAS(c, contact_user_id) ? FB__API(c)->contact_user_id(c) : 0; }

/* minor 2 */
static inline void *fb_alloc(fb_ctx *c, size_t n) { return FB__API(c)->alloc(c, n); }
/* (*...->fail): Check (check.h) defines a function-like macro fail() */
static inline int fb_fail(fb_ctx *c, const char *why) { (*FB__API(c)->fail)(c, why); return FB_ERR; }
static inline int fb_failed(fb_ctx *c) { return FB__API(c)->failed(c); }
static inline int64_t fb_now(fb_ctx *c) { return FB__API(c)->now(c); }
static inline fb_date fb_today(fb_ctx *c)
{ fb_date d = {0, 0, 0}; FB__API(c)->today(c, &d); return d; }
static inline const char *fb_timezone(fb_ctx *c) { return FB__API(c)->timezone(c); }
static inline const char *fb_user_name(fb_ctx *c, int64_t u) { return FB__API(c)->user_name(c, u); }
static inline int fb_user_set_name(fb_ctx *c, int64_t u, const char *name) { return FB__API(c)->user_set_name(c, u, name); }
static inline int fb_request(fb_ctx *c, const char *name, const char *json) { return FB__API(c)->request(c, name, json); }
static inline const char *fb_response(fb_ctx *c, int i) { return FB__API(c)->response(c, i); }
static inline const char *fb_response_plugin(fb_ctx *c, int i) { return FB__API(c)->response_plugin(c, i); }
static inline int fb_respond(fb_ctx *c, const char *text) { return FB__API(c)->respond(c, text); }
static inline const char *fb_menu(fb_ctx *c) { return FB__API(c)->menu(c, FB__API(c)->role(c)); }
static inline const char *fb_menu_for(fb_ctx *c, fb_role r) { return FB__API(c)->menu(c, r); }
static inline int fb_flow_reask(fb_ctx *c) { return FB__API(c)->flow_reask(c); }
static inline const void *fb_file_bytes(fb_ctx *c, const char *file_id, size_t max, size_t *len) { return FB__API(c)->file_bytes(c, file_id, max, len); }

/* minor 4 */
static inline int fb_send_bulk(fb_ctx *c, int64_t chat, const char *tag, fb_bulk_media media, const char *file_id, const char *html)
{ return FB__API(c)->send_bulk(c, chat, tag, media, file_id, html, 0); }
static inline int fb_send_bulk_ex(fb_ctx *c, int64_t chat, const char *tag, fb_bulk_media media, const char *file_id, const char *html, unsigned flags)
{ return FB__API(c)->send_bulk(c, chat, tag, media, file_id, html, flags); }
static inline int fb_bulk_counts(fb_ctx *c, const char *tag, fb_bulk_tally *out) { return FB__API(c)->bulk_counts(c, tag, out); }
static inline long long fb_bulk_cancel(fb_ctx *c, const char *tag) { return FB__API(c)->bulk_cancel(c, tag); }
static inline long long fb_bulk_room(fb_ctx *c) { return FB__API(c)->bulk_room(c); }

static inline fb_rows *fb_query(fb_ctx *c, const char *sql, int n, const char *const *p)
{ return FB__API(c)->query(c, sql, n, p); }
static inline int fb_rows_count(fb_ctx *c, const fb_rows *r) { return FB__API(c)->rows_count(r); }
static inline const char *fb_rows_get(fb_ctx *c, const fb_rows *r, int row, int col)
{ return FB__API(c)->rows_get(r, row, col); }
static inline long long fb_rows_affected(fb_ctx *c, const fb_rows *r) { return FB__API(c)->rows_affected(r); }
static inline void fb_rows_free(fb_ctx *c, fb_rows *r) { FB__API(c)->rows_free(r); }

static inline int fb_flow_start(fb_ctx *c, const char *flow, const char *state)
{ return FB__API(c)->flow_start(c, flow, state); }
static inline int fb_flow_goto(fb_ctx *c, const char *state) { return FB__API(c)->flow_goto(c, state); }
static inline int fb_flow_end(fb_ctx *c) { return FB__API(c)->flow_end(c); }
static inline const char *fb_flow_name(fb_ctx *c) { return FB__API(c)->flow_name(c); }
static inline const char *fb_flow_state(fb_ctx *c) { return FB__API(c)->flow_state(c); }
static inline const char *fb_flow_get(fb_ctx *c, const char *k) { return FB__API(c)->flow_get(c, k); }
static inline int fb_flow_set(fb_ctx *c, const char *k, const char *v) { return FB__API(c)->flow_set(c, k, v); }

static inline int fb_user_set_role(fb_ctx *c, int64_t u, fb_role r) { return FB__API(c)->user_set_role(c, u, r); }
static inline int fb_user_set_banned(fb_ctx *c, int64_t u, int banned, const char *reason)
{ return FB__API(c)->user_set_banned(c, u, banned, reason); }
static inline fb_role fb_user_role(fb_ctx *c, int64_t u) { return FB__API(c)->user_role(c, u); }
static inline int64_t fb_super_admin(fb_ctx *c) { return FB__API(c)->super_admin(c); }

static inline int fb_publish(fb_ctx *c, const char *event, const char *json)
{ return FB__API(c)->publish(c, event, json); }
static inline const char *fb_event_name(fb_ctx *c) { return FB__API(c)->event_name(c); }
static inline const char *fb_event_json(fb_ctx *c) { return FB__API(c)->event_json(c); }
static inline const char *fb_config(fb_ctx *c, const char *k, const char *fallback)
{ return FB__API(c)->config(c, k, fallback); }

static inline FB_PRINTF(3, 4) void fb_log(fb_ctx *c, int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    FB__API(c)->log(c, level, fmt, ap);
    va_end(ap);
}

/* clang-format on */

#ifdef __cplusplus
}
#endif
#endif
