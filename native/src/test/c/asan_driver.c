/*
 * AddressSanitizer driver for sbcnative_core.c (run by NativeAsanIT): calls every function with
 * valid and invalid arguments on real loopback sockets. Exits 0 when every check holds; ASan aborts
 * with a report on any out-of-bounds access, use-after-free or leak.
 */
#define _GNU_SOURCE
#include "sbcnative.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int failures;

#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "FAIL %s:%d %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

static int bound_socket(struct sockaddr_in *addr) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(*addr);
    if (fd < 0 || bind(fd, (struct sockaddr *) addr, sizeof(*addr)) != 0
            || getsockname(fd, (struct sockaddr *) addr, &len) != 0) {
        perror("socket");
        exit(2);
    }
    return fd;
}

static int32_t i32(const uint8_t *p) { int32_t v; memcpy(&v, p, 4); return v; }
static int64_t i64(const uint8_t *p) { int64_t v; memcpy(&v, p, 8); return v; }

/* Waits until the kernel has queued the datagrams just sent on loopback (normally at once). */
static int receive_batch_retrying(int fd, uint8_t *slots, int slot_bytes, int max, uint8_t *meta) {
    for (int tries = 0; tries < 1000; tries++) {
        int n = sbc_receive_batch(fd, slots, slot_bytes, max, meta);
        if (n != -EAGAIN) {
            return n;
        }
        struct timespec pause = { 0, 1000000 };
        nanosleep(&pause, NULL);
    }
    return -EAGAIN;
}

