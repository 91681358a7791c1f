/* The CSV import and export of the gst_store plugin (csv_import.h,
 * fields.h): pure functions over bytes, no host. A good file; each kind of
 * bad row named with its line; quoted fields with commas, quotes and line
 * breaks; CRLF; a byte order mark; an empty file; a header row; the round
 * trip through the export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_import.h"
#include "fbtc.h"

static gst_import imp;

static int run(const char *csv)
{
    fb__gst_import_free(&imp);
    return fb__gst_csv_import(csv, strlen(csv), &imp);
}

static void teardown(void) { fb__gst_import_free(&imp); }

/* The import of csv is refused with exactly these error lines. */
static void refused(const char *csv, const char *errors, size_t nbad)
{
    ck_assert_int_eq(run(csv), 1);
    ck_assert_ptr_null(imp.items);
    ck_assert_int_eq(imp.n, 0);
    ck_assert_str_eq(imp.errors, errors);
    ck_assert_int_eq(imp.nbad, nbad);
}

START_TEST(good_file)
{
    ck_assert_int_eq(run("serial,name,hsn_sac,unit,mrp,gst_percent\n"
                         "P001,Whey 1kg,2106,NOS,2500,18\n"
                         "p002, Dumbbell 5 kg ,9506,pcs,\"1,499.50\",12%\n"
                         "M01,Monthly membership,999723,OTH,999.00,5,1\n"
                         "OLD-7,Old band,9506,NOS,10.5,2.5,no\n"),
                     0);
    ck_assert_ptr_null(imp.errors);
    ck_assert_int_eq(imp.n, 4);
    ck_assert_str_eq(imp.items[0].serial, "P001");
    ck_assert_str_eq(imp.items[0].name, "Whey 1kg");
    ck_assert_str_eq(imp.items[0].hsn, "2106");
    ck_assert_int_eq(imp.items[0].mrp_paise, 250000);
    ck_assert_int_eq(imp.items[0].rate_bp, 1800);
    ck_assert_int_eq(imp.items[0].active, 1);
    ck_assert_int_eq(imp.lines[0], 2);
    ck_assert_str_eq(imp.items[1].serial, "P002");
    ck_assert_str_eq(imp.items[1].name, "Dumbbell 5 kg");
    ck_assert_str_eq(imp.items[1].unit, "PCS");
    ck_assert_int_eq(imp.items[1].mrp_paise, 149950);
    ck_assert_int_eq(imp.items[1].rate_bp, 1200);
    ck_assert_int_eq(imp.items[2].rate_bp, 500);
    ck_assert_int_eq(imp.items[2].mrp_paise, 99900);
    ck_assert_int_eq(imp.items[3].active, 0);
    ck_assert_int_eq(imp.items[3].rate_bp, 250);
    ck_assert_int_eq(imp.items[3].mrp_paise, 1050);
    ck_assert_int_eq(imp.lines[3], 5);
}
END_TEST

