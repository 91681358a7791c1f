/* users plugin: formatted messages, the member card, callback data. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "texts.h"
#include "users.h"

#define MSG_MAX 4096

/* Format, then send to chat, or edit the pressed message when edit. */
static int vsay(fb_ctx *c, int edit, int64_t chat, const fb_keyboard *kb,
                const char *fmt, va_list ap)
{
    char buf[MSG_MAX + 1];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);

    if (n < 0 || n > MSG_MAX)
        return FB_ERR;
    return edit ? fb_edit(c, buf, kb) : fb_send(c, chat, buf, kb);
}

/* See users.h. */
int fb__usr_sendf(fb_ctx *c, int64_t chat, const fb_keyboard *kb,
                  const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = vsay(c, 0, chat, kb, fmt, ap);
    va_end(ap);
    return rc;
}

/* See users.h. */
int fb__usr_editf(fb_ctx *c, const fb_keyboard *kb, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = vsay(c, 1, 0, kb, fmt, ap);
    va_end(ap);
    return rc;
}

/* See users.h. */
int fb__usr_answerf(fb_ctx *c, const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return fb_answer(c, buf, 0);
}

const char *fb__usr_esc(const char *s, char *buf, size_t len)
{
    if (fb_html_escape(s ? s : "", buf, len) != 0)
        buf[0] = '\0';
    return buf;
}

const char *fb__usr_role_name(fb_role r)
{
    switch (r) {
    case FB_ROLE_MEMBER:
        return R_MEMBER;
    case FB_ROLE_STAFF:
        return R_STAFF;
    case FB_ROLE_ADMIN:
        return R_ADMIN;
    default:
        return R_NONE;
    }
}

/* The profile lines of the card (empty without a profile). */
static void card_profile(const usr_person *p, char *buf, size_t len)
{
    size_t n;

    buf[0] = '\0';
    if (!p->has_profile)
        return;
    snprintf(buf, len, T_CARD_PROFILE, p->phone, p->age, p->weight, p->gender);
    n = strlen(buf);
    if (p->photo[0])
        snprintf(buf + n, len - n, T_CARD_PHOTO);
}

/* See users.h. */
void fb__usr_card(const usr_person *p, char *buf, size_t len)
{
    char name[USR_NAME_BUF * 6], user[200], prof[256], ids[21];
    size_t n;

    fb__usr_esc(p->display, name, sizeof name);
    fb__usr_esc(p->username, user, sizeof user);
    card_profile(p, prof, sizeof prof);
    snprintf(buf, len, T_CARD_HEAD "%s" T_CARD_ROLE, name,
             fb_int64_str(p->id, ids), user[0] ? " · @" : "", user, prof,
             fb__usr_role_name(p->role),
             p->status[0] ? p->status : T_STATUS_NONE);
    n = strlen(buf);
    if (p->banned && n < len) {
        char reason[1600];
        snprintf(buf + n, len - n, T_CARD_BANNED,
                 fb__usr_esc(p->ban_reason, reason, sizeof reason));
    }
    n = strlen(buf);
    while (n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
}

/* See users.h. */
int fb__usr_cb(char *buf, const char *prefix, int64_t id, const char *extra)
{
    char ids[21];
    const char *f[2] = {fb_int64_str(id, ids), extra};

    return fb_cbdata(buf, FB_CALLBACK_DATA_MAX + 1, prefix, extra ? 2 : 1, f);
}

/* See users.h. */
void fb__usr_kb_id(fb_keyboard *kb, const char *text, const char *prefix,
                   int64_t id, const char *extra)
{
    char data[FB_CALLBACK_DATA_MAX + 1];

    if (fb__usr_cb(data, prefix, id, extra) != 0) {
        kb->error = FB_E_TOOLONG;
        return;
    }
    fb_kb_button(kb, text, data);
}

/* See users.h. */
int fb__usr_cb_id(fb_ctx *c, const char *prefix, int64_t *id, char *extra,
                  size_t len)
{
    char buf[FB_CALLBACK_DATA_MAX + 1];
    const char *f[2];
    int n = fb_cbdata_split(fb_data(c), prefix, buf, sizeof buf, f, 2);

    if (n < 1 || fb_parse_id(f[0], id) != 0)
        return -1;
    if (extra) {
        if (n != 2)
            return -1;
        snprintf(extra, len, "%s", f[1]);
    } else if (n != 1) {
        return -1;
    }
    return 0;
}

/* See users.h. */
void fb__usr_commands(fb_ctx *c, int64_t chat, fb_role role)
{
    if (fb_set_commands(c, chat, role) != FB_OK) {
        char ids[21];
        fb_log(c, FB_LOG_WARN, "could not set the command list of chat %s",
               fb_int64_str(chat, ids));
    }
}

/* See users.h. */
int fb__usr_publish(fb_ctx *c, const char *event, int64_t id)
{
    char json[64], ids[21];

    snprintf(json, sizeof json, "{\"user_id\":%s}", fb_int64_str(id, ids));
    return fb_publish(c, event, json);
}