int main(void) {
    /* Affinity: pin to the first allowed CPU and read it back; reject impossible CPUs. */
    int64_t mask = sbc_current_thread_affinity();
    CHECK(mask > 0);
    int cpu = __builtin_ctzll((unsigned long long) mask);
    CHECK(sbc_pin_current_thread(cpu) == 0);
    CHECK(sbc_current_thread_affinity() == ((int64_t) 1 << cpu));
    CHECK(sbc_pin_current_thread(-1) == -EINVAL);
    CHECK(sbc_pin_current_thread(1 << 20) == -EINVAL);

    /* Scheduling: out-of-range priorities refused; FIFO 1 read back when permitted; 0 restores. */
    CHECK(sbc_set_current_thread_fifo(-1) == -EINVAL);
    CHECK(sbc_set_current_thread_fifo(100) == -EINVAL);
    CHECK(sbc_current_thread_scheduling() == 0);
    int fifo = sbc_set_current_thread_fifo(1);
    CHECK(fifo == 0 || fifo == -EPERM);
    CHECK(sbc_current_thread_scheduling() == (fifo == 0 ? (1 << 8 | 1) : 0));
    CHECK(sbc_set_current_thread_fifo(0) == 0);
    CHECK(sbc_current_thread_scheduling() == 0);

    struct sockaddr_in a_addr, b_addr;
    int a = bound_socket(&a_addr);
    int b = bound_socket(&b_addr);
    CHECK(sbc_enable_timestamps(b) == 0);
    CHECK(sbc_enable_timestamps(-1) == -EBADF);

    /* Native UDP sockets: bound, port read back, a second bind of that port refused, closed. */
    const uint8_t lo4[4] = {127, 0, 0, 1};
    int u = sbc_udp_open(4, lo4, 0, 65536);
    CHECK(u >= 0);
    int u_port = sbc_local_port(u);
    CHECK(u_port > 0);
    CHECK(sbc_udp_open(4, lo4, u_port, 65536) == -EADDRINUSE);
    CHECK(sbc_udp_open(5, lo4, 0, 65536) == -EINVAL);
    CHECK(sbc_udp_open(4, lo4, 65536, 65536) == -EINVAL);
    CHECK(sbc_close(u) == 0);
    CHECK(sbc_local_port(-1) == -EBADF);

    enum { SLOT = 256, N = 40 };
    uint8_t *slots = malloc((size_t) SLOT * SBC_MAX_BATCH);
    uint8_t *meta = malloc((size_t) SBC_META_BYTES * SBC_MAX_BATCH);
    CHECK(sbc_receive_batch(b, slots, SLOT, SBC_MAX_BATCH, meta) == -EAGAIN);

    /* a sends N datagrams of distinct lengths to b with one sendmmsg. */
    for (int i = 0; i < N; i++) {
        uint8_t *m = meta + (size_t) i * SBC_META_BYTES;
        memset(m, 0, SBC_META_BYTES);
        int32_t len = 12 + i, family = 4, port = ntohs(b_addr.sin_port);
        memcpy(m, &len, 4);
        memcpy(m + 4, &family, 4);
        memcpy(m + 8, &port, 4);
        memcpy(m + 16, &b_addr.sin_addr, 4);
        memset(slots + (size_t) i * SLOT, i, (size_t) len);
    }
    CHECK(sbc_send_batch(a, slots, SLOT, N, meta) == N);
    memset(slots, 0xEE, (size_t) SLOT * SBC_MAX_BATCH);

    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t now_ns = (int64_t) now.tv_sec * 1000000000LL + now.tv_nsec;
    int got = 0;
    int64_t prev_arrival = 0;
    while (got < N) {
        int n = receive_batch_retrying(b, slots, SLOT, SBC_MAX_BATCH, meta);
        CHECK(n > 0);
        if (n <= 0) {
            break;
        }
        for (int i = 0; i < n; i++, got++) {
            const uint8_t *m = meta + (size_t) i * SBC_META_BYTES;
            CHECK(i32(m) == 12 + got);
            CHECK(i32(m + 4) == 4);
            CHECK(i32(m + 8) == ntohs(a_addr.sin_port));
            CHECK(slots[(size_t) i * SLOT] == (uint8_t) got);
            int64_t arrival = i64(m + 32);
            /* Stamped by the kernel, in order, and within a few seconds of now. Each receive call
             * converts the kernel's CLOCK_REALTIME stamps with its own realtime-to-monotonic offset
             * (tens of ns of error, and NTP may slew between calls), so order is exact within a
             * batch and holds to within 100 us across batches: a loopback burst arrives ns apart. */
            CHECK(arrival > 0);
            CHECK(i == 0 ? arrival >= prev_arrival - 100000 : arrival >= prev_arrival);
            CHECK(arrival > now_ns - 5000000000LL && arrival < now_ns + 5000000000LL);
            prev_arrival = arrival;
        }
    }
    CHECK(got == N);

    /* Single receive: an oversize datagram reports its full length and writes only cap bytes. */
    uint8_t big[600];
    memset(big, 7, sizeof(big));
    CHECK(sendto(a, big, sizeof(big), 0, (struct sockaddr *) &b_addr, sizeof(b_addr)) == (ssize_t) sizeof(big));
    uint8_t *small = malloc(100);
    uint8_t one_meta[SBC_META_BYTES];
    int r = -EAGAIN;
    for (int tries = 0; tries < 1000 && r == -EAGAIN; tries++) {
        r = sbc_receive(b, small, 100, one_meta);
    }
    CHECK(r == (int) sizeof(big));
    CHECK(i64(one_meta + 32) > 0);
    CHECK(sbc_receive(b, small, 100, one_meta) == -EAGAIN);

    /* Oversize in a batch: flagged as slot + 1. */
    CHECK(sendto(a, big, sizeof(big), 0, (struct sockaddr *) &b_addr, sizeof(b_addr)) == (ssize_t) sizeof(big));
    int n = receive_batch_retrying(b, slots, SLOT, 4, meta);
    CHECK(n == 1 && i32(meta) == SLOT + 1);

    /* Argument checks. */
    CHECK(sbc_receive_batch(b, slots, SLOT, SBC_MAX_BATCH + 1, meta) == -EINVAL);
    CHECK(sbc_receive_batch(b, slots, 0, 1, meta) == -EINVAL);
    CHECK(sbc_send_batch(a, slots, SLOT, 0, meta) == -EINVAL);
    int32_t too_long = SLOT + 1;
    memcpy(meta, &too_long, 4);
    CHECK(sbc_send_batch(a, slots, SLOT, 1, meta) == -EMSGSIZE);
    int32_t ok_len = 10, bad_family = 5;
    memcpy(meta, &ok_len, 4);
    memcpy(meta + 4, &bad_family, 4);
    CHECK(sbc_send_batch(a, slots, SLOT, 1, meta) == -EAFNOSUPPORT);
    CHECK(sbc_receive(-1, small, 100, one_meta) == -EBADF);

    /* epoll poll: two sockets, 5 datagrams to b and 2 to c, at most 3 per socket per poll. */
    struct sockaddr_in c_addr;
    int c = bound_socket(&c_addr);
    int ep = sbc_epoll_create();
    CHECK(ep >= 0);
    CHECK(sbc_epoll_add(ep, b, 7) == 0);
    CHECK(sbc_epoll_add(ep, c, 9) == 0);
    CHECK(sbc_epoll_add(ep, c, 9) == -EEXIST);
    CHECK(sbc_epoll_add(ep, -1, 1) == -EINVAL);
    CHECK(sbc_poll_receive(ep, slots, SLOT, SBC_MAX_BATCH, 3, meta) == 0);
    uint8_t target[SBC_META_BYTES];
    memset(target, 0, sizeof(target));
    int32_t four = 4, b_port = ntohs(b_addr.sin_port), c_port = ntohs(c_addr.sin_port);
    memcpy(target + 4, &four, 4);
    memcpy(target + 16, &b_addr.sin_addr, 4);
    uint8_t payload[200];
    memset(payload, 0x42, sizeof(payload));
    memcpy(target + 8, &b_port, 4);
    for (int i = 0; i < 5; i++) {
        CHECK(sbc_send_to(a, payload, 100 + i, target) == 100 + i);
    }
    memcpy(target + 8, &c_port, 4);
    CHECK(sbc_send_to(a, payload, 50, target) == 50);
    CHECK(sbc_send_to(a, payload, 51, target) == 51);
    int seen_b = 0, seen_c = 0;
    for (int tries = 0; tries < 1000 && seen_b + seen_c < 7; tries++) {
        int got_now = sbc_poll_receive(ep, slots, SLOT, SBC_MAX_BATCH, 3, meta);
        CHECK(got_now >= 0 && got_now <= 5);
        for (int i = 0; i < got_now; i++) {
            const uint8_t *m = meta + (size_t) i * SBC_META_BYTES;
            CHECK(i32(m + 4) == 4 && i32(m + 8) == ntohs(a_addr.sin_port));
            CHECK(slots[(size_t) i * SLOT] == 0x42);
            /* b has SO_TIMESTAMPNS on, c does not. */
            CHECK(i32(m + 12) == 7 ? i64(m + 32) > 0 : i64(m + 32) == -1);
            if (i32(m + 12) == 7) {
                CHECK(i32(m) == 100 + seen_b);
                seen_b++;
            } else {
                CHECK(i32(m + 12) == 9);
                CHECK(i32(m) == 50 + seen_c);
                seen_c++;
            }
        }
        if (got_now == 0) {
            struct timespec pause = { 0, 1000000 };
            nanosleep(&pause, NULL);
        }
    }
    CHECK(seen_b == 5 && seen_c == 2);
    /* A small max_msgs caps the whole poll, even with a larger per-socket share. */
    memcpy(target + 8, &b_port, 4);
    for (int i = 0; i < 4; i++) {
        CHECK(sbc_send_to(a, payload, 20, target) == 20);
    }
    int capped = 0;
    for (int tries = 0; tries < 1000 && capped == 0; tries++) {
        capped = sbc_poll_receive(ep, slots, SLOT, 2, 8, meta);
    }
    CHECK(capped == 2);
    CHECK(sbc_epoll_remove(ep, b) == 0);
    CHECK(sbc_epoll_remove(ep, b) == -ENOENT);
    CHECK(sbc_poll_receive(ep, slots, SLOT, SBC_MAX_BATCH, 8, meta) == 0);
    CHECK(sbc_poll_receive(ep, slots, SLOT, SBC_MAX_BATCH + 1, 8, meta) == -EINVAL);
    CHECK(sbc_poll_receive(ep, slots, SLOT, 4, 0, meta) == -EINVAL);
    CHECK(sbc_poll_receive(-1, slots, SLOT, 4, 1, meta) == -EBADF);
    CHECK(sbc_send_to(a, payload, -1, target) == -EINVAL);
    int32_t bad = 5;
    memcpy(target + 4, &bad, 4);
    CHECK(sbc_send_to(a, payload, 10, target) == -EAFNOSUPPORT);
    CHECK(sbc_connect(a, target) == -EAFNOSUPPORT);
    /* connect to c, send without an address, then AF_UNSPEC (family 0) back to unconnected */
    memcpy(target + 4, &four, 4);
    memcpy(target + 8, &c_port, 4);
    CHECK(sbc_send(a, payload, 30) == -EDESTADDRREQ);
    CHECK(sbc_connect(a, target) == 0);
    CHECK(sbc_send(a, payload, 30) == 30);
    CHECK(sbc_send(a, payload, -1) == -EINVAL);
    int32_t unspec = 0;
    memcpy(target + 4, &unspec, 4);
    int a_port = sbc_local_port(a);
    CHECK(sbc_connect(a, target) == 0);
    CHECK(sbc_send(a, payload, 30) == -EDESTADDRREQ);
    CHECK(sbc_local_port(a) == a_port); /* a kernel-chosen port survives the disconnect */
    CHECK(sbc_close(ep) == 0);
    CHECK(sbc_close(ep) == -EBADF);
    close(c);

    free(small);
    free(slots);
    free(meta);
    close(a);
    close(b);
    if (failures == 0) {
        printf("asan driver: all checks passed\n");
    }
    return failures == 0 ? 0 : 1;
}
