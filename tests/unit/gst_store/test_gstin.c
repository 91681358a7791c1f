/* The GSTIN check and the state table of the gst_store plugin (gstin.h):
 * pure functions, no host. A table of cases: DOMAIN.md's examples, every
 * state code edge, lower case, length, bad characters, each part of the
 * structure, and a single changed character. */
#include <stdio.h>
#include <string.h>

#include "fbtc.h"
#include "gstin.h"

static const struct {
    const char *in;
    gstin_status want;
    const char *canon; /* on GSTIN_OK */
} cases[] = {
    /* DOMAIN.md */
    {"27AAPFU0939F1ZV", GSTIN_OK, "27AAPFU0939F1ZV"},
    {"27AAPFU0939F1ZO", GSTIN_CHECK, NULL},
    /* lower case and surrounding spaces are read as the GSTIN */
    {"27aapfu0939f1zv", GSTIN_OK, "27AAPFU0939F1ZV"},
    {"  27AAPFU0939F1ZV \n", GSTIN_OK, "27AAPFU0939F1ZV"},
    {"27AaPfU0939F1zV", GSTIN_OK, "27AAPFU0939F1ZV"},
    /* length */
    {"", GSTIN_EMPTY, NULL},
    {"   ", GSTIN_EMPTY, NULL},
    {"27AAPFU0939F1Z", GSTIN_LENGTH, NULL},
    {"27AAPFU0939F1ZVV", GSTIN_LENGTH, NULL},
    {"2", GSTIN_LENGTH, NULL},
    /* characters */
    {"27AAPFU0939F1Z-", GSTIN_CHARS, NULL},
    {"27AAPFU 939F1ZV", GSTIN_CHARS, NULL},
    {"27AAPFU0939F1Z\xc3\xa9", GSTIN_CHARS, NULL},
    {"27AAPFU0939F1ZV\x01", GSTIN_CHARS, NULL},
    /* structure: state, PAN, entity, the 14th */
    {"00AAPFU0939F1ZV", GSTIN_STATE, NULL},
    {"39AAPFU0939F1ZV", GSTIN_STATE, NULL},
    {"96AAPFU0939F1ZV", GSTIN_STATE, NULL},
    {"98AAPFU0939F1ZV", GSTIN_STATE, NULL},
    {"A7AAPFU0939F1ZV", GSTIN_STATE, NULL},
    {"271APFU0939F1ZV", GSTIN_PAN, NULL},
    {"27AAPFUA939F1ZV", GSTIN_PAN, NULL},
    {"27AAPFU093991ZV", GSTIN_PAN, NULL},
    {"27AAPFU0939F0ZV", GSTIN_ENTITY, NULL},
    {"27AAPFU0939F191", GSTIN_ENTITY, NULL},
};

/* A valid GSTIN for state code st (the rest of the example, its check
 * character computed). */
static void make(int st, char g[GSTIN_LEN + 1])
{
    snprintf(g, GSTIN_LEN + 1, "%02dAAPFU0939F1Z?", st);
    g[14] = fb__gstin_check_char(g);
}

START_TEST(table)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[GSTIN_LEN + 1] = "junk";
        gstin_status st = fb__gstin_validate(cases[i].in, out);

        ck_assert_msg(st == cases[i].want, "case %zu \"%s\": %d, want %d", i,
                      cases[i].in, st, cases[i].want);
        ck_assert_str_eq(out, cases[i].canon ? cases[i].canon : "");
    }
    ck_assert_int_eq(fb__gstin_validate(NULL, (char[16]){0}), GSTIN_EMPTY);
}
END_TEST

START_TEST(check_char_of_the_example)
{
    ck_assert_int_eq(fb__gstin_check_char("27AAPFU0939F1Z"), 'V');
    ck_assert_int_eq(fb__gstin_check_char("27AAPFU0939F1z"), 0);
    ck_assert_int_eq(fb__gstin_check_char("27AAPFU0939F1"), 0);
}
END_TEST

/* Every state code edge: 00 and 39..96, 98 refused; 01..38, 97, 99 taken. */
START_TEST(every_state_code)
{
    for (int st = 0; st <= 99; st++) {
        char g[GSTIN_LEN + 1], out[GSTIN_LEN + 1];
        int valid = (st >= 1 && st <= 38) || st == 97 || st == 99;

        make(st, g);
        ck_assert_msg(fb__gstin_validate(g, out) ==
                          (valid ? GSTIN_OK : GSTIN_STATE),
                      "state %02d", st);
        ck_assert_msg((fb__gst_state(st) != NULL) == valid, "table %02d", st);
    }
}
END_TEST

/* Any one character of the example changed to another letter or digit:
 * refused, unless the change keeps the structure and the checksum (the
 * check only sees the sum mod 36). */
START_TEST(one_changed_character_is_refused)
{
    static const char alpha[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const char *good = "27AAPFU0939F1ZV";
    int accepted = 0;

    for (int pos = 0; pos < GSTIN_LEN; pos++)
        for (const char *a = alpha; *a; a++) {
            char g[GSTIN_LEN + 1], out[GSTIN_LEN + 1];

            if (*a == good[pos])
                continue;
            memcpy(g, good, sizeof g);
            g[pos] = *a;
            if (fb__gstin_validate(g, out) == GSTIN_OK) {
                accepted++;
                ck_assert_int_eq(fb__gstin_check_char(g), g[14]);
            }
        }
    /* mod-36 Luhn catches every single substitution */
    ck_assert_int_eq(accepted, 0);
}
END_TEST

START_TEST(states_and_utgst)
{
    static const struct {
        const char *code;
        const char *name;
        int utgst;
    } want[] = {{"27", "Maharashtra", 0},
                {"29", "Karnataka", 0},
                {"04", "Chandigarh", 1},
                {"4", "Chandigarh", 1},
                {" 35 ", "Andaman and Nicobar Islands", 1},
                {"31", "Lakshadweep", 1},
                {"26", "Dadra and Nagar Haveli and Daman and Diu", 1},
                {"38", "Ladakh", 1},
                {"07", "Delhi", 0},
                {"34", "Puducherry", 0},
                {"01", "Jammu and Kashmir", 0},
                {"97", "Other Territory", 0},
                {"99", "Centre Jurisdiction", 0}};
    static const char *const none[] = {"00", "39", "96", "98", "100", "",
                                       "2a", "-1", "027", NULL};

    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const gst_state *s = fb__gst_state_str(want[i].code);

        ck_assert_msg(s, "%s", want[i].code);
        ck_assert_str_eq(s->name, want[i].name);
        ck_assert_int_eq(s->utgst, want[i].utgst);
    }
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        ck_assert_msg(!fb__gst_state_str(none[i]), "%s",
                      none[i] ? none[i] : "NULL");
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "unit_gst_gstin",
                                   .tcase = "gstin"};

    return FBTC_RUN(&def, table, check_char_of_the_example, every_state_code,
                    one_changed_character_is_refused, states_and_utgst);
}
