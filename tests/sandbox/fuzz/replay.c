/* Replays the fuzz corpus through LLVMFuzzerTestOneInput, then seeded
 * random mutations of it (byte flips, inserts, deletes, splices), so the
 * fuzz target's checks run in every ctest run, with or without clang.
 * Usage: sandbox-fuzz-replay CORPUS_DIR MUTATIONS */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct input {
    uint8_t *data;
    size_t len;
} input;

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int load(const char *dir, const char *name, input *in)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    in->data = malloc(n > 0 ? (size_t)n : 1);
    in->len = in->data && n > 0 ? fread(in->data, 1, (size_t)n, f) : 0;
    fclose(f);
    return in->data ? 0 : -1;
}

/* Returns a mutated copy of a corpus input (caller frees). */
static uint8_t *mutate(const input *all, size_t n, size_t *len)
{
    const input *a = &all[next() % n];
    size_t cap = a->len + 64;
    uint8_t *m = malloc(cap);
    if (!m)
        return NULL;
    memcpy(m, a->data, a->len);
    *len = a->len;
    /* keep the first two lines (path, content type) most of the time */
    size_t keep = 0;
    for (int nl = 0; keep < *len && nl < 2; keep++)
        nl += m[keep] == '\n';
    if (next() % 8 == 0)
        keep = 0;
    for (int k = 0, rounds = 1 + (int)(next() % 4); k<rounds && * len> keep;
         k++) {
        size_t pos = keep + next() % (*len - keep);
        switch (next() % 4) {
        case 0:
            m[pos] ^= (uint8_t)(1u << (next() % 8));
            break;
        case 1:
            m[pos] = "{}[]\",:\\<>&/0-e"[next() % 16];
            break;
        case 2:
            memmove(m + pos, m + pos + 1, *len - pos - 1);
            (*len)--;
            break;
        default:
            if (*len + 1 < cap) {
                memmove(m + pos + 1, m + pos, *len - pos);
                m[pos] = (uint8_t)next();
                (*len)++;
            }
        }
    }
    return m;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CORPUS_DIR MUTATIONS\n", argv[0]);
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror(argv[1]);
        return 2;
    }
    input all[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 512)
        if (e->d_name[0] != '.' && load(argv[1], e->d_name, &all[n]) == 0)
            LLVMFuzzerTestOneInput(all[n].data, all[n].len), n++;
    closedir(d);
    if (n == 0) {
        fprintf(stderr, "empty corpus\n");
        return 1;
    }
    long mutations = strtol(argv[2], NULL, 10);
    for (long i = 0; i < mutations; i++) {
        size_t len = 0;
        uint8_t *m = mutate(all, n, &len);
        if (m)
            LLVMFuzzerTestOneInput(m, len);
        free(m);
    }
    for (size_t i = 0; i < n; i++)
        free(all[i].data);
    printf("%zu passed, 0 failed: corpus files replayed, then %ld mutations, "
           "no crash\n",
           n, mutations);
    return 0;
}
