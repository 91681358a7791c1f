/* ABI 1.2 text through the stand-in host: fb_strf / fb_vstrf (escaping "%s",
 * raw "%-s", printf conversions), fb_esc, fb_jsonf, values as text, the
 * formatted replies, callback answers cut at 200 characters, fb_cbf's
 * 64-byte limit and the fields of forged callback data. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "body_plugin.h"
#include "check_main.h"

static char got[16384];
static int got_null;
static int64_t got_id;

static void keep(const char *s)
{
    got_null = s == NULL;
    snprintf(got, sizeof got, "%s", s ? s : "");
}

/* Run body b as /t and return the run's rc. */
static int t(fbh_host **h, int (*b)(fb_ctx *))
{
    *h = body_host(b);
    return fbh_command(*h, "/t");
}

/* fb_vstrf with a format the compiler does not check. */
static char *vstrf(fb_ctx *c, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = fb_vstrf(c, fmt, ap);
    va_end(ap);
    return s;
}

/* ---- fb_strf ------------------------------------------------------------- */
static int b_escape(fb_ctx *c)
{
    keep(fb_strf(c, "<b>%s</b>", "a<b>&\"c'"));
    return FB_OK;
}

START_TEST(strf_s_escapes_html)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_escape), FB_OK);
    ck_assert_str_eq(got, "<b>a&lt;b&gt;&amp;&quot;c'</b>");
    fbh_free(h);
}
END_TEST

static int b_raw(fb_ctx *c)
{
    keep(fb_strf(c, "%-s|%s", fb_strf(c, "<i>%s</i>", "<x>"), "<i>"));
    return FB_OK;
}

START_TEST(strf_dash_s_inserts_raw)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_raw), FB_OK);
    ck_assert_str_eq(got, "<i>&lt;x&gt;</i>|&lt;i&gt;");
    fbh_free(h);
}
END_TEST

static int b_null(fb_ctx *c)
{
    const char *none = NULL; /* through vstrf: gcc flags a literal NULL */
    keep(vstrf(c, "[%s][%-s][%5s]", none, none, none));
    return FB_OK;
}

START_TEST(strf_null_prints_empty)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_null), FB_OK);
    ck_assert_str_eq(got, "[][][     ]");
    fbh_free(h);
}
END_TEST

static int b_int64(fb_ctx *c)
{
    keep(fb_strf(c, "%" PRId64 " %" PRId64 " %" PRIu64 " %lld %llu %d",
                 INT64_MIN, INT64_MAX, UINT64_MAX, (long long)INT64_MIN + 1,
                 0ULL, -1));
    return FB_OK;
}

START_TEST(strf_int64_extremes)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_int64), FB_OK);
    ck_assert_str_eq(got, "-9223372036854775808 9223372036854775807 "
                          "18446744073709551615 -9223372036854775807 0 -1");
    fbh_free(h);
}
END_TEST

/* Every non-%s conversion prints exactly what snprintf prints. */
#define CONV_ARGS                                                              \
    42, -42, 42, 7, 255, 255, 8, 5, 6, -3, 4, 9, 8, 4, 77, 3, "abcdef",        \
        (signed char)-56, (short)-12345, (size_t)123456789, (ptrdiff_t)-77,    \
        (intmax_t)INT64_MIN, 'Z', 3.14159, -1234.5, 0.0001, 2.5L,              \
        (unsigned char)250, (unsigned short)65535, (long)-5, 0x7fffffffUL,     \
        (void *)0x1234
#define CONV_FMT                                                               \
    "%5d|%-5d|%05d|%+d|%#x|%X|%#o|%.3d|%*d|%-*d|%*.*d|%.*s|%hhd|%hd|%zu|%td|"  \
    "%jd|%c|%8.3f|%e|%g|%Lf|%hhu|%hu|%ld|%lx|%p|%%"

static int b_conv(fb_ctx *c)
{
    keep(fb_strf(c, CONV_FMT, CONV_ARGS));
    return FB_OK;
}

