/* fitbot-chat: a terminal Telegram over the sandbox's control API.
 *
 *   fitbot-chat --url http://127.0.0.1:PORT [--token T]
 *               [--member ID] [--admin ID] [--user NAME=ID[:First name]]...
 *               [--phone NAME=+91...]... [--as NAME] [--wait-ms N]
 *               [--settle-ms N] [--echo|--no-echo]
 *
 * You are one of the people (switch with "/as NAME"). A line you type is
 * sent to the bot from that person's private chat; a number presses that
 * button of the bot's last message (when that message has buttons; else
 * of the chat's reply keyboard, like "📱 Share my phone number", which
 * shares the person's --phone; else the number is sent as text); the bot's
 * messages, keyboards, edits and
 * callback answers are printed as they arrive, the other people's chats
 * tagged with their name. Reads lines from stdin, so it can be scripted:
 * with stdin not a terminal, each line is echoed before its answer.
 * The bot's photos are kept in a folder of the session (its path is
 * printed at the start) and a QR code is drawn in the terminal.
 * Local commands: /as NAME, /who, /press TEXT, /forge DATA, /say TEXT, /photo
 * [caption], /document NAME, /contact PHONE, /show, /commands, /sleep MS,
 * /quit, /?.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "ctl.h"
#include "photos.h"
#include "view.h"

#define MAX_PEOPLE 16
#define ERR_LEN 512

typedef struct person {
    char name[32];
    char first[64];
    char phone[24]; /* shared by a request_contact button, "" if none */
    int64_t id;
    view_chat view;
} person;

typedef struct chat {
    ctl *ctl;
    person people[MAX_PEOPLE];
    int n;
    int cur;
    int wait_ms, settle_ms;
    int echo, tty;
    FILE *out; /* where answers are printed (stdout) */
    photos photos;
} chat;

static const char *const PNG_1PX =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg==";

static void usage(FILE *out)
{
    fprintf(
        out,
        "usage: fitbot-chat --url http://127.0.0.1:PORT [--token T]\n"
        "         [--member ID] [--admin ID] [--user NAME=ID[:First name]]...\n"
        "         [--phone NAME=+91...]... [--as NAME] [--wait-ms N]\n"
        "         [--settle-ms N] [--echo|--no-echo]\n");
}

static void help(FILE *out)
{
    fprintf(
        out,
        "Type a message for the bot, or a number to press that button of\n"
        "the bot's last message (or of the keyboard under the chat, marked\n"
        "⌨; its 📱 button shares your phone number).\n"
        "  /as NAME        become someone else (/who lists them)\n"
        "  /press TEXT     press the button with that text\n"
        "  /forge DATA     press a button that was never sent (callback data)\n"
        "  /say TEXT       send TEXT as it is (e.g. a number while buttons show)\n"
        "  /photo [text]   send a photo      /document NAME  send a file\n"
        "  /contact PHONE  share a contact   /show  the whole chat so far\n"
        "  /sleep MS       wait              /quit  leave (or Ctrl-D)\n");
}

/* ---- people ------------------------------------------------------------ */

/* "NAME=ID[:First name]" */
static int add_person(chat *c, const char *spec, const char *first)
{
    person *p;
    const char *eq = strchr(spec, '='), *colon;
    char *end;

    if (!eq || c->n == MAX_PEOPLE || eq == spec || eq - spec >= 32)
        return -1;
    p = &c->people[c->n];
    snprintf(p->name, sizeof p->name, "%.*s", (int)(eq - spec), spec);
    errno = 0;
    p->id = strtoll(eq + 1, &end, 10);
    if (errno || end == eq + 1 || p->id <= 0 || (*end && *end != ':'))
        return -1;
    colon = *end == ':' ? end + 1 : NULL;
    snprintf(p->first, sizeof p->first, "%s",
             colon && *colon ? colon
             : first         ? first
                             : p->name);
    view_init(&p->view, p->id);
    p->view.photos.show = photos_show;
    p->view.photos.file = photos_file;
    p->view.photos.ud = &c->photos;
    c->n++;
    return 0;
}

static int find_person(const chat *c, const char *name)
{
    int i;

    for (i = 0; i < c->n; i++)
        if (strcmp(c->people[i].name, name) == 0)
            return i;
    return -1;
}

/* The member (Asha) or the admin (Ravi) with id, and the Indian mobile
 * their "📱 Share my phone number" button shares (--phone changes it). */