/* Every kind of bad row, each named with its line; nothing accepted. */
START_TEST(each_bad_row_is_named)
{
    refused("serial,name,hsn_sac,unit,mrp,gst_percent\n"
            "P001,Whey 1kg,2106,NOS,2500,18\n"
            "P 2,Bar,2106,NOS,50,18\n"
            ",Bar,2106,NOS,50,18\n"
            "P003,,2106,NOS,50,18\n"
            "P004,Bar,21A6,NOS,50,18\n"
            "P005,Bar,21066,NOS,50,18\n"
            "P006,Bar,2106,N0S,50,18\n"
            "P007,Bar,2106,NOS,abc,18\n"
            "P008,Bar,2106,NOS,0,18\n"
            "P009,Bar,2106,NOS,50,41\n"
            "P010,Bar,2106,NOS,50,2.555\n"
            "P011,Bar,2106,NOS,50,18,maybe\n"
            "p001,Bar again,2106,NOS,50,18\n"
            "P012,Bar,2106,NOS,50\n"
            "P013,Bar,2106,NOS,50,18,1,extra\n"
            "P014,A name that is far too long for a button or an invoice "
            "line x,2106,NOS,50,18\n"
            "P015,Bad,12,X1,-5,x\n",
            "line 3: serial must be 1 to 20 letters, digits, - _ / or . "
            "(e.g. P001)\n"
            "line 4: serial is empty\n"
            "line 5: name is empty\n"
            "line 6: HSN/SAC must be 4, 6 or 8 digits (e.g. 2106 or 999723)\n"
            "line 7: HSN/SAC must be 4, 6 or 8 digits (e.g. 2106 or 999723)\n"
            "line 8: unit must be 1 to 8 letters (e.g. NOS, KGS, BOX)\n"
            "line 9: MRP must be an amount in rupees from ₹0.01 to "
            "₹1,00,00,000 (e.g. 2500 or 2,499.50)\n"
            "line 10: MRP must be an amount in rupees from ₹0.01 to "
            "₹1,00,00,000 (e.g. 2500 or 2,499.50)\n"
            "line 11: GST % must be a per cent from 0 to 40 with at most two "
            "decimals (e.g. 18, 5 or 2.5)\n"
            "line 12: GST % must be a per cent from 0 to 40 with at most two "
            "decimals (e.g. 18, 5 or 2.5)\n"
            "line 13: active must be 1 or 0 (or yes / no)\n"
            "line 14: serial repeats line 2\n"
            "line 15: has 5 fields; expected 6 (serial, name, hsn_sac, unit, "
            "mrp, gst_percent) or 7 (with active)\n"
            "line 16: has 8 fields; expected 6 (serial, name, hsn_sac, unit, "
            "mrp, gst_percent) or 7 (with active)\n"
            "line 17: name must be at most 60 characters\n"
            "line 18: HSN/SAC must be 4, 6 or 8 digits (e.g. 2106 or "
            "999723); unit must be 1 to 8 letters (e.g. NOS, KGS, BOX); MRP "
            "must be an amount in rupees from ₹0.01 to ₹1,00,00,000 (e.g. "
            "2500 or 2,499.50); GST % must be a per cent from 0 to 40 with "
            "at most two decimals (e.g. 18, 5 or 2.5)\n",
            16);
}
END_TEST

START_TEST(quoted_fields)
{
    ck_assert_int_eq(
        run("Q1,\"Band, red \"\"heavy\"\"\",9506,NOS,\"2,500.00\",12\n"
            "Q2,\"Two\nlines\",9506,NOS,1,12\n"),
        1);
    ck_assert_str_eq(imp.errors, "line 2: name must be plain text (no line "
                                 "breaks or control characters)\n");
    ck_assert_int_eq(run("Q1,\"Band, red \"\"heavy\"\"\",9506,NOS,\"2,500.00\""
                         ",12\nQ2,\"Mat\",9506,NOS,1,12\n"),
                     0);
    ck_assert_str_eq(imp.items[0].name, "Band, red \"heavy\"");
    ck_assert_int_eq(imp.items[0].mrp_paise, 250000);
    ck_assert_str_eq(imp.items[1].name, "Mat");
}
END_TEST

/* A quoted field spanning lines moves the line numbers of what follows. */
START_TEST(lines_count_physical_lines)
{
    refused("A1,\"Two\nlines\",9506,NOS,1,12\n\nA2,Mat,9506,NOS,1,99\n",
            "line 1: name must be plain text (no line breaks or control "
            "characters)\n"
            "line 4: GST % must be a per cent from 0 to 40 with at most two "
            "decimals (e.g. 18, 5 or 2.5)\n",
            2);
}
END_TEST

START_TEST(broken_quotes)
{
    refused("A1,Mat,9506,NOS,1,12\nA2,\"Mat,9506,NOS,1,12\n",
            "line 2: the quotes do not match (a quoted field is not closed, "
            "or text follows its closing quote)\n",
            1);
    refused("A1,\"Mat\"x,9506,NOS,1,12\n",
            "line 1: the quotes do not match (a quoted field is not closed, "
            "or text follows its closing quote)\n",
            1);
}
END_TEST

START_TEST(crlf_bom_and_blank_lines)
{
    ck_assert_int_eq(run("\xEF\xBB\xBFserial,name,hsn_sac,unit,mrp,gst_percent"
                         "\r\n\r\nB1,Bottle,3924,NOS,199,18\r\n"
                         "B2,Towel,6302,NOS,299,12\r\n\r\n"),
                     0);
    ck_assert_int_eq(imp.n, 2);
    ck_assert_int_eq(imp.lines[0], 3);
    ck_assert_int_eq(imp.lines[1], 4);
    ck_assert_str_eq(imp.items[1].name, "Towel");
    refused("\xEF\xBB\xBF"
            "B1,Bottle,3924,NOS,199,18\r\nB2,Towel,63,NOS,299,12\r\n",
            "line 2: HSN/SAC must be 4, 6 or 8 digits (e.g. 2106 or "
            "999723)\n",
            1);
}
END_TEST