START_TEST(strf_other_conversions_are_printf)
{
    char want[1024];
    fbh_host *h;

    snprintf(want, sizeof want, CONV_FMT, CONV_ARGS);
    ck_assert_int_eq(t(&h, b_conv), FB_OK);
    ck_assert_str_eq(got, want);
    fbh_free(h);
}
END_TEST

/* vsnprintf with a format the compiler does not check. */
static void ref(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, len, fmt, ap);
    va_end(ap);
}

static const char trunc_fmt[] = "%hhd|%hd|%hhu|%hu|%hhx";

static int b_trunc(fb_ctx *c)
{
    keep(vstrf(c, trunc_fmt, 300, 70000, 511, 65537, 0x1ff));
    return FB_OK;
}

START_TEST(strf_hh_h_truncate_as_printf)
{
    char want[128];
    fbh_host *h;

    ref(want, sizeof want, trunc_fmt, 300, 70000, 511, 65537, 0x1ff);
    ck_assert_int_eq(t(&h, b_trunc), FB_OK);
    ck_assert_str_eq(got, want);
    ck_assert_str_eq(got, "44|4464|255|1|ff");
    fbh_free(h);
}
END_TEST

static int b_width(fb_ctx *c)
{
    /* precision cuts the argument at a character; width counts it before
     * escaping; a negative '*' width pads on the right */
    keep(fb_strf(c, "[%.2s][%5s][%*s][%.1s]", "a\xc3\xa9", "<", -3, "&",
                 "\xe2\x82\xb9"));
    return FB_OK;
}

START_TEST(strf_s_width_precision)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_width), FB_OK);
    ck_assert_str_eq(got, "[a][    &lt;][&amp;  ][]");
    fbh_free(h);
}
END_TEST

static int b_bad(fb_ctx *c)
{
    keep(vstrf(c, "x %q y", 1));
    return FB_OK;
}

START_TEST(strf_bad_conversion_fails_the_run)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_bad), FB_ERR);
    ck_assert(got_null);
    ck_assert_ptr_nonnull(strstr(fbh_failure(h), "fb_strf: unsupported"));
    fbh_free(h);
}
END_TEST

static int b_n(fb_ctx *c)
{
    int n;
    keep(vstrf(c, "ab%n", &n));
    return FB_OK;
}

START_TEST(strf_refuses_percent_n)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_n), FB_ERR);
    ck_assert(got_null);
    fbh_free(h);
}
END_TEST

static int b_plain(fb_ctx *c)
{
    keep(fb_plainf(c, "%s %-s %5.1f %lld", "<a & b>", "\"q\"", 2.25,
                   (long long)INT64_MIN));
    return FB_OK;
}

START_TEST(plainf_escapes_nothing)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_plain), FB_OK);
    ck_assert_str_eq(got, "<a & b> \"q\"   2.2 -9223372036854775808");
    fbh_free(h);
}
END_TEST

/* ---- fb_esc, fb_jsonf, values as text ------------------------------------ */
static int b_esc(fb_ctx *c)
{
    keep(fb_strf(c, "%-s|%-s|%-s|%-s|%-s", fb_esc(c, "<&>\""), fb_esc(c, NULL),
                 fb_id_str(c, INT64_MIN), fb_money_str(c, 12345650),
                 fb_date_text(c, (fb_date){2030, 1, 5})));
    return FB_OK;
}

START_TEST(esc_and_values_as_text)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_esc), FB_OK);
    ck_assert_str_eq(got, "&lt;&amp;&gt;&quot;||-9223372036854775808|"
                          "\xe2\x82\xb9"
                          "1,23,456.50|2030-01-05");
    fbh_free(h);
}
END_TEST

static int b_json(fb_ctx *c)
{
    keep(fb_jsonf(c, "{\"n\":\"%s\",\"raw\":%-s,\"id\":\"%" PRId64 "\"}",
                  "a\"b\\c\n\t\x01<&>\xc3\xa9", "[1]", INT64_MAX));
    return FB_OK;
}

START_TEST(jsonf_escapes_strings)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_json), FB_OK);
    ck_assert_str_eq(got, "{\"n\":\"a\\\"b\\\\c\\n\\t\\u0001<&>\xc3\xa9\","
                          "\"raw\":[1],\"id\":\"9223372036854775807\"}");
    fbh_free(h);
}
END_TEST

