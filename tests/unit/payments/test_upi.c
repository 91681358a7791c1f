/* The UPI payment link of the payments plugin (plugins/payments/upi.h):
 * the exact links of typical and awkward fields, the refusals, the parse
 * back, and the QR picture read back by zbarimg. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "fbtc.h"
#include "upi.h"

#ifndef ZBARIMG
#define ZBARIMG "zbarimg"
#endif

#define D10 "0123456789"
#define D40 D10 D10 D10 D10
#define RUPEE "\xE2\x82\xB9" /* ₹ */
#define RUPEE_ENC "%E2%82%B9"
#define NAMASTE "नमस्ते"
#define NAMASTE_ENC "%E0%A4%A8%E0%A4%AE%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A5%87"

/* fields, the link they make, tn after the cut (NULL: tn as given) */
static const struct good {
    const char *pa, *pn, *tr, *tn;
    int64_t am;
    const char *link, *tn_cut;
} goods[] = {
    {"club@okhdfc", "Fit Club", "sub:12", "Monthly", 150000,
     "upi://pay?pa=club@okhdfc&pn=Fit%20Club&tr=sub%3A12&tn=Monthly"
     "&am=1500.00&cu=INR",
     NULL},
    {"club@okhdfc", "Fit Club", "", "A&B=C#1 50%+ " RUPEE " " NAMASTE, 1,
     "upi://pay?pa=club@okhdfc&pn=Fit%20Club"
     "&tn=A%26B%3DC%231%2050%25%2B%20" RUPEE_ENC "%20" NAMASTE_ENC
     "&am=0.01&cu=INR",
     NULL},
    {"a.b-c_d@ybl", "Shakti Gym " RUPEE, "inv/2024~7", "", 10000050,
     "upi://pay?pa=a.b-c_d@ybl&pn=Shakti%20Gym%20" RUPEE_ENC
     "&tr=inv%2F2024~7&am=100000.50&cu=INR",
     NULL},
    {"X@Y", "@", "", "", INT64_MAX,
     "upi://pay?pa=X@Y&pn=%40&am=92233720368547758.07&cu=INR", NULL},
    {"club@okhdfc", "Fit Club", "", D40 D10 D10, 100,
     "upi://pay?pa=club@okhdfc&pn=Fit%20Club&tn=" D40 D10 "&am=1.00&cu=INR",
     D40 D10},
    {"club@okhdfc", "Fit Club", "", D40 "012345678" RUPEE "xyz", 99,
     "upi://pay?pa=club@okhdfc&pn=Fit%20Club&tn=" D40 "012345678" RUPEE_ENC
     "&am=0.99&cu=INR",
     D40 "012345678" RUPEE},
    {"club@okhdfc", "Fit Club", "", D40 "01234567" RUPEE RUPEE RUPEE, 12345,
     "upi://pay?pa=club@okhdfc&pn=Fit%20Club&tn=" D40
     "01234567" RUPEE_ENC RUPEE_ENC "&am=123.45&cu=INR",
     D40 "01234567" RUPEE RUPEE},
    /* not UTF-8: a cut-short sequence is one character, a stray
     * continuation byte another */
    {"club@okhdfc", "\x80", "", D40 "012345678\xE2\x82z", 100,
     "upi://pay?pa=club@okhdfc&pn=%80&tn=" D40 "012345678%E2%82"
     "&am=1.00&cu=INR",
     D40 "012345678\xE2\x82"},
};

#define N_GOODS (sizeof goods / sizeof goods[0])

static upi_fields fields_of(const struct good *g)
{
    upi_fields f;

    memset(&f, 0, sizeof f);
    snprintf(f.pa, sizeof f.pa, "%s", g->pa);
    snprintf(f.pn, sizeof f.pn, "%s", g->pn);
    snprintf(f.tr, sizeof f.tr, "%s", g->tr);
    snprintf(f.tn, sizeof f.tn, "%s", g->tn_cut ? g->tn_cut : g->tn);
    f.am = g->am;
    return f;
}

/* The fields as fb__upi_link takes them: tn before the cut. */
static upi_fields input_of(const struct good *g)
{
    upi_fields f = fields_of(g);

    snprintf(f.tn, sizeof f.tn, "%s", g->tn);
    return f;
}

static void assert_same(const upi_fields *a, const upi_fields *b, size_t i)
{
    ck_assert_msg(!strcmp(a->pa, b->pa) && !strcmp(a->pn, b->pn) &&
                      !strcmp(a->tr, b->tr) && !strcmp(a->tn, b->tn) &&
                      a->am == b->am,
                  "case %zu: fields differ (pa '%s' '%s', tn '%s' '%s')", i,
                  a->pa, b->pa, a->tn, b->tn);
}

