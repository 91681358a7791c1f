/* Child processes of the kit: the sandbox and the host. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kit.h"

extern char **environ;

/* Internal: see kit.h. */
int64_t fb__kit_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* See fbtest.h. */
int64_t fbt_now_ms(void)
{
    return fb__kit_now_ms();
}

/* Internal: see kit.h. */
void fb__kit_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* In the child: redirect, arrange to die with the parent, exec. */
static void child(char *const argv[], char *const envp[], const char *out,
                  pid_t parent)
{
    int fd = open("/dev/null", O_RDONLY);

    if (fd >= 0)
        dup2(fd, 0);
    fd = open(out, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0)
        _exit(126);
    dup2(fd, 1);
    dup2(fd, 2);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(126);
    execve(argv[0], argv, envp ? envp : environ);
    dprintf(2, "fbtest: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* Internal: see kit.h. */
pid_t fb__kit_spawn(char *const argv[], char *const envp[],
                    const char *out_path)
{
    pid_t parent = getpid();
    pid_t pid = fork();

    if (pid == 0)
        child(argv, envp, out_path, parent);
    return pid < 0 ? -1 : pid;
}

static int decode(int st)
{
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    return 128 + WTERMSIG(st);
}

/* Internal: see kit.h. */
int fb__kit_wait(pid_t pid, int timeout_ms, int *status)
{
    int64_t deadline = fb__kit_now_ms() + timeout_ms;
    int st;
    pid_t r;

    for (;;) {
        r = waitpid(pid, &st, WNOHANG);
        if (r == pid) {
            if (status)
                *status = decode(st);
            return 0;
        }
        if (r < 0 && errno != EINTR)
            return -1;
        if (fb__kit_now_ms() >= deadline)
            return 1;
        fb__kit_sleep_ms(10);
    }
}

/* Internal: see kit.h. */
int fb__kit_terminate(pid_t pid, int grace_ms)
{
    int status = -1;

    if (pid <= 0)
        return -1;
    kill(pid, SIGTERM);
    if (fb__kit_wait(pid, grace_ms, &status) == 0)
        return status;
    kill(pid, SIGKILL);
    fb__kit_wait(pid, 10000, NULL);
    return -1;
}

/* Internal: see kit.h. */
size_t fb__kit_file_size(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

/* Internal: see kit.h. */
char *fb__kit_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
        n = (long)fread(buf, 1, (size_t)n, f);
        buf[n] = '\0';
        if (len)
            *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

/* Internal: see kit.h. */
int fb__kit_file_wait(const char *path, size_t offset, const char *needle,
                      int timeout_ms, pid_t pid)
{
    int64_t deadline = fb__kit_now_ms() + timeout_ms;
    size_t len;
    char *text;
    int status;

    for (;;) {
        text = fb__kit_read_file(path, &len);
        int found = text && len >= offset && strstr(text + offset, needle);
        free(text);
        if (found)
            return 0;
        if (pid > 0 && fb__kit_wait(pid, 0, &status) == 0)
            return -2;
        if (fb__kit_now_ms() >= deadline)
            return -1;
        fb__kit_sleep_ms(20);
    }
}

/* Internal: see kit.h. */
char *fb__kit_tail(const char *path, int n)
{
    char *text = fb__kit_read_file(path, NULL), *p;

    if (!text)
        return strdup("");
    p = text + strlen(text);
    if (p > text && p[-1] == '\n')
        p--;
    while (p > text && n > 0) {
        p--;
        if (*p == '\n')
            n--;
    }
    if (*p == '\n')
        p++;
    memmove(text, p, strlen(p) + 1);
    return text;
}