static int add_demo_person(chat *c, int member, const char *id)
{
    char spec[128];

    snprintf(spec, sizeof spec, "%s=%s", member ? "member" : "admin", id);
    if (add_person(c, spec, member ? "Asha" : "Ravi") != 0)
        return -1;
    snprintf(c->people[c->n - 1].phone, sizeof c->people[0].phone, "%s",
             member ? "+919876543210" : "+919812345678");
    return 0;
}

/* "NAME=+91...": the phone number of someone named before. */
static int set_phone(chat *c, const char *spec)
{
    const char *eq = strchr(spec, '=');
    char name[32];
    int i;

    if (!eq || eq == spec || eq - spec >= (int)sizeof name || !eq[1] ||
        strlen(eq + 1) >= sizeof c->people[0].phone)
        return -1;
    snprintf(name, sizeof name, "%.*s", (int)(eq - spec), spec);
    if ((i = find_person(c, name)) < 0)
        return -1;
    snprintf(c->people[i].phone, sizeof c->people[i].phone, "%s", eq + 1);
    return 0;
}

/* Make each person known to the sandbox (their private chat too). */
static int create_people(chat *c)
{
    char err[ERR_LEN];
    cJSON *res;
    int i;

    for (i = 0; i < c->n; i++) {
        cJSON *body = cJSON_CreateObject();
        if (!body || ctl_add_id(body, "id", c->people[i].id) != 0 ||
            !cJSON_AddStringToObject(body, "first_name", c->people[i].first) ||
            !cJSON_AddStringToObject(body, "username", c->people[i].name) ||
            (c->people[i].phone[0] &&
             !cJSON_AddStringToObject(body, "phone_number",
                                      c->people[i].phone))) {
            cJSON_Delete(body);
            return -1;
        }
        if (ctl_call(c->ctl, 1, "/sandbox/users", body, 0, &res, err,
                     sizeof err) != 0) {
            fprintf(stderr, "fitbot-chat: cannot create %s: %s\n",
                    c->people[i].name, err);
            return -1;
        }
        cJSON_Delete(res);
    }
    return 0;
}

/* ---- transcripts ------------------------------------------------------- */

/* Fetch person i's chat (waiting for more than `events` bot events up to
 * wait_ms when wait_ms > 0) and show what is new. Returns new events or -1. */
static int refresh(chat *c, int i, int events, int wait_ms, int quiet)
{
    person *p = &c->people[i];
    char path[256], err[ERR_LEN], tag[48] = "";
    cJSON *res;
    int n;

    if (wait_ms > 0)
        snprintf(path, sizeof path,
                 "/sandbox/transcript?chat_id=%" PRId64
                 "&wait_events=%d&timeout_ms=%d%s",
                 p->id, events + 1, wait_ms, ctl_token_query(c->ctl));
    else
        snprintf(path, sizeof path, "/sandbox/transcript?chat_id=%" PRId64 "%s",
                 p->id, ctl_token_query(c->ctl));
    if (ctl_call(c->ctl, 0, path, NULL, wait_ms, &res, err, sizeof err) != 0) {
        fprintf(stderr, "fitbot-chat: %s\n", err);
        return -1;
    }
    if (i != c->cur)
        snprintf(tag, sizeof tag, "[%s] ", p->name);
    n = view_update(&p->view, cJSON_GetObjectItemCaseSensitive(res, "messages"),
                    c->out, tag, quiet);
    cJSON_Delete(res);
    return n;
}

/* Everyone else's chats, without waiting. */
static void refresh_others(chat *c)
{
    int i;

    for (i = 0; i < c->n; i++)
        if (i != c->cur)
            refresh(c, i, 0, 0, 0);
}

/* After an action: wait for the bot's first answer, then until it has
 * been quiet for settle_ms; then show the other chats. */
static void await_bot(chat *c, int before)
{
    person *p = &c->people[c->cur];
    if (refresh(c, c->cur, before, c->wait_ms, 0) > 0)
        for (int rounds = 0; rounds < 100; rounds++)
            if (refresh(c, c->cur, p->view.events, c->settle_ms, 0) <= 0)
                break;
    refresh_others(c);
}

/* ---- actions ------------------------------------------------------------- */

static cJSON *from_me(chat *c)
{
    cJSON *body = cJSON_CreateObject();
    int64_t id = c->people[c->cur].id;

    if (body && (ctl_add_id(body, "user_id", id) != 0 ||
                 ctl_add_id(body, "chat_id", id) != 0)) {
        cJSON_Delete(body);
        return NULL;
    }
    return body;
}

/* POST body to path as the current person, then show the answers.
 * Returns the result (caller frees) or NULL. */
