/* Stories: data-driven scenario tests that read like a chat transcript.
 * The format is documented in docs/SCENARIOS.md. */
#ifndef FITBOT_STORY_H
#define FITBOT_STORY_H

#include <stdint.h>

#include "fbtest.h"

typedef enum story_op {
    ST_SAY = 1,      /* asha: text */
    ST_PRESS,        /* asha presses: Button text */
    ST_PRESS_DATA,   /* asha presses data: pfx:1 */
    ST_FORGE,        /* asha forges: pfx:1 */
    ST_CONTACT,      /* asha sends contact: +91... ("of ravi": want = id) */
    ST_PHOTO,        /* asha sends photo: name.jpg */
    ST_DOCUMENT,     /* asha sends document: name.pdf */
    ST_EXPECT,       /* bot -> asha: pattern */
    ST_EXPECT_EDIT,  /* bot edits -> asha: pattern */
    ST_EXPECT_DOC,   /* bot sends document -> asha: file name pattern */
    ST_EXPECT_PHOTO, /* bot sends photo -> asha: caption pattern */
    ST_SILENCE,      /* silence -> asha */
    ST_BUTTONS,      /* buttons: [A] [B] / [C] */
    ST_ANSWER,       /* answer -> asha: pattern */
    ST_DB,           /* db: SELECT ... => expected */
    ST_SQL,          /* sql: UPDATE ... */
    ST_ROLE,         /* role asha: staff */
    ST_COUNTER,      /* counter: name => expected */
    ST_LOG,          /* log: pattern */
    ST_NO_LOG,       /* no log: pattern */
    ST_SLEEP,        /* sleep 500ms | sleep 2s */
    ST_RESTART,      /* restart host */
    ST_KILL,         /* kill host (SIGKILL) */
    ST_STOP,         /* stop host (SIGTERM) */
    ST_START,        /* start host */
    ST_CLOCK,        /* clock: 2030-01-15 09:00 | clock: +3d */
    ST_BLOCK,        /* asha blocks the bot (the sandbox answers 403) */
    ST_STARS         /* stars: 0.3 (the bot's Star balance in the sandbox);
                        the last: tests/fuzz/story/props.c checks the range */
} story_op;

typedef struct story_user {
    char name[32];
    int64_t id;
    char first_name[64];
    char role[16];
    char phone[24]; /* "phone=+91..." on the user line, "" if none */
} story_user;

typedef struct story_group {
    char name[32];
    int64_t id;
    char title[64];
    int64_t members[16];
    int nmembers;
} story_group;

typedef struct story_step {
    story_op op;
    int line;
    int user;     /* index into users, -1 if none */
    int64_t chat; /* the chat it happens in: a user's private chat (their
                     id) or a group's id; 0 if none */
    char *arg;    /* text, pattern, SQL, ... */
    char *want;   /* expected value after "=>" (db, counter) */
    int ms;       /* sleep */
    int64_t at;   /* clock: epoch seconds, or seconds to add (relative) */
    int relative; /* clock: 1 for "+3d" */
    char *raw;    /* the line as written, for --verbose */
} story_step;

typedef struct story {
    char path[1024];
    char *plugins;      /* enable list, NULL: every plugin */
    char *plugin_dir;   /* "plugin dir:" as written, NULL: the default */
    char *plugin_files; /* "plugin:" lines as written, ':'-separated */
    char *sql_dirs;     /* "migrations: name = path" lines, "name=path;..." */
    char *timezone;     /* "timezone:", NULL: UTC */
    int real_pacing;    /* "pacing: real"; default fast */
    char *config;       /* extra INI text built from "config:" lines */
    char *host_config;  /* [fitbot] lines from "host config:" lines */
    char *host_env;     /* "K=V" lines from "host env:" lines */
    int64_t super_admin;
    int timeout_ms;
    int conversation_timeout;
    double time_scale;
    story_user *users;
    int nusers;
    story_group *groups;
    int ngroups;
    story_step *steps;
    int nsteps;
} story;

/* Parse a story file. Returns 0, or -1 with "file:line: reason" in err. */
int story_parse(const char *path, story *s, char *err, size_t errlen);
void story_free(story *s);

/* Run a parsed story in a fresh environment. Returns 0 when every step
 * held, else 1 with "file:line: ..." and the evidence printed to stderr.
 * verbose prints each step as it runs. */
int story_run(const story *s, int verbose);

#endif
