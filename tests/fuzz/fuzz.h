/* fuzz.h - what the libFuzzer harnesses of tests/fuzz share, and the
 * entry points libFuzzer (or tests/fuzz/replay.c) calls. */
#ifndef ZZ_FUZZ_H
#define ZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Quiets libxml2 (the library must not print per input), turns off the
 * progress meter and makes this process's scratch directory. */
void zz_fuzz_init(void);
/* DIR/name in the scratch directory, a new string */
char *zz_fuzz_path(const char *name);
/* writes the bytes to path; aborts when it cannot (the harness is broken) */
void zz_fuzz_write(const char *path, const void *p, size_t n);
/* the project's config directory: ZIZHI_CONFIG, else the source tree's */
const char *zz_fuzz_config(void);
/* the source tree */
const char *zz_fuzz_top(void);
/* the fixture case tests/fuzz/data/case: read/ output of a Word file,
 * an Excel file, a licence scan and a balance sheet, and extract/ */
const char *zz_fuzz_case(void);
/* A config directory of this process holding the real schema/ (linked),
 * made once; *file gets DIR/name, where the harness writes its input. */
void zz_fuzz_config_dir(char **dir, char **file, const char *name);
/* the input as a string, a new one */
char *zz_fuzz_str(const uint8_t *data, size_t size);
/* aborts (a crash libFuzzer records) when a result breaks its contract */
#define ZZ_FUZZ_ASSERT(c) ((c) ? (void)0 : zz_fuzz_fail(#c, __FILE__, __LINE__))
void zz_fuzz_fail(const char *what, const char *file, int line) __attribute__((noreturn));

#endif
