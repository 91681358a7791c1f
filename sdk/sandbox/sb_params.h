/* Request parameters and replies, independent of the HTTP layer.
 *
 * A request's parameters come from the query string, a JSON body, a
 * form-urlencoded body or a multipart body. They all end up in one cJSON
 * object: JSON bodies keep their types, form and query values are strings.
 * Accessors accept both, like Telegram does (a number may arrive as "123",
 * reply_markup as a JSON-encoded string). Uploaded files are kept aside. */
#ifndef FB_SB_PARAMS_H
#define FB_SB_PARAMS_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sb_file_part {
    char *key;
    char *file_name;
    char *mime_type;
    unsigned char *data;
    size_t len;
} sb_file_part;

typedef struct sb_params {
    cJSON *obj; /* always an object after fb__sb_params_init */
    sb_file_part *files;
    size_t nfiles;
    int client_fd; /* the request's socket, to notice a client that went
                      away during a long poll; -1 when unknown */
} sb_params;

/* Accessor status. */
enum { SB_P_OK = 0, SB_P_MISSING = 1, SB_P_BAD = -1 };

/* Largest integer a JSON number may carry exactly (2^53). */
#define SB_JSON_INT_MAX 9007199254740992.0

/* Initialises p to an empty object. Returns 0, or -1 when out of memory. */
int fb__sb_params_init(sb_params *p);

/* Frees everything p owns; p may be zero-filled. */
void fb__sb_params_free(sb_params *p);

/* Adds a string value (a form or query field); an existing key is replaced
 * when replace is set, kept otherwise. Returns 0 or -1. */
int fb__sb_params_add_str(sb_params *p, const char *key, const char *val,
                          size_t len, int replace);

/* Adds an uploaded file; takes ownership of data (malloc'd). Returns 0 or
 * -1, in which case data is freed. */
int fb__sb_params_add_file(sb_params *p, const char *key, const char *file_name,
                           const char *mime_type, unsigned char *data,
                           size_t len);

/* Merges a parsed JSON object's members into p (body wins over query).
 * Takes ownership of obj. Returns 0 or -1. */
int fb__sb_params_merge_json(sb_params *p, cJSON *obj);

/* Returns the file part named key, or NULL. */
const sb_file_part *fb__sb_params_file(const sb_params *p, const char *key);

/* Reads an integer: a JSON number that is integral and within +-2^53, or a
 * decimal string within int64. Returns SB_P_OK, SB_P_MISSING or SB_P_BAD. */
int fb__sb_param_i64(sb_params *p, const char *key, int64_t *out);

/* Reads a string; numbers and booleans are converted to their text. *out
 * points into p. Returns SB_P_OK, SB_P_MISSING or SB_P_BAD (object/array). */
int fb__sb_param_str(sb_params *p, const char *key, const char **out);

/* Reads a JSON value: given as JSON, or as a string holding JSON text.
 * *out is owned by p. Returns SB_P_OK, SB_P_MISSING or SB_P_BAD. */
int fb__sb_param_json(sb_params *p, const char *key, cJSON **out);

/* Reads a boolean (true/false, "true"/"false", 1/0). Returns SB_P_OK,
 * SB_P_MISSING or SB_P_BAD. */
int fb__sb_param_bool(sb_params *p, const char *key, int *out);

/* Reads a number (double). Returns SB_P_OK, SB_P_MISSING or SB_P_BAD. */
int fb__sb_param_num(sb_params *p, const char *key, double *out);

/* Converts a JSON number that is integral and within +-2^53, or a decimal
 * string within int64, to int64. Returns 0 or -1. */
int fb__sb_json_i64(const cJSON *item, int64_t *out);

/* Parses JSON text like cJSON_ParseWithLength, except that integer
 * literals of 16 or more digits become decimal strings, so 64-bit ids
 * beyond 2^53 stay exact (every id accessor accepts strings). Returns the
 * tree (caller frees) or NULL when malformed or out of memory. */
cJSON *fb__sb_json_parse_exact(const char *text, size_t len);

/* Adds an integer id to obj as an exact JSON number (decimal raw text).
 * Returns the new item, or NULL when out of memory. */
cJSON *fb__sb_add_i64(cJSON *obj, const char *name, int64_t v);

/* Creates an exact JSON number for v. Returns NULL when out of memory. */
cJSON *fb__sb_make_i64(int64_t v);

/* A reply: HTTP status and a malloc'd body, or drop = close without one. */
typedef struct sb_out {
    int status;
    char *body;
    const char *content_type; /* static; NULL = application/json */
    size_t body_len;          /* 0 = strlen(body) */
    int drop;
} sb_out;

/* Sets out to {"ok":true,"result":result}; takes ownership of result.
 * On allocation failure out becomes a 500. */
void fb__sb_out_ok(sb_out *out, cJSON *result);

/* Sets out to Telegram's error envelope with status code. retry_after > 0
 * adds parameters.retry_after. */
void fb__sb_out_err(sb_out *out, int code, const char *description,
                    int retry_after);

/* Frees the body. */
void fb__sb_out_free(sb_out *out);

#endif
