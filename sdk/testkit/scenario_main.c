/* fitbot-scenario: run .story files against the real host, the sandbox and
 * a real PostgreSQL (see docs/SCENARIOS.md).
 *
 *   fitbot-scenario [--verbose] [--check] FILE.story...
 *
 * --check only parses. Exit status: 0 when every story passed, 1 when one
 * failed (the failing file:line and the evidence are on stderr), 2 on
 * usage or syntax errors. */
#include <stdio.h>
#include <string.h>

#include "story.h"

static int usage(void)
{
    fprintf(stderr, "usage: fitbot-scenario [--verbose] [--check] "
                    "FILE.story...\n");
    return 2;
}

static int run_file(const char *path, int verbose, int check_only)
{
    char err[1024];
    story s = {0};
    int rc;

    if (story_parse(path, &s, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        story_free(&s);
        return 2;
    }
    rc = check_only ? 0 : story_run(&s, verbose);
    fprintf(stderr, "%s: %s\n", path,
            check_only ? "parsed"
            : rc == 0  ? "passed"
                       : "FAILED");
    story_free(&s);
    return rc;
}

int main(int argc, char **argv)
{
    int verbose = 0, check_only = 0, worst = 0, files = 0, rc;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--verbose") == 0)
            verbose = 1;
        else if (strcmp(argv[i], "--check") == 0)
            check_only = 1;
        else if (argv[i][0] == '-')
            return usage();
    }
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-')
            continue;
        files++;
        rc = run_file(argv[i], verbose, check_only);
        if (rc > worst)
            worst = rc;
    }
    return files ? worst : usage();
}