START_TEST(link_of_good_fields)
{
    char buf[UPI_LINK_MAX];

    for (size_t i = 0; i < N_GOODS; i++) {
        upi_fields f = input_of(&goods[i]);

        ck_assert_msg(fb__upi_link(&f, buf, sizeof buf) == 0, "case %zu", i);
        ck_assert_str_eq(buf, goods[i].link);
    }
}
END_TEST

START_TEST(link_exact_fit)
{
    upi_fields f = input_of(&goods[0]);
    size_t n = strlen(goods[0].link);
    char buf[UPI_LINK_MAX];

    ck_assert_int_eq(fb__upi_link(&f, buf, n + 1), 0);
    ck_assert_str_eq(buf, goods[0].link);
    ck_assert_int_eq(fb__upi_link(&f, buf, n), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(fb__upi_link(&f, buf, 10), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(fb__upi_link(&f, buf, 1), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(fb__upi_link(&f, NULL, 0), -1);
}
END_TEST

START_TEST(link_refuses_bad_fields)
{
    static const struct {
        const char *pa, *pn;
        int64_t am;
    } bad[] = {
        {"clubokhdfc", "Fit Club", 100}, {"a@b@c", "Fit Club", 100},
        {"@okhdfc", "Fit Club", 100},    {"club@", "Fit Club", 100},
        {"@", "Fit Club", 100},          {"", "Fit Club", 100},
        {"club @okhdfc", "Fit", 100},    {"club@ok hdfc", "Fit", 100},
        {" club@okhdfc", "Fit", 100},    {"club@ok-hdfc", "Fit", 100},
        {"club@ok.hdfc", "Fit", 100},    {"cl%b@okhdfc", "Fit", 100},
        {"club@okhdfc", "", 100},        {"club@okhdfc", "Fit Club", 0},
        {"club@okhdfc", "Fit Club", -1}, {"club@okhdfc", "Fit", INT64_MIN},
    };
    char buf[UPI_LINK_MAX];

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        upi_fields f = input_of(&goods[0]);

        snprintf(f.pa, sizeof f.pa, "%s", bad[i].pa);
        snprintf(f.pn, sizeof f.pn, "%s", bad[i].pn);
        f.am = bad[i].am;
        strcpy(buf, "x");
        ck_assert_msg(fb__upi_link(&f, buf, sizeof buf) == -1, "case %zu", i);
        ck_assert_msg(buf[0] == '\0', "case %zu: buf '%s'", i, buf);
    }
}
END_TEST

START_TEST(vpa_forms)
{
    char longest[UPI_FIELD_MAX + 1];

    ck_assert_int_eq(fb__upi_vpa_ok("club@okhdfc"), 1);
    ck_assert_int_eq(fb__upi_vpa_ok("a.b-c_d9@ybl1"), 1);
    ck_assert_int_eq(fb__upi_vpa_ok("a@b"), 1);
    ck_assert_int_eq(fb__upi_vpa_ok("club@okhdfc "), 0);
    ck_assert_int_eq(fb__upi_vpa_ok("club@@okhdfc"), 0);
    ck_assert_int_eq(fb__upi_vpa_ok(NULL), 0);
    memset(longest, 'a', sizeof longest);
    memcpy(longest + UPI_FIELD_MAX - 5, "@ybl", 5); /* 255 bytes */
    ck_assert_int_eq(fb__upi_vpa_ok(longest), 1);
    ck_assert_int_eq(fb__upi_vpa_ok(longest + 1), 1);
    memcpy(longest + UPI_FIELD_MAX - 4, "@ybl", 5); /* 256 bytes */
    ck_assert_int_eq(fb__upi_vpa_ok(longest), 0);
}
END_TEST

/* fields at their limits: the longest link (2442 bytes with its NUL) */
static upi_fields fields_at_limits(size_t pn_tr_bytes)
{
    upi_fields f;

    memset(&f, 0, sizeof f);
    memset(f.pa, 'v', UPI_FIELD_MAX - 1);
    memcpy(f.pa + UPI_FIELD_MAX - 5, "@ybl", 5);
    memset(f.pn, '#', pn_tr_bytes);
    memset(f.tr, '#', pn_tr_bytes);
    for (size_t i = 0; i < UPI_NOTE_MAX + 3; i++)
        memcpy(f.tn + 4 * i, "\xF0\x9F\x98\x80", 4); /* 😀 */
    f.am = INT64_MAX;
    return f;
}

START_TEST(link_sizes)
{
    static char big[4096];
    char buf[UPI_LINK_MAX];
    upi_fields f = fields_at_limits(UPI_FIELD_MAX - 1), back;

    ck_assert_int_eq(fb__upi_link(&f, big, sizeof big), 0);
    ck_assert_uint_eq(strlen(big) + 1, 2442);
    ck_assert_int_eq(fb__upi_link(&f, buf, sizeof buf), -1);
    ck_assert_int_eq(fb__upi_parse(big, &back), 0);
    f.tn[(size_t)4 * UPI_NOTE_MAX] = '\0';
    assert_same(&back, &f, 0);

    f = fields_at_limits(1100 / 6); /* pn and tr: 1098 bytes encoded */
    ck_assert_int_eq(fb__upi_link(&f, buf, sizeof buf), 0);
}
END_TEST

START_TEST(parse_round_trip)
{
    upi_fields out;

    for (size_t i = 0; i < N_GOODS; i++) {
        upi_fields want = fields_of(&goods[i]);

        ck_assert_msg(fb__upi_parse(goods[i].link, &out) == 0, "case %zu", i);
        assert_same(&out, &want, i);
    }
}
END_TEST

START_TEST(parse_any_order)
{
    upi_fields out, want = fields_of(&goods[0]);

    ck_assert_int_eq(fb__upi_parse("upi://pay?cu=INR&am=1500.00&tn=Monthly"
                                   "&tr=sub%3A12&pn=Fit%20Club&pa=club@okhdfc",
                                   &out),
                     0);
    assert_same(&out, &want, 0);
}
END_TEST

#define P "upi://pay?"
#define PA "pa=club@okhdfc"
#define PN "&pn=Fit%20Club"
#define AM "&am=1500.00"
#define CU "&cu=INR"

static const char *const refused[] = {
    "",
    "upi://pay",
    "upi://pay?",
    "UPI://pay?" PA PN AM CU,
    "upi://collect?" PA PN AM CU,
    "upi://pay/?" PA PN AM CU,
    " upi://pay?" PA PN AM CU,
    P PN AM CU,
    P PA AM CU,
    P PA PN CU,
    P PA PN AM,
    P PA PN AM "&cu=USD",
    P PA PN AM "&cu=inr",
    P PA PN AM "&cu=",
    P PA PN "&am=15.0" CU,
    P PA PN "&am=15" CU,
    P PA PN "&am=-1.00" CU,
    P PA PN "&am=1e3" CU,
    P PA PN "&am=0.00" CU,
    P PA PN "&am=01.00" CU,
    P PA PN "&am=1.000" CU,
    P PA PN "&am=.50" CU,
    P PA PN "&am=+1.00" CU,
    P PA PN "&am=1%2E00" CU,
    P PA PN "&am=92233720368547758.08" CU,
    P PA PN "&am=99999999999999999999.00" CU,
    P PA PN AM CU "&pa=club@okhdfc",
    P PA PN AM CU "&tn=a&tn=a",
    P PA PN AM CU CU,
    P PA PN AM CU "&am=1500.00",
    P PA "&pn=Fit%G1ub" AM CU,
    P PA "&pn=Fit%" AM CU,
    P PA "&pn=Fit%2" AM CU,
    P PA PN AM CU "&tn=%",
    P PA PN AM CU "&tn=a%2",
    P PA "&pn=Fit%3a" AM CU,
    P PA "&pn=Fit%00" AM CU,
    P PA "&pn=Fit%41" AM CU,
    P PA "&pn=Fit Club" AM CU,
    P PA "&pn=Fit+Club" AM CU,
    P PA "&pn=a@b" AM CU,
    P "pa=club%40okhdfc" PN AM CU,
    P "pa=club" PN AM CU,
    P "pa=a@b@c" PN AM CU,
    P PA "&pn=" AM CU,
    P PA PN "&tr=" AM CU,
    P PA PN AM CU "&tn=",
    P PA PN AM CU "&mc=1234",
    P PA PN AM CU "&",
    P PA PN AM "&" CU,
    P "&" PA PN AM CU,
    P PA PN AM CU "&tn",
    P PA PN AM CU "&=x",
    P PA PN AM CU "&tn=" D40 D10 "x",
};

static void assert_zeroed(const upi_fields *f, const char *link)
{
    static const upi_fields zero;

    ck_assert_msg(memcmp(f, &zero, sizeof zero) == 0, "not zeroed: '%s'", link);
}

START_TEST(parse_refuses)
{
    upi_fields out;

    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        memset(&out, 0x55, sizeof out);
        ck_assert_msg(fb__upi_parse(refused[i], &out) == -1, "accepted '%s'",
                      refused[i]);
        assert_zeroed(&out, refused[i]);
    }
    memset(&out, 0x55, sizeof out);
    ck_assert_int_eq(fb__upi_parse(NULL, &out), -1);
    assert_zeroed(&out, "NULL");
}
END_TEST

/* pn of n 'a' */
static int parse_pn_of(size_t n, upi_fields *out)
{
    char link[UPI_LINK_MAX] = P PA AM CU "&pn=";
    size_t at = strlen(link);

    memset(link + at, 'a', n);
    link[at + n] = '\0';
    return fb__upi_parse(link, out);
}

START_TEST(parse_field_sizes)
{
    upi_fields out;

    ck_assert_int_eq(parse_pn_of(UPI_FIELD_MAX - 1, &out), 0);
    ck_assert_uint_eq(strlen(out.pn), UPI_FIELD_MAX - 1);
    ck_assert_int_eq(parse_pn_of(UPI_FIELD_MAX, &out), -1);
    assert_zeroed(&out, "pn of 256 bytes");
    ck_assert_int_eq(parse_pn_of(1000, &out), -1);
    assert_zeroed(&out, "pn of 1000 bytes");
}
END_TEST

/* ---- the QR picture ------------------------------------------------------ */

static char dir[256];

static void scratch_setup(void)
{
    fbtc_mkdtemp(dir, sizeof dir, "/tmp/fitbot-upi-XXXXXX");
}

static void scratch_teardown(void)
{
    fbtc_rmtree(dir);
}

static void write_png(const char *path, const unsigned char *png, size_t len)
{
    FILE *f = fopen(path, "wb");

    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(png, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* What zbarimg reads in path, one trailing newline off (malloc'd). */
static char *zbar_read(const char *path)
{
    char cmd[512], *text = calloc(1, 4096);
    FILE *p;
    size_t n;

    snprintf(cmd, sizeof cmd, "'%s' --raw -q --nodbus '%s'", ZBARIMG, path);
    p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(text);
    n = fread(text, 1, 4095, p);
    ck_assert_msg(pclose(p) == 0, "%s failed (zbar-tools installed?)", cmd);
    if (n > 0 && text[n - 1] == '\n')
        text[n - 1] = '\0';
    return text;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

/* text as a QR at scale 4: the PNG's size, and zbarimg reads text back */
static void assert_qr_reads_back(const char *text)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    uint32_t side = (uint32_t)(qr->width + 8) * 4;
    unsigned char *png = NULL;
    size_t len = 0;
    char path[300], *read;

    QRcode_free(qr);
    ck_assert_int_eq(fb__upi_qr_png(text, 4, &png, &len), 0);
    ck_assert_uint_gt(len, 24);
    ck_assert_int_eq(memcmp(png, "\x89PNG\r\n\x1a\n", 8), 0);
    ck_assert_int_eq(memcmp(png + 12, "IHDR", 4), 0);
    ck_assert_uint_eq(be32(png + 16), side);
    ck_assert_uint_eq(be32(png + 20), side);
    snprintf(path, sizeof path, "%s/qr.png", dir);
    write_png(path, png, len);
    free(png);
    read = zbar_read(path);
    ck_assert_str_eq(read, text);
    free(read);
}

START_TEST(qr_reads_back)
{
    assert_qr_reads_back(goods[0].link);
    assert_qr_reads_back(goods[1].link);
}
END_TEST

START_TEST(qr_refuses)
{
    static char text[8001];
    unsigned char *png = (unsigned char *)"x";
    size_t len = 7;

    memset(text, 'a', sizeof text - 1);
    ck_assert_int_eq(fb__upi_qr_png(text, 4, &png, &len), -1);
    ck_assert_ptr_null(png);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(fb__upi_qr_png(goods[0].link, 0, &png, &len), -1);
    ck_assert_ptr_null(png);
    ck_assert_int_eq(fb__upi_qr_png("", 4, &png, &len), -1);
    ck_assert_ptr_null(png);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "unit_payments_upi",
                                   .tcase = "upi",
                                   .timeout = 60,
                                   .setup = scratch_setup,
                                   .teardown = scratch_teardown};

    return FBTC_RUN(&def, link_of_good_fields, link_exact_fit,
                    link_refuses_bad_fields, vpa_forms, link_sizes,
                    parse_round_trip, parse_any_order, parse_refuses,
                    parse_field_sizes, qr_reads_back, qr_refuses);
}
