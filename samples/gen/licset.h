/* licset.h - the licence set (licset.c). */
#ifndef GEN_LICSET_H
#define GEN_LICSET_H

#include <stdint.h>

/* Writes DIR/images/gen-NNNN.jpg (or .png) for the indexes first ..
 * first+count-1 and merges their rows into DIR/truth.tsv; prints each
 * image's path. small: the same licences and copies, no image over 800 px
 * wide (for tests). -1 if any failed. */
int gen_licence_set(const char *dir, uint64_t seed, int first, int count, int small);

#endif
