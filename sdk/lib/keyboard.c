/* Inline keyboards: rows of callback and URL buttons. */
#include <string.h>

#include "fitbot/sdk.h"

/* See sdk.h. */
void fb_kb_init(fb_keyboard *kb)
{
    if (kb)
        memset(kb, 0, sizeof *kb);
}

/* Record rc as the keyboard's error (first one wins) and return it. */
static int kb_fail(fb_keyboard *kb, int rc)
{
    if (kb && kb->error == 0)
        kb->error = rc;
    return rc;
}

/* See sdk.h. An empty current row is reused rather than left empty. */
int fb_kb_row(fb_keyboard *kb)
{
    if (!kb)
        return FB_E_ARG;
    if (kb->rows > 0 && kb->cols[kb->rows - 1] == 0)
        return 0;
    if (kb->rows >= FB_KB_MAX_ROWS)
        return kb_fail(kb, FB_E_FULL);
    kb->cols[kb->rows++] = 0;
    return 0;
}

/* The next free button of the current row (a row is started if none), or
 * NULL with *rc set. */
static fb_button *next_slot(fb_keyboard *kb, const char *text, int *rc)
{
    size_t n = strlen(text);

    *rc = 0;
    if (n == 0)
        *rc = FB_E_EMPTY;
    else if (n >= FB_KB_TEXT_MAX)
        *rc = FB_E_TOOLONG;
    else if (kb->rows == 0)
        *rc = fb_kb_row(kb);
    if (*rc == 0 && kb->cols[kb->rows - 1] >= FB_KB_MAX_COLS)
        *rc = FB_E_FULL;
    if (*rc)
        return NULL;
    return &kb->b[kb->rows - 1][kb->cols[kb->rows - 1]];
}

/* Fill the slot and count it in the current row. */
static void commit(fb_keyboard *kb, fb_button *b, const char *text,
                   const char *data, const char *url)
{
    memset(b, 0, sizeof *b);
    memcpy(b->text, text, strlen(text) + 1);
    memcpy(b->data, data, strlen(data) + 1);
    memcpy(b->url, url, strlen(url) + 1);
    kb->cols[kb->rows - 1]++;
}

/* See sdk.h. Data of 0 or more than 64 bytes, or text of 0 or 128+ bytes,
 * is refused and recorded in kb->error; the keyboard is left unchanged. */
int fb_kb_button(fb_keyboard *kb, const char *text, const char *data)
{
    fb_button *b;
    size_t n;
    int rc;

    if (!kb)
        return FB_E_ARG;
    if (!text || !data)
        return kb_fail(kb, FB_E_ARG);
    n = strlen(data);
    if (n == 0 || n > FB_CALLBACK_DATA_MAX)
        return kb_fail(kb, n ? FB_E_TOOLONG : FB_E_EMPTY);
    b = next_slot(kb, text, &rc);
    if (!b)
        return kb_fail(kb, rc);
    commit(kb, b, text, data, "");
    return 0;
}

/* See sdk.h. The url must be 1..255 bytes. */
int fb_kb_url(fb_keyboard *kb, const char *text, const char *url)
{
    fb_button *b;
    size_t n;
    int rc;

    if (!kb)
        return FB_E_ARG;
    if (!text || !url)
        return kb_fail(kb, FB_E_ARG);
    n = strlen(url);
    if (n == 0 || n >= sizeof kb->b[0][0].url)
        return kb_fail(kb, n ? FB_E_TOOLONG : FB_E_EMPTY);
    b = next_slot(kb, text, &rc);
    if (!b)
        return kb_fail(kb, rc);
    commit(kb, b, text, "", url);
    return 0;
}
