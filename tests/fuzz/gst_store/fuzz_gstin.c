/* libFuzzer target for the GSTIN check of the gst_store plugin (gstin.h).
 * Property: fb__gstin_validate agrees with an independent reference
 * written here from DOMAIN.md (trim, upper-case, 15 characters, state
 * code, PAN shape, entity, the mod-36 check character computed with
 * division rather than gstin.c's table walk): the same verdict, and on
 * acceptance the same canonical text. A second check takes a valid
 * GSTIN (the input's first 14 characters completed with their check
 * character) with one character changed by the input's last byte: the
 * two must agree on it too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gstin.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const char *const C = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static int value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'A' && ch <= 'Z')
        return ch - 'A' + 10;
    return -1;
}

static int state_ok(int code)
{
    return (code >= 1 && code <= 38) || code == 97 || code == 99;
}

/* 1 when s is a valid GSTIN, its canonical form in out. */
static int reference(const char *s, size_t len, char out[16])
{
    char g[16];
    size_t a = 0, b = len, n = 0;
    int sum = 0;

    while (a < b && strchr(" \t\r\n", s[a]) && s[a])
        a++;
    while (b > a && strchr(" \t\r\n", s[b - 1]) && s[b - 1])
        b--;
    if (b - a != 15)
        return 0;
    for (size_t i = a; i < b; i++) {
        char ch = s[i];

        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 32);
        if (value(ch) < 0)
            return 0;
        g[n++] = ch;
    }
    g[15] = '\0';
    if (value(g[0]) > 9 || value(g[1]) > 9 ||
        !state_ok(value(g[0]) * 10 + value(g[1])))
        return 0;
    for (int i = 2; i <= 6; i++)
        if (value(g[i]) < 10)
            return 0;
    for (int i = 7; i <= 10; i++)
        if (value(g[i]) > 9)
            return 0;
    if (value(g[11]) < 10 || g[12] == '0' || value(g[13]) < 10)
        return 0;
    for (int i = 0; i < 14; i++) {
        int p = value(g[i]) * (i % 2 ? 2 : 1);

        sum += p / 36 + p % 36;
    }
    if (C[(36 - sum % 36) % 36] != g[14])
        return 0;
    memcpy(out, g, 16);
    return 1;
}

static void agree(const char *s, size_t len)
{
    char mine[16], ref[16];
    int ok = fb__gstin_validate(s, mine) == GSTIN_OK;
    int want = !memchr(s, '\0', len) && reference(s, len, ref);

    if (ok != want || (ok && strcmp(mine, ref) != 0)) {
        fprintf(stderr, "gstin.c says %d, the reference %d, on \"%.*s\"\n", ok,
                want, (int)len, s);
        abort();
    }
    if (!ok && mine[0] != '\0') {
        fprintf(stderr, "a refusal left out \"%s\"\n", mine);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char s[64], g[16];

    if (size >= sizeof s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    agree(s, strlen(s));
    /* a valid GSTIN with one character changed */
    if (size >= 16) {
        snprintf(g, sizeof g, "27AAPFU0939F1Z?");
        for (int i = 0; i < 14; i++)
            g[i] = C[data[i] % 36];
        g[14] = fb__gstin_check_char(g);
        if (g[14] == 0)
            abort();
        g[data[14] % 15] = C[data[15] % 36];
        agree(g, 15);
    }
    return 0;
}
