/* host/log: line format, escaping, levels and secret redaction. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fbtc.h"
#include "log.h"

#define TOKEN "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"

static char out[65536];

/* Run the logging in f with lines captured into out. */
static void capture_begin(FILE **tmp)
{
    *tmp = tmpfile();
    ck_assert_ptr_nonnull(*tmp);
    fb__log_set_fd(fileno(*tmp));
}

static const char *capture_end(FILE *tmp)
{
    size_t n;

    fb__log_set_fd(-1);
    rewind(tmp);
    n = fread(out, 1, sizeof out - 1, tmp);
    out[n] = '\0';
    fclose(tmp);
    return out;
}

static void setup(void)
{
    fb__log_clear_secrets();
    fb__log_set_level(FB_LOG_INFO);
}

START_TEST(line_has_fields)
{
    FILE *t;
    const char *s;

    capture_begin(&t);
    fb__log(FB_LOG_INFO, NULL, "ready", "polling %d workers", 4);
    s = capture_end(t);
    ck_assert_msg(strncmp(s, "ts=", 3) == 0, "%s", s);
    ck_assert_ptr_nonnull(strstr(s, " level=info plugin=core event=ready "
                                    "msg=\"polling 4 workers\"\n"));
    ck_assert_int_eq((int)(strchr(s, '\n') - s + 1), (int)strlen(s));
}
END_TEST

START_TEST(kv_and_escaping)
{
    const char *kv[] = {"chat", "-100123", "who", "a \"b\"\nc=d", NULL};
    FILE *t;
    const char *s;

    capture_begin(&t);
    fb__log_kv(FB_LOG_WARN, "users", "x", kv, "two\nlines\ttab\\");
    s = capture_end(t);
    ck_assert_ptr_nonnull(strstr(s, "level=warn plugin=users event=x "
                                    "chat=-100123 who=\"a \\\"b\\\"\\nc=d\" "
                                    "msg=\"two\\nlines\\ttab\\\\\"\n"));
    /* one event, one line */
    ck_assert_ptr_eq(strchr(s, '\n'), s + strlen(s) - 1);
}
END_TEST

START_TEST(levels_filter)
{
    FILE *t;
    const char *s;

    fb__log_set_level(FB_LOG_WARN);
    capture_begin(&t);
    fb__log(FB_LOG_INFO, NULL, "hidden", "no");
    fb__log(FB_LOG_ERROR, NULL, "shown", "yes");
    s = capture_end(t);
    ck_assert_ptr_null(strstr(s, "hidden"));
    ck_assert_ptr_nonnull(strstr(s, "event=shown"));
    ck_assert_int_eq(fb__log_level_parse("debug"), FB_LOG_DEBUG);
    ck_assert_int_eq(fb__log_level_parse("warning"), FB_LOG_WARN);
    ck_assert_int_eq(fb__log_level_parse("loud"), -1);
}
END_TEST

START_TEST(token_in_args_is_redacted)
{
    const char *kv[] = {"url", "https://api.telegram.org/bot" TOKEN "/getMe",
                        NULL};
    FILE *t;
    const char *s;

    ck_assert_int_eq(fb__log_add_secret(TOKEN), 0);
    capture_begin(&t);
    fb__log(FB_LOG_ERROR, NULL, "e1", "token is %s here", TOKEN);
    fb__log_kv(FB_LOG_ERROR, NULL, "e2", kv,
               "curl: Failed to connect to "
               "https://api.telegram.org/bot%s/sendMessage",
               TOKEN);
    /* URL-encoded form and the secret half alone */
    fb__log(FB_LOG_ERROR, TOKEN, "e3", "%s and %s",
            "123456789%3AAAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ",
            "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ");
    s = capture_end(t);
    ck_assert_ptr_nonnull(strstr(s, "event=e1"));
    ck_assert_ptr_nonnull(strstr(s, "event=e3"));
    ck_assert_ptr_null(strstr(s, "AAHdqTcvCH1vGWJx"));
    ck_assert_ptr_null(strstr(s, "SAs0K5PALDsawQ"));
    ck_assert_ptr_nonnull(strstr(s, "/bot***/getMe"));
}
END_TEST

