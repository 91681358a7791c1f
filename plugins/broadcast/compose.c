/* broadcast plugin: composing a broadcast (admins).
 *
 *   /broadcast ──► audience [All] [Active] [Expired] [In grace]
 *                           [Inactive for N days ──► days] [A role ──► role]
 *              ──► text ({name} placeholders) ──► photo / document or
 *                  [No attachment] ──► preview as the first member sees it
 *              ──► [Send] [Cancel]
 * [Send] stores the broadcast with its recipients (the audience as it is
 * then, asked again) and hands it to deliver.c. Bad input is re-asked and
 * changes nothing; a stale button is answered as such. */
#include <string.h>

#include "bc.h"
#include "texts.h"

/* /broadcast: the host asks who should receive it. */
int fb__bc_start(fb_ctx *c)
{
    return fb_flow_start(c, FLOW_COMPOSE, "audience");
}

static int ask_audience(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_AUD_ALL, CB_AUDIENCE "all");
    fb_kb_button(kb, B_AUD_ACTIVE, CB_AUDIENCE "active");
    fb_kb_row(kb);
    fb_kb_button(kb, B_AUD_EXPIRED, CB_AUDIENCE "expired");
    fb_kb_button(kb, B_AUD_GRACE, CB_AUDIENCE "grace");
    fb_kb_row(kb);
    fb_kb_button(kb, B_AUD_INACTIVE, CB_AUDIENCE "inactive");
    fb_kb_button(kb, B_AUD_ROLE, CB_AUDIENCE "role");
    fb_kb_row(kb);
    fb_kb_button(kb, B_CANCEL, CB_DROP);
    return fb_reply(c, html ? html : T_ASK_AUDIENCE, kb);
}

static int ask_role(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_ROLE_MEMBER, CB_ROLE "member");
    fb_kb_button(kb, B_ROLE_STAFF, CB_ROLE "staff");
    fb_kb_button(kb, B_ROLE_ADMIN, CB_ROLE "admin");
    fb_kb_row(kb);
    fb_kb_button(kb, B_CANCEL, CB_DROP);
    return fb_reply(c, html ? html : T_ASK_ROLE, kb);
}

static const char *use_buttons(fb_ctx *c)
{
    (void)c;
    return E_PICK_AUDIENCE;
}

/* The audience is complete: its size, then the text is asked for; an
 * empty or unanswered audience is said and asked again. */
static int audience_chosen(fb_ctx *c)
{
    bc_audience a = fb__bc_flow_audience(c);
    const char *label = fb__bc_label(c, &a);
    int n;

    if (!fb__bc_ids(c, &a, &n)) {
        fb_replyf(c, NULL, T_AUDIENCE_UNKNOWN, label);
        return fb_flow_goto(c, "audience");
    }
    if (n == 0) {
        fb_replyf(c, NULL, T_AUDIENCE_EMPTY, label);
        return fb_flow_goto(c, "audience");
    }
    fb_flow_set_int(c, "n", n); /* the size shown with the text question */
    return fb_flow_goto(c, "text");
}

/* [All] [Active] ... on the audience question. */
int fb__bc_audience_button(fb_ctx *c)
{
    const char *seg = fb_data_field(c, CB_AUDIENCE, 0);
    static const char *const known[] = {"all",   "active",   "expired",
                                        "grace", "inactive", "role"};
    size_t i;

    if (!fb_in_flow(c, FLOW_COMPOSE, "audience"))
        return fb_answerf(c, A_STALE);
    for (i = 0; seg && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(seg, known[i]) == 0)
            break;
    if (!seg || i == sizeof known / sizeof known[0])
        return fb_answerf(c, A_STALE);
    fb_flow_set(c, "seg", seg);
    fb_edit(c, fb_strf(c, "📣 Audience: %s", seg), NULL);
    if (strcmp(seg, "inactive") == 0)
        return fb_flow_goto(c, "days");
    if (strcmp(seg, "role") == 0)
        return fb_flow_goto(c, "role");
    return audience_chosen(c);
}

