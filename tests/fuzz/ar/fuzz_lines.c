/* libFuzzer target for the payment lines of the ar plugin (lines.h).
 * Properties: the parser never reads or writes out of bounds (ASan); what
 * it accepts is 1..max lines, each with a known method, paise in
 * 1..AR_PAYMENT_MAX, a reference without control characters, and a total
 * within AR_PAYMENT_MAX; a refusal names a line within the text (or 0);
 * and the canonical text of accepted lines parses back to the same lines. */
#include <stdlib.h>
#include <string.h>

#include "lines.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int known(const char *m)
{
    static const char *const ms[] = {"cash", "upi", "card", "bank", "cheque"};

    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
        if (strcmp(m, ms[i]) == 0)
            return 1;
    return 0;
}

static int lines_in(const char *s)
{
    int n = 1;

    for (; *s; s++)
        n += *s == '\n' || *s == ';';
    return n;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *text = malloc(size + 1), canon[AR_LINES_MAX * (AR_REF_MAX * 4 + 40)];
    ar_line a[AR_LINES_MAX], b[AR_LINES_MAX];
    int bad = -1, n, m, bad2;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    n = fb__ar_lines_parse(text, a, AR_LINES_MAX, &bad);
    if (n < 0) {
        if (bad < 0 || bad > lines_in(text))
            abort();
        free(text);
        return 0;
    }
    if (n < 1 || n > AR_LINES_MAX || bad != 0 ||
        fb__ar_lines_total(a, n) > AR_PAYMENT_MAX)
        abort();
    for (int i = 0; i < n; i++) {
        if (!known(a[i].method) || a[i].paise < 1 ||
            a[i].paise > AR_PAYMENT_MAX)
            abort();
        for (const unsigned char *p = (const unsigned char *)a[i].ref; *p; p++)
            if (*p < 0x20 || *p == 0x7f)
                abort();
    }
    if (fb__ar_lines_format(a, n, canon, sizeof canon) != 0)
        abort();
    m = fb__ar_lines_parse(canon, b, AR_LINES_MAX, &bad2);
    if (m != n)
        abort();
    for (int i = 0; i < n; i++)
        if (strcmp(a[i].method, b[i].method) || a[i].paise != b[i].paise ||
            strcmp(a[i].ref, b[i].ref))
            abort();
    free(text);
    return 0;
}
