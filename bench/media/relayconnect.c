// relayconnect: what connect(2) saves the relay's send, in C. As relaypattern.c (200 streams,
// epoll_wait(0), recvmmsg with source and SO_TIMESTAMPNS per ready socket, thread CPU time of the
// relaying part only, median of 9 rounds of 20,000 datagrams after 5 warm-up rounds), but each
// stream has the relay's two sockets: leg A (127.0.0.20) receives from the caller (127.0.0.10),
// leg B (127.0.0.20) sends to the callee (127.0.0.30), as a packet received on one leg leaves from
// the other leg's socket. MODE u: both unconnected, one sendto(callee) per datagram (the relay's
// default); MODE c: each leg connected to its peer, one send() per datagram (no route lookup).
// Usage: relayconnect [BURST=8] [MODE=u|c]   (loopback only; pin it: taskset -c 0)
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
	int burst = argc > 1 ? atoi(argv[1]) : 8;
	char mode = argc > 2 ? argv[2][0] : 'u';
	if (burst < 1 || burst > 1000 || (mode != 'u' && mode != 'c')) {
		fprintf(stderr, "usage: relayconnect [BURST 1-1000] [u|c]\n");
		return 2;
	}
	int cport, kport, aport[STREAMS], bport, legA[STREAMS], legB[STREAMS];
	int caller = udp("127.0.0.10", &cport), callee = udp("127.0.0.30", &kport), ep = epoll_create1(0);
	struct sockaddr_in dst = {.sin_family = AF_INET, .sin_port = htons(kport)};
	struct sockaddr_in src = {.sin_family = AF_INET, .sin_port = htons(cport)}, to[STREAMS];
	inet_pton(AF_INET, "127.0.0.30", &dst.sin_addr);
	inet_pton(AF_INET, "127.0.0.10", &src.sin_addr);
	for (int i = 0; i < STREAMS; i++) {
		int on = 1;
		legA[i] = udp("127.0.0.20", &aport[i]);
		legB[i] = udp("127.0.0.20", &bport);
		setsockopt(legA[i], SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
		if (mode == 'c') {
			connect(legA[i], (struct sockaddr *)&src, sizeof src);
			connect(legB[i], (struct sockaddr *)&dst, sizeof dst);
		}
		struct epoll_event e = {.events = EPOLLIN, .data.u64 = i};
		epoll_ctl(ep, EPOLL_CTL_ADD, legA[i], &e);
		to[i] = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(aport[i])};
		inet_pton(AF_INET, "127.0.0.20", &to[i].sin_addr);
	}
	static unsigned char pkt[172] = {0x80}, slot[2049];
	static char ctl[64];
	struct sockaddr_storage name;
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
					int i = (int)ev[e].data.u64;
					struct iovec iov = {slot, sizeof slot};
					struct mmsghdr m = {.msg_hdr = {.msg_name = &name, .msg_namelen = sizeof name,
						.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl}};
					if (recvmmsg(legA[i], &m, 1, MSG_DONTWAIT, NULL) != 1) continue;
					got++;
					if (mode == 'c')
						send(legB[i], slot, m.msg_len, MSG_DONTWAIT);
					else
						sendto(legB[i], slot, m.msg_len, MSG_DONTWAIT, (struct sockaddr *)&dst, sizeof dst);
				}
			}
			cpu += thread_cpu_ns() - t0;
			while (recv(callee, slot, sizeof slot, MSG_DONTWAIT) > 0) {
			}
		}
		if (r >= 0) res[r] = cpu / PER_ROUND;
	}
	qsort(res, ROUNDS, sizeof res[0], cmp);
	printf("relay_connect_c streams=%d burst=%d mode=%s ns_cpu_per_packet_median=%lld min=%lld\n", STREAMS, burst,
	       mode == 'c' ? "connected" : "unconnected", res[ROUNDS / 2], res[0]);
	return 0;
}
