/*
 * SIP datagram flooder for bench/flood/run.sh (loopback only, bounded in time and count).
 *
 *   flood --to IP:PORT --src 127.0.0.50 [--src ...] --pps R --seconds S [--max N]
 *         [--method INVITE|OPTIONS|MIX] [--batch B]
 *
 * One UDP socket per source address. Datagrams are built once per slot (a ring of --batch
 * buffers per source) and only a fixed-width hex counter is patched into the Via branch,
 * From tag and Call-ID before each send, so every datagram is a distinct new request (no
 * transaction layer can absorb them as retransmissions) and Content-Length never changes.
 * Sends go out in sendmmsg batches round-robin over the sources, paced against absolute
 * deadlines with clock_nanosleep(TIMER_ABSTIME): batch k leaves at start + k * B / R. A sender
 * that falls behind does not sleep (it catches up by at most one second's worth, then resets
 * the schedule, so a stall cannot turn into an unbounded burst).
 *
 * Prints one line on exit: "flood sent=N secs=S pps=P errors=E asked_pps=R sources=K".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_SRC 64
#define MAX_BATCH 256
#define MSG_CAP 1024
#define HEX 8

static volatile sig_atomic_t stop;
static void on_signal(int s) { (void) s; stop = 1; }

struct slot {
	char buf[MSG_CAP];
	int len;
	int pos[3];   /* offsets of the three counters */
};

static int build(struct slot *s, const char *method, const char *src, int sport,
		const char *dst, int dport, int id) {
	static const char body[] =
		"v=0\r\no=flood 1 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
		"m=audio 9 RTP/AVP 0\r\n";
	int inv = strcmp(method, "INVITE") == 0;
	int n = snprintf(s->buf, MSG_CAP,
		"%s sip:%d@%s:%d SIP/2.0\r\n"
		"Via: SIP/2.0/UDP %s:%d;branch=z9hG4bKfl%0*x\r\n"
		"From: <sip:flood@%s>;tag=fl%0*x\r\n"
		"To: <sip:%d@%s>\r\n"
		"Call-ID: fl%0*x@%s\r\n"
		"CSeq: 1 %s\r\n"
		"Contact: <sip:flood@%s:%d>\r\n"
		"Max-Forwards: 70\r\n"
		"User-Agent: bench-flood\r\n"
		"%s"
		"Content-Length: %d\r\n\r\n%s",
		method, 1000 + id % 9000, dst, dport,
		src, sport, HEX, 0,
		src, HEX, 0,
		1000 + id % 9000, dst,
		HEX, 0, src,
		method, src, sport,
		inv ? "Content-Type: application/sdp\r\n" : "",
		inv ? (int) strlen(body) : 0, inv ? body : "");
	if (n <= 0 || n >= MSG_CAP) return -1;
	s->len = n;
	const char *keys[3] = {"branch=z9hG4bKfl", "tag=fl", "Call-ID: fl"};
	for (int i = 0; i < 3; i++) {
		char *p = strstr(s->buf, keys[i]);
		if (!p) return -1;
		s->pos[i] = (int) (p - s->buf) + (int) strlen(keys[i]);
	}
	return 0;
}

static void patch(struct slot *s, unsigned v) {
	static const char hx[] = "0123456789abcdef";
	for (int i = 0; i < 3; i++) {   /* the same counter in branch, tag and Call-ID */
		char *p = s->buf + s->pos[i];
		unsigned w = v;
		for (int k = HEX - 1; k >= 0; k--) { p[k] = hx[w & 15]; w >>= 4; }
	}
}