START_TEST(truncated_token_is_redacted)
{
    static char big[9000];
    int pos;

    ck_assert_int_eq(fb__log_add_secret(TOKEN), 0);
    /* wherever the line limit cuts the token, no usable piece is printed */
    for (pos = 8060; pos < 8140; pos++) {
        FILE *t;
        const char *s;
        memset(big, 'x', sizeof big);
        snprintf(big + pos, sizeof big - (size_t)pos, "%s", TOKEN);
        capture_begin(&t);
        fb__log(FB_LOG_ERROR, NULL, "long", "%s", big);
        s = capture_end(t);
        ck_assert_msg(strstr(s, "AAHdqT") == NULL, "pos %d", pos);
        ck_assert_msg(strstr(s, "123456789:") == NULL, "pos %d", pos);
        ck_assert_int_le((int)strlen(s), 8300);
    }
}
END_TEST

START_TEST(redact_helper)
{
    char buf[128];

    fb__log_add_secret("s3cr3t-password");
    fb__log_redact("pw=s3cr3t-password end", buf, sizeof buf);
    ck_assert_str_eq(buf, "pw=*** end");
    fb__log_redact("s3cr3t-password", buf, 5);
    ck_assert_str_eq(buf, "***");
    ck_assert_int_eq(fb__log_add_secret("ab"), 0); /* too short: ignored */
    fb__log_redact("ab", buf, sizeof buf);
    ck_assert_str_eq(buf, "ab");
}
END_TEST

static void *log_many(void *arg)
{
    int i;
    for (i = 0; i < 500; i++)
        fb__log(FB_LOG_INFO, "t", "burst", "thread %d line %d %s", *(int *)arg,
                i, "padding padding padding padding padding padding padding");
    return NULL;
}

/* Lines of concurrent threads never interleave: one write() per line. */
START_TEST(threads_do_not_interleave)
{
    static char all[8 * 500 * 200];
    pthread_t th[8];
    int ids[8], i, lines = 0;
    FILE *t = tmpfile();
    size_t n;
    char *line, *save = NULL;

    fb__log_set_fd(fileno(t));
    for (i = 0; i < 8; i++) {
        ids[i] = i;
        pthread_create(&th[i], NULL, log_many, &ids[i]);
    }
    for (i = 0; i < 8; i++)
        pthread_join(th[i], NULL);
    fb__log_set_fd(-1);
    rewind(t);
    n = fread(all, 1, sizeof all - 1, t);
    all[n] = '\0';
    fclose(t);
    for (line = strtok_r(all, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        ck_assert_msg(strncmp(line, "ts=", 3) == 0, "%s", line);
        ck_assert_ptr_nonnull(strstr(line, " padding\""));
        ck_assert_ptr_null(strstr(line + 1, "ts="));
        lines++;
    }
    ck_assert_int_eq(lines, 8 * 500);
}
END_TEST

/* Secrets cleared and added again many times (a config reload, a fuzz
 * run), each set starting with other bytes: each new set redacted, none of
 * an old set, nothing written or read beyond the host's tables (120
 * distinct first bytes over the rounds; at most 64 secrets at a time). The
 * redactor skips to bytes a secret starts with: that set must follow the
 * secrets. */
static void nth_secret(char *buf, size_t len, int round, int i)
{
    snprintf(buf, len, "%cSEKRET%02d%d", (char)(0x80 + round * 30 + i), i,
             round);
}

START_TEST(secrets_replaced_many_times)
{
    char secret[16], line[64], red[128];
    int round, i;

    for (round = 0; round < 4; round++) {
        fb__log_clear_secrets();
        for (i = 0; i < 30; i++) { /* each also URL-encoded: 60 secrets */
            nth_secret(secret, sizeof secret, round, i);
            ck_assert_int_eq(fb__log_add_secret(secret), 0);
        }
    }
    nth_secret(secret, sizeof secret, 3, 29);
    snprintf(line, sizeof line, "x %s y", secret);
    ck_assert_str_eq(fb__log_redact(line, red, sizeof red), "x *** y");
    nth_secret(secret, sizeof secret, 1, 4);
    snprintf(line, sizeof line, "x %s y", secret);
    ck_assert_str_eq(fb__log_redact(line, red, sizeof red), line);
    fb__log_clear_secrets();
    nth_secret(secret, sizeof secret, 3, 29);
    snprintf(line, sizeof line, "x %s y", secret);
    ck_assert_str_eq(fb__log_redact(line, red, sizeof red), line);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "log", .tcase = "log", .setup = setup};

    return FBTC_RUN(&def, line_has_fields, kv_and_escaping, levels_filter,
                    token_in_args_is_redacted, truncated_token_is_redacted,
                    redact_helper, threads_do_not_interleave,
                    secrets_replaced_many_times);
}
