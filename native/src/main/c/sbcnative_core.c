/* See sbcnative.h. Linux only; compiled with -Wall -Wextra -Werror. */
#define _GNU_SOURCE
#include "sbcnative.h"

#include <errno.h>
#include <netinet/in.h>
#include <sched.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int sbc_pin_current_thread(int cpu) {
    if (cpu < 0 || cpu >= CPU_SETSIZE) {
        return -EINVAL;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    /* pid 0 = the calling thread (sched_setaffinity is per thread on Linux). */
    return sched_setaffinity(0, sizeof(set), &set) == 0 ? 0 : -errno;
}

int64_t sbc_current_thread_affinity(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) {
        return -errno;
    }
    int64_t mask = 0;
    for (int i = 0; i < 63; i++) {
        if (CPU_ISSET(i, &set)) {
            mask |= (int64_t) 1 << i;
        }
    }
    return mask;
}

int sbc_set_current_thread_fifo(int priority) {
    if (priority < 0 || priority > sched_get_priority_max(SCHED_FIFO)) {
        return -EINVAL;
    }
    struct sched_param p;
    memset(&p, 0, sizeof(p));
    p.sched_priority = priority;
    /* pid 0 = the calling thread (the policy is per thread on Linux). SCHED_RESET_ON_FORK: a process
     * forked from this thread starts with normal scheduling. */
    int policy = priority == 0 ? SCHED_OTHER : (SCHED_FIFO | SCHED_RESET_ON_FORK);
    return sched_setscheduler(0, policy, &p) == 0 ? 0 : -errno;
}

int sbc_current_thread_scheduling(void) {
    int policy = sched_getscheduler(0);
    if (policy < 0) {
        return -errno;
    }
    struct sched_param p;
    if (sched_getparam(0, &p) != 0) {
        return -errno;
    }
    return ((policy & ~SCHED_RESET_ON_FORK) << 8) | (p.sched_priority & 0xff);
}

int sbc_enable_timestamps(int fd) {
    int on = 1;
    return setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on)) == 0 ? 0 : -errno;
}

int sbc_udp_open(int family, const uint8_t *addr, int port, int buf_bytes) {
    if ((family != 4 && family != 6) || addr == NULL || port < 0 || port > 65535 || buf_bytes <= 0) {
        return -EINVAL;
    }
    struct sockaddr_storage sa;
    socklen_t sa_len;
    memset(&sa, 0, sizeof(sa));
    if (family == 4) {
        struct sockaddr_in *in = (struct sockaddr_in *) &sa;
        in->sin_family = AF_INET;
        in->sin_port = htons((uint16_t) port);
        memcpy(&in->sin_addr, addr, 4);
        sa_len = sizeof(*in);
    } else {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) &sa;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t) port);
        memcpy(&in6->sin6_addr, addr, 16);
        sa_len = sizeof(*in6);
    }
    int fd = socket(family == 4 ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -errno;
    }
    int on = 1;
    /* The same options, in the same order, as the JDK channel the relay used before (SO_RCVBUF, SO_SNDBUF, bind). */
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf_bytes, sizeof(buf_bytes)) != 0
            || setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf_bytes, sizeof(buf_bytes)) != 0
            || setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on)) != 0
            || bind(fd, (struct sockaddr *) &sa, sa_len) != 0) {
        int err = errno;
        close(fd);
        return -err;
    }
    return fd;
}

int sbc_local_port(int fd) {
    struct sockaddr_storage sa;
    socklen_t len = sizeof(sa);
    if (getsockname(fd, (struct sockaddr *) &sa, &len) != 0) {
        return -errno;
    }
    if (sa.ss_family == AF_INET) {
        return ntohs(((struct sockaddr_in *) &sa)->sin_port);
    }
    if (sa.ss_family == AF_INET6) {
        return ntohs(((struct sockaddr_in6 *) &sa)->sin6_port);
    }
    return -EAFNOSUPPORT;
}

