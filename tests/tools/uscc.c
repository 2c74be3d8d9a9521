/* uscc - exit 0 when every argument is a valid unified social credit code
 * (GB 32100-2015 check digit), else name the bad ones and exit 1. With -r,
 * the arguments are 15-digit registration numbers (注册号, MOD 11,10). */
#include <stdio.h>
#include <string.h>

#include "zizhi.h"

int
main(int argc, char **argv)
{
	int bad = 0, regno = argc > 1 && !strcmp(argv[1], "-r");
	for (int i = 1 + regno; i < argc; i++)
		if (!(regno ? zz_regno_valid(argv[i]) : zz_uscc_valid(argv[i]))) {
			printf("invalid: %s\n", argv[i]);
			bad = 1;
		}
	return bad;
}
