// relaypattern: the relay worker's socket pattern in C, as the kernel's floor for it. The calibration
// for io.sbc.bench.relay.RelayWorkerCpuTime (same setup, same timed part, same output figure): 200
// relay sockets on 127.0.0.20 in one level-triggered epoll set; each round a caller socket
// (127.0.0.10) sends BURST 172-byte datagrams spread over them, then the timed part relays them to
// one callee socket (127.0.0.30): epoll_wait(0), recvmmsg(VLEN, MSG_DONTWAIT) with source address
// and SO_TIMESTAMPNS per ready socket, one unconnected sendto per datagram. Thread CPU time of the
// timed part (CLOCK_THREAD_CPUTIME_ID, the kernel's receive and send work and the loopback delivery
// to the callee included), median of 9 rounds of 20,000 datagrams after 5 warm-up rounds.
// Usage: relaypattern [BURST=8] [VLEN=8]   (loopback only; pin it like the Java one: taskset -c 0)
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define STREAMS 200
#define ROUNDS 9
#define PER_ROUND 20000
#define MAXV 8

static long long thread_cpu_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int udp(const char *ip, int *port) {
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0), b = 4 << 20;
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &b, sizeof b);
	setsockopt(s, SOL_SOCKET, SO_SNDBUF, &b, sizeof b);
	struct sockaddr_in a = {.sin_family = AF_INET};
	inet_pton(AF_INET, ip, &a.sin_addr);
	if (bind(s, (struct sockaddr *)&a, sizeof a)) { perror("bind"); exit(1); }
	socklen_t l = sizeof a;
	getsockname(s, (struct sockaddr *)&a, &l);
	*port = ntohs(a.sin_port);
	return s;
}

static int cmp(const void *a, const void *b) {
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
	int burst = argc > 1 ? atoi(argv[1]) : 8, vlen = argc > 2 ? atoi(argv[2]) : 8;
	if (burst < 1 || burst > 1000 || vlen < 1 || vlen > MAXV) { fprintf(stderr, "usage: relaypattern [BURST 1-1000] [VLEN 1-8]\n"); return 2; }
	int cport, kport, rport[STREAMS], rs[STREAMS];
	int caller = udp("127.0.0.10", &cport), callee = udp("127.0.0.30", &kport), ep = epoll_create1(0);
	struct sockaddr_in dst = {.sin_family = AF_INET, .sin_port = htons(kport)}, to[STREAMS];
	inet_pton(AF_INET, "127.0.0.30", &dst.sin_addr);
	for (int i = 0; i < STREAMS; i++) {
		int on = 1;
		rs[i] = udp("127.0.0.20", &rport[i]);
		setsockopt(rs[i], SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
		struct epoll_event e = {.events = EPOLLIN, .data.u64 = i};
		epoll_ctl(ep, EPOLL_CTL_ADD, rs[i], &e);
		to[i] = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(rport[i])};
		inet_pton(AF_INET, "127.0.0.20", &to[i].sin_addr);
	}
	static unsigned char pkt[172] = {0x80}, slots[MAXV][2049];
	static char ctl[MAXV][64];
	struct sockaddr_storage names[MAXV];
	long long res[ROUNDS];
	int next = 0;
	for (int r = -5; r < ROUNDS; r++) {
		long long cpu = 0;
		for (int relayed = 0; relayed < PER_ROUND; relayed += burst) {
			for (int k = 0; k < burst; k++, next = (next + 1) % STREAMS)
				sendto(caller, pkt, sizeof pkt, 0, (struct sockaddr *)&to[next], sizeof to[next]);
			long long t0 = thread_cpu_ns();
			for (int got = 0, idle = 0; got < burst && idle < 1000;) {
				struct epoll_event ev[64];
				int n = epoll_wait(ep, ev, 64, 0);
				if (n <= 0) { idle++; continue; }
				for (int e = 0; e < n; e++) {
					int fd = rs[ev[e].data.u64];
					struct mmsghdr m[MAXV];
					struct iovec iov[MAXV];
					memset(m, 0, sizeof m);
					for (int i = 0; i < vlen; i++) {
						iov[i] = (struct iovec){slots[i], sizeof slots[i]};
						m[i].msg_hdr = (struct msghdr){.msg_name = &names[i], .msg_namelen = sizeof names[i],
							.msg_iov = &iov[i], .msg_iovlen = 1, .msg_control = ctl[i], .msg_controllen = sizeof ctl[i]};
					}
					int c = recvmmsg(fd, m, vlen, MSG_DONTWAIT, NULL);
					for (int i = 0; i < c; i++, got++)
						sendto(fd, slots[i], m[i].msg_len, MSG_DONTWAIT, (struct sockaddr *)&dst, sizeof dst);
				}
			}
			cpu += thread_cpu_ns() - t0;
			while (recv(callee, slots[0], sizeof slots[0], MSG_DONTWAIT) > 0) {
			}
		}
		if (r >= 0) res[r] = cpu / PER_ROUND;
	}
	qsort(res, ROUNDS, sizeof res[0], cmp);
	printf("relay_pattern_c streams=%d burst=%d vlen=%d ns_cpu_per_packet_median=%lld min=%lld\n",
	       STREAMS, burst, vlen, res[ROUNDS / 2], res[0]);
	return 0;
}
