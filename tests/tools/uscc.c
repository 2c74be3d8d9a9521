/* uscc - exit 0 when every argument is a valid unified social credit code
 * (GB 32100-2015 check digit), else name the bad ones and exit 1. */
#include <stdio.h>

#include "zizhi.h"

int
main(int argc, char **argv)
{
	int bad = 0;
	for (int i = 1; i < argc; i++)
		if (!zz_uscc_valid(argv[i])) {
			printf("invalid: %s\n", argv[i]);
			bad = 1;
		}
	return bad;
}
