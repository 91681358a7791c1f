/* gst_store: the GSTIN check and the state codes (gstin.h). */
#include <string.h>

#include "gstin.h"

static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* clang-format off */
const gst_state fb__gst_states[] = {
    {1, "Jammu and Kashmir", 0},     {2, "Himachal Pradesh", 0},
    {3, "Punjab", 0},                {4, "Chandigarh", 1},
    {5, "Uttarakhand", 0},           {6, "Haryana", 0},
    {7, "Delhi", 0},                 {8, "Rajasthan", 0},
    {9, "Uttar Pradesh", 0},         {10, "Bihar", 0},
    {11, "Sikkim", 0},               {12, "Arunachal Pradesh", 0},
    {13, "Nagaland", 0},             {14, "Manipur", 0},
    {15, "Mizoram", 0},              {16, "Tripura", 0},
    {17, "Meghalaya", 0},            {18, "Assam", 0},
    {19, "West Bengal", 0},          {20, "Jharkhand", 0},
    {21, "Odisha", 0},               {22, "Chhattisgarh", 0},
    {23, "Madhya Pradesh", 0},       {24, "Gujarat", 0},
    /* 25 was Daman and Diu until the merger into 26 in 2020 */
    {25, "Daman and Diu", 1},
    {26, "Dadra and Nagar Haveli and Daman and Diu", 1},
    {27, "Maharashtra", 0},          {28, "Andhra Pradesh (before 2014)", 0},
    {29, "Karnataka", 0},            {30, "Goa", 0},
    {31, "Lakshadweep", 1},          {32, "Kerala", 0},
    {33, "Tamil Nadu", 0},           {34, "Puducherry", 0},
    {35, "Andaman and Nicobar Islands", 1},
    {36, "Telangana", 0},            {37, "Andhra Pradesh", 0},
    {38, "Ladakh", 1},               {97, "Other Territory", 0},
    {99, "Centre Jurisdiction", 0},  {0, NULL, 0}};
/* clang-format on */

static int digit(char ch) { return ch >= '0' && ch <= '9'; }
static int upper(char ch) { return ch >= 'A' && ch <= 'Z'; }

/* See gstin.h. */
const gst_state *fb__gst_state(int code)
{
    for (const gst_state *s = fb__gst_states; s->name; s++)
        if (s->code == code)
            return s;
    return NULL;
}

/* See gstin.h. */
const gst_state *fb__gst_state_str(const char *s)
{
    int code = 0, n = 0;

    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    for (; digit(*s) && n < 3; s++, n++)
        code = code * 10 + (*s - '0');
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s || n == 0 || n > 2)
        return NULL;
    return fb__gst_state(code);
}

/* See gstin.h. */
char fb__gstin_check_char(const char *s)
{
    int sum = 0;

    for (int i = 0; i < 14; i++) {
        const char *at = s[i] ? strchr(alphabet, s[i]) : NULL;
        int p;

        if (!at)
            return 0;
        p = (int)(at - alphabet) * (i % 2 == 0 ? 1 : 2);
        sum += p / 36 + p % 36;
    }
    return alphabet[(36 - sum % 36) % 36];
}

/* The structure of the canonical g (15 characters, [0-9A-Z]) without the
 * check character. */
static gstin_status shape(const char *g)
{
    if (!digit(g[0]) || !digit(g[1]) ||
        !fb__gst_state((g[0] - '0') * 10 + (g[1] - '0')))
        return GSTIN_STATE;
    for (int i = 2; i < 7; i++)
        if (!upper(g[i]))
            return GSTIN_PAN;
    for (int i = 7; i < 11; i++)
        if (!digit(g[i]))
            return GSTIN_PAN;
    if (!upper(g[11]))
        return GSTIN_PAN;
    if (g[12] == '0' || !upper(g[13]))
        return GSTIN_ENTITY;
    return GSTIN_OK;
}

/* See gstin.h. */
gstin_status fb__gstin_validate(const char *s, char out[GSTIN_LEN + 1])
{
    char g[GSTIN_LEN + 1];
    size_t n = 0, len;
    gstin_status st;

    out[0] = '\0';
    if (!s)
        return GSTIN_EMPTY;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
                   s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    if (len == 0)
        return GSTIN_EMPTY;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];

        if (!digit(ch) && !upper(ch))
            return GSTIN_CHARS;
        if (n < GSTIN_LEN)
            g[n] = ch;
        n++;
    }
    if (n != GSTIN_LEN)
        return GSTIN_LENGTH;
    g[GSTIN_LEN] = '\0';
    st = shape(g);
    if (st != GSTIN_OK)
        return st;
    if (fb__gstin_check_char(g) != g[14])
        return GSTIN_CHECK;
    memcpy(out, g, sizeof g);
    return GSTIN_OK;
}