static cJSON *act(chat *c, const char *path, cJSON *body)
{
    char err[ERR_LEN];
    int before = c->people[c->cur].view.events;
    cJSON *res;

    if (!body) {
        fprintf(stderr, "fitbot-chat: out of memory\n");
        return NULL;
    }
    if (ctl_call(c->ctl, 1, path, body, 0, &res, err, sizeof err) != 0) {
        printf("  (sandbox: %s)\n", err);
        return NULL;
    }
    await_bot(c, before);
    return res;
}

static void send_text(chat *c, const char *text)
{
    cJSON *body = from_me(c);

    if (body)
        cJSON_AddStringToObject(body, "text", text);
    cJSON_Delete(act(c, "/sandbox/send", body));
}

static void send_photo(chat *c, const char *caption)
{
    cJSON *body = from_me(c), *photo;

    if (body && (photo = cJSON_AddObjectToObject(body, "photo"))) {
        cJSON_AddStringToObject(photo, "file_name", "me.png");
        cJSON_AddStringToObject(photo, "base64", PNG_1PX);
        if (*caption)
            cJSON_AddStringToObject(body, "caption", caption);
    }
    cJSON_Delete(act(c, "/sandbox/send", body));
}

static void send_document(chat *c, const char *name)
{
    cJSON *body = from_me(c), *doc;

    if (body && (doc = cJSON_AddObjectToObject(body, "document"))) {
        cJSON_AddStringToObject(doc, "file_name", *name ? name : "file.txt");
        cJSON_AddStringToObject(doc, "base64", "aGVsbG8K");
        cJSON_AddStringToObject(doc, "mime_type", "text/plain");
    }
    cJSON_Delete(act(c, "/sandbox/send", body));
}

static void send_contact(chat *c, const char *phone)
{
    cJSON *body = from_me(c), *contact;

    if (body && (contact = cJSON_AddObjectToObject(body, "contact"))) {
        cJSON_AddStringToObject(contact, "phone_number", phone);
        cJSON_AddStringToObject(contact, "first_name", c->people[c->cur].first);
    }
    cJSON_Delete(act(c, "/sandbox/send", body));
}

/* Show how the bot answered a press (a toast or an alert), if it did. */
static void show_answer(chat *c, const cJSON *res)
{
    const cJSON *id =
        cJSON_GetObjectItemCaseSensitive(res, "callback_query_id");
    const cJSON *text;
    char path[256], err[ERR_LEN];
    cJSON *cb;

    if (!cJSON_IsString(id))
        return;
    snprintf(path, sizeof path, "/sandbox/callbacks/%s", id->valuestring);
    if (ctl_call(c->ctl, 0, path, NULL, 0, &cb, err, sizeof err) != 0)
        return;
    text = cJSON_GetObjectItemCaseSensitive(cb, "text");
    if (cJSON_IsString(text) && *text->valuestring)
        printf("  (bot answered the press: %s)\n", text->valuestring);
    cJSON_Delete(cb);
}

/* Press by data (forge: even if no such button exists) or by text. */
static void press(chat *c, const char *data, const char *text, int forge)
{
    view_chat *v = &c->people[c->cur].view;
    cJSON *body = from_me(c), *res;

    if (!body)
        return;
    if (data)
        cJSON_AddStringToObject(body, "data", data);
    else
        cJSON_AddStringToObject(body, "text", text);
    if (forge)
        cJSON_AddBoolToObject(body, "forge", 1);
    else if (data && v->kb_message)
        ctl_add_id(body, "message_id", v->kb_message);
    res = act(c, "/sandbox/press", body);
    if (res)
        show_answer(c, res);
    cJSON_Delete(res);
}

/* A number presses a button of the bot's last message; anything else
 * (no buttons there, or out of range) is sent as text. */
static void press_number(chat *c, const char *line)
{
    view_chat *v = &c->people[c->cur].view;
    int k = atoi(line); // NOLINT(cert-err34-c): digits only, see loop()

    if (k < 1 || k > v->kb_count) {
        send_text(c, line);
        return;
    }
    if (v->kb_reply) {
        printf("  (pressed %s)\n", v->kb_text[k - 1]);
        press(c, NULL, v->kb_text[k - 1], 0);
        return;
    }
    if (!v->kb_data[k - 1][0]) {
        printf("  (button %d is a link)\n", k);
        return;
    }
    printf("  (pressed %s)\n", v->kb_text[k - 1]);
    press(c, v->kb_data[k - 1], NULL, 0);
}

