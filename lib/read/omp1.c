/* omp1.c - the OpenMP entry points Tesseract calls, run in the calling
 * thread. Our OCR engines are one thread each by design (one engine per
 * core: Tesseract's threads would fight our worker processes for the
 * cores). OMP_THREAD_LIMIT=1 would do that only if set before libgomp is
 * loaded, which meant each program running itself again (a tenth of a
 * second of dynamic linking each time), and libgomp in a team of one
 * still makes a futex system call at the end of every parallel
 * region, and Tesseract's LSTM opens one per time step: 340,000 calls and
 * 2.3 s of system time for one licence photo read under two treatments,
 * about a quarter of the page's CPU. A program linked with this file
 * exports these definitions, and the dynamic linker binds Tesseract's
 * references to them rather than to libgomp's (an executable's
 * definitions come first); the regions then run as a team of one runs
 * them, without the calls. Written here as no library offers a serial
 * OpenMP runtime; the symbols are the ones libtesseract.so.5 imports
 * (nm -D). */
#include "read/read.h"

static _Thread_local unsigned next_section, nsections;

void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);
void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned num_threads,
                            unsigned count, unsigned flags);
unsigned GOMP_sections_next(void);
void GOMP_sections_end_nowait(void);
int omp_get_num_threads(void);
int omp_get_thread_num(void);

void
GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags)
{
	(void)num_threads, (void)flags;
	fn(data);
}

/* sections numbered from 1, handed out in order to the one thread; a
 * region inside a section has its own count */
void
GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned num_threads, unsigned count,
                       unsigned flags)
{
	(void)num_threads, (void)flags;
	unsigned next = next_section, n = nsections;
	next_section = 1, nsections = count;
	fn(data);
	next_section = next, nsections = n;
}

unsigned
GOMP_sections_next(void)
{
	return next_section <= nsections ? next_section++ : 0;
}

void
GOMP_sections_end_nowait(void)
{
}

int
omp_get_num_threads(void)
{
	return 1;
}

int
omp_get_thread_num(void)
{
	return 0;
}

void
zz_omp_serial(void)
{
}
