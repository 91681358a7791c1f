/* Runs LLVMFuzzerTestOneInput on every file under the folders given (a
 * target's corpus), so its properties are checked in every ctest run, with
 * or without clang; a broken property aborts.
 * Usage: fuzz-*-replay DIR... */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Run the target on the file at path; returns 0, or -1 if unreadable. */
static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, n;

    if (!f)
        return -1;
    do {
        if (len == cap) {
            uint8_t *p = realloc(buf, cap = cap ? 2 * cap : 4096);
            if (!p)
                abort();
            buf = p;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    fclose(f);
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    return 0;
}

/* Every regular file under dir, depth first; returns how many ran. */
static long run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    struct stat st;
    char path[4096];
    long n = 0;

    if (!d)
        return run_file(dir) == 0 ? 1 : 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        n += S_ISDIR(st.st_mode) ? run_dir(path) : run_file(path) == 0;
    }
    closedir(d);
    return n;
}

int main(int argc, char **argv)
{
    long n = 0;

    for (int i = 1; i < argc; i++)
        n += run_dir(argv[i]);
    printf("%ld inputs, every property held\n", n);
    return n > 0 ? 0 : 1;
}