static void show_all(chat *c)
{
    char path[256], err[ERR_LEN];
    cJSON *res;

    snprintf(path, sizeof path, "/sandbox/transcript?chat_id=%" PRId64 "%s",
             c->people[c->cur].id, ctl_token_query(c->ctl));
    if (ctl_call(c->ctl, 0, path, NULL, 0, &res, err, sizeof err) != 0) {
        printf("  (sandbox: %s)\n", err);
        return;
    }
    view_print_all(cJSON_GetObjectItemCaseSensitive(res, "messages"),
                   &c->people[c->cur].view.photos, stdout);
    cJSON_Delete(res);
}

/* The command menu Telegram shows in this person's chat (setMyCommands
 * with a chat scope), as the bot last set it. */
static void commands(chat *c)
{
    char path[256], err[ERR_LEN];
    const cJSON *cmd;
    cJSON *res;

    snprintf(path, sizeof path, "/sandbox/commands?scope=chat:%" PRId64 "%s",
             c->people[c->cur].id, ctl_token_query(c->ctl));
    if (ctl_call(c->ctl, 0, path, NULL, 0, &res, err, sizeof err) != 0) {
        printf("  (sandbox: %s)\n", err);
        return;
    }
    printf("  (command menu:");
    cJSON_ArrayForEach(cmd, res)
    {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(cmd, "command");
        if (cJSON_IsString(name))
            printf(" /%s", name->valuestring);
    }
    printf("%s)\n", cJSON_GetArraySize(res) ? "" : " none set");
    cJSON_Delete(res);
}

static void who(const chat *c)
{
    int i;

    for (i = 0; i < c->n; i++)
        printf("  %s %s: %s, id %" PRId64 "\n", i == c->cur ? "*" : " ",
               c->people[i].name, c->people[i].first, c->people[i].id);
}

static void become(chat *c, const char *name)
{
    int i = find_person(c, name);

    if (i < 0) {
        printf("  (nobody called %s; /who lists them)\n", name);
        return;
    }
    c->cur = i;
    printf("── you are now %s (%s, id %" PRId64 ") ──\n", c->people[i].name,
           c->people[i].first, c->people[i].id);
    refresh(c, i, c->people[i].view.events, c->settle_ms, 0);
}

static void nap(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

    nanosleep(&ts, NULL);
}

/* ---- the loop -------------------------------------------------------------
 */

/* "/cmd rest": rest after the command word if line starts with cmd. */
static const char *arg_of(const char *line, const char *cmd)
{
    size_t n = strlen(cmd);

    if (strncmp(line, cmd, n) != 0 || (line[n] && line[n] != ' '))
        return NULL;
    line += n;
    while (*line == ' ')
        line++;
    return line;
}

static int all_digits(const char *s)
{
    if (!*s || strlen(s) > 3)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Handle one line. Returns 0 to go on, 1 to quit. */
static int handle(chat *c, const char *line)
{
    const char *a;

    if (strcmp(line, "/quit") == 0 || strcmp(line, "/exit") == 0)
        return 1;
    if (strcmp(line, "/?") == 0)
        help(stdout);
    else if (strcmp(line, "/who") == 0)
        who(c);
    else if (strcmp(line, "/show") == 0)
        show_all(c);
    else if (strcmp(line, "/commands") == 0)
        commands(c);
    else if ((a = arg_of(line, "/as")))
        become(c, a);
    else if ((a = arg_of(line, "/press")))
        press(c, NULL, a, 0);
    else if ((a = arg_of(line, "/forge")))
        press(c, a, NULL, 1);
    else if ((a = arg_of(line, "/say")))
        send_text(c, a);
    else if ((a = arg_of(line, "/photo")))
        send_photo(c, a);
    else if ((a = arg_of(line, "/document")))
        send_document(c, a);
    else if ((a = arg_of(line, "/contact")))
        send_contact(c, a);
    else if ((a = arg_of(line, "/sleep")))
        nap(atoi(a)), // NOLINT(cert-err34-c): lenient, junk naps 0 ms
            refresh_others(c), refresh(c, c->cur, 0, 0, 0);
    else if (all_digits(line))
        press_number(c, line);
    else
        send_text(c, line);
    return 0;
}

static void prompt(const chat *c)
{
    if (c->tty) {
        printf("%s> ", c->people[c->cur].name);
        fflush(stdout);
    }
}

/* Everyone's chats, captured: anything new is printed over the prompt,
 * which is then shown again. */
static void poll_all(chat *c)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    FILE *saved = c->out;
    int i;

    if (!mem)
        return;
    c->out = mem;
    for (i = 0; i < c->n; i++)
        refresh(c, i, 0, 0, 0);
    c->out = saved;
    fclose(mem);
    if (len > 0) {
        fprintf(c->out, "\r\033[K%s", text);
        prompt(c);
    }
    free(text);
}