static int64_t ns_of(const struct timespec *ts) {
    return (int64_t) ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

/*
 * The kernel stamps with CLOCK_REALTIME; the relay's clock is CLOCK_MONOTONIC. Their offset changes
 * only when the wall clock is stepped, but reading it takes two clock reads that a preemption can
 * split (milliseconds on a loaded box), so it is read three times (vDSO, ~20 ns per read) and the
 * read with the closest bracketing realtime pair wins: the error is half that gap, tens of ns.
 * A batch shares one conversion.
 */
static int64_t realtime_to_monotonic_offset(void) {
    int64_t best_gap = INT64_MAX;
    int64_t best = 0;
    for (int i = 0; i < 3; i++) {
        struct timespec r1, mono, r2;
        clock_gettime(CLOCK_REALTIME, &r1);
        clock_gettime(CLOCK_MONOTONIC, &mono);
        clock_gettime(CLOCK_REALTIME, &r2);
        int64_t gap = ns_of(&r2) - ns_of(&r1);
        if (gap >= 0 && gap < best_gap) {
            best_gap = gap;
            best = ns_of(&mono) - (ns_of(&r1) + gap / 2);
        }
    }
    return best;
}

/* The kernel's SO_TIMESTAMPNS stamp (CLOCK_REALTIME ns) of a received message, or -1 without one. */
static int64_t stamp_of(struct msghdr *msg) {
    for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR(msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS
                && c->cmsg_len >= CMSG_LEN(sizeof(struct timespec))) {
            struct timespec ts;
            memcpy(&ts, CMSG_DATA(c), sizeof(ts));
            return ns_of(&ts);
        }
    }
    return -1;
}

/*
 * Realtime stamp to CLOCK_MONOTONIC. The offset takes nine clock reads, so it is computed at most once
 * per call (receive, batch or poll), on the first stamped datagram: *offset starts as INT64_MIN.
 */
static int64_t arrival_of(struct msghdr *msg, int64_t *offset) {
    int64_t stamp = stamp_of(msg);
    if (stamp < 0) {
        return -1;
    }
    if (*offset == INT64_MIN) {
        *offset = realtime_to_monotonic_offset();
    }
    return stamp + *offset;
}

static void put_i32(uint8_t *p, int32_t v) { memcpy(p, &v, sizeof(v)); }
static void put_i64(uint8_t *p, int64_t v) { memcpy(p, &v, sizeof(v)); }
static int32_t get_i32(const uint8_t *p) { int32_t v; memcpy(&v, p, sizeof(v)); return v; }

static void write_meta(uint8_t *meta, int32_t len, const struct sockaddr_storage *sa, int64_t arrival) {
    memset(meta, 0, SBC_META_BYTES);
    put_i32(meta, len);
    if (sa->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *) sa;
        put_i32(meta + 4, 4);
        put_i32(meta + 8, ntohs(in->sin_port));
        memcpy(meta + 16, &in->sin_addr, 4);
    } else if (sa->ss_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) sa;
        put_i32(meta + 4, 6);
        put_i32(meta + 8, ntohs(in6->sin6_port));
        memcpy(meta + 16, &in6->sin6_addr, 16);
    }
    put_i64(meta + 32, arrival);
}

/* Room for one SCM_TIMESTAMPNS control message (and a spare, should another option be on). */
#define SBC_CMSG_BYTES (CMSG_SPACE(sizeof(struct timespec)) * 2)

int sbc_receive(int fd, uint8_t *buf, int cap, uint8_t *meta) {
    if (cap <= 0) {
        return -EINVAL;
    }
    struct sockaddr_storage sa;
    union { char bytes[SBC_CMSG_BYTES]; struct cmsghdr align; } control;
    struct iovec iov = { .iov_base = buf, .iov_len = (size_t) cap };
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    memset(&sa, 0, sizeof(sa));
    msg.msg_name = &sa;
    msg.msg_namelen = sizeof(sa);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.bytes;
    msg.msg_controllen = sizeof(control.bytes);
    /* MSG_TRUNC: return the real datagram length, so the caller can tell "too long". */
    ssize_t n = recvmsg(fd, &msg, MSG_DONTWAIT | MSG_TRUNC);
    if (n < 0) {
        return -errno;
    }
    int64_t offset = INT64_MIN;
    write_meta(meta, (int32_t) n, &sa, arrival_of(&msg, &offset));
    return (int) n;
}

/*
 * recvmmsg of up to max_msgs datagrams into consecutive slots and metadata records; the headers are
 * set up only for max_msgs entries (a poll asks for a few per socket). *offset: see arrival_of.
 */
