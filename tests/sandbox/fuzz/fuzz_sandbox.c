/* Fuzz target for the sandbox's request handling, in process: an input is
 * "PATH\nCONTENT-TYPE\nBODY" like the files in tests/sandbox/corpus (PATH is
 * a Bot API method or "sandbox/<endpoint>"); anything else is a sendMessage
 * body. The body goes through the JSON body parser, the bot or control
 * dispatcher, and the HTML entity parser. Built with -fsanitize=fuzzer when
 * the compiler is clang (fitbot-sandbox-fuzz), and linked with replay.c
 * into an always-built corpus/random replay test. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb_faults.h"
#include "sb_html.h"
#include "sb_http.h"
#include "sb_store.h"

#define FUZZ_TOKEN "1:FUZZ"
#define FUZZ_USER 7800000001LL
#define RESET_EVERY 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void seed_world(void)
{
    sb_state *st = fb__sb_state();
    fb__sb_lock();
    fb__sb_user_put(st, FUZZ_USER, "Fuzz", NULL, "fuzz", NULL);
    fb__sb_chat_put(st, -100, "group", "Fuzzers");
    fb__sb_unlock();
    sb_params p;
    sb_out out = {0};
    const char *body = "{\"chat_id\":7800000001,\"text\":\"seed\",\"reply_"
                       "markup\":{\"inline_keyboard\":"
                       "[[{\"text\":\"A\",\"callback_data\":\"a\"}]]}}";
    if (fb__sb_params_init(&p) == 0 &&
        fb__sb_http_json_body(body, strlen(body), &p, &out) == 0)
        fb__sb_http_dispatch("POST", "/bot" FUZZ_TOKEN "/sendMessage", &p,
                             &out);
    fb__sb_out_free(&out);
    fb__sb_params_free(&p);
}

static void setup(void)
{
    static int done;
    static unsigned long runs;
    if (!done) {
        const char *tokens[] = {FUZZ_TOKEN};
        if (fb__sb_store_init(tokens, 1, 1) != 0)
            abort();
        seed_world();
        done = 1;
    }
    if (++runs % RESET_EVERY == 0) {
        fb__sb_lock();
        fb__sb_store_reset(fb__sb_state());
        fb__sb_unlock();
        fb__sb_faults_clear();
        seed_world();
    }
}

/* Removes parameters that would make a call wait (long polls, delays). */
static void strip_waits(sb_params *p)
{
    static const char *keys[] = {"timeout",     "timeout_ms", "wait_bot",
                                 "wait_events", "delay_ms",   "rate_timeout"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        cJSON_DeleteItemFromObjectCaseSensitive(p->obj, keys[i]);
}

static void run_call(const char *path, const char *body, size_t len)
{
    char url[256];
    sb_params p;
    sb_out out = {0};
    if (strncmp(path, "sandbox/", 8) == 0)
        snprintf(url, sizeof(url), "/%s", path);
    else
        snprintf(url, sizeof(url), "/bot%s/%s", FUZZ_TOKEN, path);
    if (fb__sb_params_init(&p) != 0)
        return;
    if (fb__sb_http_json_body(body, len, &p, &out) == 0) {
        strip_waits(&p);
        fb__sb_http_dispatch("POST", url, &p, &out);
        if (strncmp(path, "sandbox/faults", 14) == 0)
            fb__sb_faults_clear(); /* parsed; an injected 5xx must not fail
                                      later calls */
        if (!out.drop && (!out.body || out.status < 200 || out.status >= 500))
            abort(); /* every request must get an answer, never a 5xx */
    }
    fb__sb_out_free(&out);
    fb__sb_params_free(&p);
}

static void run_html(const char *text, size_t len)
{
    char *plain = NULL, err[256];
    cJSON *ents = NULL;
    if (!fb__sb_utf8_valid(text, len) || memchr(text, '\0', len))
        return;
    if (fb__sb_html_parse(text, &plain, &ents, err, sizeof(err)) == 0) {
        free(plain);
        cJSON_Delete(ents);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    char path[128] = "sendMessage";
    const char *body = buf;
    char *nl1 = memchr(buf, '\n', size);
    char *nl2 =
        nl1 ? memchr(nl1 + 1, '\n', size - (size_t)(nl1 + 1 - buf)) : NULL;
    if (nl1 && nl2 && nl1 - buf < (long)sizeof(path)) {
        memcpy(path, buf, (size_t)(nl1 - buf));
        path[nl1 - buf] = '\0';
        body = nl2 + 1;
    }
    size_t len = size - (size_t)(body - buf);
    run_call(path, body, len);
    run_html(body, len);
    free(buf);
    return 0;
}