/* Wait for a line; meanwhile (on a terminal) show what arrives. Returns 1
 * when stdin has something to read, 0 on a poll failure. */
static int wait_line(chat *c)
{
    struct pollfd pfd = {0, POLLIN, 0};

    if (!c->tty)
        return 1;
    for (;;) {
        int rc = poll(&pfd, 1, 800);
        if (rc > 0)
            return 1;
        if (rc < 0 && errno != EINTR)
            return 0;
        poll_all(c);
    }
}

static void chomp(char *s)
{
    size_t n = strlen(s);

    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
        s[--n] = '\0';
}

static void loop(chat *c)
{
    char line[4096];

    prompt(c);
    while (wait_line(c) && fgets(line, sizeof line, stdin)) {
        chomp(line);
        if (line[0] && c->echo)
            printf("%s> %s\n", c->people[c->cur].name, line);
        if (line[0] && handle(c, line))
            break;
        prompt(c);
    }
    if (c->tty)
        putchar('\n');
}

/* ---- start ------------------------------------------------------------- */

typedef struct opts {
    const char *url, *token, *as;
} opts;

/* Returns 0, or -1 after printing why. */
static int parse_args(chat *c, opts *o, int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int used = 1, rc = 0;

        if (strcmp(a, "--echo") == 0 || strcmp(a, "--no-echo") == 0) {
            c->echo = a[2] == 'e';
            continue;
        }
        if (!v)
            used = 0; // NOLINT(bugprone-branch-clone): as an unknown option
        else if (strcmp(a, "--url") == 0)
            o->url = v;
        else if (strcmp(a, "--token") == 0)
            o->token = v;
        else if (strcmp(a, "--as") == 0)
            o->as = v;
        else if (strcmp(a, "--wait-ms") == 0)
            c->wait_ms = atoi(v); // NOLINT(cert-err34-c): lenient CLI
        else if (strcmp(a, "--settle-ms") == 0)
            c->settle_ms = atoi(v); // NOLINT(cert-err34-c): lenient CLI
        else if (strcmp(a, "--user") == 0)
            rc = add_person(c, v, NULL);
        else if (strcmp(a, "--phone") == 0)
            rc = set_phone(c, v);
        else if (strcmp(a, "--member") == 0 || strcmp(a, "--admin") == 0)
            rc = add_demo_person(c, a[2] == 'm', v);
        else
            used = 0;
        if (!used || rc != 0) {
            fprintf(stderr, "fitbot-chat: bad argument %s\n", a);
            return -1;
        }
        i++;
    }
    return 0;
}

static int setup(chat *c, const opts *o)
{
    int i;

    if (!o->url) {
        usage(stderr);
        return -1;
    }
    if (c->n == 0 && add_demo_person(c, 1, "7000000001") != 0)
        return -1;
    if (o->as && (c->cur = find_person(c, o->as)) < 0) {
        fprintf(stderr, "fitbot-chat: nobody called %s\n", o->as);
        return -1;
    }
    c->ctl = ctl_new(o->url, o->token);
    if (!c->ctl || create_people(c) != 0)
        return -1;
    if (photos_init(&c->photos, c->ctl) == 0)
        printf("── the bot's photos and files are saved in %s ──\n", c->photos.dir);
    else
        fprintf(stderr, "fitbot-chat: photos will not be saved: %s\n",
                strerror(errno));
    for (i = 0; i < c->n; i++)
        if (refresh(c, i, 0, 0, 1) < 0)
            return -1;
    return 0;
}

int main(int argc, char **argv)
{
    static chat c;
    opts o = {getenv("FITBOT_SANDBOX_URL"), NULL, NULL};
    int i, rc = 1;

    c.wait_ms = 5000;
    c.settle_ms =
        1300; /* Telegram (and the outbox) send 1 message/s per chat */
    c.tty = isatty(0);
    c.echo = !c.tty;
    c.out = stdout;
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        usage(stdout);
        help(stdout);
        return 0;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return 1;
    if (parse_args(&c, &o, argc, argv) == 0 && setup(&c, &o) == 0) {
        if (c.tty)
            help(stdout);
        printf("── you are %s (%s, id %" PRId64 ") ──\n", c.people[c.cur].name,
               c.people[c.cur].first, c.people[c.cur].id);
        loop(&c);
        rc = 0;
    }
    for (i = 0; i < c.n; i++)
        view_free(&c.people[i].view);
    photos_done(&c.photos);
    ctl_free(c.ctl);
    curl_global_cleanup();
    return rc;
}