static int receive_into(int fd, uint8_t *slots, int slot_bytes, int max_msgs, uint8_t *meta, int64_t *offset) {
    struct mmsghdr msgs[SBC_MAX_BATCH];
    struct iovec iovs[SBC_MAX_BATCH];
    struct sockaddr_storage names[SBC_MAX_BATCH];
    union { char bytes[SBC_CMSG_BYTES]; struct cmsghdr align; } controls[SBC_MAX_BATCH];
    memset(msgs, 0, sizeof(msgs[0]) * (size_t) max_msgs);
    for (int i = 0; i < max_msgs; i++) {
        iovs[i].iov_base = slots + (size_t) i * (size_t) slot_bytes;
        iovs[i].iov_len = (size_t) slot_bytes;
        memset(&names[i], 0, sizeof(names[i]));
        msgs[i].msg_hdr.msg_name = &names[i];
        msgs[i].msg_hdr.msg_namelen = sizeof(names[i]);
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_control = controls[i].bytes;
        msgs[i].msg_hdr.msg_controllen = sizeof(controls[i].bytes);
    }
    int n = recvmmsg(fd, msgs, (unsigned int) max_msgs, MSG_DONTWAIT, NULL);
    if (n < 0) {
        return -errno;
    }
    for (int i = 0; i < n; i++) {
        /* recvmmsg has no per-message MSG_TRUNC length; a full slot plus MSG_TRUNC marks oversize. */
        int32_t len = (int32_t) msgs[i].msg_len;
        if (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) {
            len = slot_bytes + 1;
        }
        write_meta(meta + (size_t) i * SBC_META_BYTES, len, &names[i], arrival_of(&msgs[i].msg_hdr, offset));
    }
    return n;
}

int sbc_receive_batch(int fd, uint8_t *slots, int slot_bytes, int max_msgs, uint8_t *meta) {
    if (slot_bytes <= 0 || max_msgs <= 0 || max_msgs > SBC_MAX_BATCH) {
        return -EINVAL;
    }
    int64_t offset = INT64_MIN;
    return receive_into(fd, slots, slot_bytes, max_msgs, meta, &offset);
}

static int read_target(const uint8_t *m, struct sockaddr_storage *sa, socklen_t *len) {
    memset(sa, 0, sizeof(*sa));
    int32_t family = get_i32(m + 4);
    int32_t port = get_i32(m + 8);
    if (port < 0 || port > 65535) {
        return -EINVAL;
    }
    if (family == 4) {
        struct sockaddr_in *in = (struct sockaddr_in *) sa;
        in->sin_family = AF_INET;
        in->sin_port = htons((uint16_t) port);
        memcpy(&in->sin_addr, m + 16, 4);
        *len = sizeof(*in);
        return 0;
    }
    if (family == 6) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) sa;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t) port);
        memcpy(&in6->sin6_addr, m + 16, 16);
        *len = sizeof(*in6);
        return 0;
    }
    return -EAFNOSUPPORT;
}