START_TEST(empty_and_header_only)
{
    refused("", "line 1: the file holds no items\n", 1);
    refused("\n\r\n  \n", "line 1: the file holds no items\n", 1);
    refused("\xEF\xBB\xBF", "line 1: the file holds no items\n", 1);
    refused("Serial,Name,HSN_SAC,Unit,MRP,GST_percent\r\n",
            "line 1: the file has a header but no items\n", 1);
    /* a header is only the first row */
    ck_assert_int_eq(
        run("A1,Mat,9506,NOS,1,12\nserial,name,hsn_sac,unit,mrp,gst\n"), 1);
    ck_assert_int_eq(strncmp(imp.errors, "line 2: HSN/SAC", 15), 0);
}
END_TEST

START_TEST(binary_is_refused)
{
    static const char bin[] = "A1,Ma\0t,9506,NOS,1,12\n";

    ck_assert_int_eq(fb__gst_csv_import(bin, sizeof bin - 1, &imp), 1);
    ck_assert_str_eq(imp.errors,
                     "line 1: holds a NUL byte: this is not a text file\n");
}
END_TEST

START_TEST(export_then_import_gives_the_same_items)
{
    gst_item items[3] = {
        {"P001", "Whey 1kg", "2106", "NOS", 250000, 1800, 1},
        {"Q/2", "Band, red \"heavy\"", "95069990", "PCS", 1, 25, 0},
        {"M-1", "Monthly ₹ plan", "999723", "OTH", 100000000000 / 100, 500,
         1}};
    size_t len;
    char *csv = fb__gst_csv_export(items, 3, &len);

    ck_assert_ptr_nonnull(csv);
    ck_assert_str_eq(csv, "serial,name,hsn_sac,unit,mrp,gst_percent,active\r\n"
                          "P001,\"Whey 1kg\",2106,NOS,2500.00,18,1\r\n"
                          "Q/2,\"Band, red \"\"heavy\"\"\",95069990,PCS,0.01,"
                          "0.25,0\r\n"
                          "M-1,\"Monthly ₹ plan\",999723,OTH,10000000.00,5,1"
                          "\r\n");
    ck_assert_int_eq(fb__gst_csv_import(csv, len, &imp), 0);
    ck_assert_int_eq(imp.n, 3);
    ck_assert_mem_eq(imp.items, items, sizeof items);
    free(csv);
}
END_TEST

START_TEST(fields_one_by_one)
{
    int bp;
    char buf[RATE_TEXT_BYTES];

    ck_assert_ptr_null(fb__gst_rate("0", &bp));
    ck_assert_int_eq(bp, 0);
    ck_assert_ptr_null(fb__gst_rate(" 40 % ", &bp));
    ck_assert_int_eq(bp, 4000);
    ck_assert_ptr_null(fb__gst_rate("0.1", &bp));
    ck_assert_int_eq(bp, 10);
    ck_assert_ptr_nonnull(fb__gst_rate("40.01", &bp));
    ck_assert_ptr_nonnull(fb__gst_rate("5.", &bp));
    ck_assert_ptr_nonnull(fb__gst_rate(".5", &bp));
    ck_assert_ptr_nonnull(fb__gst_rate("-5", &bp));
    ck_assert_ptr_nonnull(fb__gst_rate("1800", &bp));
    ck_assert_str_eq(fb__gst_rate_text(1800, buf), "18");
    ck_assert_str_eq(fb__gst_rate_text(250, buf), "2.5");
    ck_assert_str_eq(fb__gst_rate_text(25, buf), "0.25");
    ck_assert_str_eq(fb__gst_rate_text(0, buf), "0");
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {
        .name = "unit_gst_csv", .tcase = "csv", .teardown = teardown};

    return FBTC_RUN(&def, good_file, each_bad_row_is_named, quoted_fields,
                    lines_count_physical_lines, broken_quotes,
                    crlf_bom_and_blank_lines, empty_and_header_only,
                    binary_is_refused,
                    export_then_import_gives_the_same_items,
                    fields_one_by_one);
}
