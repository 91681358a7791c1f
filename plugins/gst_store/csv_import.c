/* gst_store: store items as CSV (csv_import.h), parsed by libcsv.
 *
 * The bytes go to libcsv one at a time so that the line a row starts on is
 * known when libcsv hands the row over (a quoted field may span lines). */
#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_import.h"
#include "texts.h"

#if defined(__GNUC__)
#define FB_GST_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FB_GST_PRINTF(a, b)
#endif

#define MAX_FIELDS 16
#define FIELD_KEEP 1024 /* longer fields are cut: every check refuses them */

/* A growing NUL-terminated text; oom set once an allocation failed. */
typedef struct text {
    char *s;
    size_t len, cap;
    int oom;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->oom)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = (t->len + n + 1) * 2;
        char *m = realloc(t->s, cap);

        if (!m) {
            t->oom = 1;
            return;
        }
        t->s = m;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void putf(text *t, const char *fmt, ...) FB_GST_PRINTF(2, 3);
static void putf(text *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        put(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* The parse in progress. */
typedef struct job {
    char *field[MAX_FIELDS];
    size_t nfields;
    int too_many;     /* the row has more than MAX_FIELDS fields */
    int nul;          /* a field holds a NUL byte */
    int line;         /* line of the byte being fed */
    int row_line;     /* line the current row started on */
    int at_start;     /* the next byte that is no line end starts a row */
    int rows_seen;    /* rows handed over (header and blank ones too) */
    int header;       /* the first row was a header */
    int stop;         /* too many rows: nothing more is read */
    gst_item *items;
    int *lines;
    size_t n, cap;
    text errors;
    size_t nbad;
    int oom;
} job;

static void on_field(void *s, size_t len, void *data)
{
    job *j = data;
    char *f;

    if (j->stop || j->oom)
        return;
    if (j->nfields == MAX_FIELDS) {
        j->too_many = 1;
        return;
    }
    if (s && memchr(s, '\0', len))
        j->nul = 1;
    if (len > FIELD_KEEP)
        len = FIELD_KEEP;
    f = malloc(len + 1);
    if (!f) {
        j->oom = 1;
        return;
    }
    if (len)
        memcpy(f, s, len);
    f[len] = '\0';
    j->field[j->nfields++] = f;
}

static void drop_fields(job *j)
{
    for (size_t i = 0; i < j->nfields; i++)
        free(j->field[i]);
    j->nfields = 0;
    j->too_many = j->nul = 0;
}

/* One problem of the current row: "line N: " once, then "; " between. */
static void problem(job *j, int *first, const char *what, const char *why)
{
    if (*first) {
        putf(&j->errors, "%sline %d: ", j->errors.len ? "\n" : "",
             j->row_line);
        j->nbad++;
        *first = 0;
    } else {
        put(&j->errors, "; ", 2);
    }
    if (what)
        putf(&j->errors, "%s %s", what, why);
    else
        put(&j->errors, why, strlen(why));
}

/* The row's serial repeats an earlier row's: that row's line, else 0. */
static int repeated(const job *j, const char *serial)
{
    for (size_t i = 0; i < j->n; i++)
        if (strcmp(j->items[i].serial, serial) == 0)
            return j->lines[i];
    return 0;
}

static int keep(job *j, const gst_item *it)
{
    if (j->n == j->cap) {
        size_t cap = j->cap ? j->cap * 2 : 64;
        gst_item *m = realloc(j->items, cap * sizeof *m);
        int *l;

        if (!m)
            return -1;
        j->items = m;
        l = realloc(j->lines, cap * sizeof *l);
        if (!l)
            return -1;
        j->lines = l;
        j->cap = cap;
    }
    j->items[j->n] = *it;
    j->lines[j->n++] = j->row_line;
    return 0;
}

/* Check the row's fields; keep it as an item or name what is wrong. */
static void take_row(job *j)
{
    gst_item it;
    const char *why;
    int first = 1, other;

    memset(&it, 0, sizeof it);
    if (j->too_many || j->nfields < 6 || j->nfields > 7) {
        char msg[160];

        if (j->too_many)
            snprintf(msg, sizeof msg, R_FIELDS_MANY, MAX_FIELDS);
        else
            snprintf(msg, sizeof msg, R_FIELDS, (int)j->nfields);
        problem(j, &first, NULL, msg);
        return;
    }
    if (j->nul) {
        problem(j, &first, NULL, R_NUL);
        return;
    }
    if ((why = fb__gst_serial(j->field[0], it.serial)))
        problem(j, &first, L_SERIAL, why);
    else if ((other = repeated(j, it.serial))) {
        char msg[80];

        snprintf(msg, sizeof msg, R_REPEATS, other);
        problem(j, &first, L_SERIAL, msg);
    }
    if ((why = fb__gst_name(j->field[1], it.name)))
        problem(j, &first, L_NAME, why);
    if ((why = fb__gst_hsn(j->field[2], it.hsn)))
        problem(j, &first, L_HSN, why);
    if ((why = fb__gst_unit(j->field[3], it.unit)))
        problem(j, &first, L_UNIT, why);
    if ((why = fb__gst_mrp(j->field[4], &it.mrp_paise)))
        problem(j, &first, L_MRP, why);
    if ((why = fb__gst_rate(j->field[5], &it.rate_bp)))
        problem(j, &first, L_RATE, why);
    if ((why = fb__gst_active(j->nfields == 7 ? j->field[6] : "", &it.active)))
        problem(j, &first, L_ACTIVE, why);
    if (first && keep(j, &it) != 0)
        j->oom = 1;
}

static int blank(const job *j)
{
    for (size_t i = 0; i < j->nfields; i++)
        if (strspn(j->field[i], " \t") != strlen(j->field[i]))
            return 0;
    return !j->too_many;
}

/* A header's first field: "serial" (case and spaces ignored). */
static int is_header(const char *f)
{
    f += strspn(f, " \t");
    if (strncasecmp(f, "serial", 6) != 0)
        return 0;
    f += 6;
    return strspn(f, " \t") == strlen(f);
}

static void on_row(int end, void *data)
{
    job *j = data;

    (void)end;
    if (!j->stop && !j->oom && !blank(j)) {
        if (j->rows_seen++ == 0 && j->nfields > 0 && is_header(j->field[0]))
            j->header = 1;
        else if (j->n + j->nbad >= IMPORT_MAX_ROWS) {
            char msg[80];
            int first = 1;

            snprintf(msg, sizeof msg, R_TOO_MANY, IMPORT_MAX_ROWS);
            problem(j, &first, NULL, msg);
            j->stop = 1;
        } else
            take_row(j);
    }
    drop_fields(j);
    j->at_start = 1;
}

/* Feed the bytes; 0, or -1 when libcsv found the quotes broken. */
static int feed(job *j, struct csv_parser *p, const unsigned char *b,
                size_t len)
{
    for (size_t i = 0; i < len && !j->stop && !j->oom; i++) {
        int end = b[i] == '\n' || b[i] == '\r';

        if (j->at_start && !end) {
            j->at_start = 0;
            j->row_line = j->line;
        }
        if (csv_parse(p, b + i, 1, on_field, on_row, j) != 1)
            return -1;
        if (b[i] == '\n' || (b[i] == '\r' && (i + 1 == len || b[i + 1] != '\n')))
            j->line++;
    }
    return 0;
}

static void refuse_nothing_found(job *j)
{
    int first = 1;

    j->row_line = 1;
    problem(j, &first, NULL, j->header ? R_ONLY_HEADER : R_NO_ITEMS);
}

/* See csv_import.h. */
int fb__gst_csv_import(const void *buf, size_t len, gst_import *out)
{
    static const unsigned char bom[] = {0xEF, 0xBB, 0xBF};
    const unsigned char *b = buf;
    struct csv_parser p;
    job j;
    int rc = 0;

    memset(out, 0, sizeof *out);
    memset(&j, 0, sizeof j);
    j.line = j.row_line = j.at_start = 1;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return -1;
    if (len >= 3 && memcmp(b, bom, 3) == 0)
        b += 3, len -= 3;
    if (feed(&j, &p, b, len) != 0 ||
        (!j.stop && !j.oom && csv_fini(&p, on_field, on_row, &j) != 0)) {
        int first = 1;

        problem(&j, &first, NULL, R_QUOTES);
        j.stop = 1;
    }
    csv_free(&p);
    drop_fields(&j);
    if (!j.oom && j.nbad == 0 && j.n == 0)
        refuse_nothing_found(&j);
    if (j.nbad)
        put(&j.errors, "\n", 1);
    if (j.oom || j.errors.oom) {
        rc = -1;
    } else if (j.nbad) {
        out->errors = j.errors.s;
        out->nbad = j.nbad;
        j.errors.s = NULL;
        rc = 1;
    } else {
        out->items = j.items;
        out->lines = j.lines;
        out->n = j.n;
        j.items = NULL;
        j.lines = NULL;
    }
    free(j.items);
    free(j.lines);
    free(j.errors.s);
    return rc;
}

/* See csv_import.h. */
void fb__gst_import_free(gst_import *imp)
{
    free(imp->items);
    free(imp->lines);
    free(imp->errors);
    memset(imp, 0, sizeof *imp);
}

/* See csv_import.h. */
char *fb__gst_csv_export(const gst_item *items, size_t n, size_t *len)
{
    text t = {0};

    put(&t, CSV_HEADER "\r\n", strlen(CSV_HEADER) + 2);
    for (size_t i = 0; i < n; i++) {
        const gst_item *it = &items[i];
        size_t nl = strlen(it->name);
        char *q = malloc(nl * 2 + 3);
        char mrp[24], rate[RATE_TEXT_BYTES];

        if (!q) {
            t.oom = 1;
            break;
        }
        q[csv_write(q, nl * 2 + 3, it->name, nl)] = '\0';
        putf(&t, "%s,", it->serial);
        put(&t, q, strlen(q));
        putf(&t, ",%s,%s,%s,%s,%d\r\n", it->hsn, it->unit,
             fb__gst_rupees(it->mrp_paise, mrp),
             fb__gst_rate_text(it->rate_bp, rate), it->active ? 1 : 0);
        free(q);
    }
    if (t.oom) {
        free(t.s);
        return NULL;
    }
    *len = t.len;
    return t.s;
}