/* ---- formatted replies -----------------------------------------------------
 */
static int b_reply(fb_ctx *c)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, "Yoga", fb_cbf(c, "t:cls:%s", "yoga"));
    fb_kb_button(kb, "Pilates", "t:cls:pilates");
    fb_kb_row(kb);
    fb_kb_button(kb, "Back", fb_cbf(c, "t:back:%lld", (long long)INT64_MAX));
    fb_replyf(c, kb, "Hi %s, %d classes", "<Asha>", 2);
    fb_sendf(c, 2002, NULL, "to %s", "staff");
    return fb_editf(c, NULL, "edited %-s", "<b>x</b>");
}

START_TEST(replyf_sendf_editf)
{
    fbh_host *h;

    ck_assert_int_eq(t(&h, b_reply), FB_OK);
    ck_assert_int_eq(fbh_count(h), 3);
    ck_assert_str_eq(fbh_msg(h, 0), "Hi &lt;Asha&gt;, 2 classes");
    ck_assert_str_eq(fbh_keyboard(h, 0), "Yoga | Pilates\nBack");
    ck_assert_str_eq(fbh_button(h, 0, "Yoga"), "t:cls:yoga");
    ck_assert_str_eq(fbh_button(h, 0, "Back"), "t:back:9223372036854775807");
    ck_assert_int_eq(fbh_msg_chat(h, 0), BODY_USER);
    ck_assert_str_eq(fbh_msg(h, 1), "to staff");
    ck_assert_int_eq(fbh_msg_chat(h, 1), 2002);
    ck_assert_str_eq(fbh_last(h), "edited <b>x</b>");
    fbh_free(h);
}
END_TEST

static const char long_data[] = "t:0123456789012345678901234567890123456789"
                                "0123456789012345678901";

static int b_cbf_long(fb_ctx *c)
{
    fb_keyboard *kb = fb_kb(c);
    const char *d = fb_cbf(c, "%sX", long_data); /* 65 bytes */

    keep(d);
    fb_kb_button(kb, "Drop", d);
    ck_assert_int_ne(kb->error, 0);
    ck_assert_int_eq(fb_replyf(c, kb, "never sent"), FB_ERR);
    return FB_OK;
}

START_TEST(cbf_over_64_bytes_fails_and_marks)
{
    fbh_host *h;

    ck_assert_uint_eq(strlen(long_data), 64);
    ck_assert_int_eq(t(&h, b_cbf_long), FB_ERR);
    ck_assert(got_null);
    ck_assert_ptr_nonnull(strstr(fbh_failure(h), "fb_cbf:"));
    ck_assert_int_eq(fbh_count(h), 0);
    fbh_free(h);
}
END_TEST

static int b_cbf_64(fb_ctx *c)
{
    keep(fb_cbf(c, "%s", long_data));
    return FB_OK;
}

START_TEST(cbf_64_bytes_fit)
{
    fbh_host *h;
    ck_assert_int_eq(t(&h, b_cbf_64), FB_OK);
    ck_assert_str_eq(got, long_data);
    fbh_free(h);
}
END_TEST

/* ---- callback answers ------------------------------------------------------
 */
static char answer_in[2048];

static int b_answer(fb_ctx *c)
{
    return fb_answerf(c, "%s", answer_in);
}
static int b_alert(fb_ctx *c)
{
    return fb_alertf(c, "<%s>", "no & yes");
}

/* Characters (UTF-8 code points) of s. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

START_TEST(answerf_cut_at_200_characters)
{
    fbh_host *h = body_host(b_answer);
    const char *a;

    strcpy(answer_in, "a");
    for (int i = 0; i < 250; i++)
        strcat(answer_in, "\xc3\xa9"); /* é, 2 bytes */
    ck_assert_int_eq(fbh_press(h, "t:x"), FB_OK);
    a = fbh_answer(h);
    ck_assert_uint_eq(chars(a), 200);
    ck_assert_uint_eq(strlen(a), 1 + 199 * 2);
    ck_assert_int_eq(strncmp(a, answer_in, strlen(a)), 0);
    ck_assert(!fbh_answer_alert(h));

    strcpy(answer_in, "\xe2\x82\xb9 <b>short</b>"); /* plain: no escaping */
    ck_assert_int_eq(fbh_press(h, "t:x"), FB_OK);
    ck_assert_str_eq(fbh_answer(h), answer_in);
    fbh_free(h);
}
END_TEST

