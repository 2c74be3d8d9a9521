/* zizhi.h - the public header of libzizhi, for its programs: every part,
 * from the ground up (README, "Layout", draws the order; a part includes
 * only its own header and those of the parts below it, which make
 * check-includes checks).
 *
 * Conventions (after Leptonica and sbase):
 *  - every symbol carries the zz_ / ZZ_ prefix;
 *  - output arguments are set to NULL (or 0) first, so callers can free
 *    them unconditionally;
 *  - destroy functions take T ** and null the pointer;
 *  - the library never prints to stdout; diagnostics go to stderr through
 *    zz_warn(), prefixed with the program name;
 *  - e-prefixed functions exit with a ZZ_EXIT_* code instead of failing.
 */
#ifndef ZIZHI_H
#define ZIZHI_H

#include "core/core.h"
#include "unpack/unpack.h"
#include "read/read.h"
#include "extract/extract.h"
#include "decide/decide.h"
#include "db/db.h"
#include "inbox/inbox.h"
#include "station/station.h"

#endif
