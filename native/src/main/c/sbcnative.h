/*
 * sbcnative: the few Linux calls the media relay's busy-poll workers need that neither the JDK
 * nor Netty offers. Plain C with no JNI types, so the AddressSanitizer driver can call it directly.
 * Every function returns >= 0 on success or -errno; none keeps state or allocates.
 */
#ifndef SBCNATIVE_H
#define SBCNATIVE_H

#include <stdint.h>

/* Bumped whenever a signature or the metadata layout changes; Java checks it after loading. */
#define SBC_ABI_VERSION 5

/* Largest batch for recvmmsg/sendmmsg (the arrays live on the stack). */
#define SBC_MAX_BATCH 64

/*
 * Per-datagram metadata record, SBC_META_BYTES long, native byte order:
 *   0  int32  datagram length (receive: the full length, which may exceed the slot: truncated)
 *   4  int32  address family: 4 or 6 (0 when unknown)
 *   8  int32  port
 *  12  int32  poll token of the socket (sbc_poll_receive), else 0
 *  16  16 B   address, network order (IPv4 in the first 4 bytes)
 *  32  int64  arrival time in CLOCK_MONOTONIC ns (System.nanoTime's clock) from the kernel's
 *             SO_TIMESTAMPNS receive stamp, or -1 when the datagram carried none
 */
#define SBC_META_BYTES 40

int sbc_pin_current_thread(int cpu);
int64_t sbc_current_thread_affinity(void);
/*
 * The calling thread's scheduling: priority 1..99 = SCHED_FIFO at that priority (with
 * SCHED_RESET_ON_FORK), 0 = back to SCHED_OTHER. Needs CAP_SYS_NICE or RLIMIT_RTPRIO >= priority
 * (-EPERM otherwise); -EINVAL outside 0..99.
 */
int sbc_set_current_thread_fifo(int priority);
/* The calling thread's policy (SCHED_OTHER 0, SCHED_FIFO 1, ...) << 8 | its real-time priority, or -errno. */
int sbc_current_thread_scheduling(void);
int sbc_enable_timestamps(int fd);
/*
 * A non-blocking, close-on-exec UDP socket of family 4 or 6 with SO_RCVBUF and SO_SNDBUF set to
 * buf_bytes and SO_TIMESTAMPNS on, bound to addr:port (addr: 4 or 16 bytes, network order; port 0
 * lets the kernel choose). Returns the descriptor or -errno (nothing is left open on failure).
 * The relay holds its media sockets this way: a bare descriptor instead of a JDK channel each.
 */
int sbc_udp_open(int family, const uint8_t *addr, int port, int buf_bytes);
/* The local port a socket is bound to, or -errno. */
int sbc_local_port(int fd);
int sbc_receive(int fd, uint8_t *buf, int cap, uint8_t *meta);
int sbc_receive_batch(int fd, uint8_t *slots, int slot_bytes, int max_msgs, uint8_t *meta);
int sbc_send_batch(int fd, const uint8_t *slots, int slot_bytes, int count, const uint8_t *meta);
/* sendto of buf[0..len) to the target in one metadata record (family, port, address). */
int sbc_send_to(int fd, const uint8_t *buf, int len, const uint8_t *meta);
/*
 * connect(2) of a UDP socket to the target in one metadata record (family, port, address), or, for
 * family 0, AF_UNSPEC: back to unconnected, on the same local address and port (a socket bound to
 * port 0 loses its port on disconnect in Linux and is bound to it again). A connected socket sends
 * without a route lookup per datagram (the route is cached on the socket) and receives only from
 * its peer.
 */
int sbc_connect(int fd, const uint8_t *meta);
/* send(2) of buf[0..len) on a connected socket. */
int sbc_send(int fd, const uint8_t *buf, int len);

/*
 * An epoll set over a relay worker's sockets. A poll is epoll_wait with a zero timeout, then
 * recvmmsg of at most per_fd_max datagrams from each ready socket (level-triggered, so a socket with
 * more left is reported again next poll), at most max_msgs in all, into consecutive slots and
 * metadata records; each record carries the socket's token (given to sbc_epoll_add) at offset 12.
 * A socket whose receive failed yields one record of length -errno. Returns the record count.
 */
int sbc_epoll_create(void);
int sbc_epoll_add(int epfd, int fd, int token);
int sbc_epoll_remove(int epfd, int fd);
int sbc_close(int fd);
int sbc_poll_receive(int epfd, uint8_t *slots, int slot_bytes, int max_msgs, int per_fd_max, uint8_t *meta);
/*
 * Blocks up to timeout_ms (0..1000) until a socket of the epoll set is readable, consuming nothing
 * (the set is level-triggered, so the next sbc_poll_receive still sees it). Returns the number of ready
 * sockets (0 on timeout) or -errno (-EINTR when a signal interrupted the wait).
 */
int sbc_epoll_await(int epfd, int timeout_ms);

#endif
