/* httpraw - what no well-behaved HTTP client sends, for the station's
 * tests: a request with a header of SIZE bytes, and a slow-loris client
 * that sends a byte of its headers every MS milliseconds and never ends
 * them. Prints what the server did: its status line, or "closed" after
 * how many seconds.
 *
 *   httpraw big PORT SIZE          a header SIZE bytes long
 *   httpraw slow PORT MS SECONDS   trickles for at most SECONDS */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int
dial(int port)
{
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		perror("httpraw: connect");
		exit(2);
	}
	return fd;
}

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The first line the server sent, or "closed" when it sent nothing. */
static void
answer(int fd, double t0)
{
	char buf[256];
	ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
	if (n <= 0) {
		printf("closed after %.0f s\n", now() - t0);
		return;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	printf("%s\n", buf);
}

static int
big(int port, long size)
{
	int fd = dial(port);
	double t0 = now();
	char head[128];
	int n = snprintf(head, sizeof head, "GET /login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Big: ", port);
	send(fd, head, (size_t)n, MSG_NOSIGNAL);
	char chunk[65536];
	memset(chunk, 'a', sizeof chunk);
	long sent = 0;
	while (sent < size) {
		size_t k = size - sent < (long)sizeof chunk ? (size_t)(size - sent) : sizeof chunk;
		ssize_t w = send(fd, chunk, k, MSG_NOSIGNAL);
		if (w <= 0)
			break; /* the server stopped reading: what it said is below */
		sent += w;
	}
	send(fd, "\r\n\r\n", 4, MSG_NOSIGNAL);
	shutdown(fd, SHUT_WR);
	answer(fd, t0);
	close(fd);
	return 0;
}

static int
slow(int port, int ms, int seconds)
{
	int fd = dial(port);
	double t0 = now();
	char head[128];
	snprintf(head, sizeof head, "GET /login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Slow: ", port);
	for (const char *p = head; *p; p++)
		send(fd, p, 1, MSG_NOSIGNAL);
	while (now() - t0 < seconds) {
		struct pollfd pfd = {fd, POLLIN, 0};
		if (poll(&pfd, 1, ms) > 0) {
			answer(fd, t0);
			close(fd);
			return 0;
		}
		if (send(fd, "a", 1, MSG_NOSIGNAL) < 0) {
			printf("closed after %.0f s\n", now() - t0);
			close(fd);
			return 0;
		}
	}
	printf("still open after %d s\n", seconds);
	close(fd);
	return 1;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "big"))
		return big(atoi(argv[2]), atol(argv[3]));
	if (argc == 5 && !strcmp(argv[1], "slow"))
		return slow(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: httpraw big PORT SIZE | httpraw slow PORT MS SECONDS\n");
	return 2;
}