START_TEST(alertf_is_an_alert_not_escaped)
{
    fbh_host *h = body_host(b_alert);

    ck_assert_int_eq(fbh_press(h, "t:x"), FB_OK);
    ck_assert_str_eq(fbh_answer(h), "<no & yes>");
    ck_assert(fbh_answer_alert(h));
    ck_assert_int_eq(fbh_command(h, "/t"), FB_OK); /* not a press: no-op */
    ck_assert_ptr_null(fbh_answer(h));
    ck_assert_int_eq(fbh_count(h), 0);
    fbh_free(h);
}
END_TEST

/* ---- forged callback data --------------------------------------------------
 */
static int b_fields(fb_ctx *c)
{
    const char *f0 = fb_data_field(c, "t:drop:", 0);
    const char *f1 = fb_data_field(c, "t:drop:", 1);

    got_id = fb_data_id(c, "t:drop:", 0);
    snprintf(got, sizeof got, "%s|%s|%s|%s", f0 ? f0 : "(null)",
             f1 ? f1 : "(null)",
             fb_data_field(c, "t:drop:", 2) ? "x" : "(null)",
             fb_data_field(c, "t:keep:", 0) ? "x" : "(null)");
    return FB_OK;
}

START_TEST(data_field_and_id_of_forged_data)
{
    static const struct {
        const char *data, *fields;
        int64_t id;
    } cases[] = {
        {"t:drop:42:x", "42|x|(null)|(null)", 42},
        {"t:drop:9223372036854775807",
         "9223372036854775807|(null)|(null)|"
         "(null)",
         INT64_MAX},
        {"t:drop:9223372036854775808",
         "9223372036854775808|(null)|(null)|"
         "(null)",
         0},
        {"t:drop:-5", "-5|(null)|(null)|(null)", 0},
        {"t:drop:42abc", "42abc|(null)|(null)|(null)", 0},
        {"t:drop:", "(null)|(null)|(null)|(null)", 0},
        {"t:drop::7", "|7|(null)|(null)", 0},
        {"t:other:42", "(null)|(null)|(null)|(null)", 0},
        {"t:drop:1:2345678901234567890123456789012345678901234567890123456789",
         "(null)|(null)|(null)|(null)", 0}, /* over 64 bytes */
    };
    fbh_host *h = body_host(b_fields);

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_int_eq(fbh_press(h, cases[i].data), FB_OK);
        ck_assert_str_eq(got, cases[i].fields);
        ck_assert_int_eq(got_id, cases[i].id);
    }
    fbh_free(h);
}
END_TEST

static void add(TCase *tc)
{
    tcase_add_test(tc, strf_s_escapes_html);
    tcase_add_test(tc, strf_dash_s_inserts_raw);
    tcase_add_test(tc, strf_null_prints_empty);
    tcase_add_test(tc, strf_int64_extremes);
    tcase_add_test(tc, strf_other_conversions_are_printf);
    tcase_add_test(tc, strf_hh_h_truncate_as_printf);
    tcase_add_test(tc, strf_s_width_precision);
    tcase_add_test(tc, strf_bad_conversion_fails_the_run);
    tcase_add_test(tc, strf_refuses_percent_n);
    tcase_add_test(tc, plainf_escapes_nothing);
    tcase_add_test(tc, esc_and_values_as_text);
    tcase_add_test(tc, jsonf_escapes_strings);
    tcase_add_test(tc, replyf_sendf_editf);
    tcase_add_test(tc, cbf_over_64_bytes_fails_and_marks);
    tcase_add_test(tc, cbf_64_bytes_fit);
    tcase_add_test(tc, answerf_cut_at_200_characters);
    tcase_add_test(tc, alertf_is_an_alert_not_escaped);
    tcase_add_test(tc, data_field_and_id_of_forged_data);
}

CHECK_MAIN("sdk_fmt", add)