/* [Members] [Staff] [Admins] */
int fb__bc_role_button(fb_ctx *c)
{
    const char *role = fb_data_field(c, CB_ROLE, 0);

    if (!fb_in_flow(c, FLOW_COMPOSE, "role") || !role ||
        (strcmp(role, "member") != 0 && strcmp(role, "staff") != 0 &&
         strcmp(role, "admin") != 0))
        return fb_answerf(c, A_STALE);
    fb_flow_set(c, "role", role);
    fb_edit(c, fb_strf(c, "📣 Audience: role %s", role), NULL);
    return audience_chosen(c);
}

/* The number of days was typed (checked by the host: 1..3650). */
static int days_given(fb_ctx *c)
{
    return audience_chosen(c);
}

/* The noun after a count of n: 1 person, 120 people. */
static const char *people(long long n)
{
    return n == 1 ? "person" : "people";
}

static int ask_text(fb_ctx *c, const char *html)
{
    bc_audience a = fb__bc_flow_audience(c);
    int n = (int)fb_flow_int(c, "n", 0);

    if (html)
        return fb_reply(c, html, NULL);
    return fb_replyf(c, NULL, T_ASK_TEXT, fb__bc_label(c, &a), n, people(n));
}

static const char *check_text(fb_ctx *c)
{
    if (fb__bc_length(fb_text(c)) > BC_TEXT_MAX)
        return fb_strf(c, E_TEXT_LONG, BC_TEXT_MAX, BC_NAME_ROOM);
    return NULL;
}

static int ask_media(fb_ctx *c, const char *html)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_NO_MEDIA, CB_NO_MEDIA);
    fb_kb_button(kb, B_CANCEL, CB_DROP);
    return fb_reply(c, html ? html : T_ASK_MEDIA, kb);
}

static const char *check_media(fb_ctx *c)
{
    fb_update_kind k = fb_kind(c);

    if (k != FB_UPDATE_PHOTO && k != FB_UPDATE_DOCUMENT)
        return E_MEDIA;
    if (fb__bc_length(fb_flow_str(c, "body")) > BC_CAPTION_MAX)
        return fb_strf(c, E_CAPTION_LONG, BC_CAPTION_MAX, BC_NAME_ROOM);
    fb_flow_set(c, "media", k == FB_UPDATE_PHOTO ? "photo" : "document");
    fb_flow_set(c, "file_id", fb_file_id(c));
    return NULL;
}

/* [No attachment] */
int fb__bc_no_media(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_COMPOSE, "media"))
        return fb_answerf(c, A_STALE);
    fb_edit(c, T_ASK_MEDIA, NULL);
    fb_flow_set(c, "media", "text");
    return fb_flow_goto(c, "confirm");
}

/* The member's copy for user as it will be sent: text, photo or
 * document by file_id with the text as its caption. */
static int send_copy(fb_ctx *c, int64_t chat, const char *html)
{
    const char *media = fb_flow_str(c, "media");
    const char *file = fb_flow_str(c, "file_id");

    if (strcmp(media, "photo") == 0)
        return fb_send_photo(c, chat, file, NULL, 0, html);
    if (strcmp(media, "document") == 0)
        return fb_send_document(c, chat, file, NULL, 0, html);
    return fb_send(c, chat, html, NULL);
}

/* The preview (the first member's copy) and [Send] [Cancel]; a re-ask
 * shows the buttons again only. */
static int ask_confirm(fb_ctx *c, const char *html)
{
    bc_audience a = fb__bc_flow_audience(c);
    fb_keyboard *kb = fb_kb(c);
    const char *ids;
    const char *name;
    int64_t first = 0;
    int n = 0;

    fb_kb_button(kb, B_SEND, CB_SEND);
    fb_kb_button(kb, B_CANCEL, CB_DROP);
    if (html)
        return fb_reply(c, html, kb);
    ids = fb__bc_ids(c, &a, &n);
    if (ids)
        fb_parse_id(fb__bc_cut(c, ids, strcspn(ids, ",")), &first);
    name = fb__bc_name(c, first);
    fb_replyf(c, NULL, T_PREVIEW, name);
    send_copy(c, 0, fb__bc_render(c, fb_flow_str(c, "body"), name));
    if (fb__bc_paid(c))
        return fb_replyf(c, kb, T_CONFIRM T_COST, n, people(n),
                         fb__bc_label(c, &a), n, fb__bc_tenths(c, n));
    return fb_replyf(c, kb, T_CONFIRM, n, people(n), fb__bc_label(c, &a));
}