static double now_s(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
	const char *to = NULL, *method = "INVITE";
	const char *srcs[MAX_SRC];
	int nsrc = 0, batch = 32;
	double pps = 1000, secs = 10;
	long long max = -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v) { fprintf(stderr, "missing value for %s\n", a); return 2; }
		if (!strcmp(a, "--to")) to = v;
		else if (!strcmp(a, "--src")) { if (nsrc == MAX_SRC) return 2; srcs[nsrc++] = v; }
		else if (!strcmp(a, "--pps")) pps = atof(v);
		else if (!strcmp(a, "--seconds")) secs = atof(v);
		else if (!strcmp(a, "--max")) max = atoll(v);
		else if (!strcmp(a, "--method")) method = v;
		else if (!strcmp(a, "--batch")) batch = atoi(v);
		else { fprintf(stderr, "unknown %s\n", a); return 2; }
		i++;
	}
	if (!to || nsrc == 0 || pps <= 0 || secs <= 0 || secs > 300 || batch < 1 || batch > MAX_BATCH) {
		fprintf(stderr, "usage: flood --to IP:PORT --src IP [--src IP...] --pps R --seconds S(<=300) "
			"[--max N] [--method INVITE|OPTIONS|MIX] [--batch 1-%d]\n", MAX_BATCH);
		return 2;
	}
	if (max < 0) max = (long long) (pps * secs) + batch;
	char dst[64];
	snprintf(dst, sizeof dst, "%s", to);
	char *colon = strrchr(dst, ':');
	if (!colon) return 2;
	*colon = 0;
	int dport = atoi(colon + 1);
	struct sockaddr_in daddr = {.sin_family = AF_INET, .sin_port = htons(dport)};
	if (inet_pton(AF_INET, dst, &daddr.sin_addr) != 1 || (ntohl(daddr.sin_addr.s_addr) >> 24) != 127) {
		fprintf(stderr, "refusing non-loopback target %s\n", dst);
		return 2;
	}

	int fds[MAX_SRC];
	static struct slot slots[MAX_SRC][MAX_BATCH];
	for (int s = 0; s < nsrc; s++) {
		struct sockaddr_in sa = {.sin_family = AF_INET};
		if (inet_pton(AF_INET, srcs[s], &sa.sin_addr) != 1 || (ntohl(sa.sin_addr.s_addr) >> 24) != 127) {
			fprintf(stderr, "refusing non-loopback source %s\n", srcs[s]);
			return 2;
		}
		fds[s] = socket(AF_INET, SOCK_DGRAM, 0);
		int small = 4096, big = 4 << 20;
		setsockopt(fds[s], SOL_SOCKET, SO_RCVBUF, &small, sizeof small);   /* replies are ignored */
		setsockopt(fds[s], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
		if (fds[s] < 0 || bind(fds[s], (struct sockaddr *) &sa, sizeof sa) < 0) {
			perror("bind");
			return 1;
		}
		socklen_t l = sizeof sa;
		getsockname(fds[s], (struct sockaddr *) &sa, &l);
		for (int b = 0; b < batch; b++) {
			const char *m = method;
			if (!strcmp(method, "MIX")) m = (b % 4 == 3) ? "OPTIONS" : "INVITE";
			if (build(&slots[s][b], m, srcs[s], ntohs(sa.sin_port), dst, dport, s * batch + b) < 0) {
				fprintf(stderr, "message too long\n");
				return 1;
			}
		}
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);

	struct mmsghdr msgs[MAX_BATCH];
	struct iovec iov[MAX_BATCH];
	long long sent = 0, errors = 0, k = 0;
	unsigned counter = (unsigned) getpid() << 16;
	double interval = batch / pps;
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	double t0 = start.tv_sec + start.tv_nsec / 1e9, base = t0;
	long long kbase = 0;
	while (!stop && sent < max) {
		double due = base + (k - kbase) * interval, t = now_s();
		if (t - t0 >= secs) break;
		if (due > t) {
			struct timespec ts = {(time_t) due, (long) ((due - (time_t) due) * 1e9)};
			while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR && !stop) {}
		} else if (t - due > 1.0) {
			base = t; kbase = k;   /* more than a second behind: restart the schedule */
		}
		int s = (int) (k % nsrc);
		int n = batch;
		if (max - sent < n) n = (int) (max - sent);
		for (int b = 0; b < n; b++) {
			patch(&slots[s][b], counter++);
			iov[b].iov_base = slots[s][b].buf;
			iov[b].iov_len = (size_t) slots[s][b].len;
			memset(&msgs[b], 0, sizeof msgs[b]);
			msgs[b].msg_hdr.msg_name = &daddr;
			msgs[b].msg_hdr.msg_namelen = sizeof daddr;
			msgs[b].msg_hdr.msg_iov = &iov[b];
			msgs[b].msg_hdr.msg_iovlen = 1;
		}
		int r = sendmmsg(fds[s], msgs, (unsigned) n, 0);
		if (r < 0) errors++;
		else { sent += r; if (r < n) errors++; }
		k++;
	}
	double el = now_s() - t0;
	printf("flood sent=%lld secs=%.2f pps=%.0f errors=%lld asked_pps=%.0f sources=%d\n",
		sent, el, el > 0 ? sent / el : 0.0, errors, pps, nsrc);
	return 0;
}