int sbc_send_batch(int fd, const uint8_t *slots, int slot_bytes, int count, const uint8_t *meta) {
    if (slot_bytes <= 0 || count <= 0 || count > SBC_MAX_BATCH) {
        return -EINVAL;
    }
    struct mmsghdr msgs[SBC_MAX_BATCH];
    struct iovec iovs[SBC_MAX_BATCH];
    struct sockaddr_storage names[SBC_MAX_BATCH];
    memset(msgs, 0, sizeof(msgs[0]) * (size_t) count);
    for (int i = 0; i < count; i++) {
        const uint8_t *m = meta + (size_t) i * SBC_META_BYTES;
        int32_t len = get_i32(m);
        if (len < 0 || len > slot_bytes) {
            return -EMSGSIZE;
        }
        socklen_t name_len;
        int rc = read_target(m, &names[i], &name_len);
        if (rc != 0) {
            return rc;
        }
        /* sendmmsg does not write through iov_base; the cast only drops const for the struct type. */
        iovs[i].iov_base = (void *) (uintptr_t) (slots + (size_t) i * (size_t) slot_bytes);
        iovs[i].iov_len = (size_t) len;
        msgs[i].msg_hdr.msg_name = &names[i];
        msgs[i].msg_hdr.msg_namelen = name_len;
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    int n = sendmmsg(fd, msgs, (unsigned int) count, MSG_DONTWAIT);
    return n < 0 ? -errno : n;
}

int sbc_send_to(int fd, const uint8_t *buf, int len, const uint8_t *meta) {
    if (len < 0) {
        return -EINVAL;
    }
    struct sockaddr_storage sa;
    socklen_t sa_len;
    int rc = read_target(meta, &sa, &sa_len);
    if (rc != 0) {
        return rc;
    }
    ssize_t n = sendto(fd, buf, (size_t) len, MSG_DONTWAIT, (struct sockaddr *) &sa, sa_len);
    return n < 0 ? -errno : (int) n;
}

static int port_of(const struct sockaddr_storage *sa) {
    if (sa->ss_family == AF_INET) {
        return ntohs(((const struct sockaddr_in *) sa)->sin_port);
    }
    if (sa->ss_family == AF_INET6) {
        return ntohs(((const struct sockaddr_in6 *) sa)->sin6_port);
    }
    return 0;
}

/*
 * connect(2) with AF_UNSPEC dissolves the association. Linux's udp_disconnect() also unhashes a
 * socket whose port the kernel chose (bound to port 0: no SOCK_BINDPORT_LOCK), leaving it without a
 * port; such a socket is bound again to the address and port it had.
 */
static int disconnect_keeping_port(int fd) {
    struct sockaddr_storage local;
    socklen_t local_len = sizeof(local);
    if (getsockname(fd, (struct sockaddr *) &local, &local_len) != 0) {
        return -errno;
    }
    struct sockaddr_storage unspec;
    memset(&unspec, 0, sizeof(unspec));
    unspec.ss_family = AF_UNSPEC;
    if (connect(fd, (struct sockaddr *) &unspec, sizeof(unspec)) != 0) {
        return -errno;
    }
    struct sockaddr_storage now;
    socklen_t now_len = sizeof(now);
    if (getsockname(fd, (struct sockaddr *) &now, &now_len) != 0) {
        return -errno;
    }
    if (port_of(&now) == 0 && port_of(&local) != 0
            && bind(fd, (struct sockaddr *) &local, local_len) != 0) {
        return -errno;
    }
    return 0;
}

int sbc_connect(int fd, const uint8_t *meta) {
    if (get_i32(meta + 4) == 0) {
        return disconnect_keeping_port(fd);
    }
    struct sockaddr_storage sa;
    socklen_t sa_len;
    int rc = read_target(meta, &sa, &sa_len);
    if (rc != 0) {
        return rc;
    }
    return connect(fd, (struct sockaddr *) &sa, sa_len) == 0 ? 0 : -errno;
}

int sbc_send(int fd, const uint8_t *buf, int len) {
    if (len < 0) {
        return -EINVAL;
    }
    ssize_t n = send(fd, buf, (size_t) len, MSG_DONTWAIT);
    return n < 0 ? -errno : (int) n;
}

int sbc_epoll_create(void) {
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    return epfd < 0 ? -errno : epfd;
}

int sbc_epoll_add(int epfd, int fd, int token) {
    if (fd < 0 || token < 0) {
        return -EINVAL;
    }
    /* Level-triggered: a socket with datagrams left after its share stays ready for the next poll. */
    struct epoll_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.events = EPOLLIN;
    ev.data.u64 = ((uint64_t) (uint32_t) token << 32) | (uint32_t) fd;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) == 0 ? 0 : -errno;
}

int sbc_epoll_remove(int epfd, int fd) {
    struct epoll_event ev;
    memset(&ev, 0, sizeof(ev));
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &ev) == 0 ? 0 : -errno;
}

int sbc_epoll_await(int epfd, int timeout_ms) {
    if (timeout_ms < 0 || timeout_ms > 1000) {
        return -EINVAL;
    }
    struct epoll_event ev;
    int ready = epoll_wait(epfd, &ev, 1, timeout_ms);
    return ready < 0 ? -errno : ready;
}

int sbc_close(int fd) {
    return close(fd) == 0 ? 0 : -errno;
}

int sbc_poll_receive(int epfd, uint8_t *slots, int slot_bytes, int max_msgs, int per_fd_max, uint8_t *meta) {
    if (slot_bytes <= 0 || max_msgs <= 0 || max_msgs > SBC_MAX_BATCH || per_fd_max <= 0) {
        return -EINVAL;
    }
    struct epoll_event events[SBC_MAX_BATCH];
    int ready = epoll_wait(epfd, events, max_msgs, 0);
    if (ready < 0) {
        return -errno;
    }
    int64_t offset = INT64_MIN;
    int total = 0;
    for (int e = 0; e < ready && total < max_msgs; e++) {
        int fd = (int) (uint32_t) events[e].data.u64;
        int32_t token = (int32_t) (events[e].data.u64 >> 32);
        int want = max_msgs - total < per_fd_max ? max_msgs - total : per_fd_max;
        uint8_t *m = meta + (size_t) total * SBC_META_BYTES;
        int n = receive_into(fd, slots + (size_t) total * (size_t) slot_bytes, slot_bytes, want, m, &offset);
        if (n == -EAGAIN || n == -EINTR) {
            continue;
        }
        if (n < 0) {
            /* One error record (length -errno) for this socket; the others still get read. */
            memset(m, 0, SBC_META_BYTES);
            put_i32(m, n);
            put_i64(m + 32, -1);
            n = 1;
        }
        for (int i = 0; i < n; i++) {
            put_i32(m + (size_t) i * SBC_META_BYTES + 12, token);
        }
        total += n;
    }
    return total;
}