static const char *press_send(fb_ctx *c)
{
    (void)c;
    return "Please press Send or Cancel.";
}

/* [Send]: the broadcast and its recipients (people the host knows to have
 * blocked the bot are skipped), then its first messages. The confirmation
 * becomes the progress message. */
int fb__bc_send(fb_ctx *c)
{
    bc_audience a = fb__bc_flow_audience(c);
    const char *ids, *label = fb__bc_label(c, &a);
    int64_t id;
    int n;

    if (!fb_in_flow(c, FLOW_COMPOSE, "confirm"))
        return fb_answerf(c, A_STALE);
    ids = fb__bc_ids(c, &a, &n);
    if (!ids || n == 0) {
        fb_flow_end(c);
        return fb_editf(c, NULL, T_AUDIENCE_EMPTY, label);
    }
    id = fb_sql_int(
        c, 0,
        "INSERT INTO bc_broadcasts (admin_id, chat_id, progress_id, audience,"
        " body, media, file_id, total, started_at) VALUES ($1, $2, $3, $4,"
        " $5, $6, nullif($7, ''), $8, $9) RETURNING id",
        fb_user(c), fb_chat(c), fb_message(c), label, fb_flow_str(c, "body"),
        fb_flow_str(c, "media"), fb_flow_str(c, "file_id"), n, fb_now(c));
    fb_sql_exec(c,
                "INSERT INTO bc_recipients (broadcast_id, user_id, state)"
                " SELECT $1, r.id, CASE WHEN u.blocked THEN 'skipped'"
                " ELSE 'waiting' END FROM unnest(string_to_array($2, ',')"
                "::bigint[]) AS r(id) LEFT JOIN fb_users u ON u.id = r.id"
                " ON CONFLICT DO NOTHING",
                id, ids);
    fb_flow_end(c);
    if (fb_failed(c))
        return FB_ERR;
    return fb__bc_tick(c, id, 1);
}

/* [Cancel] */
int fb__bc_drop(fb_ctx *c)
{
    if (!fb_in_flow(c, FLOW_COMPOSE, NULL))
        return fb_answerf(c, A_STALE);
    fb_edit(c, T_NOT_SENT, NULL);
    return fb_flow_end(c);
}

/* clang-format off */
static const fb_ask audience_q = {.ask = ask_audience, .type = FB_IN_ANY, .check = use_buttons};
static const fb_ask role_q = {.ask = ask_role, .type = FB_IN_ANY, .check = use_buttons};
static const fb_ask days_q = {.prompt = T_ASK_DAYS, .type = FB_IN_INT, .min = 1, .max = BC_DAYS_MAX, .bad = E_DAYS, .key = "days"};
static const fb_ask text_q = {.ask = ask_text, .type = FB_IN_TEXT, .min = 1, .max = 3800, .bad = E_TEXT, .check = check_text, .key = "body", .next = "media"};
static const fb_ask media_q = {.ask = ask_media, .type = FB_IN_ANY, .check = check_media, .next = "confirm"};
static const fb_ask confirm_q = {.ask = ask_confirm, .type = FB_IN_ANY, .check = press_send};

const fb_state fb__bc_compose_states[] = {
    {.name = "audience", .role = FB_ROLE_ADMIN, .ask = &audience_q},
    {.name = "role", .role = FB_ROLE_ADMIN, .ask = &role_q},
    {.name = "days", .role = FB_ROLE_ADMIN, .ask = &days_q, .handler = days_given},
    {.name = "text", .role = FB_ROLE_ADMIN, .ask = &text_q},
    {.name = "media", .role = FB_ROLE_ADMIN, .ask = &media_q},
    {.name = "confirm", .role = FB_ROLE_ADMIN, .ask = &confirm_q},
    {0}};
/* clang-format on */
